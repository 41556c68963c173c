/**
 * One master per serial port (docs/en/devices.md "How the host drives a bus"): one request on the bus at a time, the
 * reply matched by address and seq, 300 ms timeout, 2 retries, then the device is offline and
 * re-probed every 5 s in the background. A port that goes away is reopened when it comes back;
 * meanwhile every request fails at once, so nothing upstream waits on a dead bus.
 *
 * The port itself is handled in the bus process (bus-child.ts, bus-master.ts): a busy event
 * loop here (HTTP at the morning peak) delays when a request is asked and when its answer is
 * taken, never the frames on the line. This class keeps the bus's face here: requests as
 * promises, `status` and `port` events, and each device's link as last reported by the process.
 */
import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import { joinBusProcess, leaveBusProcess, postToBusProcess } from './bus-process.js';
import type { BusCounters, FromBusProcess, LinkState, ToBusProcess } from './bus-wire.js';
import { BusError, DeviceLink, type BusReply, type LinkStatus } from './device-link.js';
import type { PortLister } from './port-finder.js';
import { Priority } from './priority-queue.js';

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
  /** where ports are found (default SerialPort.list() in the bus process; tests pass their own) */
  listPorts?: PortLister;
  log?: Logger;
}

export interface BusEvents {
  status: [address: number, status: LinkStatus, lastError: string | null];
  port: [open: boolean, error: string | null];
}

export interface RequestOptions {
  /** a request still waiting in the bus process for the same device with this key is replaced by this one (a board's line) */
  replaces?: string;
}

/** a message of this bus, before its key is put on */
type Unkeyed<T> = T extends unknown ? Omit<T, 'bus'> : never;

interface Pending {
  resolve(reply: BusReply): void;
  reject(error: BusError): void;
}

