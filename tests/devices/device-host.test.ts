import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deviceHostFeature } from '../../drivers/host/feature.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';
import { openPtyPair, type PtyPair } from '../helpers/pty-pair.js';
import { waitFor } from '../helpers/wait-for.js';
import { TOKENS } from '../helpers/test-config.js';
import { listen } from '../integration/realtime/realtime-steps.js';
import { hallWithBus, simulateHall, type SimulatedHall } from './hall-devices.js';

const feature = deviceHostFeature({ bus: { reprobeMs: 300, reopenMs: 100 }, pollMs: 50, healthEveryMs: 200 });

describe('device host over a real pty: boards, keypad, evaluator', () => {
  let pty: PtyPair;
  let sim: SimulatedHall;
  let app: TestApp;
  let staff: string;

  const issue = async (serviceId = 'tax-reg') => {
    const res = await app.http('POST', '/api/tickets', { token: TOKENS.kiosk, body: { serviceId } });
    expect(res.status).toBe(201);
    return res.body as { id: string; number: string };
  };
  const snapshot = async () => (await app.http('GET', '/api/halls/main/snapshot', { token: staff })).body;
  const deviceStatus = async (id: string) => (await snapshot()).devices.find((d: { id: string }) => d.id === id)?.status;

  beforeEach(async () => {
    pty = await openPtyPair();
    sim = await simulateHall(pty.b);
    app = await buildTestApp({ config: hallWithBus(pty.a), features: [feature] });
    staff = await app.login('wangfang');
    expect((await app.http('POST', '/api/windows/w1/open', { token: staff })).status).toBe(200);
    await waitFor(async () => (await deviceStatus('led-w1')) === 'online', 'strip online');
  });

  afterEach(async () => {
    await app.close();
    await sim.port.close();
    await pty.close();
  });

  it('a call puts the number on its window strip and the hall board, and not on another window', async () => {
    await issue();
    expect((await app.http('POST', '/api/windows/w1/call-next', { token: staff })).status).toBe(200);
    await waitFor(() => sim.stripW1.shows()[0] === 'A001 请到1号窗口', 'window 1 strip shows A001');
    await waitFor(() => sim.hallBoard.shows()[0] === 'A001 请到1号窗口', 'hall board shows A001');
    expect(sim.stripW3.requests('TXT').map((r) => r.args[1])).not.toContain('A001 请到1号窗口');
  });

  it('does not rewrite a strip whose text did not change', async () => {
    await issue();
    await app.http('POST', '/api/windows/w1/call-next', { token: staff });
    await waitFor(() => sim.stripW1.shows()[0] === 'A001 请到1号窗口', 'strip shows A001');
    const writes = sim.stripW1.requests('TXT').length;
    await app.http('POST', '/api/windows/w1/start', { token: staff });
    await issue();
    await app.http('POST', '/api/windows/w1/finish', { token: staff });
    await waitFor(() => sim.stripW1.shows()[0] === '1号窗口 欢迎办理', 'strip back to idle');
    expect(sim.stripW1.requests('TXT').length).toBe(writes + 1);
  });

  it('sets the boards to the brightness of the hour (10:00 in the hall: day level 12)', async () => {
    await waitFor(() => sim.hallBoard.brightness === 12 && sim.stripW1.brightness === 12, 'day brightness on the boards');
  });

  it('shows 暂停服务 on the strip of a paused window', async () => {
    await app.http('POST', '/api/windows/w1/pause', { token: staff, body: { reason: '午休' } });
    await waitFor(() => sim.stripW1.shows()[0] === '暂停服务', 'strip shows 暂停服务');
  });

  it('a keypad NEXT calls the next ticket of its window and shows it on the keypad', async () => {
    const first = await issue();
    await issue();
    sim.keypad.press('NEXT');
    await waitFor(async () => (await snapshot()).windows.find((w: { id: string }) => w.id === 'w1')?.current?.number === first.number, 'w1 calls A001');
    await waitFor(() => sim.keypad.display.current === 'A001' && sim.keypad.display.waiting === 1, 'keypad shows A001, 1 waiting');
  });

  it('a keypad key repeated in a duplicate reply is acted on once', async () => {
    await issue();
    const calls = async () => (await app.server.store.events.since('main', 0, 1000)).filter((e) => e.type === 'ticket.called').length;
    sim.keypad.press('NEXT');
    await waitFor(() => sim.keypad.display.current === 'A001', 'keypad shows A001');
    expect(await calls()).toBe(1);
    sim.keypad.duplicateReplies = 1;
    sim.keypad.press('RECALL');
    await waitFor(() => sim.keypad.duplicateReplies === 0 && sim.keypad.pendingKeys === 0, 'recall sent twice');
    const polls = sim.keypad.requests('POLL').length;
    await waitFor(() => sim.keypad.requests('POLL').length >= polls + 5, 'more polls after the duplicate');
    expect(await calls()).toBe(2);
  });

  it('a keypad key that the rules refuse changes nothing and is counted', async () => {
    sim.keypad.press('NEXT');
    await waitFor(async () => (await snapshot()).devices.find((d: { id: string }) => d.id === 'key-w1')?.counters?.refused === 1, 'refused key counted');
    expect((await snapshot()).windows.find((w: { id: string }) => w.id === 'w1').current).toBeUndefined();
    expect(sim.keypad.display).toEqual({ current: '', waiting: 0 });
    await waitFor(() => sim.keypad.message === '无人等候', 'keypad says why');
  });

  it('a keypad at a window nobody signed in to refuses (请先签到) instead of acting for its A岗', async () => {
    await app.http('POST', '/api/windows/w1/close', { token: staff });
    const ticket = await issue();
    sim.keypad.press('RESUME');
    await waitFor(() => sim.keypad.message === '请先签到', 'keypad says 请先签到');
    expect((await snapshot()).windows.find((w: { id: string }) => w.id === 'w1').status).toBe('closed');
    sim.keypad.press('LOGIN:0101');
    await waitFor(async () => (await snapshot()).windows.find((w: { id: string }) => w.id === 'w1').staffName === '王芳', 'w1 open for 王芳');
    sim.keypad.press('NEXT');
    await waitFor(() => sim.keypad.display.current === 'A001', 'keypad shows A001');
    expect(await app.server.store.tickets.get(ticket.id)).toMatchObject({ staffId: 's1', windowId: 'w1' });
  });

  it('an evaluator rating inside 60 s lands on the finished ticket; a late one is ignored', async () => {
    const a = await issue();
    const b = await issue();
    for (const action of ['call-next', 'start', 'finish']) await app.http('POST', `/api/windows/w1/${action}`, { token: staff });
    await waitFor(() => sim.evaluator.asking === a.number, 'evaluator asked about A001');
    app.clock.advanceSeconds(30);
    sim.evaluator.rate(5);
    await waitFor(async () => (await app.server.store.evaluations.get(a.id)) !== undefined, 'rating recorded');
    expect(await app.server.store.evaluations.get(a.id)).toMatchObject({ level: 5, windowId: 'w1', source: 'device:eval-w1' });

    for (const action of ['call-next', 'start', 'finish']) await app.http('POST', `/api/windows/w1/${action}`, { token: staff });
    await waitFor(() => sim.evaluator.asking === b.number, 'evaluator asked about A002');
    app.clock.advanceSeconds(61);
    sim.evaluator.rate(1);
    await waitFor(
      async () => (await snapshot()).devices.find((d: { id: string }) => d.id === 'eval-w1')?.counters?.ignored === 1,
      'late rating counted as ignored',
    );
    expect(await app.server.store.evaluations.get(b.id)).toBeUndefined();
  });

  it('an unsolicited rating is ignored and counted', async () => {
    sim.evaluator.rate(3);
    await waitFor(
      async () => (await snapshot()).devices.find((d: { id: string }) => d.id === 'eval-w1')?.counters?.ignored === 1,
      'unsolicited rating counted',
    );
  });

  it('a silent board goes offline in the snapshot and back online when it answers', async () => {
    sim.stripW3.silent = true;
    await app.http('POST', '/api/windows/w3/open', { token: await app.login('zhangmin') });
    await waitFor(async () => (await deviceStatus('led-w3')) === 'offline', 'strip w3 offline');
    const health = (await snapshot()).devices.find((d: { id: string }) => d.id === 'led-w3');
    expect(health.lastError).toMatch(/no reply/);
    sim.stripW3.silent = false;
    await waitFor(async () => (await deviceStatus('led-w3')) === 'online', 'strip w3 online again');
    await waitFor(() => sim.stripW3.shows()[0] === '3号窗口 欢迎办理', 'strip w3 redrawn');
  });

  it('a board that falls silent with nothing new to show goes offline about as soon as a silent keypad', async () => {
    await waitFor(async () => (await deviceStatus('led-hall')) === 'online' && (await deviceStatus('key-w1')) === 'online', 'board and keypad online');
    // timed by the device.health events as they arrive on one socket: polling the snapshot over HTTP would add a busy machine's latency to either side
    const monitor = await listen(app.socket(TOKENS.display));
    await monitor.subscribe({ hallId: 'main' });
    const offlineAt: Record<string, number> = {};
    monitor.socket.on('event', (e) => {
      if (e.type === 'device.health' && e.data.status === 'offline') offlineAt[e.data.id] ??= Date.now();
    });
    sim.hallBoard.silent = true;
    sim.keypad.silent = true;
    await waitFor(() => offlineAt['led-hall'] !== undefined && offlineAt['key-w1'] !== undefined, 'board and keypad offline');
    // a board is PINGed every second: within a second (plus a reply timeout and its retries) of the keypad
    expect(offlineAt['led-hall']!).toBeLessThan(offlineAt['key-w1']! + 2000);
    monitor.socket.close();
  });

  it('unplugging the port does not stop issuing or calling, and replugging brings the boards up to date', async () => {
    await sim.port.close();
    await pty.unplug();
    await waitFor(async () => (await deviceStatus('led-hall')) === 'offline', 'hall board offline');
    const t = await issue();
    const called = await app.http('POST', '/api/windows/w1/call-next', { token: staff });
    expect(called.status).toBe(200);
    expect(called.body.ticket.number).toBe(t.number);
    await pty.replug();
    sim = await simulateHall(pty.b);
    await waitFor(() => sim.hallBoard.shows()[0] === 'A001 请到1号窗口', 'hall board shows the call made while unplugged');
    await waitFor(() => sim.stripW1.shows()[0] === 'A001 请到1号窗口', 'strip shows it too');
    await waitFor(async () => (await deviceStatus('led-hall')) === 'online', 'hall board online');
  });
});
