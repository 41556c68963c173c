import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Priority } from '../../drivers/bus/priority-queue.js';
import { BusError, SerialBus } from '../../drivers/bus/serial-bus.js';
import { SimPort } from '../../drivers/bus/sim-port.js';
import { SerialLedBoard } from '../../drivers/led/serial.js';
import { LedSimulator } from '../../drivers/led/simulator.js';
import { openPtyPair, type PtyPair } from '../helpers/pty-pair.js';
import { waitFor } from '../helpers/wait-for.js';

describe('HQ-485 bus over a real pty pair', () => {
  let pty: PtyPair;
  let sim: SimPort;
  let bus: SerialBus;
  let board: LedSimulator;

  beforeEach(async () => {
    pty = await openPtyPair();
    sim = new SimPort(pty.b);
    board = sim.add(new LedSimulator(3, 2));
    await sim.open();
    bus = new SerialBus({ id: 'bus1', path: pty.a, reprobeMs: 200, reopenMs: 100 });
    bus.attach(3);
    bus.start();
    await waitFor(() => bus.link(3)?.status === 'online', 'board online');
  });

  afterEach(async () => {
    await bus.close();
    await sim.close();
    await pty.close();
  });

  it('puts GBK text with a valid CRC on the board at its address', async () => {
    const led = new SerialLedBoard(bus, 3);
    await led.showLine(0, 'A012 请到3号窗口');
    expect(board.shows()[0]).toBe('A012 请到3号窗口');
    const txt = board.requests('TXT').at(-1)!;
    expect(txt.args).toEqual(['0', 'A012 请到3号窗口']);
  });

  it('does not resend text a board already shows', async () => {
    const led = new SerialLedBoard(bus, 3);
    await led.showLine(0, '暂停服务');
    await led.showLine(0, '暂停服务');
    await led.showLine(1, '午休');
    expect(board.requests('TXT').map((r) => r.args[1])).toEqual(['暂停服务', '午休']);
  });

  it('a strip asked for texts faster than its bus answers shows the latest, skipping the ones overtaken', async () => {
    const led = new SerialLedBoard(bus, 3);
    board.delayMs = 100; // each answer takes 100 ms: a call a millisecond is far faster
    const asked = Array.from({ length: 30 }, (_, i) => led.showLine(0, `A${String(i).padStart(3, '0')} 请到3号窗口`));
    await Promise.all(asked);
    expect(board.shows()[0]).toBe('A029 请到3号窗口');
    // the first was on its way; of the 29 after it only the latest went: the bus queue stays short
    expect(board.requests('TXT').map((r) => r.args[1])).toEqual(['A000 请到3号窗口', 'A029 请到3号窗口']);
    await led.showLine(0, 'A029 请到3号窗口');
    expect(board.requests('TXT')).toHaveLength(2);
  });

  it('sends commas and backslashes escaped and the board reads them back', async () => {
    const led = new SerialLedBoard(bus, 3);
    await led.showLine(1, '请稍候,谢谢\\合作');
    expect(board.shows()[1]).toBe('请稍候,谢谢\\合作');
  });

  it('a silent board goes offline after 3 tries and back online when it answers again', async () => {
    await waitFor(() => bus.link(3)?.status === 'online', 'board online');
    const statuses: string[] = [];
    bus.on('status', (addr, status) => {
      if (addr === 3) statuses.push(status);
    });
    board.silent = true;
    const before = board.received.length;
    const failure = await bus.request(3, 'PING').catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(BusError);
    expect((failure as BusError).code).toBe('TIMEOUT');
    expect(board.received.length - before).toBe(3);
    expect(board.received.slice(before).map((r) => r.seq)).toEqual(Array(3).fill(board.received[before]!.seq));
    expect(bus.link(3)!.status).toBe('offline');
    await expect(bus.request(3, 'PING')).rejects.toMatchObject({ code: 'OFFLINE' });
    board.silent = false;
    await waitFor(() => bus.link(3)?.status === 'online', 'board back online');
    expect(statuses).toEqual(['offline', 'online']);
  });

  it('drops a reply with a bad CRC, counts it, and takes the retry', async () => {
    await waitFor(() => bus.link(3)?.status === 'online', 'board online');
    board.badCrcReplies = 1;
    const reply = await bus.request(3, 'PING');
    expect(reply.ok).toBe(true);
    expect(bus.counters.badCrc).toBe(1);
    expect(bus.link(3)!.counters.retries).toBeGreaterThanOrEqual(1);
    expect(bus.link(3)!.status).toBe('degraded');
  });

  it("a window's strip goes before the hall board's lines queued earlier", async () => {
    const hallBoard = sim.add(new LedSimulator(4, 4));
    await waitFor(() => bus.link(3)?.status === 'online', 'board online');
    hallBoard.delayMs = 50;
    const order: string[] = [];
    const floor = new SerialLedBoard(bus, 4, Priority.hallBoard);
    const strip = new SerialLedBoard(bus, 3, Priority.display);
    const lines = [0, 1, 2, 3].map((line) => floor.showLine(line, `A00${line} 请到${line + 1}号窗口`).then(() => order.push(`board${line}`)));
    const call = strip.showLine(0, 'A004 请到5号窗口').then(() => order.push('strip'));
    await Promise.all([...lines, call]);
    // the board's first line was already on its way; the strip went next
    expect(order.indexOf('strip')).toBeLessThanOrEqual(1);
    expect(hallBoard.shows()).toEqual(['A000 请到1号窗口', 'A001 请到2号窗口', 'A002 请到3号窗口', 'A003 请到4号窗口']);
  });

  it('a board update queued behind polling goes first', async () => {
    sim.add(new LedSimulator(4, 1));
    await waitFor(() => bus.link(3)?.status === 'online', 'board online');
    board.delayMs = 50;
    const order: string[] = [];
    const polls = Array.from({ length: 5 }, (_, i) => bus.request(3, 'PING', [], 2).then(() => order.push(`poll${i}`)));
    const update = bus.request(4, 'TXT', ['0', 'A001'], 0).then(() => order.push('update'));
    await Promise.all([...polls, update]);
    expect(order.indexOf('update')).toBeLessThanOrEqual(1);
  });

  it('reopens a port that went away and the board comes back', async () => {
    await waitFor(() => bus.link(3)?.status === 'online', 'board online');
    await sim.close();
    await pty.unplug();
    await waitFor(() => !bus.isOpen, 'bus notices the port is gone');
    expect(bus.link(3)!.status).toBe('offline');
    await expect(bus.request(3, 'PING')).rejects.toMatchObject({ code: 'PORT_CLOSED' });
    await pty.replug();
    sim = new SimPort(pty.b);
    board = sim.add(new LedSimulator(3, 2));
    await sim.open();
    await waitFor(() => bus.link(3)?.status === 'online', 'board online after replug');
    const led = new SerialLedBoard(bus, 3);
    await led.showLine(0, 'A013 请到3号窗口');
    expect(board.shows()[0]).toBe('A013 请到3号窗口');
  });
});
