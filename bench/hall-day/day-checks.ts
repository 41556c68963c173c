import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { Api } from '../lib/http-client.js';
import type { DayRecord } from './day-actors.js';
import type { BoardClientsProcess, LedBusProcess, PhoneStreams, WebhookReceiver } from './observers.js';

/** One invariant of the day: what should hold, and what was found. */
export interface DayCheck {
  check: string;
  ok: boolean;
  found: string;
}

export interface DayObservers {
  boards: Pick<BoardClientsProcess, 'received'>;
  phones: PhoneStreams;
  leds?: Pick<LedBusProcess, 'shownWithin'>;
  sms: WebhookReceiver;
}

interface CallRow {
  seq: number;
  number: string;
  windowNumber: number;
  ticketId: string;
  windowId: string;
  at: string;
  onWindowMs: number;
}

/**
 * An LED strip shows its window's current call. The bus is real hardware time (115200 baud, a
 * reply per frame) while the day runs faster: a call that is current for less than this much
 * real time may be drawn over before its frame goes out, and is not counted.
 */
const LED_MIN_REAL_MS = 1000;

const check = (name: string, ok: boolean, found: string): DayCheck => ({ check: name, ok, found });

/** What the database says happened: the event log, the tickets, the outbox. */
export function readDay(dataDir: string, hallId: string, day: string) {
  const db = new Database(join(dataDir, 'hall-queue.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const count = (type: string) => (db.prepare('SELECT COUNT(*) AS n FROM events WHERE hall_id = ? AND type = ?').get(hallId, type) as { n: number }).n;
    const rows = db
      .prepare(
        `SELECT seq, type, at, window_id AS windowId, data FROM events WHERE hall_id = ?
      AND type IN ('ticket.called', 'ticket.skipped', 'ticket.finished', 'ticket.transferred') ORDER BY seq`,
      )
      .all(hallId) as { seq: number; type: string; at: string; windowId: string; data: string }[];
    // how long each call stayed the window's current one: until the window's next call or end of a ticket
    const calls: CallRow[] = [];
    const open = new Map<string, CallRow>();
    for (const r of rows) {
      const previous = open.get(r.windowId);
      if (previous) previous.onWindowMs = Date.parse(r.at) - Date.parse(previous.at);
      open.delete(r.windowId);
      if (r.type !== 'ticket.called') continue;
      const call = {
        seq: r.seq,
        at: r.at,
        windowId: r.windowId,
        onWindowMs: Number.POSITIVE_INFINITY,
        ...(JSON.parse(r.data) as { number: string; windowNumber: number; ticketId: string }),
      };
      calls.push(call);
      open.set(r.windowId, call);
    }
    // when each device was reported not online: a call made meanwhile reaches its board only if still current when it is back
    const offline = new Map<string, [number, number][]>();
    for (const r of db.prepare("SELECT at, data FROM events WHERE hall_id = ? AND type = 'device.health' ORDER BY seq").all(hallId) as {
      at: string;
      data: string;
    }[]) {
      const h = JSON.parse(r.data) as { id: string; status: string };
      const spans = offline.get(h.id) ?? [];
      offline.set(h.id, spans);
      const last = spans.at(-1);
      if (h.status !== 'online' && (!last || last[1] !== Number.POSITIVE_INFINITY)) spans.push([Date.parse(r.at), Number.POSITIVE_INFINITY]);
      if (h.status === 'online' && last && last[1] === Number.POSITIVE_INFINITY) last[1] = Date.parse(r.at);
    }
    return {
      calls,
      offline,
      issuedEvents: count('ticket.issued'),
      finishedEvents: count('ticket.finished'),
      tickets: (db.prepare('SELECT COUNT(*) AS n FROM tickets WHERE hall_id = ? AND business_day = ?').get(hallId, day) as { n: number }).n,
      duplicateNumbers: (
        db
          .prepare(
            `SELECT COUNT(*) AS n FROM (SELECT hall_id, business_day, number FROM tickets
        GROUP BY hall_id, business_day, number HAVING COUNT(*) > 1)`,
          )
          .get() as { n: number }
      ).n,
      outbox: db.prepare('SELECT id, kind, status FROM notification_outbox WHERE hall_id = ?').all(hallId) as { id: number; kind: string; status: string }[],
    };
  } finally {
    db.close();
  }
}

export type DayFacts = ReturnType<typeof readDay>;

/** The day's invariants, from what the observers saw against what the database recorded. */
export async function checkDay(
  api: Api,
  hallId: string,
  managerToken: string,
  day: string,
  speed: number,
  facts: DayFacts,
  record: DayRecord,
  seen: DayObservers,
): Promise<DayCheck[]> {
  const checks: DayCheck[] = [];
  const calls = facts.calls;
  const missedByBoards = seen.boards.received.map((got) => calls.filter((c) => !got.has(c.seq)).length);
  checks.push(
    check(
      `every call reached every subscribed board (${seen.boards.received.length} sockets)`,
      missedByBoards.every((n) => n === 0),
      `${calls.length} calls; boards missing some: ${missedByBoards.filter((n) => n > 0).length} (most missed ${Math.max(0, ...missedByBoards)})`,
    ),
  );
  if (seen.leds) {
    const leds = seen.leds;
    const wasOffline = (c: CallRow) =>
      (facts.offline.get(`led-${c.windowId}`) ?? []).some(([from, to]) => from <= Date.parse(c.at) + c.onWindowMs && to >= Date.parse(c.at));
    const reported = calls.filter((c) => c.onWindowMs / speed >= LED_MIN_REAL_MS && wasOffline(c)).length;
    const lasting = calls.filter((c) => c.onWindowMs / speed >= LED_MIN_REAL_MS && !wasOffline(c));
    // what a visitor sees: the number on the strip while the call is the window's current one
    const lag = lasting.map((c) => leds.shownWithin(c.windowNumber, c.number, Date.parse(c.at), Date.parse(c.at) + c.onWindowMs));
    const notShown = lasting.filter((_, i) => lag[i] === undefined);
    const lagsRealMs = lag.flatMap((ms) => (ms === undefined ? [] : [ms / speed]));
    // a miss that came up later was late; one that never did was skipped
    const shownLate = (c: CallRow) => {
      const ms = leds.shownWithin(c.windowNumber, c.number, Date.parse(c.at), Number.POSITIVE_INFINITY);
      return ms === undefined ? 'never shown' : `shown ${Math.round(ms / speed)} ms after the call`;
    };
    checks.push(
      check(
        `every call was on its window's LED strip while current (calls current ${LED_MIN_REAL_MS / 1000} s or more of real time: the bus runs in real time, the day at ${speed}×)`,
        notShown.length === 0,
        `${lasting.length - notShown.length} of ${lasting.length} shown, at worst ${Math.round(Math.max(0, ...lagsRealMs))} ms (real) after the call${
          notShown.length
            ? `; not shown: ${notShown
                .slice(0, 5)
                .map((c) => `${c.number}@${c.windowNumber} (current ${Math.round(c.onWindowMs / speed)} ms, ${shownLate(c)})`)
                .join(', ')}`
            : ''
        }; ${calls.length - lasting.length - reported} calls changed sooner and ${reported} came while the strip was reported offline, not counted`,
      ),
    );
  }
  // a phone counts once its stream answered: one that had not connected yet was not following
  const followedAndCalled = [...seen.phones.seen.entries()].filter(([id, statuses]) => statuses.size > 0 && record.timesCalled.has(id));
  const phonesMissed = followedAndCalled.filter(([, statuses]) => !statuses.has('called') && !statuses.has('serving') && !statuses.has('done'));
  checks.push(
    check('every phone following a called ticket saw the call', phonesMissed.length === 0, `${followedAndCalled.length} phones, ${phonesMissed.length} missed`),
  );
  checks.push(check('no ticket numbered twice', facts.duplicateNumbers === 0, `${facts.duplicateNumbers} duplicated numbers`));
  checks.push(
    check('every acknowledged ticket is stored', facts.tickets >= record.acknowledged, `${record.acknowledged} acknowledged, ${facts.tickets} stored`),
  );
  checks.push(...(await reportsAgree(api, hallId, managerToken, day, facts)));
  checks.push(notificationsOnce(facts, seen.sms));
  checks.push(check('no request failed', record.failures.length === 0, record.failures.slice(0, 3).join(' | ') || 'none'));
  return checks;
}

/** The report and the live monitor against the event log (the report's aggregates catch up: wait a while). */
async function reportsAgree(api: Api, hallId: string, token: string, day: string, facts: DayFacts): Promise<DayCheck[]> {
  const deadline = Date.now() + 60_000;
  let report: any;
  let live: any;
  for (;;) {
    report = (await api('GET', `/api/reports/summary?hallId=${hallId}&from=${day}&to=${day}`, { token })).body;
    live = (await api('GET', `/api/supervision/halls/${hallId}/live`, { token })).body;
    const agree =
      report?.totals?.issued === facts.issuedEvents &&
      live?.totals?.issued === facts.issuedEvents &&
      report?.totals?.served === facts.finishedEvents &&
      live?.totals?.served === facts.finishedEvents;
    if (agree || Date.now() > deadline) break;
    await new Promise((r) => setTimeout(r, 1000));
  }
  const line = (src: string, t: any) => `${src} issued ${t?.issued} served ${t?.served}`;
  return [
    check(
      "the report's totals equal the live monitor's and the event log's",
      report?.totals?.issued === facts.issuedEvents &&
        live?.totals?.issued === facts.issuedEvents &&
        report?.totals?.served === facts.finishedEvents &&
        live?.totals?.served === facts.finishedEvents,
      `${line('event log', { issued: facts.issuedEvents, served: facts.finishedEvents })}; ${line('report', report?.totals)}; ${line('monitor', live?.totals)}`,
    ),
  ];
}

function notificationsOnce(facts: DayFacts, sms: WebhookReceiver): DayCheck {
  const sent = facts.outbox.filter((o) => o.status === 'sent');
  // a bar's end is told when the bar runs out, months after the day
  const pending = facts.outbox.filter((o) => (o.status === 'pending' && o.kind !== 'bar-ended') || o.status === 'failed');
  const lost = sent.filter((o) => !sms.deliveries.has(`hallq-${o.id}`));
  const twice = [...sms.deliveries.values()].filter((n) => n > 1).length;
  return check(
    'no notification lost or sent twice',
    lost.length === 0 && twice === 0 && pending.length === 0,
    `${facts.outbox.length} in the outbox, ${sent.length} sent, ${sms.deliveries.size} received, ${lost.length} lost, ${twice} twice, ${pending.length} still pending`,
  );
}
