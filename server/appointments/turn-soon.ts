import type { HallEvent } from '../contract/events.js';
import { peopleAheadOfEach } from '../app/queue-view.js';
import { rulesOf, type AppointmentDeps } from './deps.js';
import { enqueue } from './notifications.js';

export interface TurnSoonWatch {
  listener: (event: HallEvent) => void;
  close(): void;
}

/**
 * After each call, a checked-in visitor with `turnSoonAhead` or fewer people before them gets
 * one "your turn soon" message (the outbox's dedupe key keeps it to one). The services moved by
 * the events of one event-loop turn are checked once, after it; only their appointment
 * check-ins are looked at (a few), each counted only as far as the limit.
 */
export function watchTurnSoon(deps: AppointmentDeps, onError: (err: unknown) => void): TurnSoonWatch {
  const moved = new Map<string, string>(); // serviceId → hallId
  let pending: NodeJS.Immediate | undefined;
  const flush = async () => {
    pending = undefined;
    const services = [...moved];
    moved.clear();
    for (const [serviceId, hallId] of services) {
      try {
        await checkService(deps, hallId, serviceId);
      } catch (err) {
        onError(err);
      }
    }
  };
  return {
    listener: (event) => {
      if (event.type !== 'ticket.called' && event.type !== 'ticket.issued') return;
      // a new ticket brings no one nearer their turn: only a check-in's own ticket may be near it at once
      if (event.type === 'ticket.issued' && !event.data.appointment) return;
      moved.set(event.data.serviceId, event.hallId);
      pending ??= setImmediate(() => void flush());
    },
    close: () => {
      if (pending) clearImmediate(pending);
      pending = undefined;
      moved.clear();
    },
  };
}

async function checkService(deps: AppointmentDeps, hallId: string, serviceId: string): Promise<void> {
  const now = deps.ctx.clock.now();
  const limit = (await rulesOf(deps, hallId)).turnSoonAhead;
  const checkedIn = (await deps.ctx.store.tickets.queuedWithSlot(serviceId)).filter((t) => t.appointmentId && t.status === 'waiting');
  const ahead = await peopleAheadOfEach(deps.ctx, checkedIn, now, limit);
  for (const [i, t] of checkedIn.entries()) {
    if (ahead[i]! > limit || !t.appointmentId) continue;
    const a = await deps.appointments.byId(t.appointmentId);
    if (a) await enqueue(deps, a, 'turn-soon', now.toISOString(), '', { ticketNumber: t.number });
  }
}
