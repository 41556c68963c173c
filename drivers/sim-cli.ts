/**
 * Device simulators on a real serial port (the far end of a socat pty pair, or a USB adapter
 * looped to the bus), for watching a hall with no hardware:
 *   npm run sim -- led --port /tmp/ttyB --address 3 [--lines 4]   prints what the board shows
 *   npm run sim -- keypad --port /tmp/ttyB --address 35           type NEXT, RECALL, FINISH… + Enter
 *   npm run sim -- evaluator --port /tmp/ttyB --address 67        type 1–5 + Enter to rate
 *   npm run sim -- bus --port /tmp/ttyB --config hall.json [--bus bus1]   every device of a bus
 *   npm run sim -- onbon-bx6k --port /tmp/ttyB --address 1 [--width 128 --height 32]   an Onbon controller
 *   npm run sim -- onbon-bx6 --port tcp:5005 --address 65534                         a 6Q/6E card on TCP
 *   npm run sim -- demo --port /tmp/ttyB [--protocol onbon-bx6k]   the demo hall's boards (HALLQ_DEMO_LED_PORT)
 * (Onbon boards: type `silent`, `nack [code]` or `answer` + Enter to script their replies)
 */
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import type { SimDevice } from './bus/sim-device.js';
import { SimPort } from './bus/sim-port.js';
import { EvaluatorSimulator } from './evaluator/simulator.js';
import type { HardwareConfig } from './host/hardware.js';
import { KeypadSimulator } from './keypad/simulator.js';
import { LedSimulator } from './led/simulator.js';
import { demoBoards } from '../server/config/demo-boards.js';
import { busProtocolOf, isProtocolName, protocolOf, PROTOCOL_NAMES, type ProtocolName } from './protocols/catalog.js';
import { REGISTRY, type BoardSimSpec, type DeviceProtocol } from './protocols/registry.js';

const out = (line: string) => process.stdout.write(`${new Date().toLocaleTimeString('zh-CN', { hour12: false })} ${line}\n`);

function watch(label: string, device: SimDevice): void {
  device.onRequest = (r) => {
    if (r.command === 'POLL' || r.command === 'PING') return;
    if (device instanceof LedSimulator) {
      if (r.command === 'BRT') out(`${label} brightness ${device.brightness}`);
      else
        out(
          `${label}\n${device
            .shows()
            .map((l, i) => `  ${i}│ ${l}`)
            .join('\n')}`,
        );
    } else if (device instanceof KeypadSimulator && r.command === 'SHOW') {
      out(`${label} display: ${device.display.current || '----'}  waiting ${device.display.waiting}`);
    } else if (device instanceof EvaluatorSimulator && r.command === 'ASK') {
      out(`${label} asks the visitor to rate ${device.asking} (1–5)`);
    }
  };
}

function deviceFor(kind: string, address: number, lines: number): SimDevice {
  if (kind === 'led') return new LedSimulator(address, lines);
  if (kind === 'keypad') return new KeypadSimulator(address);
  if (kind === 'evaluator') return new EvaluatorSimulator(address);
  throw new Error(`unknown device kind ${kind} (led, keypad, evaluator, bus)`);
}

function hardwareOf(configPath: string): HardwareConfig[] {
  return (JSON.parse(readFileSync(configPath, 'utf8')) as { hardware?: HardwareConfig[] }).hardware ?? [];
}

/** the HQ-485 devices of a bus (of every bus without one named) */
function devicesOfBus(hardware: HardwareConfig[], busId: string | undefined): [string, SimDevice][] {
  return hardware
    .filter(
      (h) =>
        h.address !== undefined && h.busId && (!busId || h.busId === busId) && ['led', 'keypad', 'evaluator'].includes(h.kind) && protocolOf(h) === 'hq485',
    )
    .map((h) => [h.id, deviceFor(h.kind, h.address!, h.lines ?? 1)]);
}

/** stdin lines go to the keypads (key names) and evaluators (digits 1–5) */
function readInput(devices: SimDevice[]): void {
  const rl = createInterface({ input: process.stdin });
  rl.on('line', (raw) => {
    const line = raw.trim().toUpperCase();
    if (!line) return;
    for (const d of devices) {
      if (d instanceof EvaluatorSimulator && /^[1-5]$/.test(line)) d.rate(Number(line));
      if (d instanceof KeypadSimulator && !/^[1-5]$/.test(line)) d.press(line);
    }
  });
}

