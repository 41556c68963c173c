/**
 * The device host: one serial bus per configured port, LED boards drawn from the hall's
 * events, keypads and evaluators polled, health of every device reported. A device that
 * fails is reported and retried; it never holds up the queue (all bus work is off the
 * use-case path, and a dead bus fails fast).
 */
import type { Logger } from 'pino';
import type { SnapshotDto } from '../../server/contract/dto.js';
import type { HallEvent } from '../../server/contract/events.js';
import type { DeviceBus } from '../bus/device-bus.js';
import type { LinkStatus } from '../bus/device-link.js';
import type { SerialBusOptions } from '../bus/serial-bus.js';
import { brightnessAt, DEFAULT_BRIGHTNESS, hallBoardLines, windowStripText, type LedBoard } from '../led/protocol.js';
import { busProtocolOf, protocolOf } from '../protocols/catalog.js';
import { REGISTRY, type BusTiming, type DeviceProtocol, type ProtocolTiming } from '../protocols/registry.js';
import type { HallLink } from './hall-link.js';
import { HallState } from './hall-state.js';
import { busDevices, localMinuteOfDay, type DeviceHostConfig, type HardwareConfig } from './hardware.js';
import { EvaluatorStation, KeypadStation } from './stations.js';

export interface DeviceHostOptions {
  config: DeviceHostConfig;
  link: HallLink;
  log: Logger;
  /** timing overrides (tests): HQ-485 buses, and the re-probe and reopen of every bus */
  bus?: Pick<SerialBusOptions, 'timeoutMs' | 'retries' | 'reprobeMs' | 'reopenMs'>;
  /** Onbon buses and boards (default: 2 s ACK wait, one retry, text at most once a second) */
  onbon?: BusTiming & { refreshMs?: number };
  pollMs?: number;
  healthEveryMs?: number;
  /** how often a board (never polled) is PINGed to prove it is there, ms (default 1000) */
  boardHeartbeatMs?: number;
}

interface Board {
  hw: HardwareConfig;
  board: LedBoard & { counters?: Record<string, number> };
  lines: number;
}

/** how long a hardware test's text stays on a board or keypad */
const TEST_SHOWN_MS = 5000;

export class DeviceHost {
  readonly buses = new Map<string, DeviceBus>();
  private readonly protocols = new Map<string, DeviceProtocol>();
  private readonly boards: Board[] = [];
  private readonly keypads: KeypadStation[] = [];
  private readonly evaluators: EvaluatorStation[] = [];
  private readonly state = new HallState();
  private readonly timers = new Set<NodeJS.Timeout>();
  private unsubscribe: (() => void) | undefined;
  private closed = false;
  private readonly log: Logger;

  constructor(private readonly opts: DeviceHostOptions) {
    this.log = opts.log.child({ module: 'device-host' });
    const devices = busDevices(opts.config);
    const { reprobeMs, reopenMs } = opts.bus ?? {};
    const timing: ProtocolTiming = { hq485: opts.bus ?? {}, onbon: { ...(reprobeMs ? { reprobeMs } : {}), ...(reopenMs ? { reopenMs } : {}), ...opts.onbon } };
    for (const b of opts.config.buses) {
      const protocol = REGISTRY[busProtocolOf(b.id, opts.config.hardware)];
      this.protocols.set(b.id, protocol);
      this.buses.set(
        b.id,
        protocol.createBus(
          b,
          devices.filter((d) => d.busId === b.id),
          timing,
          this.log,
        ),
      );
    }
    for (const hw of devices) this.addDevice(hw, this.buses.get(hw.busId)!, this.protocols.get(hw.busId)!, timing);
  }

  /** Devices whose protocol is not their bus's are left out (hardwareProblems names them). */
  private addDevice(hw: HardwareConfig & { busId: string; address: number }, bus: DeviceBus, protocol: DeviceProtocol, timing: ProtocolTiming): void {
    if (protocolOf(hw) !== protocol.info.name) return;
    const log = this.log.child({ device: hw.id });
    if (hw.kind === 'led') this.boards.push({ hw, board: protocol.createBoard(bus, hw, timing, this.log), lines: hw.lines ?? 1 });
    else if (hw.kind === 'keypad' && hw.windowId && protocol.createKeypad)
      this.keypads.push(new KeypadStation(hw.id, hw.windowId, protocol.createKeypad(bus, hw), this.opts.link, log));
    else if (hw.kind === 'evaluator' && hw.windowId && protocol.createEvaluator)
      this.evaluators.push(new EvaluatorStation(hw.id, hw.windowId, protocol.createEvaluator(bus, hw), this.opts.link, log));
    else return;
    bus.on('status', (address, status, lastError) => {
      if (address !== hw.address) return;
      this.reportHealth(hw, bus, status, lastError);
      // a keypad that was away shows the window again as soon as it answers
      const keypad = status === 'online' ? this.keypads.find((k) => k.id === hw.id) : undefined;
      if (keypad) this.quietly(keypad.refresh(), hw.id);
    });
  }

  get deviceCount(): number {
    return this.boards.length + this.keypads.length + this.evaluators.length;
  }

