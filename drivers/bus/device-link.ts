/** What the bus knows about one device on it: presence, next seq, counters. */
export type LinkStatus = 'unknown' | 'online' | 'offline' | 'degraded';

export interface BusReply {
  /** true for OK, false for ER */
  ok: boolean;
  status: string;
  /** the fields after OK/ER, unescaped */
  args: string[];
  seq: number;
}

export type BusErrorCode = 'TIMEOUT' | 'OFFLINE' | 'PORT_CLOSED';

export class BusError extends Error {
  constructor(
    readonly code: BusErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'BusError';
  }
}

/** clean exchanges in a row that bring a degraded (noisy) link back to online */
const CLEAN_TO_RECOVER = 5;

export class DeviceLink {
  status: LinkStatus = 'unknown';
  lastError: string | null = null;
  probing = false;
  readonly counters = { sent: 0, replies: 0, retries: 0, timeouts: 0, badCrc: 0 };
  private seq = -1;
  private cleanStreak = 0;

  constructor(readonly address: number) {}

  /** the next sequence number, wrapping at FF (a retry reuses its request's) */
  nextSeq(): number {
    this.seq = (this.seq + 1) & 0xff;
    return this.seq;
  }

  /** @returns whether the status changed */
  markOffline(error: string): boolean {
    this.lastError = error;
    this.cleanStreak = 0;
    const changed = this.status !== 'offline';
    this.status = 'offline';
    return changed;
  }

  /** A reply came; `noisy` when it took a retry or a bad frame went by first. */
  markAnswered(noisy: boolean): boolean {
    const before = this.status;
    if (noisy) {
      this.cleanStreak = 0;
      this.status = 'degraded';
      this.lastError = 'retries or bad CRC on the line';
    } else if (this.status !== 'degraded' || ++this.cleanStreak >= CLEAN_TO_RECOVER) {
      this.status = 'online';
      this.lastError = null;
    }
    return before !== this.status;
  }
}
