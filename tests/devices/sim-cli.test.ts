import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SerialBus } from '../../drivers/bus/serial-bus.js';
import { SerialKeypad } from '../../drivers/keypad/serial.js';
import { SerialLedBoard } from '../../drivers/led/serial.js';
import { openPtyPair, type PtyPair } from '../helpers/pty-pair.js';
import { waitFor } from '../helpers/wait-for.js';

describe('npm run sim: a device simulator a person can watch', () => {
  let pty: PtyPair | undefined;
  let sim: ChildProcess | undefined;
  let bus: SerialBus | undefined;
  let printed = '';

  const startSim = async (args: string[]) => {
    pty = await openPtyPair();
    printed = '';
    sim = spawn(join(process.cwd(), 'node_modules/.bin/tsx'), ['drivers/sim-cli.ts', ...args, '--port', pty.b], { stdio: ['pipe', 'pipe', 'pipe'] });
    sim.stdout!.on('data', (chunk: Buffer) => {
      printed += chunk.toString();
    });
    await waitFor(() => printed.includes('simulating'), 'simulator ready');
    // a simulator in a child process may miss a 300 ms reply window on a loaded machine: probe again soon
    bus = new SerialBus({ id: 'bus1', path: pty.a, reprobeMs: 500 });
    bus.start();
    return bus;
  };

  afterEach(async () => {
    await bus?.close();
    if (sim && sim.exitCode === null) {
      const exited = new Promise((resolve) => sim!.once('exit', resolve));
      sim.kill('SIGINT');
      await exited;
    }
    await pty?.close();
  });

  it('led prints what the board shows', async () => {
    const b = await startSim(['led', '--address', '3', '--lines', '2']);
    const board = new SerialLedBoard(b, 3);
    await waitFor(() => b.link(3)?.status === 'online', 'board online');
    await board.showLine(0, 'A012 请到3号窗口');
    await waitFor(() => printed.includes('0│ A012 请到3号窗口'), 'board text printed');
  });

  it('keypad turns a typed key into the reply to the next poll', async () => {
    const b = await startSim(['keypad', '--address', '35']);
    const keypad = new SerialKeypad(b, 35);
    await waitFor(() => b.link(35)?.status === 'online', 'keypad online');
    sim!.stdin!.write('next\n');
    let key: Awaited<ReturnType<SerialKeypad['poll']>> = null;
    await waitFor(async () => (key = await keypad.poll()) !== null, 'key polled');
    expect(key).toEqual({ key: 'NEXT' });
    await keypad.show('A001', 4);
    await waitFor(() => printed.includes('display: A001  waiting 4'), 'display printed');
  });
});
