import type { FastifyError, FastifyInstance } from 'fastify';
import { ERROR_STATUS, type ErrorCode } from '../contract/error-codes.js';
import { isDomainError } from '../domain/errors.js';

export function statusOfCode(code: ErrorCode): number {
  return ERROR_STATUS[code];
}

const FASTIFY_CODES: Record<number, ErrorCode> = {
  400: 'VALIDATION',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
};

/** The disk (or the database's size limit) is full: SQLite says so on the write that does not fit. */
export function isStorageFull(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'SQLITE_FULL' || (typeof code === 'string' && code.startsWith('SQLITE_IOERR') && /ENOSPC|full/i.test(String((err as Error).message)));
}

/**
 * SQLSTATEs of a server going away or not yet taking writes: 08 connection, 57P01–03 shutdown/starting,
 * 25006 a standby; and of one too slow for the bound an operator set: 57014 statement_timeout, 25P03
 * idle_in_transaction_session_timeout
 */
const UNAVAILABLE_SQLSTATE = /^(08...|57P0[123]|57014|25006|25P03)$/;
const UNAVAILABLE_SOCKET = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH']);
/**
 * node-postgres' own words when the connection is gone, none could be had from the pool in time, or
 * a statement went unanswered past the pool's bound (a primary that vanished without closing its sockets)
 */
const UNAVAILABLE_MESSAGE = /Connection terminated|not queryable|timeout exceeded when trying to connect|^Query read timeout$|^timeout expired$/;

/**
 * PostgreSQL out of reach: restarting, failing over, the network between. The request did not
 * take effect (or its transaction's outcome is for the database to know): a 503 tells the kiosk
 * to try again, where a 500 would say the server is broken.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && (UNAVAILABLE_SQLSTATE.test(code) || UNAVAILABLE_SOCKET.has(code))) return true;
  return err instanceof Error && UNAVAILABLE_MESSAGE.test(err.message);
}

/** seconds a client waits before trying again while the database is away */
const DATABASE_RETRY_AFTER_S = 2;

let storageFullCount = 0;
let databaseUnavailableCount = 0;
/** how many requests found the database away so far: a change makes the health check ask it again at once */
export const databaseUnavailableSeen = () => databaseUnavailableCount;
/** how many requests met a full disk so far: a change makes the health check write again at once */
export const storageFullSeen = () => storageFullCount;

export const STORAGE_FULL_MESSAGE = '存储空间已满，请联系管理员 (storage full: tell the administrator)';

/** Every error leaves as the contract's `{error:{code,message}}`; 5xx details stay in the log. */
export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((caught: unknown, request, reply) => {
    if (isDomainError(caught)) {
      const retryAfter = caught.details?.retryAfterSeconds;
      if (typeof retryAfter === 'number') reply.header('retry-after', String(retryAfter));
      return reply.status(statusOfCode(caught.code)).send({ error: { code: caught.code, message: caught.message } });
    }
    const error = caught as FastifyError;
    if (error.validation) {
      return reply.status(400).send({ error: { code: 'VALIDATION', message: error.message } });
    }
    if (isStorageFull(caught)) {
      storageFullCount++;
      request.log.error({ err: error }, 'storage full');
      return reply.status(507).send({ error: { code: 'STORAGE_FULL', message: STORAGE_FULL_MESSAGE } });
    }
    if (isDatabaseUnavailable(caught)) {
      databaseUnavailableCount++;
      request.log.warn({ err: error }, 'database unavailable');
      reply.header('retry-after', String(DATABASE_RETRY_AFTER_S));
      return reply.status(503).send({
        error: { code: 'DATABASE_UNAVAILABLE', message: `数据库暂时无法连接，请 ${DATABASE_RETRY_AFTER_S} 秒后重试 (database unavailable: retry shortly)` },
      });
    }
    const status = error.statusCode ?? 500;
    if (status < 500) {
      return reply.status(status).send({ error: { code: FASTIFY_CODES[status] ?? 'BAD_REQUEST', message: error.message } });
    }
    request.log.error({ err: error }, 'request failed');
    return reply.status(500).send({ error: { code: 'INTERNAL', message: `internal error (request ${request.id})` } });
  });

  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send({ error: { code: 'NOT_FOUND', message: `no route ${request.method} ${request.url.split('?')[0]}` } });
  });
}
