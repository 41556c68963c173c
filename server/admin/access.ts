import { randomBytes } from 'node:crypto';
import { forbidden, isManagerOf } from '../app/actor.js';
import { DomainError } from '../domain/errors.js';
import type { UserPrincipal } from './admin-deps.js';

/** Admins configure every hall; a manager only their own. */
export function assertConfigures(actor: UserPrincipal, hallId: string): void {
  if (!isManagerOf(actor, hallId)) throw forbidden(`not allowed to configure hall ${hallId}`);
}

export function assertAdmin(actor: UserPrincipal): void {
  if (actor.role !== 'admin') throw forbidden('this needs the role admin');
}

/** The halls a person may see in the console. */
export function visibleHallIds(actor: UserPrincipal, all: readonly string[]): string[] {
  return actor.role === 'admin' ? [...all] : all.filter((id) => id === actor.hallId);
}

/** 400 naming the field: the change is refused and nothing is written. */
export function invalid(field: string, message: string): DomainError {
  return new DomainError('VALIDATION', `${field}: ${message}`);
}

export function notFound(what: string, id: string): DomainError {
  return new DomainError('NOT_FOUND', `${what} ${id} does not exist`);
}

const ID_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/;

/** A given id is checked; a missing one is made from the kind and a short random part. */
export function newId(kind: string, given: string | undefined): string {
  if (given === undefined) return `${kind}-${randomBytes(4).toString('hex')}`;
  if (!ID_PATTERN.test(given)) throw invalid('id', 'letters, digits, "_", "." or "-" only, at most 64');
  return given;
}
