/**
 * One suite, two stores: supervision (电子监察 · 绩效考核). A day of a hall's events is recorded on
 * SQLite and on PostgreSQL, the real aggregator catches up with it in the hall's transactions, and
 * the day, month and year reports, the alert check, the audit trail and the bad-review follow-ups
 * read back through the real use-cases must give the same answers on both.
 */
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { NewEvent } from '../../../server/app/ports.js';
import type { AppContext } from '../../../server/app/context.js';
import type { HallEventType } from '../../../server/contract/events.js';
import type { Principal } from '../../../server/contract/principal.js';
import { EventBus } from '../../../server/app/event-bus.js';
import { buildSupervision } from '../../../server/supervision/feature.js';
import { supervisionReport } from '../../../server/supervision/report.js';
import { at, DAY, insertTickets, ticket } from './seed.js';
import { useBothStores } from './both-stores.js';
import type { ContractStore } from './stores.js';
const both = useBothStores({ seeded: true });
const same = both.same;

const admin: Principal = { type: 'user', id: 'u0', name: '管理员', role: 'admin', hallId: null, windowIds: [] };
/** the reading instant: 11:00 in Shanghai on the recorded day */
const NOW = at(120);

function supervisionOf(s: ContractStore) {
  const raised: string[] = [];
  const ctx: AppContext = { store: s.app.store, bus: new EventBus(), clock: { now: () => new Date(NOW) }, log: pino({ level: 'silent' }) };
  const deps = buildSupervision(ctx, s.app.supervision, { sinkFor: () => ({ send: async (a) => void raised.push(a.key) }) });
  return { ctx, deps, raised };
}

type Ev = Omit<NewEvent, 'hallId' | 'at'> & { minute: number };
const ev = <T extends HallEventType>(minute: number, type: T, data: NewEvent<T>['data'], windowId: string | null = null): Ev =>
  ({ minute, type, data, windowId }) as Ev;
const tk = (id: string, number: string, serviceId: string, more: Record<string, unknown> = {}) => ({ ticketId: id, number, serviceId, ...more });
const w1 = { windowId: 'w1', windowNumber: 1, staffId: 'u1' };
const w2 = { windowId: 'w2', windowNumber: 2 };

/** a morning: two windows, six tickets (served, no-show, a transfer with a second visit, a recall, a cancel, one still waiting), two ratings */
const MORNING: Ev[] = [
  ev(0, 'window.status', { windowId: 'w1', windowNumber: 1, status: 'open', staffId: 'u1' }, 'w1'),
  ev(0, 'window.status', { windowId: 'w2', windowNumber: 2, status: 'open' }, 'w2'),
  ev(1, 'ticket.issued', tk('a1', 'A001', 's1')),
  ev(2, 'ticket.issued', tk('b1', 'B001', 's2')),
  ev(3, 'ticket.issued', tk('a2', 'A002', 's1', { appointment: true })),
  ev(4, 'ticket.issued', tk('b2', 'B002', 's2')),
  ev(5, 'ticket.issued', tk('a3', 'A003', 's1')),
  ev(6, 'ticket.cancelled', tk('a3', 'A003', 's1')),
  ev(10, 'ticket.called', { ...tk('a1', 'A001', 's1', { issuedAt: at(1) }), ...w1, recall: false, zoneId: 'z1' }, 'w1'),
  ev(11, 'ticket.started', { ...tk('a1', 'A001', 's1'), ...w1 }, 'w1'),
  ev(12, 'ticket.called', { ...tk('b1', 'B001', 's2', { issuedAt: at(2) }), ...w2, recall: false, zoneId: 'z1' }, 'w2'),
  ev(14, 'ticket.called', { ...tk('b1', 'B001', 's2', { issuedAt: at(2) }), ...w2, recall: true, zoneId: 'z1' }, 'w2'),
  ev(15, 'ticket.skipped', { ...tk('b1', 'B001', 's2'), ...w2 }, 'w2'),
  ev(20, 'ticket.finished', { ...tk('a1', 'A001', 's1'), ...w1 }, 'w1'),
  ev(21, 'evaluation.created', { ticketId: 'a1', number: 'A001', level: 5, tags: [], windowId: 'w1', staffId: 'u1' }),
  ev(22, 'ticket.called', { ...tk('a2', 'A002', 's1', { issuedAt: at(3) }), ...w1, recall: false, zoneId: 'z1' }, 'w1'),
  ev(23, 'ticket.started', { ...tk('a2', 'A002', 's1'), ...w1 }, 'w1'),
  ev(24, 'ticket.called', { ...tk('b2', 'B002', 's2', { issuedAt: at(4) }), ...w2, recall: false, zoneId: 'z1' }, 'w2'),
  ev(26, 'ticket.started', { ...tk('b2', 'B002', 's2'), ...w2 }, 'w2'),
  ev(30, 'ticket.transferred', { ...tk('b2', 'B002', 's1', { issuedAt: at(4) }), windowId: 'w2', fromServiceId: 's2', toServiceId: 's1' }, 'w2'),
  ev(37, 'ticket.finished', { ...tk('a2', 'A002', 's1'), ...w1 }, 'w1'),
  ev(38, 'evaluation.created', { ticketId: 'a2', number: 'A002', level: 1, tags: ['态度'], windowId: 'w1', staffId: 'u1' }),
  ev(40, 'ticket.called', { ...tk('b2', 'B002', 's1', { issuedAt: at(4) }), ...w1, recall: false, zoneId: 'z1' }, 'w1'),
  ev(41, 'ticket.started', { ...tk('b2', 'B002', 's1'), ...w1 }, 'w1'),
  ev(48, 'ticket.finished', { ...tk('b2', 'B002', 's1'), ...w1 }, 'w1'),
  ev(50, 'window.status', { windowId: 'w2', windowNumber: 2, status: 'paused', reason: 'break' }, 'w2'),
  ev(60, 'window.status', { windowId: 'w2', windowNumber: 2, status: 'closed' }, 'w2'),
  ev(70, 'ticket.issued', tk('a4', 'A004', 's1')),
];

