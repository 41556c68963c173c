import type { Ticket } from '../../server/domain/model.js';

/** The fields of a ticket no one has called, transferred or booked yet: spread into a fixture ticket. */
export const NOT_YET_CALLED = {
  calledAt: null,
  startedAt: null,
  finishedAt: null,
  windowId: null,
  staffId: null,
  callCount: 0,
  restored: false,
  transferredFromServiceId: null,
  transferredAt: null,
  appointmentId: null,
  slotStart: null,
  slotEnd: null,
} as const satisfies Partial<Ticket>;
