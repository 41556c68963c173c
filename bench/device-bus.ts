/**
 * Devices over a real pty: how long from a staff call (HTTP) until the hall board has the new
 * text, while a keypad and an evaluator are polled on the same bus (the priority queue is what
 * keeps this short), and the bare bus round trip of one frame. A pty does not pace bytes at the
 * baud rate: on a real 9600-baud line add about 1 ms per byte each way (~40 ms for a TXT frame).
 * The same for Onbon BX-6K boards (one area per line, written at most once a second): calls
 * come 1.1 s apart as in a hall, so the figure is the driver's, not the refresh interval's; a
 * 4-area A3 06 frame is ~250 bytes, ~260 ms at 9600 baud on a real line.
 */
import { SerialBus } from '../drivers/bus/serial-bus.js';
import { SimPort } from '../drivers/bus/sim-port.js';
import { LedSimulator } from '../drivers/led/simulator.js';
import { encodeAreaText } from '../drivers/protocols/onbon/area-text.js';
import { AREA_DEFAULTS } from '../drivers/protocols/onbon/commands.js';
import { FAMILIES } from '../drivers/protocols/onbon/family.js';
import { onbonCodec } from '../drivers/protocols/onbon/protocol.js';
import { FrameBus } from '../drivers/bus/frame-bus.js';
import { OnbonSimPort } from '../drivers/protocols/onbon/sim-port.js';
import { OnbonSimulator } from '../drivers/protocols/onbon/simulator.js';
import { hallWithBus, simulateHall } from '../tests/devices/hall-devices.js';
import { hallWithOnbon, simulateOnbonHall } from '../tests/devices/onbon-hall.js';
import { openPtyPair } from '../tests/helpers/pty-pair.js';
import { waitFor } from '../tests/helpers/wait-for.js';
import { MONDAY_10AM, PASSWORD } from '../tests/helpers/test-config.js';
import type { HallConfig } from '../server/config/schema.js';
import { apiOf, expectOk } from './lib/http-client.js';
import { startServedServer } from './lib/served-server.js';
import { summarize, type LatencySummary } from './lib/stats.js';
import { printTable, printTargets, progress } from './lib/table.js';
import { below } from './lib/targets.js';
import type { BenchSuite } from './suites.js';

const CALLS = 40;
const PINGS = 200;
const ONBON_CALLS = 20;
/** calls on one Onbon board come this far apart (the card is written at most once a second) */
const ONBON_CALL_GAP_MS = 1100;

/** The test hall with its bus, served as `npm run serve` serves it, every feature on, on its Monday morning (open hours whenever the bench runs). */
async function servedHall(config: HallConfig) {
  const server = await startServedServer({ config, args: ['--clock-start', new Date(MONDAY_10AM).toISOString(), '--clock-speed', '1'] });
  const http = apiOf(server.url);
  return {
    http,
    login: async (username: string) =>
      expectOk(await http('POST', '/api/auth/login', { body: { username, password: PASSWORD } }), `login ${username}`).token as string,
    close: () => server.stop(),
  };
}

type ServedHall = Awaited<ReturnType<typeof servedHall>>;

/**
 * `calls` times: a staff-issued ticket (the kiosk rate limit is not what is measured), then, `gapMs`
 * later, call-next timed until `watch` reports the hall board showing `A0xx 请到1号窗口`.
 */
async function timeCalls(
  app: ServedHall,
  staff: string,
  calls: number,
  gapMs: number,
  watch: (text: string, shown: () => void) => void,
): Promise<LatencySummary> {
  const samples: number[] = [];
  for (let i = 0; i < calls; i++) {
    const issued = await app.http('POST', '/api/tickets', { token: staff, body: { serviceId: 'tax-reg' } });
    const text = `${issued.body.number} 请到1号窗口`;
    const shown = new Promise<number>((resolve) => watch(text, () => resolve(performance.now())));
    if (gapMs > 0) await new Promise((r) => setTimeout(r, gapMs));
    const t0 = performance.now();
    await app.http('POST', '/api/windows/w1/call-next', { token: staff });
    samples.push((await shown) - t0);
    await app.http('POST', '/api/windows/w1/start', { token: staff });
    await app.http('POST', '/api/windows/w1/finish', { token: staff });
  }
  return summarize(samples);
}

