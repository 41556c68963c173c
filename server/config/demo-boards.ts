/**
 * LED boards for the demo hall, switched on from the environment so the demo can drive real
 * or simulated boards of either protocol:
 *   HALLQ_DEMO_LED_PORT=/tmp/ttyA (or COM3, or tcp://192.168.1.50:5005)
 *   HALLQ_DEMO_LED_PROTOCOL=hq485 | onbon-bx5k | onbon-bx6k | onbon-bx6   (default hq485)
 * Window strips at windows 1–5 (addresses 1–5) and a 4-line hall board of the first floor
 * (address 16). `npm run sim -- demo --port /tmp/ttyB --protocol …` simulates the same boards.
 */
import { isProtocolName, PROTOCOL_NAMES, type ProtocolName } from '../../drivers/protocols/catalog.js';
import { ConfigError } from './load-config.js';
import type { HallConfig } from './schema.js';

type Hardware = NonNullable<HallConfig['hardware']>[number];

export function demoBoards(protocol: ProtocolName): Hardware[] {
  const onbon = protocol !== 'hq485';
  const strip = onbon ? { protocol, width: 128, height: 16 } : {};
  const board = onbon ? { protocol, width: 192, height: 64, numberColor: 'red', textColor: 'green' } : {};
  return [
    ...[1, 2, 3, 4, 5].map((n) => ({ id: `led-w${n}`, kind: 'led' as const, busId: 'leds', address: n, windowId: `w${n}`, ...strip })),
    { id: 'led-f1', kind: 'led' as const, busId: 'leds', address: 16, zoneId: 'f1', lines: 4, ...board },
  ];
}

/** the demo config with its LED boards when HALLQ_DEMO_LED_PORT names a port */
export function withDemoBoards(config: HallConfig, env: NodeJS.ProcessEnv): HallConfig {
  const port = env.HALLQ_DEMO_LED_PORT;
  if (!port) return config;
  const protocol = env.HALLQ_DEMO_LED_PROTOCOL ?? 'hq485';
  if (!isProtocolName(protocol)) throw new ConfigError(`HALLQ_DEMO_LED_PROTOCOL: unknown protocol "${protocol}" (one of ${PROTOCOL_NAMES.join(', ')})`);
  return { ...config, buses: [...(config.buses ?? []), { id: 'leds', port }], hardware: [...(config.hardware ?? []), ...demoBoards(protocol)] };
}
