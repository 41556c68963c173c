/**
 * The messages between a SerialBus (in the server's process) and its master in the bus process
 * (bus-child.ts). Plain data only: they cross the child's IPC channel as JSON. `bus` is a key
 * unique in the server's process (two halls' hosts may both have a `bus1`).
 */
import type { BusErrorCode, BusReply, LinkStatus } from './device-link.js';
import type { ListedPort } from './port-finder.js';

export interface BusSettings {
  id: string;
  path: string;
  baudRate: number;
  timeoutMs: number;
  retries: number;
  reprobeMs: number;
  reopenMs: number;
  /** the server's process lists the ports (a test's own lister); otherwise the bus process calls SerialPort.list() */
  listsOnMain: boolean;
  /** the server's log takes debug lines (else the bus process does not send them) */
  debug: boolean;
}

export interface LinkState {
  status: LinkStatus;
  lastError: string | null;
  counters: { sent: number; replies: number; retries: number; timeouts: number; badCrc: number };
}

export interface BusCounters {
  badCrc: number;
  stray: number;
  malformed: number;
}

export type ToBusProcess =
  | { type: 'start'; bus: number; settings: BusSettings; addresses: number[] }
  | { type: 'attach'; bus: number; address: number }
  | { type: 'heartbeat'; bus: number; address: number }
  /** `replaces`: a request still queued with the same address and key takes this one's command and args instead */
  | { type: 'request'; bus: number; id: number; address: number; command: string; args: string[]; priority: number; replaces?: string }
  | { type: 'broadcast'; bus: number; command: string; args: string[] }
  | { type: 'close'; bus: number }
  | { type: 'listed'; bus: number; id: number; ports: ListedPort[] | null };

export type FromBusProcess =
  | { type: 'status'; bus: number; address: number; link: LinkState }
  | { type: 'port'; bus: number; open: boolean; error: string | null }
  | {
      type: 'settled';
      bus: number;
      /** the request and those it replaced */
      ids: number[];
      address: number;
      outcome: { ok: true; reply: BusReply } | { ok: false; code: BusErrorCode; message: string };
      link: LinkState;
      counters: BusCounters;
    }
  /** every link's counters, each housekeeping round (probes and heartbeats settle nothing in the server's process) */
  | { type: 'links'; bus: number; links: [number, LinkState][]; counters: BusCounters }
  | { type: 'closed'; bus: number }
  | { type: 'list'; bus: number; id: number }
  | { type: 'log'; bus: number; level: 'info' | 'warn' | 'debug'; fields: Record<string, unknown>; msg: string };