async function callToBoard(): Promise<LatencySummary> {
  const pty = await openPtyPair();
  const sim = await simulateHall(pty.b);
  const app = await servedHall(hallWithBus(pty.a));
  try {
    const staff = await app.login('wangfang');
    await app.http('POST', '/api/windows/w1/open', { token: staff });
    await waitFor(() => sim.hallBoard.requests('TXT').length > 0, 'hall board drawn', 10_000);
    return await timeCalls(app, staff, CALLS, 0, (text, shown) => {
      sim.hallBoard.onRequest = (r) => {
        if (r.command === 'TXT' && r.args[0] === '0' && r.args[1] === text) shown();
      };
    });
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

async function callToOnbonBoard(): Promise<LatencySummary> {
  const pty = await openPtyPair();
  const sim = await simulateOnbonHall(pty.b);
  const app = await servedHall(hallWithOnbon(pty.a));
  try {
    const staff = await app.login('wangfang');
    await app.http('POST', '/api/windows/w1/open', { token: staff });
    await waitFor(() => sim.hallBoard.areaWrites() > 0, 'Onbon hall board drawn', 10_000);
    return await timeCalls(app, staff, ONBON_CALLS, ONBON_CALL_GAP_MS, (text, shown) => {
      sim.hallBoard.onCommand = () => {
        if (sim.hallBoard.shows()[0] === text) shown();
      };
    });
  } finally {
    await app.close();
    await sim.port.close();
    await pty.close();
  }
}

async function onbonRoundTrip(): Promise<LatencySummary> {
  const pty = await openPtyPair();
  const family = FAMILIES['onbon-bx6k'];
  const port = new OnbonSimPort(pty.b);
  port.add(new OnbonSimulator(family, 3, { width: 192, height: 64 }));
  await port.open();
  const bus = new FrameBus(onbonCodec(family), { id: 'bench', port: pty.a });
  bus.attach(3);
  bus.start();
  try {
    await waitFor(() => bus.link(3)?.status === 'online', 'Onbon board online');
    const style = { fontSize: 16 as const, numberColor: 'red' as const, textColor: 'green' as const };
    const samples: number[] = [];
    for (let i = 0; i < PINGS; i++) {
      const areas = [0, 1, 2, 3].map((line) => ({
        ...AREA_DEFAULTS,
        id: line,
        x: 0,
        y: line * 16,
        width: 192,
        height: 16,
        data: encodeAreaText([`A${String(i + line).padStart(3, '0')} 请到3号窗口`], style),
      }));
      const t0 = performance.now();
      await bus.request(3, { kind: 'areas', areas });
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
    progress(`device bus: ${ONBON_CALLS} calls to an Onbon BX-6K hall board, ${ONBON_CALL_GAP_MS} ms apart`);
    const onbonCall = await callToOnbonBoard();
    progress(`device bus: ${PINGS} Onbon 4-area A3 06 writes → ACK`);
    const onbonFrame = await onbonRoundTrip();
    const row = (name: string, s: LatencySummary) => [name, s.n, s.p50, s.p90, s.p99, s.max];
    printTable(
      'devices over a pty (ms; a pty does not pace at the baud rate)',
      ['measure', 'n', 'p50', 'p90', 'p99', 'max'],
      [
        row('HQ-485: staff call → hall board has the text', call),
        row('HQ-485: one TXT request → reply (bus round trip)', frame),
        row('Onbon BX-6K: staff call → hall board has the text', onbonCall),
        row('Onbon BX-6K: 4-area A3 06 write → ACK', onbonFrame),
      ],
    );
    const targets = [
      below('call → hall board p99 (ms) < reply timeout, polling alongside', call.p99, 300),
      below('Onbon call → hall board p99 (ms) < 1 s (calls ≥ 1 s apart)', onbonCall.p99, 1000),
    ];
    printTargets(targets);
    return { callToBoard: call, txtRoundTrip: frame, onbonCallToBoard: onbonCall, onbonAreaWrite: onbonFrame, targets };
  },
};
