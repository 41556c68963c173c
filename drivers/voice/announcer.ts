import { callText, DEFAULT_VOICE_TEMPLATE } from './call-text.js';
import type { VoiceOutput } from './voice-output.js';

export interface VoiceCall {
  number: string;
  windowNumber: number;
  recall: boolean;
  /** the window's floor/zone, said when the call is announced in another zone */
  place?: string;
}

export interface SpokenCall extends VoiceCall {
  text: string;
  /** 1, 2, 3 … in the order the calls were queued */
  index: number;
  queuedAt: number;
  startedAt?: number;
  endedAt?: number;
  /** false when the engine failed or was missing (the call still reached the boards) */
  spoken?: boolean;
  error?: string;
}

export interface AnnouncerHealth {
  status: 'online' | 'degraded';
  lastError?: string;
  counters: { spoken: number; failed: number; dropped: number; queued: number };
}

export interface AnnouncerOptions {
  zoneId: string;
  output: VoiceOutput;
  /** the hall's voice template, read at each call so a change applies at once */
  template?: () => string;
  /** how many times the line is said (the rules: twice) */
  repeat?: number;
  /** waiting announcements kept at most; beyond it the oldest waiting one is dropped */
  maxQueue?: number;
  onHealth?(health: AnnouncerHealth): void;
  now?: () => number;
  /** a missing engine is looked for again at the next call once this long has passed (default 60 s) */
  recheckAfterMs?: number;
}

const HISTORY = 50;
/** an engine that hangs must not hold the zone's voice (or the server's shutdown) forever */
const ANNOUNCE_TIMEOUT_MS = 60_000;
const CLOSE_WAIT_MS = 3000;

/**
 * One zone's voice: calls are queued and spoken one at a time, in order, each as chime + line
 * said twice; an announcement never cuts another off, and a recall is simply queued again.
 * A missing or failing engine makes the announcer degraded (reported), never throws.
 */
export class Announcer {
  private readonly waiting: SpokenCall[] = [];
  private readonly spokenLog: SpokenCall[] = [];
  private running: Promise<void> | null = null;
  private usable = false;
  private closed = false;
  private lastError: string | undefined;
  private readonly counters = { spoken: 0, failed: 0, dropped: 0 };
  private readonly now: () => number;
  private queuedTotal = 0;
  private checkedAt = 0;

  constructor(private readonly opts: AnnouncerOptions) {
    this.now = opts.now ?? Date.now;
  }

  get zoneId(): string {
    return this.opts.zoneId;
  }
  get engine(): string {
    return this.opts.output.engine;
  }

  /** Checks the engine once; a missing one leaves the announcer degraded but working for the boards. */
  async start(): Promise<AnnouncerHealth> {
    this.checkedAt = this.now();
    try {
      await this.opts.output.check();
      this.usable = true;
      this.lastError = undefined;
    } catch (error) {
      this.usable = false;
      this.lastError = `voice engine ${this.opts.output.engine} unavailable: ${message(error)}`;
    }
    return this.report();
  }

  health(): AnnouncerHealth {
    return {
      status: this.usable && !this.lastError ? 'online' : 'degraded',
      ...(this.lastError ? { lastError: this.lastError } : {}),
      counters: { ...this.counters, queued: this.waiting.length },
    };
  }

  /** Queues a call; it is spoken after those already waiting (see idle()). */
  announce(call: VoiceCall): void {
    if (this.closed) return;
    const text = callText(call, this.opts.template?.() ?? DEFAULT_VOICE_TEMPLATE);
    this.waiting.push({ ...call, text, index: ++this.queuedTotal, queuedAt: this.now() });
    if (this.waiting.length > (this.opts.maxQueue ?? 30)) {
      this.waiting.shift();
      this.counters.dropped++;
    }
    this.running ??= this.drain().finally(() => {
      this.running = null;
    });
  }

  /** The last announcements, oldest first (bounded). */
  history(): readonly SpokenCall[] {
    return this.spokenLog;
  }

  /** Resolves when nothing is waiting or playing. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.waiting.length = 0;
    await Promise.race([this.idle(), new Promise((resolve) => setTimeout(resolve, CLOSE_WAIT_MS).unref())]);
    this.opts.output.close();
  }

  private async drain(): Promise<void> {
    for (let item = this.waiting.shift(); item; item = this.waiting.shift()) {
      if (!this.usable && this.now() - this.checkedAt >= (this.opts.recheckAfterMs ?? 60_000)) await this.start();
      item.startedAt = this.now();
      if (!this.usable) {
        item.spoken = false;
        item.error = this.lastError;
      } else {
        await this.play(item);
      }
      item.endedAt = this.now();
      this.spokenLog.push(item);
      if (this.spokenLog.length > HISTORY) this.spokenLog.shift();
    }
  }

  private async play(item: SpokenCall): Promise<void> {
    const label = `${this.opts.zoneId}-${String(item.index).padStart(6, '0')}-${item.number}-w${item.windowNumber}${item.recall ? '-recall' : ''}`;
    const hadError = this.lastError;
    try {
      await withTimeout(this.opts.output.announce(item.text, this.opts.repeat ?? 2, label), ANNOUNCE_TIMEOUT_MS);
      item.spoken = true;
      this.counters.spoken++;
      this.lastError = undefined;
    } catch (error) {
      item.spoken = false;
      item.error = message(error);
      this.counters.failed++;
      this.lastError = `announcing ${item.number} failed: ${item.error}`;
    }
    if (hadError !== this.lastError) this.report();
  }

  private report(): AnnouncerHealth {
    const health = this.health();
    try {
      this.opts.onHealth?.(health);
    } catch {
      // a health listener's failure must not stop the voice
    }
    return health;
  }
}

function withTimeout(work: Promise<void>, ms: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no end after ${ms / 1000} s`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

function message(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).trim().split('\n')[0]!.slice(0, 200);
}
