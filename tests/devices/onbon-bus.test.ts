import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { FrameBus } from '../../drivers/bus/frame-bus.js';
import { deviceHostFeature } from '../../drivers/host/feature.js';
import { encodeAreaText } from '../../drivers/protocols/onbon/area-text.js';
import { OnbonBoard } from '../../drivers/protocols/onbon/board.js';
import { AREA_DEFAULTS, BROADCAST } from '../../drivers/protocols/onbon/commands.js';
import { FAMILIES } from '../../drivers/protocols/onbon/family.js';
import { onbonCodec, type OnbonBus } from '../../drivers/protocols/onbon/protocol.js';
import { OnbonSimPort } from '../../drivers/protocols/onbon/sim-port.js';
import { OnbonSimulator } from '../../drivers/protocols/onbon/simulator.js';
import { buildTestApp } from '../helpers/test-app.js';
import { openPtyPair, type PtyPair } from '../helpers/pty-pair.js';
import { waitFor } from '../helpers/wait-for.js';
import { hallWithOnbon, simulateOnbonHall } from './onbon-hall.js';

const family = FAMILIES['onbon-bx5k'];
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function line(opts: { timeoutMs?: number; baudRates?: number[]; log?: pino.Logger } = {}) {
  const pty: PtyPair = await openPtyPair();
  const port = new OnbonSimPort(pty.b);
  const sim = port.add(new OnbonSimulator(family, 1, { width: 128, height: 32 }));
  const other = port.add(new OnbonSimulator(family, 2, { width: 128, height: 32 }));
  await port.open();
  const bus: OnbonBus = new FrameBus(onbonCodec(family), { id: 'leds', port: pty.a, reprobeMs: 200, reopenMs: 100, ...opts });
  cleanups.push(
    () => pty.close(),
    () => port.close(),
    () => bus.close(),
  );
  bus.attach(1);
  bus.attach(2);
  bus.start();
  return { pty, port, sim, other, bus };
}

function logLines() {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { lines, log: pino({ level: 'warn' }, stream) };
}

describe('Onbon bus and board over a real pty', () => {
  it('waits about 2 s for an ACK, tries once more, then calls the board offline', async () => {
    const { sim, bus } = await line();
    await waitFor(() => bus.link(1)?.status === 'online', 'board 1 online');
    sim.silent = true;
    const t0 = performance.now();
    await expect(bus.request(1, { kind: 'ping' })).rejects.toThrow(/no reply from device 1 after 2 tries/);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(3900);
    expect(bus.link(1)).toMatchObject({ status: 'offline', counters: { retries: 1, timeouts: 1 } });
  });

  it('logs a NACK with its meaning and tries the write again', async () => {
    const { lines, log } = logLines();
    const { sim, bus } = await line({ timeoutMs: 300, log });
    const board = new OnbonBoard(bus, {
      address: 1,
      width: 128,
      height: 32,
      lines: 1,
      style: { numberColor: 'red', textColor: 'green' },
      maxAreas: 8,
      refreshMs: 0,
      log,
    });
    await waitFor(() => bus.link(1)?.status === 'online', 'board 1 online');
    sim.nackNext = 1;
    await board.showLine(0, 'A001 请到1号窗口');
    expect(sim.shows()).toEqual(['A001 请到1号窗口']);
    expect(lines).toContainEqual(expect.objectContaining({ msg: 'board refused a command (NACK)', error: 3, meaning: 'busy', attempt: 1 }));
    expect(board.counters.nacks).toBe(1);
  });

  it('a 0xFFFF broadcast reaches every board and nobody answers it', async () => {
    const { sim, other, bus } = await line({ timeoutMs: 300 });
    await waitFor(() => bus.link(1)?.status === 'online' && bus.link(2)?.status === 'online', 'both boards online');
    const data = encodeAreaText(['今日休息'], { fontSize: 16, numberColor: 'red', textColor: 'red' });
    bus.broadcast(BROADCAST, { kind: 'areas', areas: [{ ...AREA_DEFAULTS, id: 0, x: 0, y: 0, width: 128, height: 16, data }] });
    await waitFor(() => sim.shows()[0] === '今日休息' && other.shows()[0] === '今日休息', 'both boards show the broadcast');
    expect(sim.received.at(-1)?.answered).toBeUndefined();
    expect(bus.counters.stray).toBe(0);
  });

  it('tries 57600 when nobody answers at 9600 (the documented rate detection)', async () => {
    const { sim, other, bus } = await line({ timeoutMs: 200, baudRates: [9600, 57600] });
    sim.silent = true;
    other.silent = true;
    await waitFor(() => bus.baudRate === 57600, 'bus moved to 57600');
    sim.silent = false;
    await waitFor(() => bus.link(1)?.status === 'online', 'board answers at the new rate');
  });
});

describe('6th-generation controller over a TCP socket', () => {
  it('a call lights the strip and the hall board of 6Q boards on port 5005-style TCP', async () => {
    const sim = await simulateOnbonHall('tcp:0', 'onbon-bx6');
    const feature = deviceHostFeature({ bus: { reprobeMs: 300, reopenMs: 100 }, onbon: { timeoutMs: 300, refreshMs: 200 } });
    const app = await buildTestApp({ config: hallWithOnbon(`tcp://127.0.0.1:${sim.port.tcpPort}`, 'onbon-bx6'), features: [feature] });
    cleanups.push(
      () => sim.port.close(),
      () => app.close(),
    );
    const staff = await app.login('wangfang');
    await app.http('POST', '/api/windows/w1/open', { token: staff });
    await app.http('POST', '/api/tickets', { token: staff, body: { serviceId: 'tax-reg' } });
    await app.http('POST', '/api/windows/w1/call-next', { token: staff });
    await waitFor(() => sim.stripW1.shows()[0] === 'A001 请到1号窗口', '6Q strip shows A001');
    await waitFor(() => sim.hallBoard.shows()[0] === 'A001 请到1号窗口', '6Q hall board shows A001');
    expect(sim.stripW1.received.every((r) => r.command !== undefined)).toBe(true);

    // the cards drop off the network and come back: the host reconnects and redraws
    const tcpPort = sim.port.tcpPort!;
    await sim.port.close();
    const health = async () =>
      (await app.http('GET', '/api/halls/main/snapshot', { token: staff })).body.devices.find((d: { id: string }) => d.id === 'led-w1')?.status;
    await waitFor(async () => (await health()) === 'offline', 'strip offline while the connection is gone');
    const back = await simulateOnbonHall(`tcp:${tcpPort}`, 'onbon-bx6');
    cleanups.push(() => back.port.close());
    await waitFor(() => back.stripW1.shows()[0] === 'A001 请到1号窗口', '6Q strip redrawn after reconnecting');
  });
});