  start(): void {
    for (const bus of this.buses.values()) bus.start();
    this.unsubscribe = this.opts.link.subscribe(this.opts.config.hallId, {
      snapshot: (s) => this.onSnapshot(s),
      event: (e) => this.onEvent(e),
    });
    const pollMs = this.opts.pollMs ?? 100;
    for (const k of this.keypads) this.every(pollMs, () => k.pollOnce());
    for (const e of this.evaluators) this.every(pollMs, () => e.pollOnce());
    this.every(this.opts.boardHeartbeatMs ?? 1000, () => {
      for (const b of this.boards) if (b.hw.busId && b.hw.address !== undefined) this.buses.get(b.hw.busId)?.heartbeat?.(b.hw.address);
    });
    this.every(60_000, () => this.applyBrightness(), true);
    this.every(this.opts.healthEveryMs ?? 10_000, () => this.reportCounters());
  }

  async close(): Promise<void> {
    this.closed = true;
    this.unsubscribe?.();
    for (const t of this.timers) clearTimeout(t);
    await Promise.all([...this.buses.values()].map((b) => b.close()));
  }

  private onSnapshot(s: SnapshotDto): void {
    this.state.applySnapshot(s);
    for (const b of this.boards) this.drawBoard(b);
    for (const k of this.keypads) this.quietly(k.refresh(), k.id);
  }

  private onEvent(e: HallEvent): void {
    const change = this.state.apply(e);
    for (const b of this.boards) {
      if (b.hw.windowId ? change.windowIds.includes(b.hw.windowId) : change.calls) this.drawBoard(b);
    }
    for (const k of this.keypads) if (change.queue || change.windowIds.includes(k.windowId)) this.quietly(k.refresh(), k.id);
    if (e.type === 'ticket.finished') {
      for (const ev of this.evaluators) if (ev.windowId === e.data.windowId) this.quietly(ev.ask(e.data.ticketId, e.data.number), ev.id);
    }
    if (e.type === 'device.test') this.showTest(e.data.hardwareId, e.data.text);
  }

  /** A manager's hardware test: the device shows the test text for a while, then its own again. */
  private showTest(id: string, text: string): void {
    const board = this.boards.find((b) => b.hw.id === id);
    const keypad = this.keypads.find((k) => k.id === id);
    const evaluator = this.evaluators.find((ev) => ev.id === id);
    if (board) this.quietly(board.board.showLine(0, text), id);
    if (keypad) this.quietly(keypad.keypad.show(text, 0), id);
    if (evaluator) this.quietly(evaluator.evaluator.ask(text), id);
    if (!board && !keypad) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      if (board) this.drawBoard(board);
      if (keypad) this.quietly(keypad.refresh(), id);
    }, TEST_SHOWN_MS);
    this.timers.add(timer);
  }

  /** a window strip shows its window; a board with no window is a hall board of its zone */
  private drawBoard(b: Board): void {
    let lines: string[];
    if (b.hw.windowId) {
      const w = this.state.windows.get(b.hw.windowId);
      if (!w) return;
      lines = windowStripText(w, b.lines);
    } else {
      lines = hallBoardLines(this.state.callsFor(b.hw.zoneId), b.lines);
    }
    lines.forEach((text, i) => this.quietly(b.board.showLine(i, text), b.hw.id));
  }

  private applyBrightness(): void {
    const minute = localMinuteOfDay(this.opts.link.now(), this.opts.config.timezone ?? 'Asia/Shanghai');
    for (const b of this.boards) this.quietly(b.board.setBrightness(brightnessAt(b.hw.brightness ?? DEFAULT_BRIGHTNESS, minute)), b.hw.id);
  }

  private reportHealth(hw: HardwareConfig, bus: DeviceBus, status: LinkStatus, lastError: string | null): void {
    if (status === 'unknown') return;
    const counters = this.countersOf(hw, bus);
    this.quietly(this.opts.link.reportHealth(this.opts.config.hallId, { id: hw.id, kind: hw.kind, status, lastError, counters }), hw.id);
  }

  private reportCounters(): void {
    for (const hw of busDevices(this.opts.config)) {
      const bus = this.buses.get(hw.busId)!;
      const link = bus.link(hw.address);
      if (link) this.reportHealth(hw, bus, link.status, link.lastError);
    }
  }

  private countersOf(hw: HardwareConfig, bus: DeviceBus): Record<string, number> {
    const link = bus.link(hw.address!);
    const station = this.keypads.find((k) => k.id === hw.id) ?? this.evaluators.find((e) => e.id === hw.id);
    const device = station && 'keypad' in station ? station.keypad.counters : station?.evaluator.counters;
    const board = this.boards.find((b) => b.hw.id === hw.id)?.board.counters;
    return { ...link?.counters, ...device, ...board, ...station?.counters };
  }

  private every(ms: number, fn: () => unknown, now = false): void {
    const tick = async () => {
      if (this.closed) return;
      try {
        await fn();
      } catch {
        // bus errors are reported through the device's health, not here
      }
      if (!this.closed) schedule();
    };
    const schedule = () => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        void tick();
      }, ms);
      this.timers.add(timer);
    };
    if (now) void tick();
    else schedule();
  }

  private quietly(work: Promise<unknown>, deviceId: string): void {
    work.catch((error: unknown) => this.log.debug({ device: deviceId, err: (error as Error).message }, 'device update failed'));
  }
}
