/**
 * One master per serial port (docs/en/devices.md "How the host drives a bus"): one request on the bus at a time, the
 * reply matched by address and seq, 300 ms timeout, 2 retries, then the device is offline and
 * re-probed every 5 s in the background. A port that goes away is reopened when it comes back;
 * meanwhile every request fails at once, so nothing upstream waits on a dead bus.
 */
import { ReadlineParser } from '@serialport/parser-readline';
import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import { SerialPort } from 'serialport';
import { BusError, DeviceLink, type BusReply, type LinkStatus } from './device-link.js';
import { findPort, stillListed, type PortLister } from './port-finder.js';
import { Priority, PriorityQueue } from './priority-queue.js';
import { BROADCAST_ADDRESS, parseFrame, request as requestFrame } from './protocol.js';

export { BusError, type BusReply, type LinkStatus } from './device-link.js';

export interface SerialBusOptions {
  id: string;
  path: string;
  baudRate?: number;
  /** reply timeout per try, ms (default 300) */
  timeoutMs?: number;
  /** tries after the first before a device is offline (default 2) */
  retries?: number;
  /** background re-probe of offline devices, ms (default 5000) */
  reprobeMs?: number;
  /** how often a vanished port is tried again, ms (default 1000) */
  reopenMs?: number;
  /** where ports are found (default SerialPort.list(); tests pass their own) */
  listPorts?: PortLister;
  log?: Logger;
}

interface Job {
  address: number;
  command: string;
  args: string[];
  probe: boolean;
  resolve(reply: BusReply): void;
  reject(error: BusError): void;
}

interface InFlight {
  job: Job;
  seq: number;
  attempt: number;
  timer: NodeJS.Timeout;
  noisy: boolean;
}

export interface BusEvents {
  status: [address: number, status: LinkStatus, lastError: string | null];
  port: [open: boolean, error: string | null];
}

export class SerialBus extends EventEmitter<BusEvents> {
  readonly id: string;
  readonly path: string;
  /** frames dropped for a bad CRC, replies nobody waited for, malformed lines */
  readonly counters = { badCrc: 0, stray: 0, malformed: 0 };
  private readonly devices = new Map<number, DeviceLink>();
  private readonly queue = new PriorityQueue<Job>();
  private readonly opts: Required<Omit<SerialBusOptions, 'log' | 'listPorts'>>;
  private readonly listPorts: PortLister | undefined;
  /** the port was found in the system's list, so leaving it means it was unplugged */
  private listed = false;
  private readonly log: Logger | undefined;
  private port: SerialPort | undefined;
  private open = false;
  private closed = false;
  private inFlight: InFlight | undefined;
  private reopenTimer: NodeJS.Timeout | undefined;
  private probeTimer: NodeJS.Timeout | undefined;

  constructor(opts: SerialBusOptions) {
    super();
    // every device on the bus (dozens in a big hall) listens for its own status
    this.setMaxListeners(0);
    if (!opts.path) throw new Error(`bus ${opts.id}: port path is required`);
    this.id = opts.id;
    this.path = opts.path;
    this.log = opts.log;
    this.listPorts = opts.listPorts;
    this.opts = {
      id: opts.id,
      path: opts.path,
      baudRate: opts.baudRate ?? 9600,
      timeoutMs: opts.timeoutMs ?? 300,
      retries: opts.retries ?? 2,
      reprobeMs: opts.reprobeMs ?? 5000,
      reopenMs: opts.reopenMs ?? 1000,
    };
  }

  get isOpen(): boolean {
    return this.open;
  }

  /** Declares a device on this bus; it is probed as soon as the port is open. */
  attach(address: number): DeviceLink {
    let link = this.devices.get(address);
    if (!link) {
      link = new DeviceLink(address);
      this.devices.set(address, link);
      if (this.open) this.enqueueProbe(link);
    }
    return link;
  }

  /**
   * A presence check of a device that is never polled (a board): a PING at the lowest priority,
   * so a board that fell silent goes offline within about as long as a polled keypad does.
   */
  heartbeat(address: number): void {
    const link = this.devices.get(address);
    if (this.open && link && (link.status === 'online' || link.status === 'unknown')) this.enqueueProbe(link);
  }

  link(address: number): DeviceLink | undefined {
    return this.devices.get(address);
  }

