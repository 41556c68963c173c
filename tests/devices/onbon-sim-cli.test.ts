import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FrameBus } from '../../drivers/bus/frame-bus.js';
import { OnbonBoard } from '../../drivers/protocols/onbon/board.js';
import { FAMILIES, type OnbonProtocolName } from '../../drivers/protocols/onbon/family.js';
import { onbonCodec, type OnbonBus } from '../../drivers/protocols/onbon/protocol.js';
import { openPtyPair, type PtyPair } from '../helpers/pty-pair.js';
import { waitFor } from '../helpers/wait-for.js';

describe('npm run sim: Onbon controllers a person can watch', () => {
  let pty: PtyPair | undefined;
  let sim: ChildProcess | undefined;
  let bus: OnbonBus | undefined;
  let printed = '';

  const startSim = async (protocol: OnbonProtocolName, args: string[]) => {
    printed = '';
    sim = spawn(join(process.cwd(), 'node_modules/.bin/tsx'), ['drivers/sim-cli.ts', protocol, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    sim.stdout!.on('data', (chunk: Buffer) => {
      printed += chunk.toString();
    });
    await waitFor(() => printed.includes('simulating'), 'simulator ready');
  };
  const board = (protocol: OnbonProtocolName, port: string, address: number) => {
    bus = new FrameBus(onbonCodec(FAMILIES[protocol]), { id: 'leds', port, timeoutMs: 500, reprobeMs: 200, reopenMs: 100 });
    const b = new OnbonBoard(bus, { address, width: 128, height: 32, lines: 2, style: { numberColor: 'red', textColor: 'green' }, maxAreas: 5, refreshMs: 0 });
    bus.start();
    return b;
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

  it('a BX-6K on a pty prints its areas, and answers NACK when told to', async () => {
    pty = await openPtyPair();
    await startSim('onbon-bx6k', ['--port', pty.b, '--address', '1', '--width', '128', '--height', '32']);
    const b = board('onbon-bx6k', pty.a, 1);
    await waitFor(() => bus!.link(1)?.status === 'online', 'board online');
    await b.showLine(0, 'A012 请到3号窗口');
    await waitFor(() => printed.includes('0│ A012 请到3号窗口'), 'board text printed');
    sim!.stdin!.write('nack 3\n');
    await waitFor(() => printed.includes('boards: nack 3'), 'script taken');
    await b.showLine(1, 'B001 请到5号窗口');
    await waitFor(() => printed.includes('answered NACK 3 (busy)') && printed.includes('1│ B001 请到5号窗口'), 'NACK printed, then the retried text');
  });

  it("demo simulates the demo hall's Onbon boards (HALLQ_DEMO_LED_PROTOCOL)", async () => {
    pty = await openPtyPair();
    await startSim('demo' as OnbonProtocolName, ['--port', pty.b, '--protocol', 'onbon-bx6k']);
    expect(printed).toContain('led-f1 (onbon-bx6k, address 16)');
    const b = board('onbon-bx6k', pty.a, 16);
    await waitFor(() => bus!.link(16)?.status === 'online', 'hall board online');
    await b.showLine(0, 'A001 请到1号窗口');
    await waitFor(() => printed.includes('led-f1 192×64') && printed.includes('0│ A001 请到1号窗口'), 'hall board printed');
  });

  it('a 6Q card on a TCP port prints its areas', async () => {
    await startSim('onbon-bx6', ['--port', 'tcp:0']);
    const port = /TCP (\d+)/.exec(printed)?.[1];
    expect(port).toBeDefined();
    const b = board('onbon-bx6', `tcp://127.0.0.1:${port}`, 0xfffe);
    await waitFor(() => bus!.link(0xfffe)?.status === 'online', 'card online');
    await b.showLine(0, '欢迎光临');
    await waitFor(() => printed.includes('0│ 欢迎光临'), 'card text printed');
  });
});
