import { expect } from 'vitest';
import { createAppointmentsFeature, type AppointmentsFeature } from '../../../server/appointments/feature.js';
import { buildTestApp, type TestApp } from '../../helpers/test-app.js';

/** Beijing wall-clock → ISO instant. */
export const bj = (date: string, time: string) => new Date(`${date}T${time}:00+08:00`).toISOString();

export async function appointmentsApp(opts: { now?: string } = {}): Promise<{ app: TestApp; feature: AppointmentsFeature }> {
  // a long interval: the tests run the jobs themselves after moving the clock
  const feature = createAppointmentsFeature({ jobIntervalMs: 3_600_000 });
  const app = await buildTestApp({ features: [feature], ...(opts.now ? { now: opts.now } : {}) });
  return { app, feature };
}

export interface Booked { id: string; code: string; start: string; end: string; status: string; phone: string; materials: string }

export async function book(app: TestApp, body: { serviceId?: string; start: string; name?: string; phone?: string; idNumber?: string; channel?: string }, token?: string): Promise<Booked> {
  const res = await app.http('POST', '/api/appointments', {
    ...(token ? { token } : {}),
    body: { serviceId: 'tax-reg', name: '张三', phone: '13812345678', channel: 'online', ...body },
  });
  expect(res.status, res.text).toBe(201);
  return res.body as Booked;
}

/** A valid resident ID number (GB 11643 check character computed). */
export function idNumber(first17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, d, i) => s + Number(d) * (w[i] ?? 0), 0);
  return first17 + '10X98765432'[sum % 11];
}