  start(): void {
    this.closed = false;
    void this.openPort();
    this.probeTimer = setInterval(() => void this.housekeeping(), this.opts.reprobeMs);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.probeTimer);
    clearTimeout(this.reopenTimer);
    this.failAll('bus closed');
    const port = this.port;
    this.port = undefined;
    this.open = false;
    if (port?.isOpen) await new Promise<void>((resolve) => port.close(() => resolve()));
  }

  /**
   * Sends CMD,ARG… to one device and resolves with its reply (OK or ER). Rejects with
   * BusError TIMEOUT after the retries, OFFLINE while the device is offline (it is re-probed in
   * the background), PORT_CLOSED while the port is away.
   */
  request(address: number, command: string, args: string[] = [], priority: Priority = Priority.command): Promise<BusReply> {
    const link = this.attach(address);
    if (!this.open) return Promise.reject(new BusError('PORT_CLOSED', `${this.path} is not open`));
    if (link.status === 'offline') return Promise.reject(new BusError('OFFLINE', `device ${address} on ${this.path} is offline`));
    return new Promise((resolve, reject) => {
      this.queue.push({ address, command, args, probe: false, resolve, reject }, priority);
      this.pump();
    });
  }

  /** A frame to every device (address FF): no reply is expected. */
  broadcast(command: string, args: string[] = []): void {
    if (this.open) this.port?.write(requestFrame(BROADCAST_ADDRESS, 0, command, ...args));
  }

  /** The port is looked up in SerialPort.list() each time (COM3 is no file; a USB adapter may come back as another node). */
  private async openPort(): Promise<void> {
    if (this.closed) return;
    const found = await findPort(this.path, this.listPorts);
    if (this.closed) return;
    this.listed = found.listed;
    const port = new SerialPort({ path: found.path, baudRate: this.opts.baudRate, autoOpen: false });
    port.open((error) => {
      if (error) {
        this.scheduleReopen(error.message);
        return;
      }
      if (this.closed) {
        port.close();
        return;
      }
      this.port = port;
      this.open = true;
      const parser = port.pipe(new ReadlineParser({ delimiter: '\n', encoding: 'latin1' }));
      parser.on('data', (line: string) => this.onLine(Buffer.from(line, 'latin1')));
      port.on('close', () => this.onPortLost(port, 'port closed'));
      port.on('error', (err) => this.onPortLost(port, err.message));
      this.log?.info({ bus: this.id, path: this.path }, 'serial port open');
      this.emit('port', true, null);
      for (const link of this.devices.values()) this.enqueueProbe(link);
    });
  }

  private onPortLost(port: SerialPort, reason: string): void {
    if (this.port !== port) return;
    this.port = undefined;
    this.open = false;
    if (port.isOpen) port.close(() => {});
    this.log?.warn({ bus: this.id, path: this.path, reason }, 'serial port lost');
    this.failAll(reason);
    for (const link of this.devices.values()) this.setStatus(link, link.markOffline(`port: ${reason}`));
    this.emit('port', false, reason);
    this.scheduleReopen(reason);
  }

  private scheduleReopen(reason: string): void {
    if (this.closed) return;
    this.log?.debug({ bus: this.id, reason }, 'serial port will be reopened');
    clearTimeout(this.reopenTimer);
    this.reopenTimer = setTimeout(() => void this.openPort(), this.opts.reopenMs);
  }

  /**
   * Every reprobeMs: offline and degraded devices get a probe; a listed port that left the list
   * is dropped (a pulled adapter that the driver did not report closed). An unlisted port (a
   * pseudo-terminal) is known lost by its close event.
   */
  private async housekeeping(): Promise<void> {
    const port = this.port;
    if (this.open && port && this.listed && !(await stillListed(this.path, this.listPorts))) {
      this.onPortLost(port, 'port no longer listed');
      return;
    }
    if (!this.open) return;
    // degraded devices are checked too, so a board that seldom talks can prove the line clean
    for (const link of this.devices.values()) if (link.status === 'offline' || link.status === 'degraded') this.enqueueProbe(link);
  }

  /** Any well-formed reply, even ER, proves the device is there. */
  private enqueueProbe(link: DeviceLink): void {
    if (link.probing) return;
    link.probing = true;
    const done = () => {
      link.probing = false;
    };
    this.queue.push({ address: link.address, command: 'PING', args: [], probe: true, resolve: done, reject: done }, Priority.probe);
    this.pump();
  }

  private pump(): void {
    if (this.inFlight || !this.open) return;
    const job = this.queue.shift();
    if (!job) return;
    const link = this.attach(job.address);
    if (!job.probe && link.status === 'offline') {
      job.reject(new BusError('OFFLINE', `device ${job.address} on ${this.path} is offline`));
      this.pump();
      return;
    }
    this.send({ job, seq: link.nextSeq(), attempt: 0, timer: undefined as unknown as NodeJS.Timeout, noisy: false });
  }

  private send(flight: InFlight): void {
    this.inFlight = flight;
    const { job } = flight;
    this.attach(job.address).counters.sent++;
    this.port?.write(requestFrame(job.address, flight.seq, job.command, ...job.args));
    // The verdict waits one turn of the event loop: after a stall (GC, a slow disk write) the
    // timer and the reply are both due, and timers run first; the reply must win.
    flight.timer = setTimeout(() => setImmediate(() => this.onTimeout(flight)), this.opts.timeoutMs);
  }

  private onTimeout(flight: InFlight): void {
    if (this.inFlight !== flight) return;
    const link = this.attach(flight.job.address);
    // Re-probing an offline device takes one try; a first contact gets the full retries.
    const maxAttempts = flight.job.probe && link.status === 'offline' ? 0 : this.opts.retries;
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
    this.pump();
  }

  private onLine(line: Buffer): void {
    if (line.length === 0 || (line.length === 1 && line[0] === 0x0d)) return;
    const parsed = parseFrame(line);
    const flight = this.inFlight;
    if (!parsed.ok) {
      if (parsed.reason === 'crc') this.counters.badCrc++;
      else this.counters.malformed++;
      if (flight) {
        flight.noisy = true;
        this.attach(flight.job.address).counters.badCrc += parsed.reason === 'crc' ? 1 : 0;
      }
      this.log?.debug({ bus: this.id, reason: parsed.reason, detail: parsed.detail }, 'frame dropped');
      return;
    }
    const { frame } = parsed;
    if (frame.kind !== 'reply' || !flight || frame.address !== flight.job.address || frame.seq !== flight.seq) {
      if (frame.kind === 'reply') this.counters.stray++;
      return;
    }
    clearTimeout(flight.timer);
    this.inFlight = undefined;
    const link = this.attach(frame.address);
    link.counters.replies++;
    this.setStatus(link, link.markAnswered(flight.noisy));
    const [status = '', ...args] = frame.fields;
    flight.job.resolve({ ok: status === 'OK', status, args, seq: frame.seq });
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
