import { demoConfig, DEMO_PASSWORD } from '../../server/config/demo-config.js';
import type { HallConfig } from '../../server/config/schema.js';

/** Kiosks issuing in the throughput run: one per load connection, so none meets its rate limit. */
export const BENCH_KIOSKS = 20;

export const benchKioskToken = (i: number): string => `bench-kiosk-${String(i).padStart(2, '0')}-token-0123456789`;
export const BENCH_DISPLAY_TOKEN = 'bench-display-token-0123456789';
export const BENCH_STAFF = { username: 'wangfang', password: DEMO_PASSWORD, windowId: 'w1', serviceId: 'tax-reg' } as const;

/** The services of the demo hall, to spread the load over several numbering prefixes. */
export const BENCH_SERVICE_IDS = ['tax-reg', 'tax-invoice', 'biz-license', 'soc-insure', 'soc-pension', 'realty-reg', 'hukou', 'id-card'];

/**
 * The demo hall (open all day, so the bench runs at any hour) with one kiosk per load
 * connection and the kiosk rate limit raised to the schema's maximum; its simulated printer
 * and voice stay on, as in `npm start`.
 */
export function benchHallConfig(): HallConfig {
  const demo = demoConfig({ 'kiosk-1': benchKioskToken(0), 'board-1': BENCH_DISPLAY_TOKEN, 'ev-w1': 'bench-evaluator-token-0123456789' });
  const kiosks = Array.from({ length: BENCH_KIOSKS }, (_, i) => ({ id: `kiosk-${i}`, kind: 'kiosk' as const, hallId: 'main', token: benchKioskToken(i) }));
  return {
    ...demo,
    devices: [...kiosks, ...(demo.devices ?? []).filter((d) => d.kind !== 'kiosk')],
    limits: { ticketsPerKioskPerMinute: 10_000 },
  };
}
