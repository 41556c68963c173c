import type { ErrorCode } from '../contract/error-codes.js';

/**
 * A refusal by the hall's rules. `code` is the contract's UPPER_SNAKE code; the HTTP layer
 * maps codes to statuses, so the domain never speaks HTTP.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export const isDomainError = (e: unknown): e is DomainError => e instanceof DomainError;
