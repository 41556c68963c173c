/**
 * The master of one HQ-485 port, in the bus process (bus-child.ts): one request on the bus at a
 * time, the reply matched by address and seq, `timeoutMs` per try, `retries` more tries, then
 * the device is offline and re-probed every `reprobeMs`. A port that goes away is reopened when
 * it comes back; meanwhile every request fails at once. What the server's process must know (a
 * settled request, a device's status, the port) goes out through `post`.
 */
import { ReadlineParser } from '@serialport/parser-readline';
import { SerialPort } from 'serialport';
import type { BusCounters, BusSettings, FromBusProcess, LinkState } from './bus-wire.js';
import { BusError, DeviceLink, type BusErrorCode, type BusReply } from './device-link.js';
import { findPort, stillListed, type PortLister } from './port-finder.js';
import { Priority, PriorityQueue } from './priority-queue.js';
import { BROADCAST_ADDRESS, parseFrame, request as requestFrame } from './protocol.js';

interface Job {
  /** the server's request ids this job answers (none for a probe) */
  ids: number[];
  address: number;
  command: string;
  args: string[];
  probe: boolean;
  replaces: string | undefined;
}

interface InFlight {
  job: Job;
  seq: number;
  attempt: number;
  timer: NodeJS.Timeout;
  noisy: boolean;
}

type Outcome = { reply: BusReply } | { code: BusErrorCode; message: string };
/** a request the bus could not carry out (a BusError on the server's side, not an HTTP error) */
const failed = (code: BusErrorCode, message: string): Outcome => ({ code, message });

const stateOf = (link: DeviceLink): LinkState => ({ status: link.status, lastError: link.lastError, counters: { ...link.counters } });

