import { describe, expect, it } from 'vitest';
import type { TicketStatus } from '../../../server/contract/dto.js';
import { DomainError } from '../../../server/domain/errors.js';
import { canApply, nextStatus, type TicketAction } from '../../../server/domain/ticket-state.js';

const STATUSES: TicketStatus[] = ['waiting', 'called', 'serving', 'done', 'no_show', 'transferred', 'cancelled'];
const ACTIONS: TicketAction[] = ['call', 'recall', 'start', 'finish', 'skip', 'restore', 'transfer', 'cancel'];

/** The whole machine: every (status, action) pair that is allowed, and where it leads. */
const ALLOWED: Partial<Record<TicketStatus, Partial<Record<TicketAction, TicketStatus>>>> = {
  waiting: { call: 'called', cancel: 'cancelled' },
  called: { recall: 'called', start: 'serving', skip: 'no_show', transfer: 'transferred' },
  serving: { finish: 'done', skip: 'no_show', transfer: 'transferred' },
  no_show: { restore: 'waiting' },
  transferred: { call: 'called', cancel: 'cancelled' },
};

const table = STATUSES.flatMap((status) => ACTIONS.map((action) => ({ status, action, to: ALLOWED[status]?.[action] })));

describe('ticket state machine', () => {
  it.each(table.filter((r) => r.to))('$status --$action--> $to', ({ status, action, to }) => {
    const t = { number: 'A001', status, restored: false };
    expect(canApply(t, action)).toBe(true);
    expect(nextStatus(t, action)).toBe(to);
  });

  it.each(table.filter((r) => !r.to))('$status refuses $action with INVALID_TRANSITION', ({ status, action }) => {
    const t = { number: 'A001', status, restored: false };
    expect(canApply(t, action)).toBe(false);
    let caught: unknown;
    try {
      nextStatus(t, action);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(DomainError);
    expect((caught as DomainError).code).toBe('INVALID_TRANSITION');
    expect((caught as DomainError).message).toContain('A001');
  });

  it('restores a no-show only once', () => {
    const t = { number: 'A007', status: 'no_show' as const, restored: true };
    expect(canApply(t, 'restore')).toBe(false);
    expect(() => nextStatus(t, 'restore')).toThrow(expect.objectContaining({ code: 'ALREADY_RESTORED' }));
  });

  it('lets a restored ticket go through the rest of the machine as usual', () => {
    for (const action of ['call', 'cancel'] as const) {
      expect(canApply({ number: 'A007', status: 'waiting', restored: true }, action)).toBe(true);
    }
    expect(nextStatus({ number: 'A007', status: 'called', restored: true }, 'skip')).toBe('no_show');
  });
});
