import type { FastifyRequest } from 'fastify';
import { isManagerOf } from '../app/actor.js';
import { monotonicMs } from '../app/context.js';
import { limitsOf } from '../security/limits.js';
import { SlidingWindowLimiter } from '../security/sliding-window.js';
import type { AppointmentDeps } from './deps.js';

/** A kiosk checks in many visitors: it gets this many times an address's lookups. */
const KIOSK_FACTOR = 4;

/**
 * Per-client limits of the public booking endpoints: bookings, cancels and SMS codes per
 * address an hour; appointment-code lookups per address (or per kiosk) in 10 minutes —
 * 3,000 guesses in 2.3 s met no 429 before.
 */
export class BookingGuards {
  private readonly actions: SlidingWindowLimiter;
  private readonly lookups: SlidingWindowLimiter;
  private readonly kioskLookups: SlidingWindowLimiter;

  constructor(private readonly deps: AppointmentDeps) {
    const limits = limitsOf(deps.ctx);
    this.actions = new SlidingWindowLimiter(limits.bookingActionsPerAddressPerHour, 3600_000);
    this.lookups = new SlidingWindowLimiter(limits.codeLookupsPerAddressPer10Minutes, 600_000);
    this.kioskLookups = new SlidingWindowLimiter(limits.codeLookupsPerAddressPer10Minutes * KIOSK_FACTOR, 600_000);
  }

  private now(): number {
    return monotonicMs(this.deps.ctx.clock);
  }

  /** booking, cancelling, asking for an SMS code: staff at the counter are not limited */
  bookingAction(request: FastifyRequest): void {
    if (request.principal?.type === 'user') return;
    this.actions.take(request.ip, this.now(), 'too many bookings or cancellations from this address');
  }

  /** any request naming an appointment code, by anyone but the hall's managers */
  codeLookup(request: FastifyRequest, hallId?: string): void {
    const p = request.principal;
    if (p && hallId && isManagerOf(p, hallId)) return;
    if (p?.type === 'device' && p.kind === 'kiosk')
      return this.kioskLookups.take(`kiosk:${p.id}`, this.now(), 'too many appointment codes tried at this kiosk');
    this.lookups.take(request.ip, this.now(), 'too many appointment codes tried from this address');
  }
}
