import type { Logger } from 'pino';
import { dispatchDue, type DispatchDeps } from '../notify/outbox-dispatcher.js';
import type { AppointmentDeps } from './deps.js';
import { markNoShows, purgePersonalData } from './no-show.js';

export interface JobReport {
  noShows: number;
  bars: number;
  purged: number;
  sent: number;
  failed: number;
}

/**
 * The appointment jobs — no-shows and bars, the retention purge, due notifications — run on an
 * interval and read the time from ctx.clock, so a test can move the clock and call runOnce().
 */
export class AppointmentJobRunner {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<JobReport> | null = null;

  constructor(
    private readonly deps: AppointmentDeps,
    private readonly dispatch: DispatchDeps,
    private readonly log: Logger,
  ) {}

  /** one pass of every job; a pass already running is awaited rather than doubled */
  runOnce(): Promise<JobReport> {
    this.running ??= this.pass().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  start(intervalMs: number): void {
    this.timer = setInterval(() => {
      this.runOnce().catch((err: unknown) => this.log.error({ err }, 'appointment jobs failed'));
    }, intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  private async pass(): Promise<JobReport> {
    const { noShows, bars } = await markNoShows(this.deps);
    const purged = await purgePersonalData(this.deps);
    const { sent, failed } = await dispatchDue(this.dispatch);
    if (noShows + bars + purged + sent + failed > 0) this.log.info({ noShows, bars, purged, sent, failed }, 'appointment jobs');
    return { noShows, bars, purged, sent, failed };
  }
}
