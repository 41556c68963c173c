import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { busProcessPid } from '../../drivers/bus/bus-process.js';
import { Priority } from '../../drivers/bus/priority-queue.js';
import { SerialBus, type BusReply } from '../../drivers/bus/serial-bus.js';
import { SerialLedBoard } from '../../drivers/led/serial.js';
import { openPtyPair, type PtyPair } from '../helpers/pty-pair.js';
import { DEADLINE_MS, waitFor } from '../helpers/wait-for.js';

/**
 * At the morning peak the server's event loop is busy with HTTP for tens of milliseconds at a
 * time. The bus must not wait for it: a board's refresh goes at the bus's pace. Here the test's
 * own event loop (the server's) is blocked by a synchronous spin while the devices, in a process
 * of their own as real ones are, record when each frame reached them.
 */
interface FarFrame {
  at: number;
  address: number;
  seq: number;
  command: string;
  args: string[];
}

const ADDRESSES = [3, 4, 5];
/** a board that hears its frames and never answers */
const SILENT = 9;
const SPIN_MS = 300;

let pty: PtyPair | undefined;
let far: ChildProcess | undefined;
let bus: SerialBus | undefined;
const frames: FarFrame[] = [];

async function farEnd(path: string): Promise<void> {
  frames.length = 0;
  let printed = '';
  far = spawn(join(process.cwd(), 'node_modules/.bin/tsx'), ['tests/helpers/far-end-process.ts', path, `${ADDRESSES.join(',')},${SILENT}!`], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  far.stdout!.on('data', (chunk: Buffer) => {
    printed += chunk.toString();
    let end: number;
    while ((end = printed.indexOf('\n')) >= 0) {
      const line = printed.slice(0, end);
      printed = printed.slice(end + 1);
      if (line.startsWith('{')) frames.push(JSON.parse(line) as FarFrame);
      else if (line === 'ready') far!.emit('ready');
    }
  });
  await new Promise((resolve) => far!.once('ready', resolve));
}

/**
 * A bus process, when one has to start: under vitest it loads its TypeScript through tsx (the served
 * server forks the built JS), which beside a bench has taken over 20 s; it probes every board as soon
 * as the port opens.
 */
const BUS_PROCESS_START_MS = 60_000;

async function busOnline(): Promise<SerialBus> {
  pty = await openPtyPair();
  await farEnd(pty.b);
  bus = new SerialBus({ id: 'bus1', path: pty.a });
  for (const address of ADDRESSES) bus.attach(address);
  bus.start();
  await waitFor(() => ADDRESSES.every((a) => bus!.link(a)?.status === 'online'), 'every board online', BUS_PROCESS_START_MS);
  return bus;
}

/** the event loop held as a busy server holds it: nothing else runs meanwhile */
function spin(ms: number): [number, number] {
  const from = Date.now();
  while (Date.now() - from < ms) {
    /* busy */
  }
  return [from, Date.now()];
}

/** spins, with one turn of the event loop in between, until `done` or the deadline */
async function spinUntil(done: () => boolean): Promise<[number, number][]> {
  const spins: [number, number][] = [];
  const deadline = Date.now() + DEADLINE_MS;
  while (!done() && Date.now() < deadline) {
    spins.push(spin(SPIN_MS));
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  return spins;
}

afterEach(async () => {
  await bus?.close();
  bus = undefined;
  if (far && far.exitCode === null) {
    const exited = new Promise((resolve) => far!.once('exit', resolve));
    far.kill('SIGTERM');
    await exited;
  }
  await pty?.close();
});

describe("the bus keeps its own pace while the server's event loop is busy", () => {
  it('frames queued before a spin go out during it, each reply is matched to its request, and no board goes offline', async () => {
    const b = await busOnline();
    const changes: string[] = [];
    b.on('status', (address, status) => changes.push(`${address} ${status}`));
    const texts = Array.from({ length: 30 }, (_, i) => `A${String(i).padStart(3, '0')} 请到${(i % 3) + 1}号窗口`);
    const replies: (BusReply | Error)[] = [];
    const asked = texts.map((text, i) =>
      b.request(ADDRESSES[i % 3]!, 'TXT', ['0', text], Priority.display).then(
        (r) => (replies[i] = r),
        (e: Error) => (replies[i] = e),
      ),
    );
    const txt = () => frames.filter((f) => f.command === 'TXT');
    const spins = await spinUntil(() => txt().length >= texts.length);
    await Promise.all(asked);

    // Waiting for the event loop, a bus sends one frame per turn at most: here many went during one spin
    const perSpin = spins.map(([from, to]) => txt().filter((f) => f.at >= from && f.at <= to).length);
    expect(Math.max(...perSpin), `TXT frames reaching the boards in each ${SPIN_MS} ms spin: ${perSpin.join(', ')}`).toBeGreaterThanOrEqual(5);
    // each request got its own reply: OK, with the seq of the frame that carried its text
    expect(replies.every((r) => !(r instanceof Error) && r.ok)).toBe(true);
    for (const [i, text] of texts.entries()) {
      const frame = txt().find((f) => f.args[1] === text);
      expect(frame?.address).toBe(ADDRESSES[i % 3]);
      expect((replies[i] as BusReply).seq).toBe(frame?.seq);
    }
    expect(changes, 'no board changed status').toEqual([]);
  });

  it("a strip's newer texts replace the one waiting in the bus process, and only the newest goes", async () => {
    const b = await busOnline();
    const strip = new SerialLedBoard(b, 3);
    // a board that does not answer holds the line for 3 tries of 300 ms
    const silent = b.request(SILENT, 'PING').catch(() => 'offline');
    await waitFor(() => frames.some((f) => f.address === SILENT), 'the silent board hears its first frame');
    const texts = Array.from({ length: 10 }, (_, i) => `A10${i} 请到1号窗口`);
    const shown = texts.map((text) => strip.showLine(0, text));
    const toStrip = () => frames.filter((f) => f.command === 'TXT' && f.address === 3).map((f) => f.args[1]);
    await spinUntil(() => toStrip().includes(texts.at(-1)));
    await Promise.all([...shown, silent]);
    // A100 waited behind the silent board; each newer text took its place there
    expect(toStrip()).toEqual([texts.at(-1)]);
  });

  it('a bus process that dies is started again: requests fail at once meanwhile, and the boards come back', async () => {
    const b = await busOnline();
    const changes: string[] = [];
    b.on('status', (address, status) => changes.push(`${address} ${status}`));
    const pid = busProcessPid()!;
    process.kill(pid, 'SIGKILL');
    await waitFor(() => !b.isOpen && b.link(3)?.status === 'offline', 'the boards offline once the bus process is gone');
    await expect(b.request(3, 'PING')).rejects.toMatchObject({ code: 'PORT_CLOSED' });
    await waitFor(() => ADDRESSES.every((a) => b.link(a)?.status === 'online'), 'every board online again', BUS_PROCESS_START_MS);
    expect(busProcessPid()).not.toBe(pid);
    expect(changes.slice(0, 3).sort()).toEqual(['3 offline', '4 offline', '5 offline']);
    expect((await b.request(4, 'TXT', ['0', 'A201 请到2号窗口'])).ok).toBe(true);
  });
});
