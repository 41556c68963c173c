import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { DeviceKind, Role } from '../contract/dto.js';
import type { Principal } from '../contract/principal.js';
import { authenticate } from '../app/auth.js';
import type { AppContext } from '../app/context.js';
import { DomainError } from '../domain/errors.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
    bearerToken: string | null;
  }
}

export const SESSION_COOKIE = 'hq_token';

function tokenOf(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim() || null;
  const cookie = request.headers.cookie;
  if (cookie) {
    for (const part of cookie.split(';')) {
      const [k, v] = part.trim().split('=');
      if (k === SESSION_COOKIE && v) return decodeURIComponent(v);
    }
  }
  return null;
}

/** Resolves the bearer token (header or the UIs' cookie) to a principal on every request. */
export function registerAuth(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest('principal', null);
  app.decorateRequest('bearerToken', null);
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/')) return;
    const token = tokenOf(request);
    request.bearerToken = token;
    request.principal = token ? await authenticate(ctx, token) : null;
  });
}

export function requirePrincipal(request: FastifyRequest): Principal {
  if (!request.principal) throw new DomainError('UNAUTHORIZED', 'a valid token is required (Authorization: Bearer …)');
  return request.principal;
}

export function requireUser(request: FastifyRequest, roles: readonly Role[] = ['staff', 'manager', 'admin']): Extract<Principal, { type: 'user' }> {
  const p = requirePrincipal(request);
  if (p.type !== 'user') throw new DomainError('FORBIDDEN', 'this needs a staff login, not a device token');
  if (!roles.includes(p.role)) throw new DomainError('FORBIDDEN', `this needs the role ${roles.join(' or ')}`);
  return p;
}

export function requireUserOrDevice(request: FastifyRequest, kinds: readonly DeviceKind[]): Principal {
  const p = requirePrincipal(request);
  if (p.type === 'device' && !kinds.includes(p.kind)) throw new DomainError('FORBIDDEN', `a ${p.kind} device may not do this`);
  return p;
}
