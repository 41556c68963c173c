/**
 * Device simulators on a real serial port (the far end of a socat pty pair, or a USB adapter
 * looped to the bus), for watching a hall with no hardware:
 *   npm run sim -- led --port /tmp/ttyB --address 3 [--lines 4]   prints what the board shows
 *   npm run sim -- keypad --port /tmp/ttyB --address 35           type NEXT, RECALL, FINISH… + Enter
 *   npm run sim -- evaluator --port /tmp/ttyB --address 67        type 1–5 + Enter to rate
 *   npm run sim -- bus --port /tmp/ttyB --config hall.json [--bus bus1]   every device of a bus
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

const out = (line: string) => process.stdout.write(`${new Date().toLocaleTimeString('zh-CN', { hour12: false })} ${line}\n`);

function watch(label: string, device: SimDevice): void {
  device.onRequest = (r) => {
    if (r.command === 'POLL' || r.command === 'PING') return;
    if (device instanceof LedSimulator) {
      if (r.command === 'BRT') out(`${label} brightness ${device.brightness}`);
      else out(`${label}\n${device.shows().map((l, i) => `  ${i}│ ${l}`).join('\n')}`);
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

function devicesOfBus(configPath: string, busId: string | undefined): [string, SimDevice][] {
  const config = JSON.parse(readFileSync(configPath, 'utf8')) as { hardware?: HardwareConfig[] };
  return (config.hardware ?? [])
    .filter((h) => h.address !== undefined && h.busId && (!busId || h.busId === busId) && ['led', 'keypad', 'evaluator'].includes(h.kind))
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

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { port: { type: 'string' }, address: { type: 'string' }, lines: { type: 'string' }, config: { type: 'string' }, bus: { type: 'string' }, baud: { type: 'string' } },
  });
  const kind = positionals[0];
  if (!kind || !values.port) throw new Error('usage: npm run sim -- <led|keypad|evaluator|bus> --port PATH [--address N] [--lines N] [--config FILE --bus ID]');
  const devices: [string, SimDevice][] = kind === 'bus'
    ? devicesOfBus(values.config ?? '', values.bus)
    : [[`${kind}@${values.address ?? '?'}`, deviceFor(kind, Number(values.address ?? NaN), Number(values.lines ?? 4))]];
  if (devices.some(([, d]) => !Number.isInteger(d.address) || d.address < 0 || d.address > 254)) throw new Error('--address must be 0–254');
  const port = new SimPort(values.port, Number(values.baud ?? 9600));
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