/** the morning's tickets and ratings as rows (follow-ups join the rating's comment and contact), then its events, a few per transaction */
async function recordMorning(s: ContractStore): Promise<void> {
  await insertTickets(s, [
    ticket('a1', 's1', 1, 1, { status: 'done' }),
    ticket('b1', 's2', 1, 2, { status: 'no_show' }),
    ticket('a2', 's1', 2, 3, { status: 'done' }),
    ticket('b2', 's1', 2, 4, { status: 'done', number: 'B002' }),
    ticket('a3', 's1', 3, 5, { status: 'cancelled' }),
    ticket('a4', 's1', 4, 70),
  ]);
  await s.evaluations.insert({
    ticketId: 'a1',
    hallId: 'h1',
    level: 5,
    tags: [],
    comment: '',
    windowId: 'w1',
    staffId: 'u1',
    source: 'evaluator',
    createdAt: at(21),
  });
  await s.evaluations.insert({
    ticketId: 'a2',
    hallId: 'h1',
    level: 1,
    tags: ['态度'],
    comment: '等太久',
    contact: '13800000000',
    windowId: 'w1',
    staffId: 'u1',
    source: 'evaluator',
    createdAt: at(38),
  });
  for (let i = 0; i < MORNING.length; i += 4) {
    await s.app.store.writeHall('h1', async (tx) => {
      for (const { minute, ...e } of MORNING.slice(i, i + 4)) await tx.events.append({ ...e, hallId: 'h1', at: at(minute) } as NewEvent);
    });
  }
}

