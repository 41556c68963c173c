/**
 * The day's time as the server's rehearsal clock keeps it: `start` at the real instant `origin`,
 * running `speed` times as fast. Both sides read the same wall clock, so they agree.
 */
export class SimTime {
  constructor(
    readonly start: Date,
    readonly speed: number,
    readonly origin: number,
  ) {}

  now(): number {
    return this.start.getTime() + (Date.now() - this.origin) * this.speed;
  }

  /** minutes since `from` (ms epoch) */
  minutesSince(from: number): number {
    return (this.now() - from) / 60_000;
  }

  /** resolves when the simulated time reaches `at` (ms epoch) */
  async until(at: number): Promise<void> {
    for (;;) {
      const realMs = (at - this.now()) / this.speed;
      if (realMs <= 0) return;
      await new Promise((r) => setTimeout(r, Math.min(realMs, 1000)));
    }
  }

  /** resolves after `minutes` of simulated time */
  sleep(minutes: number): Promise<void> {
    return this.until(this.now() + minutes * 60_000);
  }
}
