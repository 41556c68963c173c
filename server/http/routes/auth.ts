import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { login, logout, toUserDto } from '../../app/auth.js';
import type { AppContext } from '../../app/context.js';
import { requirePrincipal, SESSION_COOKIE } from '../auth-hook.js';

const LoginBody = Type.Object({
  username: Type.String({ minLength: 1, maxLength: 64 }),
  password: Type.String({ minLength: 1, maxLength: 200 }),
});

export async function authRoutes(app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> {
  app.post<{ Body: Static<typeof LoginBody> }>('/api/auth/login', {
    schema: { tags: ['auth'], summary: 'Staff login: returns a bearer token (also set as an http-only cookie)', body: LoginBody },
  }, async (request, reply) => {
    const result = login(ctx, request.body.username, request.body.password);
    reply.header('set-cookie', `${SESSION_COOKIE}=${encodeURIComponent(result.token)}; HttpOnly; Path=/; SameSite=Strict; Max-Age=43200`);
    return result;
  });

  app.post('/api/auth/logout', { schema: { tags: ['auth'], summary: 'End this session' } }, async (request, reply) => {
    if (request.bearerToken) logout(ctx, request.bearerToken);
    reply.header('set-cookie', `${SESSION_COOKIE}=; HttpOnly; Path=/; SameSite=Strict; Max-Age=0`);
    return { ok: true };
  });

  app.get('/api/auth/me', { schema: { tags: ['auth'], summary: 'Who this token belongs to' } }, async (request) => {
    const p = requirePrincipal(request);
    if (p.type === 'device') return { device: { id: p.id, kind: p.kind, hallId: p.hallId, windowId: p.windowId, zoneId: ctx.store.devices.get(p.id)?.zoneId ?? null } };
    return { user: toUserDto(ctx.store.staff.get(p.id)!) };
  });
}
