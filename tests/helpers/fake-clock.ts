import type { Clock } from '../../server/app/context.js';

/** A clock the test sets and moves: domain rules are tested at exact instants. */
export class FakeClock implements Clock {
  private current: Date;
  /** time that has passed: moves with advance…() and a forward set(), never back (a wall clock stepped back) */
  private monotonic = 1_000_000;

  constructor(iso: string) {
    this.current = new Date(iso);
  }

  now(): Date {
    return new Date(this.current);
  }

  monotonicMs(): number {
    return this.monotonic;
  }

  set(iso: string): void {
    const next = new Date(iso);
    this.monotonic += Math.max(0, next.getTime() - this.current.getTime());
    this.current = next;
  }

  advanceMinutes(minutes: number): void {
    this.current = new Date(this.current.getTime() + minutes * 60_000);
    this.monotonic += minutes * 60_000;
  }

  advanceSeconds(seconds: number): void {
    this.current = new Date(this.current.getTime() + seconds * 1000);
    this.monotonic += seconds * 1000;
  }
}
