import type { AppContext } from '../app/context.js';

/**
 * The abuse limits in one place, with their defaults (README "Limits"). A hall can live with
 * them as they are; tests and unusual deployments override them through the app context.
 */
export interface SecurityLimits {
  /** failed logins of one account within `loginWindowMinutes` before it is refused for the rest of the window */
  loginFailuresPerAccount: number;
  /** failed logins from one address within the window before that address is refused */
  loginFailuresPerAddress: number;
  loginWindowMinutes: number;
  /** password hashes computed at once, each on its own low-priority thread: the rest wait */
  concurrentPasswordHashes: number;
  /** events one socket may be replayed within `replayWindowSeconds`; past it a snapshot is sent */
  replayEventsPerSocket: number;
  replayWindowSeconds: number;
  /** bytes queued to a socket that does not read before it is dropped */
  socketBufferBytes: number;
  /** open visitor live streams (GET /api/tickets/:id/events) per ticket and in all */
  streamsPerTicket: number;
  streamsTotal: number;
  /** online bookings: one person (phone or ID number) */
  bookingsPerPersonPerServiceDay: number;
  openBookingsPerPerson: number;
  /** booking and cancelling requests per client address per hour */
  bookingActionsPerAddressPerHour: number;
  /** appointment-code lookups (GET, cancel, check-in by the holder) per client address per 10 minutes */
  codeLookupsPerAddressPer10Minutes: number;
  /** SMS confirmation codes per phone per hour, and the minutes a code stays valid */
  phoneCodesPerPhonePerHour: number;
  phoneCodeValidMinutes: number;
  /** wrong confirmation codes before a code is void */
  phoneCodeAttempts: number;
  /** a booking cancelled this soon after it was made gets no "cancelled" message */
  silentCancelSeconds: number;
}

export const DEFAULT_LIMITS: SecurityLimits = {
  loginFailuresPerAccount: 10,
  loginFailuresPerAddress: 20,
  loginWindowMinutes: 15,
  concurrentPasswordHashes: 2,
  replayEventsPerSocket: 3000,
  replayWindowSeconds: 60,
  socketBufferBytes: 4 * 1024 * 1024,
  streamsPerTicket: 5,
  streamsTotal: 1000,
  bookingsPerPersonPerServiceDay: 1,
  openBookingsPerPerson: 3,
  bookingActionsPerAddressPerHour: 30,
  codeLookupsPerAddressPer10Minutes: 30,
  phoneCodesPerPhonePerHour: 3,
  phoneCodeValidMinutes: 10,
  phoneCodeAttempts: 5,
  silentCancelSeconds: 120,
};

export function limitsOf(ctx: AppContext): SecurityLimits {
  return { ...DEFAULT_LIMITS, ...(ctx.limits ?? {}) };
}
