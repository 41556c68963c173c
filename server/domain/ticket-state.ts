import type { TicketStatus } from '../contract/dto.js';
import { DomainError } from './errors.js';

/** What staff (or the system) can do to a ticket. */
export type TicketAction = 'call' | 'recall' | 'start' | 'finish' | 'skip' | 'restore' | 'transfer' | 'cancel';

/** The ticket state machine: waiting → called → serving → done, and its side exits. */
const TRANSITIONS: Record<TicketAction, { from: readonly TicketStatus[]; to: TicketStatus }> = {
  call: { from: ['waiting', 'transferred'], to: 'called' },
  recall: { from: ['called'], to: 'called' },
  start: { from: ['called'], to: 'serving' },
  finish: { from: ['serving'], to: 'done' },
  skip: { from: ['called', 'serving'], to: 'no_show' },
  restore: { from: ['no_show'], to: 'waiting' },
  transfer: { from: ['called', 'serving'], to: 'transferred' },
  cancel: { from: ['waiting', 'transferred'], to: 'cancelled' },
};

export interface TicketStateView {
  number: string;
  status: TicketStatus;
  restored: boolean;
}

export function canApply(ticket: TicketStateView, action: TicketAction): boolean {
  if (action === 'restore' && ticket.restored) return false;
  return TRANSITIONS[action].from.includes(ticket.status);
}

/**
 * The status after `action`, or a DomainError saying why not. A transferred ticket waits in the
 * new service's queue with status `transferred` (a queued status, like `waiting`).
 */
export function nextStatus(ticket: TicketStateView, action: TicketAction): TicketStatus {
  if (action === 'restore' && ticket.restored) {
    throw new DomainError('ALREADY_RESTORED', `${ticket.number} has been restored once already`);
  }
  const rule = TRANSITIONS[action];
  if (!rule.from.includes(ticket.status)) {
    throw new DomainError('INVALID_TRANSITION', `cannot ${action} ${ticket.number}: it is ${ticket.status}`);
  }
  return rule.to;
}

/** Statuses of tickets that stand in a queue. */
export const QUEUED_STATUSES: readonly TicketStatus[] = ['waiting', 'transferred'];
export const ACTIVE_STATUSES: readonly TicketStatus[] = ['called', 'serving'];
export const FINAL_STATUSES: readonly TicketStatus[] = ['done', 'no_show', 'cancelled'];
