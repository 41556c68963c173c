/**
 * What the device host needs from the hall, and nothing more: events in, commands out. In the
 * server it is the app context itself (in-process-link); on another PC it is socket.io plus
 * the HTTP API with an agent token (drivers/agent). The host logic is the same either way.
 */
import type { DeviceHealthStatus, SnapshotDto } from '../../server/contract/dto.js';
import type { HallEvent } from '../../server/contract/events.js';
import type { KeypadKey } from '../keypad/protocol.js';

export interface HallListener {
  /** a committed event of the hall, in seq order */
  event(event: HallEvent): void;
  /** the whole hall state (on start and after a gap too old to replay) */
  snapshot(snapshot: SnapshotDto): void;
}

export interface WindowDisplay {
  /** the window's current ticket number, '' when none */
  current: string;
  /** tickets waiting for this window */
  waiting: number;
}

export interface HardwareHealth {
  id: string;
  kind: string;
  status: DeviceHealthStatus;
  lastError?: string | null;
  counters?: Record<string, number>;
}

export interface HallLink {
  /** starts delivering; the first thing delivered is a snapshot. Returns the unsubscribe. */
  subscribe(hallId: string, listener: HallListener): () => void;
  /** runs the console's use-case for a keypad key at a window; rejects with the refusal */
  pressKey(windowId: string, key: KeypadKey): Promise<void>;
  windowDisplay(windowId: string): Promise<WindowDisplay>;
  /** records an evaluator's rating for a finished ticket, as that evaluator */
  rate(ticketId: string, level: number, evaluator: { id: string; windowId: string }): Promise<void>;
  reportHealth(hallId: string, health: HardwareHealth): Promise<void>;
  /** the hall's clock (the evaluation window is measured on it) */
  now(): Date;
}
