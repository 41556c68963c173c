import { apiOf, expectOk, type Api } from '../lib/http-client.js';
import { round3, summarize, type LatencySummary } from '../lib/stats.js';
import { progress } from '../lib/table.js';
import { CITY_PASSWORD, clerkOf, hallIdOf, kioskTokenOf, serviceIdsOf, windowIdOf, type CitySize } from './city-config.js';
import { HallBell } from './hall-bell.js';

/** Which node's URL a hall's kiosk (window -1) or one of its windows talks to. */
export type Route = (hall: number, window: number) => string;

export interface CityDayFigures {
  tickets: number;
  calls: number;
  seconds: number;
  ticketsPerSecond: number;
  callsPerSecond: number;
  issue: LatencySummary;
  call: LatencySummary;
  /** call-next answered 409 QUEUE_EMPTY: a clerk woken for a ticket another window had called, or looking once more at the end */
  emptyCalls: number;
  /** answers other than 2xx (and a call's 409 QUEUE_EMPTY), or no answer */
  failed: number;
  /** the failed answers by request, status and code (`skip 503 DATABASE_UNAVAILABLE`) */
  failures: Record<string, number>;
}

/**
 * A clerk gives up (and the day with it) after this many failed calls in a row: the server is gone.
 * Failures now and then are counted and the day goes on: at full speed a node's requests queue for
 * its pool's connections, and one that waits past the bound is answered 503 DATABASE_UNAVAILABLE.
 */
const CALLS_FAILED_IN_A_ROW = 20;
/** how often a clerk presses 过号 again when the answer was not 200 (a 409 means it is done already) */
const SKIP_TRIES = 5;

/**
 * The city's day at full speed over real HTTP: every hall's kiosk issues its share of the tickets
 * back to back, and every window's clerk calls the next ticket and marks it a no-show, again and
 * again, until the hall's share is issued and its queue is empty. A clerk who finds the queue empty
 * waits for the hall's next `ticket.issued` on its live feed (HallBell), as a clerk watches the
 * console's queue panel, instead of asking again and again. Each client talks to the node `route`
 * gives it, as a load balancer would spread them; the hall's live feed comes from its first window's.
 */
