import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deviceHostFeature } from '../../drivers/host/feature.js';
import { adminFeature } from '../../server/admin/admin-feature.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';
import { openPtyPair, type PtyPair } from '../helpers/pty-pair.js';
import { waitFor } from '../helpers/wait-for.js';
import { TOKENS } from '../helpers/test-config.js';
import { hallWithOnbon, simulateOnbonHall, type SimulatedOnbonHall } from './onbon-hall.js';

const REFRESH_MS = 400;
const feature = deviceHostFeature({ bus: { reprobeMs: 300, reopenMs: 100 }, onbon: { timeoutMs: 300, retries: 1, refreshMs: REFRESH_MS }, healthEveryMs: 200 });

describe('device host driving Onbon BX-6K boards over a real pty', () => {
  let pty: PtyPair;
  let sim: SimulatedOnbonHall;
  let app: TestApp;
  let staff: string;

  const issue = async () => (await app.http('POST', '/api/tickets', { token: TOKENS.kiosk, body: { serviceId: 'tax-reg' } })).body as { number: string };
  const snapshot = async () => (await app.http('GET', '/api/halls/main/snapshot', { token: staff })).body;
  const health = async (id: string) => (await snapshot()).devices.find((d: { id: string }) => d.id === id);

  beforeEach(async () => {
    pty = await openPtyPair();
    sim = await simulateOnbonHall(pty.b);
    app = await buildTestApp({ config: hallWithOnbon(pty.a), features: [adminFeature, feature] });
    staff = await app.login('wangfang');
    expect((await app.http('POST', '/api/windows/w1/open', { token: staff })).status).toBe(200);
    await waitFor(async () => (await health('led-w1'))?.status === 'online', 'strip online');
  });

  afterEach(async () => {
    await app.close();
    await sim.port.close();
    await pty.close();
  });

  it('a call lights the window strip and the hall board, the number in its colour', async () => {
    await issue();
    expect((await app.http('POST', '/api/windows/w1/call-next', { token: staff })).status).toBe(200);
    await waitFor(() => sim.stripW1.shows()[0] === 'A001 请到1号窗口', 'window 1 strip shows A001');
    await waitFor(() => sim.hallBoard.shows()[0] === 'A001 请到1号窗口', 'hall board shows A001 on its first line');
    expect(sim.stripW1.colours(0)).toEqual([1, 2]);
    expect(sim.hallBoard.colours(0)).toEqual([3, 2]);
    // the hall board has one area per line, each a quarter of its 64 pixels
    expect([...sim.hallBoard.areas.values()].map((a) => [a.id, a.y, a.height])).toEqual([
      [0, 0, 16],
      [1, 16, 16],
      [2, 32, 16],
      [3, 48, 16],
    ]);
    expect(sim.stripW3.shows()).toEqual(['暂停服务']);
    // 10:00 in the hall (the test clock): the day level of the default schedule
    await waitFor(() => sim.hallBoard.brightness === 12 && sim.stripW1.brightness === 12, 'day brightness on the Onbon boards');
  });

  it('writes a board no faster than its refresh interval, with every line that changed meanwhile', async () => {
    for (let i = 0; i < 3; i++) await issue();
    const writes: number[] = [];
    sim.hallBoard.onCommand = (r) => {
      if (r.command?.kind === 'areas') writes.push(performance.now());
    };
    for (let i = 0; i < 3; i++) {
      for (const action of ['call-next', 'start', 'finish']) expect((await app.http('POST', `/api/windows/w1/${action}`, { token: staff })).status).toBe(200);
    }
    await waitFor(
      () => sim.hallBoard.shows().slice(0, 3).join('|') === 'A003 请到1号窗口|A002 请到1号窗口|A001 请到1号窗口',
      'hall board shows the three calls',
    );
    expect(writes.length).toBeLessThanOrEqual(3);
    for (let i = 1; i < writes.length; i++) expect(writes[i]! - writes[i - 1]!).toBeGreaterThanOrEqual(REFRESH_MS - 30);
  });

  it('a silent board goes offline in the snapshot and back online, redrawn, when it answers', async () => {
    sim.stripW3.silent = true;
    await app.http('POST', '/api/windows/w3/open', { token: await app.login('zhangmin') });
    await waitFor(async () => (await health('led-w3'))?.status === 'offline', 'strip w3 offline');
    expect((await health('led-w3')).lastError).toMatch(/no reply/);
    sim.stripW3.silent = false;
    await waitFor(async () => (await health('led-w3'))?.status === 'online', 'strip w3 online again');
    await waitFor(() => sim.stripW3.shows()[0] === '3号窗口 欢迎办理', 'strip w3 redrawn');
  });

  it('a NACK is retried and counted in the board health', async () => {
    sim.stripW1.nackNext = 1;
    await issue();
    await app.http('POST', '/api/windows/w1/call-next', { token: staff });
    await waitFor(() => sim.stripW1.shows()[0] === 'A001 请到1号窗口', 'strip shows A001 after the retry');
    expect(sim.stripW1.received.filter((r) => r.command?.kind === 'areas').map((r) => r.answered)).toEqual(expect.arrayContaining([3, 0]));
    await waitFor(async () => (await health('led-w1'))?.counters?.nacks === 1, 'the NACK counted in health');
  });

  it('unplugging the bus does not stop calling, and replugging redraws the boards', async () => {
    await sim.port.close();
    await pty.unplug();
    await waitFor(async () => (await health('led-hall'))?.status === 'offline', 'hall board offline');
    await issue();
    expect((await app.http('POST', '/api/windows/w1/call-next', { token: staff })).status).toBe(200);
    await pty.replug();
    sim = await simulateOnbonHall(pty.b);
    await waitFor(() => sim.hallBoard.shows()[0] === 'A001 请到1号窗口', 'hall board shows the call made while unplugged');
    await waitFor(() => sim.stripW1.shows()[0] === 'A001 请到1号窗口', 'strip shows it too');
  });

  it('the admin hardware test shows the test text on that Onbon board only', async () => {
    const res = await app.http('POST', '/api/admin/hardware/led-w3/test', { token: await app.login('admin') });
    expect(res.status).toBe(200);
    await waitFor(() => sim.stripW3.shows()[0] === '测试 TEST 0123456789', 'strip w3 shows the test text');
    expect(sim.stripW1.shows()[0]).not.toContain('测试');
  });
});