/** the LED boards of one bus of a config, as a protocol's simulator wants them */
function boardsOfBus(hardware: HardwareConfig[], busId: string): BoardSimSpec[] {
  return hardware.flatMap((h) =>
    h.kind === 'led' && h.address !== undefined && h.busId === busId
      ? [{ label: h.id, address: h.address, width: h.width ?? 128, height: h.height ?? 16, lines: h.lines ?? 1 }]
      : [],
  );
}

/** boards of a registered protocol with a simulator of its own (the Onbon cards) */
async function runBoards(protocol: DeviceProtocol, port: string, boards: BoardSimSpec[], baud: number): Promise<void> {
  const { min, max } = protocol.info.address;
  if (boards.some((b) => !Number.isInteger(b.address) || b.address < min || b.address > max)) throw new Error(`--address must be ${min}–${max}`);
  const sim = await protocol.simulateBoards!(port, boards, baud, out);
  out(`simulating ${boards.map((b) => `${b.label} (${protocol.info.name}, address ${b.address})`).join(', ')} on ${sim.where}`);
  createInterface({ input: process.stdin }).on('line', (line) => sim.script(line));
  process.once('SIGINT', () => void sim.close().then(() => process.exit(0)));
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      port: { type: 'string' },
      address: { type: 'string' },
      lines: { type: 'string' },
      config: { type: 'string' },
      bus: { type: 'string' },
      baud: { type: 'string' },
      width: { type: 'string' },
      height: { type: 'string' },
      protocol: { type: 'string' },
    },
  });
  const kind = positionals[0];
  if (!kind || !values.port)
    throw new Error(
      'usage: npm run sim -- <led|keypad|evaluator|bus|demo|onbon-bx5k|onbon-bx6k|onbon-bx6> --port PATH|tcp:PORT [--address N] [--lines N] [--width PX --height PX] [--config FILE --bus ID]',
    );
  const baud = Number(values.baud ?? 9600);
  const named = isProtocolName(kind) ? REGISTRY[kind] : undefined;
  if (named?.simulateBoards) {
    const address = Number(values.address ?? named.info.address.default ?? 1);
    return runBoards(
      named,
      values.port,
      [{ label: `${kind}@${address}`, address, width: Number(values.width ?? 128), height: Number(values.height ?? 32), lines: Number(values.lines ?? 1) }],
      baud,
    );
  }
  // `demo`: the boards `npm run dev` drives with HALLQ_DEMO_LED_PORT set (server/config/demo-boards.ts)
  const protocol = values.protocol ?? process.env.HALLQ_DEMO_LED_PROTOCOL ?? 'hq485';
  if (kind === 'demo' && !isProtocolName(protocol)) throw new Error(`--protocol must be one of ${PROTOCOL_NAMES.join(', ')}`);
  const hardware = kind === 'demo' ? (demoBoards(protocol as ProtocolName) as HardwareConfig[]) : kind === 'bus' ? hardwareOf(values.config ?? '') : [];
  const busId = values.bus ?? hardware.find((h) => h.busId)?.busId;
  const busProtocol = busId ? REGISTRY[busProtocolOf(busId, hardware)] : undefined;
  if (busId && busProtocol?.simulateBoards) return runBoards(busProtocol, values.port, boardsOfBus(hardware, busId), baud);
  const devices: [string, SimDevice][] =
    kind === 'bus' || kind === 'demo'
      ? devicesOfBus(hardware, values.bus)
      : [[`${kind}@${values.address ?? '?'}`, deviceFor(kind, Number(values.address ?? NaN), Number(values.lines ?? 4))]];
  if (devices.some(([, d]) => !Number.isInteger(d.address) || d.address < 0 || d.address > 254)) throw new Error('--address must be 0–254');
  const port = new SimPort(values.port, baud);
  for (const [label, device] of devices) watch(label, port.add(device));
  await port.open();
  out(`simulating ${devices.map(([label, d]) => `${label} (address ${d.address})`).join(', ')} on ${values.port}`);
  readInput(devices.map(([, d]) => d));
  process.once('SIGINT', () => void port.close().then(() => process.exit(0)));
}

main().catch((error: unknown) => {
  process.stderr.write(`sim: ${(error as Error).message}\n`);
  process.exit(2);
});
