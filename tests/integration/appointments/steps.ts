import { expect } from 'vitest';
import { createAppointmentsFeature, type AppointmentsFeature } from '../../../server/appointments/feature.js';
import { DEFAULT_RULES } from '../../../server/appointments/model.js';
import type { IdRequirement } from '../../../server/domain/booking-identity.js';
import type { Feature } from '../../../server/features.js';
import type { SecurityLimits } from '../../../server/security/limits.js';
import { RecordingNotifier } from '../../helpers/recording-notifier.js';
import { buildTestApp, type TestApp } from '../../helpers/test-app.js';

/** Beijing wall-clock → ISO instant. */
export const bj = (date: string, time: string) => new Date(`${date}T${time}:00+08:00`).toISOString();

/**
 * Limits that tests of other rules do not run into (every request comes from 127.0.0.1 and the
 * same few phones); the limits themselves are tested with their defaults.
 */
export const ROOMY: Partial<SecurityLimits> = {
  bookingActionsPerAddressPerHour: 10_000,
  codeLookupsPerAddressPer10Minutes: 10_000,
  phoneCodesPerPhonePerHour: 10_000,
  bookingsPerPersonPerServiceDay: 100,
  openBookingsPerPerson: 100,
};

/** the visitor's phone: every SMS code the tests' halls send */
export const phoneInbox = new RecordingNotifier();

/**
 * An appointments server. Online bookings without an ID number are allowed (idRequired 'never')
 * unless the test asks for a rule: tests of other rules book many times under the same few
 * phones; the ID rule is tested with its default.
 */
export async function appointmentsApp(
  opts: { now?: string; limits?: Partial<SecurityLimits>; idRequired?: IdRequirement; features?: Feature[] } = {},
): Promise<{ app: TestApp; feature: AppointmentsFeature }> {
  // a long interval: the tests run the jobs themselves after moving the clock
  const feature = createAppointmentsFeature({ jobIntervalMs: 3_600_000, phoneCodeNotifier: phoneInbox });
  const app = await buildTestApp({
    features: [feature, ...(opts.features ?? [])],
    ...(opts.now ? { now: opts.now } : {}),
    limits: { ...ROOMY, ...opts.limits },
  });
  if (opts.idRequired !== DEFAULT_RULES.idRequired) {
    const rules = { ...DEFAULT_RULES, idRequired: opts.idRequired ?? 'never' };
    for (const hall of await app.server.store.halls.halls()) await app.server.stores.appointments.putRules(hall.id, rules);
  }
  return { app, feature };
}

/** asks for an SMS code for the number and reads it off the phone */
export async function phoneCode(app: TestApp, phone: string, hallId = 'main'): Promise<string> {
  const res = await app.http('POST', `/api/halls/${hallId}/phone-codes`, { body: { phone } });
  expect(res.status, res.text).toBe(201);
  return phoneInbox.lastCode(phone);
}

export interface Booked {
  id: string;
  code: string;
  start: string;
  end: string;
  status: string;
  phone: string;
  materials: string;
}

/** an online booking as the page makes it: SMS code first, then the booking (the answer is not checked) */
export async function bookOnline(app: TestApp, body: Record<string, unknown> & { phone: string }) {
  return app.http('POST', '/api/appointments', { body: { channel: 'online', ...body, phoneCode: await phoneCode(app, body.phone) } });
}

/** books, confirming the phone by SMS code first when it is an online booking */
export async function book(
  app: TestApp,
  body: { serviceId?: string; start: string; name?: string; phone?: string; idNumber?: string; channel?: string; lang?: string },
  token?: string,
): Promise<Booked> {
  const full = { serviceId: 'tax-reg', name: '张三', phone: '13812345678', channel: 'online', ...body };
  const res = await app.http('POST', '/api/appointments', {
    ...(token ? { token } : {}),
    body: { ...full, ...(full.channel === 'online' ? { phoneCode: await phoneCode(app, full.phone) } : {}) },
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
