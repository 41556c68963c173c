/**
 * A master for binary request/reply protocols (Onbon): one request on the line at a time
 * (RS-485 is half-duplex), the reply awaited `timeoutMs` (about 2 s for Onbon) with
 * `retries` more tries, then the device is offline and re-probed every `reprobeMs`. A port or
 * connection that goes away is reopened; meanwhile requests fail at once. With several
 * `baudRates` and no device answering yet, each probe that goes unanswered moves to the next.
 */
import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import { openBytePort, type BytePort } from './byte-port.js';
import type { PortLister } from './port-finder.js';
import type { DeviceBus } from './device-bus.js';
import { BusError, DeviceLink } from './device-link.js';
import { Priority, PriorityQueue } from './priority-queue.js';
import type { BusEvents } from './serial-bus.js';

export type Decoded<R> = { ok: true; reply: R } | { ok: false; reason: 'crc' | 'format'; detail: string };

export interface FrameCodec<C, R extends { from: number }> {
  encode(address: number, command: C): Buffer;
  /** a stateful splitter of the incoming bytes into replies */
  decoder(): { push(chunk: Buffer): Decoded<R>[] };
  /** the command that proves a device is there */
  probe: C;
  /** whether a reply comes from the device asked (a broadcast-2 address gets any) */
  isFrom(reply: R, address: number): boolean;
}

export interface FrameBusOptions {
  id: string;
  /** a serial port (path, COMn, USB serial number) or tcp://host:port */
  port: string;
  /** the first is tried first (default [9600]) */
  baudRates?: number[];
  timeoutMs?: number;
  retries?: number;
  reprobeMs?: number;
  reopenMs?: number;
  /** where serial ports are found (default SerialPort.list(); tests pass their own) */
  listPorts?: PortLister;
  log?: Logger;
}

interface Job<C, R> {
  address: number;
  command: C;
  probe: boolean;
  resolve(reply: R): void;
  reject(error: Error): void;
}
interface InFlight<C, R> {
  job: Job<C, R>;
  attempt: number;
  timer: NodeJS.Timeout;
  noisy: boolean;
}

export class FrameBus<C, R extends { from: number }> extends EventEmitter<BusEvents> implements DeviceBus {
  readonly id: string;
  readonly counters = { badCrc: 0, stray: 0, malformed: 0 };
  private readonly devices = new Map<number, DeviceLink>();
  private readonly queue = new PriorityQueue<Job<C, R>>();
  private readonly baudRates: number[];
  private baudIndex = 0;
  private port: BytePort | undefined;
  private closed = false;
  private inFlight: InFlight<C, R> | undefined;
  private reopenTimer: NodeJS.Timeout | undefined;
  private probeTimer: NodeJS.Timeout | undefined;
  private readonly timing: { timeoutMs: number; retries: number; reprobeMs: number; reopenMs: number };

  constructor(
    private readonly codec: FrameCodec<C, R>,
    private readonly opts: FrameBusOptions,
  ) {
    super();
    this.setMaxListeners(0);
    if (!opts.port) throw new Error(`bus ${opts.id}: port is required`);
    this.id = opts.id;
    this.baudRates = opts.baudRates?.length ? opts.baudRates : [9600];
    this.timing = { timeoutMs: opts.timeoutMs ?? 2000, retries: opts.retries ?? 1, reprobeMs: opts.reprobeMs ?? 5000, reopenMs: opts.reopenMs ?? 1000 };
  }

  get isOpen(): boolean {
    return this.port !== undefined;
  }
  get baudRate(): number {
    return this.baudRates[this.baudIndex]!;
  }

  attach(address: number): DeviceLink {
    let link = this.devices.get(address);
    if (!link) {
      link = new DeviceLink(address);
      this.devices.set(address, link);
      if (this.port) this.enqueueProbe(link);
    }
    return link;
  }

  link(address: number): DeviceLink | undefined {
    return this.devices.get(address);
  }

