import type { Api } from '../lib/http-client.js';
import type { PhoneStreams } from './observers.js';
import type { DayPlan, PlannedTicket } from './plan.js';
import type { SimTime } from './sim-time.js';

/** One timed request, filed under the hour of the day it was made in. */
export interface Timed {
  hour: number;
  ms: number;
}

/** What the day's actors did, for the figures and the checks. */
export class DayRecord {
  readonly issues: Timed[] = [];
  readonly calls: Timed[] = [];
  readonly failures: string[] = [];
  /** ticket id → its plan */
  readonly planOf = new Map<string, PlannedTicket>();
  readonly timesCalled = new Map<string, number>();
  /** ticket id → the visitor's status token (from the QR code) */
  readonly statusTokens = new Map<string, string>();
  /** ticket id → the wait range promised at issue (minutes) and the simulated time of issue */
  readonly promised = new Map<string, { low: number; high: number; at: number }>();
  /** promised waits against the real ones, at each ticket's first call */
  readonly waitInRange = { inside: 0, below: 0, above: 0 };
  acknowledged = 0;
  rated = 0;
  restored = 0;
  appointmentsBooked = 0;
  checkedIn = 0;

  fail(what: string, status: number, body: unknown): void {
    if (this.failures.length < 50) this.failures.push(`${what} → ${status} ${JSON.stringify(body).slice(0, 200)}`);
    else this.failures.length === 50 && this.failures.push('… (more failures not kept)');
  }
}

export interface DayWorld {
  api: Api;
  time: SimTime;
  hallId: string;
  /** ms epoch of the hall's opening */
  openAt: number;
  plan: DayPlan;
  record: DayRecord;
  phones: PhoneStreams;
  kioskTokens: string[];
  managerToken: string;
}

const hourOf = (w: DayWorld) => Math.max(0, Math.floor(w.time.minutesSince(w.openAt) / 60));
const at = (w: DayWorld, minutes: number) => w.openAt + minutes * 60_000;

/** Appointments: booked by phone before the day (a staff booking), checked in at a kiosk 10 minutes before the slot. */
export async function bookAppointments(w: DayWorld, day: string): Promise<Map<number, string>> {
  const codes = new Map<number, string>();
  const slotsOf = new Map<string, { start: string; capacity: number; booked: number }[]>();
  for (const t of w.plan.tickets.filter((p) => p.appointment)) {
    let slots = slotsOf.get(t.serviceId);
    if (!slots) {
      const res = await w.api('GET', `/api/halls/${w.hallId}/services/${t.serviceId}/slots?date=${day}`);
      slots = res.status === 200 ? res.body : [];
      slotsOf.set(t.serviceId, slots!);
    }
    const slot = slots!.find((s) => Date.parse(s.start) >= at(w, t.arriveAt + 10) && s.booked < s.capacity);
    if (!slot) continue;
    const phone = `139${String(10_000_000 + t.i).slice(-8)}`;
    const res = await w.api('POST', '/api/appointments', {
      token: w.managerToken,
      body: { serviceId: t.serviceId, start: slot.start, name: `访客${t.i}`, phone, channel: 'phone' },
    });
    if (res.status !== 201) {
      w.record.fail('book', res.status, res.body);
      continue;
    }
    slot.booked++;
    w.record.appointmentsBooked++;
    codes.set(t.i, res.body.code);
    // the visitor arrives ten minutes before the slot
    t.arriveAt = Math.max(t.arriveAt, (Date.parse(slot.start) - w.openAt) / 60_000 - 10);
  }
  return codes;
}

/** Every visitor of the plan takes a ticket (or checks in) at their time, at one of the kiosks. */
export async function runKiosks(w: DayWorld, codes: Map<number, string>): Promise<void> {
  const pending: Promise<void>[] = [];
  const arrivals = [...w.plan.tickets].sort((a, b) => a.arriveAt - b.arriveAt);
  for (const t of arrivals) {
    await w.time.until(at(w, t.arriveAt));
    pending.push(takeTicket(w, t, codes.get(t.i)));
  }
  await Promise.all(pending);
}

async function takeTicket(w: DayWorld, t: PlannedTicket, code: string | undefined): Promise<void> {
  const token = w.kioskTokens[t.i % w.kioskTokens.length]!;
  const hour = hourOf(w);
  const res = code
    ? await w.api('POST', `/api/appointments/${code}/check-in`, { token })
    : await w.api('POST', '/api/tickets', { token, body: { serviceId: t.serviceId, ...(t.priority ? { priority: 'priority' } : {}) } });
  if (res.status !== 201) return w.record.fail(code ? 'check-in' : 'issue', res.status, res.body);
  const ticket = code ? res.body.ticket : res.body;
  if (code) w.record.checkedIn++;
  else w.record.issues.push({ hour, ms: res.ms });
  w.record.acknowledged++;
  w.record.planOf.set(ticket.id, t);
  w.phones.follow(ticket.id, ticket.statusToken);
  w.record.statusTokens.set(ticket.id, ticket.statusToken);
  if (ticket.wait?.kind === 'range') w.record.promised.set(ticket.id, { low: ticket.wait.low, high: ticket.wait.high, at: w.time.now() });
}

