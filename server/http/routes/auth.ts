import { Type, type Static } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { SESSION_HOURS, toUserDto, type StaffSessions } from '../../app/auth.js';
import type { AppContext } from '../../app/context.js';
import { requirePrincipal, requireUser, SESSION_COOKIE } from '../auth-hook.js';
import { bearer } from '../schemas.js';

const LoginBody = Type.Object({
  username: Type.String({ minLength: 1, maxLength: 64 }),
  password: Type.String({ minLength: 1, maxLength: 200 }),
});

const PasswordBody = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: 200 }),
    newPassword: Type.String({ minLength: 1, maxLength: 200 }), // the rule itself is passwordProblem()
  },
  { additionalProperties: false },
);

/** `Secure` whenever the page came over TLS (directly, or through a proxy the server trusts). */
function sessionCookie(request: FastifyRequest, value: string, maxAgeSeconds: number): string {
  const secure = request.protocol === 'https' ? '; Secure' : '';
  return `${SESSION_COOKIE}=${value}; HttpOnly; Path=/; SameSite=Strict; Max-Age=${maxAgeSeconds}${secure}`;
}

export async function authRoutes(app: FastifyInstance, { ctx, sessions }: { ctx: AppContext; sessions: StaffSessions }): Promise<void> {
  app.post<{ Body: Static<typeof LoginBody> }>(
    '/api/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Staff login: returns a bearer token (also set as an http-only cookie); 429 after repeated failures',
        body: LoginBody,
      },
    },
    async (request, reply) => {
      const result = await sessions.login(request.body.username, request.body.password, request.ip);
      reply.header('set-cookie', sessionCookie(request, encodeURIComponent(result.token), SESSION_HOURS * 3600));
      return result;
    },
  );

  app.post('/api/auth/logout', { schema: { tags: ['auth'], summary: 'End this session (its sockets are disconnected)' } }, async (request, reply) => {
    if (request.bearerToken) await sessions.logout(request.bearerToken);
    reply.header('set-cookie', sessionCookie(request, '', 0));
    return { ok: true };
  });

  app.get('/api/auth/me', { schema: { tags: ['auth'], summary: 'Who this token belongs to' } }, async (request) => {
    const p = requirePrincipal(request);
    if (p.type === 'device')
      return { device: { id: p.id, kind: p.kind, hallId: p.hallId, windowId: p.windowId, zoneId: (await ctx.store.devices.get(p.id))?.zoneId ?? null } };
    return { user: toUserDto((await ctx.store.staff.get(p.id))!) };
  });

  app.post<{ Body: Static<typeof PasswordBody> }>(
    '/api/auth/password',
    {
      schema: {
        tags: ['auth'],
        summary: "Change one's own password (at least 8 characters of two kinds, not the username); the person's other sessions end",
        body: PasswordBody,
        security: bearer,
      },
    },
    async (request) => {
      const user = requireUser(request);
      await sessions.changePassword(user, request.bearerToken!, request.body.currentPassword, request.body.newPassword, request.ip);
      return { ok: true };
    },
  );
}