export class BusMaster {
  readonly counters: BusCounters = { badCrc: 0, stray: 0, malformed: 0 };
  private readonly devices = new Map<number, DeviceLink>();
  private readonly queue = new PriorityQueue<Job>();
  /** the port was found in the system's list, so leaving it means it was unplugged */
  private listed = false;
  private port: SerialPort | undefined;
  private open = false;
  private closed = false;
  private inFlight: InFlight | undefined;
  private reopenTimer: NodeJS.Timeout | undefined;
  private probeTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly key: number,
    private readonly opts: BusSettings,
    private readonly post: (message: FromBusProcess) => void,
    /** where ports are found: the server's lister, or SerialPort.list() */
    private readonly listPorts: PortLister | undefined,
  ) {}

  attach(address: number): DeviceLink {
    let link = this.devices.get(address);
    if (!link) {
      link = new DeviceLink(address);
      this.devices.set(address, link);
      if (this.open) this.enqueueProbe(link);
    }
    return link;
  }

  /** a PING at the lowest priority for a board that is never polled, so one that fell silent goes offline */
  heartbeat(address: number): void {
    const link = this.devices.get(address);
    if (this.open && link && (link.status === 'online' || link.status === 'unknown')) this.enqueueProbe(link);
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
   * Queues CMD,ARG… for a device; the outcome is posted as `settled`. With `replaces`, a request
   * of the same device and key that is still waiting in the queue is sent with these args
   * instead (a board's line: the newest text goes, in the older one's place, never both).
   */
  request(id: number, address: number, command: string, args: string[], priority: number, replaces?: string): void {
    const link = this.attach(address);
    if (!this.open) return this.settle([id], address, failed('PORT_CLOSED', `${this.opts.path} is not open`));
    if (link.status === 'offline') return this.settle([id], address, failed('OFFLINE', `device ${address} on ${this.opts.path} is offline`));
    const waiting = replaces === undefined ? undefined : this.queue.find((j) => j.address === address && j.replaces === replaces);
    if (waiting) {
      waiting.command = command;
      waiting.args = args;
      waiting.ids.push(id);
      return;
    }
    this.queue.push({ ids: [id], address, command, args, probe: false, replaces }, priority);
    this.pump();
  }

  /** A frame to every device (address FF): no reply is expected. */
  broadcast(command: string, args: string[]): void {
    if (this.open) this.port?.write(requestFrame(BROADCAST_ADDRESS, 0, command, ...args));
  }

  /** The port is looked up in SerialPort.list() each time (COM3 is no file; a USB adapter may come back as another node). */
  private async openPort(): Promise<void> {
    if (this.closed) return;
    const found = await findPort(this.opts.path, this.listPorts);
    if (this.closed) return;
    this.listed = found.listed;
    const port = new SerialPort({ path: found.path, baudRate: this.opts.baudRate, autoOpen: false });
    port.open((error) => {
      if (error) return this.scheduleReopen(error.message);
      if (this.closed) return port.close();
      this.port = port;
      this.open = true;
      const parser = port.pipe(new ReadlineParser({ delimiter: '\n', encoding: 'latin1' }));
      parser.on('data', (line: string) => this.onLine(Buffer.from(line, 'latin1')));
      port.on('close', () => this.onPortLost(port, 'port closed'));
      port.on('error', (err) => this.onPortLost(port, err.message));
      this.log('info', { path: this.opts.path }, 'serial port open');
      this.post({ type: 'port', bus: this.key, open: true, error: null });
      for (const link of this.devices.values()) this.enqueueProbe(link);
    });
  }

  private onPortLost(port: SerialPort, reason: string): void {
    if (this.port !== port) return;
    this.port = undefined;
    this.open = false;
    if (port.isOpen) port.close(() => {});
    this.log('warn', { path: this.opts.path, reason }, 'serial port lost');
    this.failAll(reason);
    for (const link of this.devices.values()) this.setStatus(link, link.markOffline(`port: ${reason}`));
    this.post({ type: 'port', bus: this.key, open: false, error: reason });
    this.scheduleReopen(reason);
  }

  private scheduleReopen(reason: string): void {
    if (this.closed) return;
    this.log('debug', { reason }, 'serial port will be reopened');
    clearTimeout(this.reopenTimer);
    this.reopenTimer = setTimeout(() => void this.openPort(), this.opts.reopenMs);
  }

  /**
   * Every reprobeMs: offline and degraded devices get a probe; a listed port that left the list
   * is dropped (a pulled adapter that the driver did not report closed). An unlisted port (a
   * pseudo-terminal) is known lost by its close event.
   */
  private async housekeeping(): Promise<void> {
    const links = [...this.devices.values()].map((l): [number, LinkState] => [l.address, stateOf(l)]);
    this.post({ type: 'links', bus: this.key, links, counters: { ...this.counters } });
    const port = this.port;
    if (this.open && port && this.listed && !(await stillListed(this.opts.path, this.listPorts))) return this.onPortLost(port, 'port no longer listed');
    if (!this.open) return;
    // degraded devices are checked too, so a board that seldom talks can prove the line clean
    for (const link of this.devices.values()) if (link.status === 'offline' || link.status === 'degraded') this.enqueueProbe(link);
  }

  /** Any well-formed reply, even ER, proves the device is there. */
  private enqueueProbe(link: DeviceLink): void {
    if (link.probing) return;
    link.probing = true;
    this.queue.push({ ids: [], address: link.address, command: 'PING', args: [], probe: true, replaces: undefined }, Priority.probe);
    this.pump();
  }

  private pump(): void {
    if (this.inFlight || !this.open) return;
    const job = this.queue.shift();
    if (!job) return;
    const link = this.attach(job.address);
    if (!job.probe && link.status === 'offline') {
      this.finish(job, failed('OFFLINE', `device ${job.address} on ${this.opts.path} is offline`));
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
    // The verdict waits one turn of the event loop: after a stall (GC, a slow write) the timer
    // and the reply are both due, and timers run first; the reply must win.
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
    this.finish(flight.job, failed('TIMEOUT', message));
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
      this.log('debug', { reason: parsed.reason, detail: parsed.detail }, 'frame dropped');
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
    this.finish(flight.job, { reply: { ok: status === 'OK', status, args, seq: frame.seq } });
    this.pump();
  }

  private finish(job: Job, outcome: Outcome): void {
    if (job.probe) this.attach(job.address).probing = false;
    else this.settle(job.ids, job.address, outcome);
  }

  private settle(ids: number[], address: number, outcome: Outcome): void {
    this.post({
      type: 'settled',
      bus: this.key,
      ids,
      address,
      outcome: 'reply' in outcome ? { ok: true, reply: outcome.reply } : { ok: false, code: outcome.code, message: outcome.message },
      link: stateOf(this.attach(address)),
      counters: { ...this.counters },
    });
  }

  private setStatus(link: DeviceLink, changed: boolean): void {
    if (changed) this.post({ type: 'status', bus: this.key, address: link.address, link: stateOf(link) });
  }

  private log(level: 'info' | 'warn' | 'debug', fields: Record<string, unknown>, msg: string): void {
    if (level === 'debug' && !this.opts.debug) return;
    this.post({ type: 'log', bus: this.key, level, fields, msg });
  }

  private failAll(reason: string): void {
    const error = new BusError('PORT_CLOSED', reason);
    if (this.inFlight) {
      clearTimeout(this.inFlight.timer);
      this.finish(this.inFlight.job, error);
      this.inFlight = undefined;
    }
    for (const job of this.queue.drain()) this.finish(job, error);
  }
}
