import { apiOf, expectOk, type Api } from '../lib/http-client.js';
import { round3, summarize, type LatencySummary } from '../lib/stats.js';
import { CITY_PASSWORD, clerkOf, kioskTokenOf, serviceIdsOf, windowIdOf, type CitySize } from './city-config.js';

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
  /** answers other than 2xx (and a call's 409 QUEUE_EMPTY), or no answer */
  failed: number;
}

/**
 * The city's day at full speed over real HTTP: every hall's kiosk issues its share of the tickets
 * back to back, and every window's clerk calls the next ticket and marks it a no-show, again and
 * again, until the hall's share is issued and its queue is empty. Each client talks to the node
 * `route` gives it, as a load balancer would spread them.
 */
export async function runCityDay(size: CitySize, route: Route): Promise<CityDayFigures> {
  const halls = Array.from({ length: size.halls }, (_, h) => h);
  const apis = new Map<string, Api>();
  const api = (url: string) => apis.get(url) ?? apis.set(url, apiOf(url)).get(url)!;
  // sign-in first (a scrypt check each): not part of the day's figures
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
  const issueMs: number[] = [];
  const callMs: number[] = [];
  let failed = 0;
  const issuing = new Set(halls);
  const perHall = (h: number) => Math.floor(size.tickets / size.halls) + (h < size.tickets % size.halls ? 1 : 0);
  const t0 = performance.now();

  const kiosk = async (h: number) => {
    const at = api(route(h, -1));
    const services = serviceIdsOf(h);
    for (let n = 0; n < perHall(h); n++) {
      const answer = await at('POST', '/api/tickets', { token: kioskTokenOf(h), body: { serviceId: services[n % 2] } });
      if (answer.status === 201) issueMs.push(answer.ms);
      else failed++;
    }
    issuing.delete(h);
  };
  const clerk = async ({ h, w, token }: { h: number; w: number; token: string }) => {
    const at = api(route(h, w));
    const windowId = windowIdOf(h, w);
    for (;;) {
      const answer = await at('POST', `/api/windows/${windowId}/call-next`, { token, body: {} });
      if (answer.status === 200) {
        callMs.push(answer.ms);
        if ((await at('POST', `/api/windows/${windowId}/skip`, { token })).status !== 200) failed++;
      } else if (answer.status === 409 && answer.body?.error?.code === 'QUEUE_EMPTY') {
        if (!issuing.has(h)) return;
        await new Promise((r) => setTimeout(r, 20)); // a clerk with no one waiting looks up again shortly
      } else {
        failed++;
        if (failed > 100) throw new Error(`call-next at ${windowId} → ${answer.status} ${JSON.stringify(answer.body)} (and ${failed - 1} failures before)`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  };
  await Promise.all([...halls.map(kiosk), ...clerks.map(clerk)]);
  const seconds = (performance.now() - t0) / 1000;
  return {
    tickets: issueMs.length,
    calls: callMs.length,
    seconds: round3(seconds),
    ticketsPerSecond: Math.round(issueMs.length / seconds),
    callsPerSecond: Math.round(callMs.length / seconds),
    issue: summarize(issueMs),
    call: summarize(callMs),
    failed,
  };
}