export async function runCityDay(size: CitySize, route: Route): Promise<CityDayFigures> {
  const halls = Array.from({ length: size.halls }, (_, h) => h);
  const apis = new Map<string, Api>();
  const api = (url: string) => apis.get(url) ?? apis.set(url, apiOf(url)).get(url)!;
  // sign-in first (a scrypt check each): not part of the day's figures
  const signInT0 = performance.now();
  const clerks = await Promise.all(
    halls.flatMap((h) =>
      Array.from({ length: size.windowsPerHall }, async (_, w) => {
        const at = api(route(h, w));
        const { token } = expectOk(
          await at('POST', '/api/auth/login', { body: { username: clerkOf(h, w), password: CITY_PASSWORD } }),
          `login ${clerkOf(h, w)}`,
        );
        expectOk(await at('POST', `/api/windows/${windowIdOf(h, w)}/open`, { token }), `open ${windowIdOf(h, w)}`);
        return { h, w, token: token as string };
      }),
    ),
  );
  const bells = await Promise.all(halls.map((h) => HallBell.connect(route(h, 0), clerks[h * size.windowsPerHall]!.token, hallIdOf(h))));
  progress(`${clerks.length} clerks signed in, ${size.halls} live feeds subscribed: ${Math.round((performance.now() - signInT0) / 1000)} s`);
  const issueMs: number[] = [];
  const callMs: number[] = [];
  let failed = 0;
  const failures = new Map<string, number>();
  const fail = (what: string, answer: { status: number; body?: any }) => {
    failed++;
    const kind = `${what} ${answer.status} ${answer.body?.error?.code ?? ''}`.trim();
    failures.set(kind, (failures.get(kind) ?? 0) + 1);
  };
  let emptyCalls = 0;
  const issuing = new Set(halls);
  const perHall = (h: number) => Math.floor(size.tickets / size.halls) + (h < size.tickets % size.halls ? 1 : 0);
  const t0 = performance.now();
  const driverCpu0 = process.cpuUsage();

  const kiosk = async (h: number) => {
    const at = api(route(h, -1));
    const services = serviceIdsOf(h);
    for (let n = 0; n < perHall(h); n++) {
      const answer = await at('POST', '/api/tickets', { token: kioskTokenOf(h), body: { serviceId: services[n % 2] } });
      if (answer.status === 201) issueMs.push(answer.ms);
      else fail('issue', answer);
    }
    issuing.delete(h);
    bells[h]!.wakeAll();
  };
  const described = () => [...failures].map(([kind, n]) => `${kind} ×${n}`).join(', ') || 'none';
  const skip = async (at: Api, windowId: string, token: string) => {
    for (let tries = 0; tries < SKIP_TRIES; tries++) {
      const answer = await at('POST', `/api/windows/${windowId}/skip`, { token });
      if (answer.status === 200) return;
      fail('skip', answer);
      if (answer.status === 409) return; // an earlier press went through: nothing left to mark
      await new Promise((r) => setTimeout(r, 1000));
    }
  };
  const giveUpAfter = (inARow: number, windowId: string, answer: { status: number; body?: unknown }) => {
    if (inARow >= CALLS_FAILED_IN_A_ROW)
      throw new Error(`call-next at ${windowId} → ${answer.status} ${JSON.stringify(answer.body)}, ${inARow} in a row (failures: ${described()})`);
  };
  const clerk = async ({ h, w, token }: { h: number; w: number; token: string }) => {
    const at = api(route(h, w));
    const windowId = windowIdOf(h, w);
    let failedInARow = 0;
    for (;;) {
      // the hall's share was all issued before this look-up: an empty queue now means the day is over
      const lastLook = !issuing.has(h);
      const answer = await at('POST', `/api/windows/${windowId}/call-next`, { token, body: {} });
      if (answer.status === 200) {
        failedInARow = 0;
        callMs.push(answer.ms);
        await skip(at, windowId, token);
      } else if (answer.status === 409 && answer.body?.error?.code === 'WINDOW_BUSY') {
        // a call whose answer was lost (a 503 after its commit) left the window serving: 过号, as the clerk would
        fail('call-next', answer);
        giveUpAfter(++failedInARow, windowId, answer);
        await skip(at, windowId, token);
      } else if (answer.status === 409 && answer.body?.error?.code === 'QUEUE_EMPTY') {
        failedInARow = 0;
        emptyCalls++;
        if (lastLook) return;
        if (issuing.has(h)) await bells[h]!.nextTicket(); // else the kiosk finished meanwhile: one more look
      } else {
        fail('call-next', answer);
        giveUpAfter(++failedInARow, windowId, answer);
        // a 503 says when to come back (Retry-After: 2 s for DATABASE_UNAVAILABLE); the clerk presses again a moment later
        await new Promise((r) => setTimeout(r, answer.status === 503 ? 1000 : 100));
      }
    }
  };
  // a whole city's day runs for many minutes: say how far it got every minute
  const ticker = setInterval(() => {
    const s = (performance.now() - t0) / 1000;
    progress(`  ${Math.round(s)} s: ${issueMs.length} tickets issued, ${callMs.length} called (${Math.round(issueMs.length / s)} tickets/s)`);
  }, 60_000);
  try {
    await Promise.all([...halls.map(kiosk), ...clerks.map(clerk)]);
  } finally {
    clearInterval(ticker);
    for (const bell of bells) bell.close();
  }
  const seconds = (performance.now() - t0) / 1000;
  const driverCpu = process.cpuUsage(driverCpu0);
  progress(
    `the day: ${round3(seconds)} s, ${emptyCalls} empty look-ups, the driver's CPU ${Math.round((driverCpu.user + driverCpu.system) / 1000)} ms, failures: ${described()}`,
  );
  return {
    tickets: issueMs.length,
    calls: callMs.length,
    seconds: round3(seconds),
    ticketsPerSecond: Math.round(issueMs.length / seconds),
    callsPerSecond: Math.round(callMs.length / seconds),
    issue: summarize(issueMs),
    call: summarize(callMs),
    emptyCalls,
    failed,
    failures: Object.fromEntries(failures),
  };
}