export class SerialBus extends EventEmitter<BusEvents> {
  readonly id: string;
  readonly path: string;
  /** frames dropped for a bad CRC, replies nobody waited for, malformed lines (as of the bus process's last report) */
  readonly counters: BusCounters = { badCrc: 0, stray: 0, malformed: 0 };
  private readonly devices = new Map<number, DeviceLink>();
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private readonly opts: Required<Omit<SerialBusOptions, 'log' | 'listPorts'>>;
  private readonly listPorts: PortLister | undefined;
  private readonly log: Logger | undefined;
  /** this bus in the bus process, while started */
  private key: number | undefined;
  private open = false;
  private closed = false;
  private restartTimer: NodeJS.Timeout | undefined;
  /** close() under way: the bus process closes the port, then says so */
  private closing: Promise<void> | undefined;
  private onClosed: (() => void) | undefined;

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
      this.post({ type: 'attach', address });
    }
    return link;
  }

  /**
   * A presence check of a device that is never polled (a board): a PING at the lowest priority,
   * so a board that fell silent goes offline within about as long as a polled keypad does.
   */
  heartbeat(address: number): void {
    const link = this.devices.get(address);
    if (this.open && link && (link.status === 'online' || link.status === 'unknown')) this.post({ type: 'heartbeat', address });
  }

  link(address: number): DeviceLink | undefined {
    return this.devices.get(address);
  }

  start(): void {
    this.closed = false;
    this.startInProcess();
  }

  close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.restartTimer);
    this.open = false;
    this.failAll('bus closed');
    const key = this.key;
    if (key === undefined) return Promise.resolve();
    this.closing ??= new Promise<void>((resolve) => {
      this.onClosed = resolve;
      postToBusProcess({ type: 'close', bus: key });
    });
    return this.closing;
  }

  /**
   * Sends CMD,ARG… to one device and resolves with its reply (OK or ER). Rejects with
   * BusError TIMEOUT after the retries, OFFLINE while the device is offline (it is re-probed in
   * the background), PORT_CLOSED while the port is away.
   */
  request(address: number, command: string, args: string[] = [], priority: Priority = Priority.command, options: RequestOptions = {}): Promise<BusReply> {
    const link = this.attach(address);
    if (!this.open || this.key === undefined) return Promise.reject(new BusError('PORT_CLOSED', `${this.path} is not open`));
    if (link.status === 'offline') return Promise.reject(new BusError('OFFLINE', `device ${address} on ${this.path} is offline`));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.post({ type: 'request', id, address, command, args, priority, ...(options.replaces !== undefined ? { replaces: options.replaces } : {}) });
    });
  }

  /** A frame to every device (address FF): no reply is expected. */
  broadcast(command: string, args: string[] = []): void {
    if (this.open) this.post({ type: 'broadcast', command, args });
  }

  private startInProcess(): void {
    if (this.key !== undefined) return;
    const key = joinBusProcess({ onMessage: (m) => this.onMessage(m), onProcessLost: (reason) => this.onProcessLost(reason) });
    this.key = key;
    const settings = { ...this.opts, listsOnMain: this.listPorts !== undefined, debug: this.log?.isLevelEnabled('debug') ?? false };
    postToBusProcess({ type: 'start', bus: key, settings, addresses: [...this.devices.keys()] });
  }

  /** a message for this bus in the bus process, once it is started there (before, attach() is only remembered) */
  private post(message: Unkeyed<ToBusProcess>): void {
    if (this.key !== undefined) postToBusProcess({ ...message, bus: this.key } as ToBusProcess);
  }

  private onMessage(m: FromBusProcess): void {
    if (m.type === 'settled') {
      this.update(m.address, m.link);
      Object.assign(this.counters, m.counters);
      const outcome = m.outcome;
      for (const id of m.ids) {
        const pending = this.pending.get(id);
        this.pending.delete(id);
        if (outcome.ok) pending?.resolve(outcome.reply);
        else pending?.reject(new BusError(outcome.code, outcome.message));
      }
    } else if (m.type === 'status') {
      this.update(m.address, m.link);
      const link = this.devices.get(m.address);
      if (link) this.emit('status', link.address, link.status, link.lastError);
    } else if (m.type === 'port') {
      this.open = m.open && !this.closed;
      this.emit('port', m.open, m.error);
    } else if (m.type === 'links') {
      for (const [address, state] of m.links) this.update(address, state);
      Object.assign(this.counters, m.counters);
    } else if (m.type === 'list') {
      const key = m.bus;
      (this.listPorts ?? (() => Promise.resolve([])))().then(
        (ports) => postToBusProcess({ type: 'listed', bus: key, id: m.id, ports }),
        () => postToBusProcess({ type: 'listed', bus: key, id: m.id, ports: null }),
      );
    } else if (m.type === 'log') {
      this.log?.[m.level]({ bus: this.id, ...m.fields }, m.msg);
    } else if (m.type === 'closed') {
      const closed = this.onClosed;
      this.onClosed = undefined;
      this.leave();
      closed?.();
    }
  }

  private update(address: number, state: LinkState): void {
    const link = this.devices.get(address) ?? this.attach(address);
    link.status = state.status;
    link.lastError = state.lastError;
    Object.assign(link.counters, state.counters);
  }

  private leave(): void {
    if (this.key !== undefined) leaveBusProcess(this.key);
    this.key = undefined;
    this.closing = undefined;
  }

  /** The bus process died: the port is as good as lost. It is started again as a lost port is reopened. */
  private onProcessLost(reason: string): void {
    const closed = this.onClosed;
    this.onClosed = undefined;
    this.leave();
    closed?.();
    if (this.closed) return;
    this.log?.error({ bus: this.id, reason }, 'bus process lost');
    this.open = false;
    this.failAll(reason);
    for (const link of this.devices.values()) {
      if (link.markOffline(`port: ${reason}`)) this.emit('status', link.address, link.status, link.lastError);
    }
    this.emit('port', false, reason);
    this.restartTimer = setTimeout(() => {
      if (!this.closed) this.startInProcess();
    }, this.opts.reopenMs);
  }

  private failAll(reason: string): void {
    const error = new BusError('PORT_CLOSED', reason);
    for (const pending of this.pending.values()) pending.reject(error);
    this.pending.clear();
  }
}