/** Was the wait the kiosk promised the one the visitor had? (at the ticket's first call) */
function scoreWait(w: DayWorld, ticketId: string): void {
  const promise = w.record.promised.get(ticketId);
  if (!promise) return;
  w.record.promised.delete(ticketId);
  const waited = (w.time.now() - promise.at) / 60_000;
  const side = waited < promise.low - 0.5 ? 'below' : waited > promise.high + 0.5 ? 'above' : 'inside';
  w.record.waitInRange[side]++;
}

/** One window through the day: open, call, serve, pause once, close at the end. */
export async function runWindow(w: DayWorld, windowId: string, staffToken: string): Promise<void> {
  const post = (path: string, body: unknown = {}) => w.api('POST', `/api/windows/${windowId}/${path}`, { token: staffToken, body });
  const closeAt = at(w, w.plan.shape.openMinutes);
  const pause = w.plan.pauses.find((p) => p.windowId === windowId);
  let paused = false;
  await w.time.until(w.openAt);
  const opened = await post('open');
  if (opened.status !== 200) return w.record.fail(`open ${windowId}`, opened.status, opened.body);
  while (w.time.now() < closeAt) {
    if (pause && !paused && w.time.now() >= at(w, pause.at)) {
      paused = true;
      await post('pause', { reason: '临时离开' });
      await w.time.sleep(pause.minutes);
      await post('resume');
    }
    const hour = hourOf(w);
    const called = await post('call-next');
    if (called.status === 409 && called.body?.error?.code === 'QUEUE_EMPTY') {
      await w.time.sleep(0.5);
      continue;
    }
    if (called.status !== 200) {
      w.record.fail(`call-next ${windowId}`, called.status, called.body);
      await w.time.sleep(1);
      continue;
    }
    w.record.calls.push({ hour, ms: called.ms });
    await serve(w, called.body.ticket, post);
  }
  await post('close');
}

async function serve(w: DayWorld, ticket: { id: string }, post: (path: string, body?: unknown) => ReturnType<Api>): Promise<void> {
  const plan = w.record.planOf.get(ticket.id);
  const times = (w.record.timesCalled.get(ticket.id) ?? 0) + 1;
  w.record.timesCalled.set(ticket.id, times);
  scoreWait(w, ticket.id);
  await w.time.sleep(0.3); // the visitor walks up
  const outcome = times > 1 || !plan ? 'served' : plan.outcome;
  if (outcome === 'no-show' || outcome === 'no-show-restored') {
    await post('recall');
    await w.time.sleep(0.5);
    await post('skip');
    w.phones.leave(ticket.id);
    if (outcome === 'no-show-restored') void restoreLater(w, ticket.id);
    return;
  }
  const started = await post('start');
  if (started.status !== 200) return w.record.fail('start', started.status, started.body);
  if (outcome === 'transferred') {
    await w.time.sleep(1);
    const moved = await post('transfer', { toServiceId: plan!.transferTo, reason: '需到其他事项办理' });
    if (moved.status !== 200) w.record.fail('transfer', moved.status, moved.body);
    return;
  }
  await w.time.sleep(plan?.serviceMinutes ?? 3);
  const finished = await post('finish');
  if (finished.status !== 200) return w.record.fail('finish', finished.status, finished.body);
  w.phones.leave(ticket.id);
  // the visitor rates on their phone (the ticket's token), right after the service
  const rated = await w.api('POST', `/api/tickets/${ticket.id}/evaluation?token=${encodeURIComponent(w.record.statusTokens.get(ticket.id) ?? '')}`, {
    body: { level: plan?.rating ?? 5 },
  });
  if (rated.status === 201) w.record.rated++;
  else w.record.fail('evaluation', rated.status, rated.body);
}

/** A no-show who comes back a quarter of an hour later: the window's staff restores the ticket. */
async function restoreLater(w: DayWorld, ticketId: string): Promise<void> {
  await w.time.sleep(15);
  const res = await w.api('POST', `/api/tickets/${ticketId}/restore`, { token: w.managerToken, body: { reason: '群众返回' } });
  if (res.status === 200) w.record.restored++;
  else w.record.fail('restore', res.status, res.body);
}
