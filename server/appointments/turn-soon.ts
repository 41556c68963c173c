import type { HallEvent } from '../contract/events.js';
import { ticketPeopleAhead } from '../app/queue-view.js';
import { rulesOf, type AppointmentDeps } from './deps.js';
import { enqueue } from './notifications.js';

/**
 * After each call, a checked-in visitor with `turnSoonAhead` or fewer people before them gets
 * one "your turn soon" message (the outbox's dedupe key keeps it to one).
 */
export function turnSoonListener(deps: AppointmentDeps): (event: HallEvent) => void {
  return (event) => {
    if (event.type !== 'ticket.called' && event.type !== 'ticket.issued') return;
    const now = deps.ctx.clock.now();
    const limit = rulesOf(deps, event.hallId).turnSoonAhead;
    for (const t of deps.ctx.store.tickets.queued([event.data.serviceId])) {
      if (!t.appointmentId || t.status !== 'waiting') continue;
      if (ticketPeopleAhead(deps.ctx, t, now) > limit) continue;
      const a = deps.appointments.byId(t.appointmentId);
      if (a) enqueue(deps, a, 'turn-soon', now.toISOString(), '', { ticketNumber: t.number });
    }
  };
}
