import type { Principal } from '../contract/principal.js';
import type { Window } from '../domain/model.js';
import { DomainError } from '../domain/errors.js';

/** Refusals about who may do what. Codes map to 403 in the HTTP layer. */
export function forbidden(message: string): DomainError {
  return new DomainError('FORBIDDEN', message);
}

export function isManagerOf(actor: Principal, hallId: string): boolean {
  return actor.type === 'user' && (actor.role === 'admin' || (actor.role === 'manager' && actor.hallId === hallId));
}

/** Staff act only at their own windows; managers at any window of their hall; admins anywhere. */
export function assertCanActAtWindow(actor: Principal, window: Window): void {
  if (isManagerOf(actor, window.hallId)) return;
  if (actor.type === 'user' && actor.windowIds.includes(window.id)) return;
  if (actor.type === 'device' && actor.kind === 'agent' && actor.hallId === window.hallId) return;
  throw forbidden(`not allowed to act at ${window.name}`);
}

export function assertInHall(actor: Principal, hallId: string): void {
  if (actor.type === 'user' && actor.role === 'admin') return;
  if (actor.hallId !== hallId) throw forbidden('not allowed in this hall');
}

/** Who an action is recorded against: a person, or the device that relayed it. */
export function actorId(actor: Principal): string {
  return actor.id;
}
