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
}

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
      else failed++;
    }
    issuing.delete(h);
    bells[h]!.wakeAll();
  };
  const clerk = async ({ h, w, token }: { h: number; w: number; token: string }) => {
    const at = api(route(h, w));
    const windowId = windowIdOf(h, w);
    for (;;) {
      // the hall's share was all issued before this look-up: an empty queue now means the day is over
      const lastLook = !issuing.has(h);
      const answer = await at('POST', `/api/windows/${windowId}/call-next`, { token, body: {} });
      if (answer.status === 200) {
        callMs.push(answer.ms);
        if ((await at('POST', `/api/windows/${windowId}/skip`, { token })).status !== 200) failed++;
      } else if (answer.status === 409 && answer.body?.error?.code === 'QUEUE_EMPTY') {
        emptyCalls++;
        if (lastLook) return;
        if (issuing.has(h)) await bells[h]!.nextTicket(); // else the kiosk finished meanwhile: one more look
      } else {
        failed++;
        if (failed > 100) throw new Error(`call-next at ${windowId} → ${answer.status} ${JSON.stringify(answer.body)} (and ${failed - 1} failures before)`);
        await new Promise((r) => setTimeout(r, 100));
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
  progress(`the day: ${round3(seconds)} s, ${emptyCalls} empty look-ups, the driver's CPU ${Math.round((driverCpu.user + driverCpu.system) / 1000)} ms`);
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
  };
}
