import type { ErrorCode } from '../server/contract/error-codes.js';
import { ApiError } from './api.js';

/**
 * A UI's words for every error code the server answers with, plus OFFLINE (no answer at all)
 * and UNKNOWN (a code this UI does not know yet). Each UI keeps its own in its locale folder:
 * a visitor reads other words than a clerk. The server's message is English for developers and
 * never shown.
 */
export type ErrorWords = Record<ErrorCode | 'OFFLINE' | 'UNKNOWN', string>;

/**
 * `withField`: a VALIDATION refusal also names the field the server refused ("prefix",
 * "hardware[0].interface"), for the configuration console whose forms use those names.
 */
export function errorMessage(e: unknown, words: ErrorWords, opts: { withField?: boolean } = {}): string {
  if (!(e instanceof ApiError)) return words.UNKNOWN;
  if (e.status === 0) return words.OFFLINE;
  const text = Object.hasOwn(words, e.code) ? words[e.code as ErrorCode] : words.UNKNOWN;
  const field = opts.withField && e.code === 'VALIDATION' ? refusedField(e.message) : null;
  return field ? `${text}：${field}` : text;
}

/** The server names the refused field first: "prefix: …", "body/phone must …", "phone is not …". */
function refusedField(message: string): string | null {
  return /^(?:body\/)?([A-Za-z][\w.[\]]*)(?::| must| is| should)/.exec(message)?.[1] ?? null;
}
