import { performance } from 'node:perf_hooks';
import { PASSWORD, TOKENS, testConfig } from '../tests/helpers/test-config.js';
import { startServedServer } from './lib/served-server.js';
import { printTable, printTargets, progress } from './lib/table.js';
import { summarize } from './lib/stats.js';
import { atMost } from './lib/targets.js';
import type { BenchSuite } from './suites.js';

const bj = (date: string, time: string) => new Date(`${date}T${time}:00+08:00`).toISOString();
const TIMES = ['08:30', '09:00', '09:30', '10:00', '10:30', '11:00', '13:00', '13:30', '14:00', '14:30', '15:00', '15:30', '16:00'];
const DAYS = ['2026-11-24', '2026-11-25', '2026-11-26', '2026-11-27', '2026-11-30'];

async function timed(fn: () => Promise<Response>): Promise<[Response, number]> {
  const t0 = performance.now();
  const res = await fn();
  await res.arrayBuffer();
  return [res, performance.now() - t0];
}

/** Booking, slot listing and check-in latency over HTTP; a burst of bookings on one slot. */
export const appointmentsSuite: BenchSuite = {
  name: 'appointments',
  async run() {
    // the test hall's Monday, 10:20 in Beijing, on the rehearsal clock at real speed: the bookings are the days after, the check-ins today's 10:30
    const server = await startServedServer({ config: testConfig(), args: ['--clock-start', bj('2026-11-23', '10:20'), '--clock-speed', '1'] });
    const post = (path: string, body: unknown, token?: string) =>
      fetch(server.url + path, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      });
    try {
      const login = (await (await post('/api/auth/login', { username: 'manager', password: PASSWORD })).json()) as { token: string };
      await fetch(`${server.url}/api/services/tax-reg/booking`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${login.token}` },
        body: JSON.stringify({ capacityPerWindow: 50 }),
      });
      progress('appointments: 650 bookings one after another');
      const bookMs: number[] = [];
      const codes: string[] = [];
      for (let i = 0; i < 650; i++) {
        const start = bj(DAYS[i % DAYS.length]!, TIMES[Math.floor(i / DAYS.length) % TIMES.length]!);
        const [res, ms] = await timed(() =>
          post('/api/appointments', { serviceId: 'tax-reg', start, name: '访客', phone: `138${String(i).padStart(8, '0')}`, channel: 'phone' }, login.token),
        );
        if (res.status !== 201) throw new Error(`booking ${i}: ${res.status}`);
        bookMs.push(ms);
      }
      const slotsMs: number[] = [];
      for (let i = 0; i < 200; i++)
        slotsMs.push((await timed(() => fetch(`${server.url}/api/halls/main/services/tax-reg/slots?date=${DAYS[i % DAYS.length]}`)))[1]);

      progress('appointments: 100 check-ins');
      await fetch(`${server.url}/api/services/invoice/booking`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${login.token}` },
        body: JSON.stringify({ capacityPerWindow: 100 }),
      });
      for (let i = 0; i < 100; i++) {
        const res = await post(
          '/api/appointments',
          { serviceId: 'invoice', start: bj('2026-11-23', '10:30'), name: '访客', phone: `139${String(i).padStart(8, '0')}`, channel: 'phone' },
          login.token,
        );
        if (res.status === 201) codes.push(((await res.json()) as { code: string }).code);
      }
      const checkInMs: number[] = [];
      for (const code of codes) checkInMs.push((await timed(() => post(`/api/appointments/${code}/check-in`, {}, TOKENS.kiosk)))[1]);

      progress('appointments: 200 concurrent bookings for 50 places');
      await fetch(`${server.url}/api/services/license/booking`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${login.token}` },
        body: JSON.stringify({ capacityPerWindow: 25 }),
      });
      const t0 = performance.now();
      const burst = await Promise.all(
        Array.from({ length: 200 }, (_, i) =>
          post(
            '/api/appointments',
            { serviceId: 'license', start: bj('2026-11-24', '09:00'), name: '访客', phone: `137${String(i).padStart(8, '0')}`, channel: 'phone' },
            login.token,
          ),
        ),
      );
      const burstMs = Math.round(performance.now() - t0);
      const winners = burst.filter((r) => r.status === 201).length;

      const book = summarize(bookMs);
      const slots = summarize(slotsMs);
      const checkIn = summarize(checkInMs);
      printTable(
        'appointments: one server, real SQLite file (synchronous=FULL)',
        ['figure', 'p50 ms', 'p99 ms', 'n'],
        [
          ['book a slot', book.p50, book.p99, book.n],
          ["list a day's slots", slots.p50, slots.p99, slots.n],
          ['check in', checkIn.p50, checkIn.p99, checkIn.n],
        ],
      );
      printTable(
        'appointments: burst on one slot',
        ['figure', 'value'],
        [
          ['concurrent bookings', 200],
          ['places', 50],
          ['booked', winners],
          ['total ms', burstMs],
        ],
      );
      // each booking and check-in is one durable commit (fsync): the disk sets the floor
      const targets = [
        atMost('booking p50 ≤ 50 ms', book.p50, 50),
        atMost('check-in p50 ≤ 50 ms', checkIn.p50, 50),
        atMost('slot listing p99 ≤ 100 ms', slots.p99, 100),
        atMost('burst: places overbooked = 0', Math.max(0, winners - 50), 0),
      ];
      printTargets(targets);
      return { book, slots, checkIn, burst: { requests: 200, places: 50, booked: winners, totalMs: burstMs }, targets };
    } finally {
      await server.stop();
    }
  },
};
