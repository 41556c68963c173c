import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestApp } from '../../helpers/test-app.js';
import { expectError } from '../http/hall-steps.js';
import { appointmentsApp, bj, book, bookOnline } from './steps.js';

describe('slot capacity', () => {
  let app: TestApp;
  beforeEach(async () => {
    ({ app } = await appointmentsApp());
    // invoice is served at w3 only: one place per slot
    const res = await app.http('PUT', '/api/services/invoice/booking', { token: await app.login('manager'), body: { capacityPerWindow: 1, slotMinutes: 20 } });
    expect(res.status, res.text).toBe(204);
  });
  afterEach(() => app.close());

  const attempt = (phone: string) => bookOnline(app, { serviceId: 'invoice', start: bj('2026-11-24', '09:10'), name: '访客', phone });

  it('two concurrent bookings for the last place: exactly one 201, the other 409 SLOT_FULL', async () => {
    const results = await Promise.all([attempt('13800000001'), attempt('13800000002')]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    expectError(
      results.find((r) => r.status === 409)!,
      409,
      'SLOT_FULL',
    );
    const slots = (await app.http('GET', '/api/halls/main/services/invoice/slots?date=2026-11-24')).body;
    expect(slots.find((s: { start: string }) => s.start === bj('2026-11-24', '09:10'))).toEqual({
      start: bj('2026-11-24', '09:10'),
      end: bj('2026-11-24', '09:30'),
      capacity: 1,
      booked: 1,
    });
  });

  it('twenty concurrent bookings for three places: exactly three win', async () => {
    await app.http('PUT', '/api/services/invoice/booking', { token: await app.login('manager'), body: { capacityPerWindow: 3 } });
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => attempt(`1380000${String(i).padStart(4, '0')}`)));
    expect(results.filter((r) => r.status === 201)).toHaveLength(3);
    expect(results.filter((r) => r.status === 409 && r.body.error.code === 'SLOT_FULL')).toHaveLength(17);
  });

  it('a slot that is not offered, already begun, or beyond the booking horizon is refused', async () => {
    expect(
      expectError(
        await app.http('POST', '/api/appointments', {
          body: { serviceId: 'invoice', start: bj('2026-11-24', '09:15'), name: '访客', phone: '13800000001', channel: 'online' },
        }),
        400,
        'VALIDATION',
      ),
    ).toContain('start');
    expectError(
      await app.http('POST', '/api/appointments', {
        body: { serviceId: 'invoice', start: bj('2026-11-23', '09:50'), name: '访客', phone: '13800000001', channel: 'online' },
      }),
      409,
      'SLOT_PASSED',
    );
    expect((await app.http('GET', '/api/halls/main/services/invoice/slots?date=2026-12-10')).body).toEqual([]);
    expectError(
      await app.http('POST', '/api/appointments', {
        body: { serviceId: 'invoice', start: bj('2026-12-10', '09:10'), name: '访客', phone: '13800000001', channel: 'online' },
      }),
      400,
      'VALIDATION',
    );
  });

  it('a cancelled booking gives its place back', async () => {
    const first = await book(app, { serviceId: 'invoice', start: bj('2026-11-24', '09:10') });
    expectError(await attempt('13800000009'), 409, 'SLOT_FULL');
    await app.http('DELETE', `/api/appointments/${first.code}?phoneLast4=5678`);
    expect((await attempt('13800000009')).status).toBe(201);
  });
});