describe('supervision on both stores', () => {
  it('catches up with a day of events once, and reads the same day, month and year reports, filtered or not', async () => {
    const answer = await same(async (s) => {
      await recordMorning(s);
      const { ctx, deps } = supervisionOf(s);
      const applied = await deps.aggregator.catchUp('h1');
      const again = await deps.aggregator.catchUp('h1');
      const report = (from: string, to: string, more: Record<string, string> = {}) =>
        supervisionReport(
          ctx,
          {
            reports: deps.reports,
            followUps: (h, f, t) => deps.records.followUps(h, f, t),
            followUpComments: (h, f, t) => deps.records.followUpComments(h, f, t),
            weights: (h) => deps.settings.weights(h),
          },
          { hallId: 'h1', from, to, ...more },
        );
      const day = await report(DAY, DAY);
      return {
        applied,
        again,
        day,
        month: await report('2026-03-01', '2026-03-31'),
        // whole months from month rows, the days at the ends from day rows
        year: await report('2025-03-03', '2026-03-02', { group: 'month' }),
        window: await report(DAY, DAY, { windowId: 'w1' }),
        person: await report('2026-02-15', '2026-03-31', { staffId: 'u1' }),
        service: await report(DAY, DAY, { serviceId: 's2' }),
        windowStates: (await deps.aggregates.windowStates('h1')).sort((a, b) => a.windowId.localeCompare(b.windowId)),
        slots: (await deps.reports.slots({ hallId: 'h1', fromDay: DAY, toDay: DAY })).sort((a, b) => a.slot - b.slot || a.serviceId.localeCompare(b.serviceId)),
      };
    });
    // what both agree on is the morning as it happened
    expect(answer).toMatchObject({ applied: MORNING.length, again: 0 });
    expect(answer.day.totals).toMatchObject({ issued: 6, cancelled: 1, called: 5, served: 3, noShow: 1, transferred: 1 });
    expect(answer.year.totals).toMatchObject({ issued: 6, served: 3 });
    expect(answer.day.totals.walkMinutes.mean).toBe(1.3); // (1 + 1 + 2 + 1) / 4 minutes from call to start
    expect(answer.day.badReviews.map((r) => [r.number, r.comment])).toEqual([['A002', '等太久']]);
  });

  it('raises, resolves and acknowledges the same alerts, and keeps the same follow-ups through their steps', async () => {
    const answer = await same(async (s) => {
      await recordMorning(s);
      const { deps, raised } = supervisionOf(s);
      await deps.aggregator.catchUp('h1');
      await deps.settings.saveAlerts('h1', { waitMinutes: [10, 20, 40], minOpenWindows: 2 });
      const first = await deps.alerts.check('h1');
      const repeat = await deps.alerts.check('h1');
      const acked = await deps.alerts.acknowledge(admin, first.raised[0]!.id, '已处理');
      const followUps = await deps.followUps.list('h1', false);
      const called = await deps.followUps.callback(admin, 'a2', '已回访');
      const rectified = await deps.followUps.rectify(admin, 'a2', '已整改');
      const rated = await deps.followUps.visitorRating({ actor: admin }, 'a2', 4);
      const refused = await deps.followUps.callback(admin, 'a2', '再次').catch((e: Error) => e.message);
      const audit = (await deps.records.audit('h1', '', '9999')).map(({ id: _id, beforeJson, afterJson, ...r }) => ({
        ...r,
        before: beforeJson === null ? null : (JSON.parse(beforeJson) as unknown),
        after: afterJson === null ? null : (JSON.parse(afterJson) as unknown),
      }));
      return {
        first,
        repeat,
        acked,
        active: await deps.records.activeAlerts('h1'),
        recent: await deps.records.recentAlerts('h1', at(0)),
        delivered: raised,
        followUps,
        steps: { called, rectified, rated, refused },
        open: await deps.followUps.list('h1', true),
        overdue: await deps.records.overdueFollowUps('h1', '2026-03-31'),
        weights: await deps.settings.weights('h1'),
        alertSettings: await deps.settings.alerts('h1'),
        audit,
      };
    });
    expect(answer.first.raised.map((a) => a.kind)).toContain('wait'); // A004 has waited 50 minutes
    expect(answer.repeat).toEqual({ raised: [], resolved: 0 });
    expect(answer.acked).toMatchObject({ ackBy: 'u0', ackNote: '已处理' });
    expect(answer.followUps.map((f) => [f.number, f.comment, f.contact])).toEqual([['A002', '等太久', '13800000000']]);
    expect(answer.steps.rated).toMatchObject({ status: 'rectified', visitorLevel: 4 });
    expect(answer.steps.refused).toMatch(/already recorded/);
    expect(answer.audit.map((a) => a.action)).toEqual(['followup-visitor-rating', 'followup-rectified', 'followup-callback', 'alert-acknowledge']);
  });
});
