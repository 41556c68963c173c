/**
 * Devices over a real pty: how long from a staff call (HTTP) until the hall board has the new
 * text, while a keypad and an evaluator are polled on the same bus (the priority queue is what
 * keeps this short), and the bare bus round trip of one frame. A pty does not pace bytes at the
 * baud rate: on a real 9600-baud line add about 1 ms per byte each way (~40 ms for a TXT frame).
 */
import { SerialBus } from '../drivers/bus/serial-bus.js';
import { SimPort } from '../drivers/bus/sim-port.js';
import { deviceHostFeature } from '../drivers/host/feature.js';
import { LedSimulator } from '../drivers/led/simulator.js';
import { hallWithBus, simulateHall } from '../tests/devices/hall-devices.js';
import { openPtyPair, waitFor } from '../tests/helpers/pty-pair.js';
import { buildTestApp } from '../tests/helpers/test-app.js';
import { summarize, type LatencySummary } from './lib/stats.js';
import { printTable, printTargets, progress } from './lib/table.js';
import { below } from './lib/targets.js';
import type { BenchSuite } from './suites.js';

const CALLS = 40;
const PINGS = 200;

async function callToBoard(): Promise<LatencySummary> {
  const pty = await openPtyPair();
  const sim = await simulateHall(pty.b);
  const app = await buildTestApp({ config: hallWithBus(pty.a), features: [deviceHostFeature()] });
  try {
    const staff = await app.login('wangfang');
    await app.http('POST', '/api/windows/w1/open', { token: staff });
    await waitFor(() => sim.hallBoard.requests('TXT').length > 0, 'hall board drawn', 10_000);
    const samples: number[] = [];
    for (let i = 0; i < CALLS; i++) {
      // issued by staff: the kiosk rate limit is not what is measured here
      const issued = await app.http('POST', '/api/tickets', { token: staff, body: { serviceId: 'tax-reg' } });
      const text = `${issued.body.number} 请到1号窗口`;
      const shown = new Promise<number>((resolve) => {
        sim.hallBoard.onRequest = (r) => { if (r.command === 'TXT' && r.args[0] === '0' && r.args[1] === text) resolve(performance.now()); };
      });
      const t0 = performance.now();
      await app.http('POST', '/api/windows/w1/call-next', { token: staff });
      samples.push((await shown) - t0);
      await app.http('POST', '/api/windows/w1/start', { token: staff });
      await app.http('POST', '/api/windows/w1/finish', { token: staff });
    }
    return summarize(samples);
  } finally {
    await app.close();
    await sim.port.close();
    await pty.close();
  }
}

async function busRoundTrip(): Promise<LatencySummary> {
  const pty = await openPtyPair();
  const port = new SimPort(pty.b);
  port.add(new LedSimulator(3, 1));
  await port.open();
  const bus = new SerialBus({ id: 'bench', path: pty.a });
  bus.attach(3);
  bus.start();
  try {
    await waitFor(() => bus.link(3)?.status === 'online', 'board online');
    const samples: number[] = [];
    for (let i = 0; i < PINGS; i++) {
      const t0 = performance.now();
      await bus.request(3, 'TXT', ['0', `A${String(i).padStart(3, '0')} 请到3号窗口`]);
      samples.push(performance.now() - t0);
    }
    return summarize(samples);
  } finally {
    await bus.close();
    await port.close();
    await pty.close();
  }
}

export const deviceBusSuite: BenchSuite = {
  name: 'device-bus',
  async run() {
    progress(`device bus: ${CALLS} calls to the hall board, keypad and evaluator polled alongside`);
    const call = await callToBoard();
    progress(`device bus: ${PINGS} TXT round trips`);
    const frame = await busRoundTrip();
    const row = (name: string, s: LatencySummary) => [name, s.n, s.p50, s.p90, s.p99, s.max];
    printTable('devices over a pty (ms; a pty does not pace at the baud rate)', ['measure', 'n', 'p50', 'p90', 'p99', 'max'], [
      row('staff call → hall board has the text', call),
      row('one TXT request → reply (bus round trip)', frame),
    ]);
    const targets = [below('call → hall board p99 (ms) < reply timeout, polling alongside', call.p99, 300)];
    printTargets(targets);
    return { callToBoard: call, txtRoundTrip: frame, targets };
  },
};
