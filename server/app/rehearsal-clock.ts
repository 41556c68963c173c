import type { Clock } from './context.js';

/**
 * The clock of a rehearsal (`--clock-start`, `--clock-speed`, `--clock-origin`): the hall's time
 * reads `start` at the real instant `originMs` (default: now) and runs `speed` times as fast as
 * real time, so a whole day can be replayed in minutes before a hall opens. A driver that knows
 * the origin computes the same hall time from its own wall clock. Never for a live hall: tickets
 * and reports carry these times.
 */
export function rehearsalClock(start: Date, speed: number, originMs: number = Date.now(), wallNow: () => number = Date.now): Clock {
  if (Number.isNaN(start.getTime())) throw new RangeError('the rehearsal clock needs a valid start time');
  if (!(speed > 0) || !Number.isFinite(speed)) throw new RangeError(`the rehearsal clock speed must be a positive number, got ${speed}`);
  if (!Number.isFinite(originMs)) throw new RangeError('the rehearsal clock needs a valid origin');
  return { now: () => new Date(start.getTime() + (wallNow() - originMs) * speed) };
}
