import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HallConfig } from '../../../server/config/schema.js';
import { buildTestApp, type TestApp } from '../../helpers/test-app.js';
import { PASSWORD, testConfig } from '../../helpers/test-config.js';

const WINDOWS = 20;

/** The test hall plus 20 windows (zone f2) that all serve one shared queue, with one staff member each. */
function crowdedHall(): HallConfig {
  const config = testConfig();
  config.services.push({ id: 'social', name: '社保业务', prefix: 'S', departmentId: 'tax', hallId: 'main', avgServiceMinutes: 6 });
  for (let i = 1; i <= WINDOWS; i++) {
    config.windows.push({ id: `q${i}`, number: 100 + i, name: `${100 + i}号窗口`, hallId: 'main', zoneId: 'f2', serviceIds: ['social'] });
    config.staff.push({ id: `sq${i}`, name: `窗口${i}`, employeeNo: `5${i}`, role: 'staff', username: `clerk${i}`, password: PASSWORD, windowIds: [`q${i}`] });
  }
  config.limits = { ticketsPerKioskPerMinute: 10_000 };
  return config;
}

let app: TestApp;
let clerks: string[];

beforeAll(async () => {
  app = await buildTestApp({ config: crowdedHall() });
  clerks = await Promise.all(Array.from({ length: WINDOWS }, (_, i) => app.login(`clerk${i + 1}`)));
  await Promise.all(clerks.map((token, i) => app.http('POST', `/api/windows/q${i + 1}/open`, { token })));
});
afterAll(async () => {
  await app.close();
});

const callAll = () => Promise.all(clerks.map((token, i) => app.http('POST', `/api/windows/q${i + 1}/call-next`, { token })));
const skipAll = () => Promise.all(clerks.map((token, i) => app.http('POST', `/api/windows/q${i + 1}/skip`, { token })));

describe('concurrency on one shared queue', () => {
  it('issues 50 tickets at once with numbers S001…S050, no gap and no duplicate', async () => {
    const { TOKENS } = await import('../../helpers/test-config.js');
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) => app.http('POST', '/api/tickets', { token: i % 2 ? TOKENS.kiosk : TOKENS.kiosk2, body: { serviceId: 'social' } })),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(50).fill(201));
    const numbers = answers.map((a) => a.body.number as string).sort();
    expect(numbers).toEqual(Array.from({ length: 50 }, (_, i) => `S${String(i + 1).padStart(3, '0')}`));
  });

  it('20 windows calling at the same instant never get the same ticket, round after round', async () => {
    const seen = new Set<string>();
    for (let round = 0; round < 2; round++) {
      const answers = await callAll();
      expect(answers.map((a) => a.status)).toEqual(Array(WINDOWS).fill(200));
      const ids = answers.map((a) => a.body.ticket.id as string);
      expect(new Set(ids).size).toBe(WINDOWS);
      for (const id of ids) {
        expect(seen.has(id)).toBe(false);
        seen.add(id);
      }
      expect((await skipAll()).every((a) => a.status === 200)).toBe(true);
    }
    // 10 tickets left for 20 windows: ten get one each, ten hear QUEUE_EMPTY
    const last = await callAll();
    const ok = last.filter((a) => a.status === 200);
    expect(ok).toHaveLength(10);
    expect(last.filter((a) => a.status === 409).map((a) => a.body.error.code)).toEqual(Array(10).fill('QUEUE_EMPTY'));
    for (const a of ok) expect(seen.has(a.body.ticket.id)).toBe(false);
    expect(new Set(ok.map((a) => a.body.ticket.id)).size).toBe(10);

    // every call is in the hall's event log: no ticket's first call is there twice
    const calledTwice = (await app.server.store.events.since('main', 0, 100_000))
      .flatMap((e) => (e.type === 'ticket.called' && !e.data.recall ? [e.data.ticketId] : []))
      .filter((id, i, all) => all.indexOf(id) !== i);
    expect(calledTwice).toEqual([]);
  });
});
