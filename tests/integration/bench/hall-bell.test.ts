import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CITY_PASSWORD, cityConfig, clerkOf, hallIdOf, kioskTokenOf, serviceIdsOf } from '../../../bench/city/city-config.js';
import { HallBell } from '../../../bench/city/hall-bell.js';
import { buildTestApp, type TestApp } from '../../helpers/test-app.js';

/** The city bench's idle clerks wait on their hall's live feed (real server, real socket.io client). */
describe("the city bench's hall bell", () => {
  let app: TestApp;
  let bell: HallBell;

  beforeAll(async () => {
    app = await buildTestApp({ config: cityConfig({ halls: 1, windowsPerHall: 3, tickets: 0 }, [0]) });
    bell = await HallBell.connect(app.url, await app.login(clerkOf(0, 0), CITY_PASSWORD), hallIdOf(0));
  });
  afterAll(async () => {
    bell?.close();
    await app?.close();
  });

  const issue = async () => {
    const answer = await app.http('POST', '/api/tickets', { token: kioskTokenOf(0), body: { serviceId: serviceIdsOf(0)[0] } });
    expect(answer.status).toBe(201);
  };

  it('wakes one waiting clerk per ticket issued in the hall, and every one at the end of the day', async () => {
    const woken: string[] = [];
    const first = bell.nextTicket().then(() => woken.push('first'));
    const second = bell.nextTicket().then(() => woken.push('second'));
    const third = bell.nextTicket().then(() => woken.push('third'));
    await issue();
    await first;
    expect(woken).toEqual(['first']);
    await issue();
    await second;
    expect(woken).toEqual(['first', 'second']);
    bell.wakeAll();
    await third;
    expect(woken).toEqual(['first', 'second', 'third']);
  });
});
