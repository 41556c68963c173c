import { localTime } from './local-time.js';

/**
 * Ticket numbers: the service prefix plus a per-service, per-business-day sequence.
 * The business day is the hall's local date, so numbering restarts at local midnight,
 * not at UTC midnight (08:00 in Beijing).
 */
export function businessDay(now: Date, timeZone: string): string {
  return localTime(now, timeZone).date;
}

/** A001 … A999, then A1000: a busy day never wraps to a number already called. */
export function formatTicketNumber(prefix: string, sequence: number): string {
  if (!Number.isInteger(sequence) || sequence < 1) throw new RangeError(`ticket sequence must be a positive integer, got ${sequence}`);
  return `${prefix}${String(sequence).padStart(3, '0')}`;
}