  start(): void {
    this.closed = false;
    void this.openPort();
    this.probeTimer = setInterval(() => void this.housekeeping(), this.timing.reprobeMs);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.probeTimer);
    clearTimeout(this.reopenTimer);
    this.failAll('bus closed');
    const port = this.port;
    this.port = undefined;
    await port?.close();
  }

  /** Sends a command and resolves with the device's reply (ACK or NACK alike). */
  request(address: number, command: C, priority: Priority = Priority.command): Promise<R> {
    const link = this.attach(address);
    if (!this.port) return Promise.reject(new BusError('PORT_CLOSED', `${this.opts.port} is not open`));
    if (link.status === 'offline') return Promise.reject(new BusError('OFFLINE', `device ${address} on ${this.opts.port} is offline`));
    return new Promise((resolve, reject) => {
      this.queue.push({ address, command, probe: false, resolve, reject }, priority);
      this.pump();
    });
  }

  /** a command nobody answers (the Onbon 0xFFFF broadcast) */
  broadcast(address: number, command: C): void {
    this.port?.write(this.codec.encode(address, command));
  }

  private async openPort(): Promise<void> {
    if (this.closed) return;
    let port: BytePort;
    try {
      port = await openBytePort(this.opts.port, this.baudRate, this.opts.listPorts);
    } catch (error) {
      this.scheduleReopen((error as Error).message);
      return;
    }
    if (this.closed) {
      await port.close();
      return;
    }
    this.port = port;
    const decoder = this.codec.decoder();
    port.on('data', (chunk) => {
      for (const d of decoder.push(chunk)) this.onDecoded(d);
    });
    port.on('lost', (reason) => this.onPortLost(port, reason));
    this.opts.log?.info({ bus: this.id, port: port.description }, 'bus port open');
    this.emit('port', true, null);
    for (const link of this.devices.values()) this.enqueueProbe(link);
  }

  private onPortLost(port: BytePort, reason: string): void {
    if (this.port !== port) return;
    this.port = undefined;
    void port.close();
    this.opts.log?.warn({ bus: this.id, reason }, 'bus port lost');
    this.failAll(reason);
    for (const link of this.devices.values()) this.setStatus(link, link.markOffline(`port: ${reason}`));
    this.emit('port', false, reason);
    this.scheduleReopen(reason);
  }

  private scheduleReopen(reason: string): void {
    if (this.closed) return;
    this.opts.log?.debug({ bus: this.id, reason }, 'bus port will be reopened');
    clearTimeout(this.reopenTimer);
    this.reopenTimer = setTimeout(() => void this.openPort(), this.timing.reopenMs);
  }

  private async housekeeping(): Promise<void> {
    const port = this.port;
    if (port && !(await port.present())) return this.onPortLost(port, 'port no longer listed');
    if (!this.port) return;
    for (const link of this.devices.values()) if (link.status === 'offline' || link.status === 'degraded') this.enqueueProbe(link);
  }

  private enqueueProbe(link: DeviceLink): void {
    if (link.probing) return;
    link.probing = true;
    const done = () => {
      link.probing = false;
    };
    this.queue.push({ address: link.address, command: this.codec.probe, probe: true, resolve: done, reject: done }, Priority.probe);
    this.pump();
  }

  private pump(): void {
    if (this.inFlight || !this.port) return;
    const job = this.queue.shift();
    if (!job) return;
    if (!job.probe && this.attach(job.address).status === 'offline') {
      job.reject(new BusError('OFFLINE', `device ${job.address} on ${this.opts.port} is offline`));
      this.pump();
      return;
    }
    this.send({ job, attempt: 0, timer: undefined as unknown as NodeJS.Timeout, noisy: false });
  }

  private send(flight: InFlight<C, R>): void {
    this.inFlight = flight;
    this.attach(flight.job.address).counters.sent++;
    this.port?.write(this.codec.encode(flight.job.address, flight.job.command));
    // as on the HQ-485 bus: after a stall the reply that is already waiting must win
    flight.timer = setTimeout(() => setImmediate(() => this.onTimeout(flight)), this.timing.timeoutMs);
  }

  private onTimeout(flight: InFlight<C, R>): void {
    if (this.inFlight !== flight) return;
    const link = this.attach(flight.job.address);
    const maxAttempts = flight.job.probe && link.status === 'offline' ? 0 : this.timing.retries;
    if (flight.attempt < maxAttempts) {
      link.counters.retries++;
      this.send({ ...flight, attempt: flight.attempt + 1, noisy: true });
      return;
    }
    link.counters.timeouts++;
    this.inFlight = undefined;
    const message = `no reply from device ${flight.job.address} after ${flight.attempt + 1} tries`;
    this.setStatus(link, link.markOffline(message));
    flight.job.reject(new BusError('TIMEOUT', message));
    if (flight.job.probe) void this.nextBaudRate();
    this.pump();
  }

  /** the documented rate detection: nobody answers at this rate, so try the next one */
  private async nextBaudRate(): Promise<void> {
    if (this.baudRates.length < 2 || [...this.devices.values()].some((l) => l.status === 'online' || l.status === 'degraded')) return;
    this.baudIndex = (this.baudIndex + 1) % this.baudRates.length;
    await this.port?.setBaudRate(this.baudRate).catch(() => {});
    this.opts.log?.info({ bus: this.id, baudRate: this.baudRate }, 'no device answers: trying another baud rate');
  }

  private onDecoded(decoded: Decoded<R>): void {
    const flight = this.inFlight;
    if (!decoded.ok) {
      this.counters[decoded.reason === 'crc' ? 'badCrc' : 'malformed']++;
      if (flight) {
        flight.noisy = true;
        if (decoded.reason === 'crc') this.attach(flight.job.address).counters.badCrc++;
      }
      this.opts.log?.debug({ bus: this.id, reason: decoded.reason, detail: decoded.detail }, 'frame dropped');
      return;
    }
    if (!flight || !this.codec.isFrom(decoded.reply, flight.job.address)) {
      this.counters.stray++;
      return;
    }
    clearTimeout(flight.timer);
    this.inFlight = undefined;
    const link = this.attach(flight.job.address);
    link.counters.replies++;
    this.setStatus(link, link.markAnswered(flight.noisy));
    flight.job.resolve(decoded.reply);
    this.pump();
  }

  private setStatus(link: DeviceLink, changed: boolean): void {
    if (changed) this.emit('status', link.address, link.status, link.lastError);
  }

  private failAll(reason: string): void {
    const error = new BusError('PORT_CLOSED', reason);
    if (this.inFlight) {
      clearTimeout(this.inFlight.timer);
      this.inFlight.job.reject(error);
      this.inFlight = undefined;
    }
    for (const job of this.queue.drain()) job.reject(error);
  }
}
