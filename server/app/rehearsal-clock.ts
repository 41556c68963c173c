import type { Clock } from './context.js';

/**
 * The clock of a rehearsal (`--clock-start`, `--clock-speed`): the hall's time starts at `start`
 * and runs `speed` times as fast as real time, so a whole day can be replayed in minutes before
 * a hall opens. Never for a live hall: tickets and reports carry these times.
 */
export function rehearsalClock(start: Date, speed: number, elapsedMs: () => number = () => performance.now()): Clock {
  if (Number.isNaN(start.getTime())) throw new RangeError('the rehearsal clock needs a valid start time');
  if (!(speed > 0) || !Number.isFinite(speed)) throw new RangeError(`the rehearsal clock speed must be a positive number, got ${speed}`);
  const origin = elapsedMs();
  return { now: () => new Date(start.getTime() + (elapsedMs() - origin) * speed) };
}
