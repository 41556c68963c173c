import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { chimeWav } from '../../drivers/voice/chime.js';
import { assertInHall } from '../app/actor.js';
import type { AppContext } from '../app/context.js';
import { loadHall } from '../app/snapshot.js';
import { DomainError } from '../domain/errors.js';
import { requirePrincipal } from '../http/auth-hook.js';
import { bearer } from '../http/schemas.js';
import type { VoiceHardware } from './voice-settings.js';

const Query = Type.Object({ zoneId: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false });
const Params = Type.Object({ hallId: Type.String({ minLength: 1, maxLength: 64 }) });

/** What a hall board needs to know to speak itself (engine `browser`), and the chime sound. */
export function voiceRoutes(voiceOf: (zoneId: string) => VoiceHardware | undefined) {
  return async (app: FastifyInstance, { ctx }: { ctx: AppContext }): Promise<void> => {
    const chime = chimeWav();

    app.get<{ Params: { hallId: string }; Querystring: { zoneId: string } }>(
      '/api/halls/:hallId/voice',
      {
        schema: {
          tags: ['voice'],
          summary: "The zone's voice: who speaks (server or the hall board's browser) and the template",
          params: Params,
          querystring: Query,
          security: bearer,
        },
      },
      async (request) => {
        const p = requirePrincipal(request);
        const hall = await loadHall(ctx, request.params.hallId);
        assertInHall(p, hall.id);
        const zone = await ctx.store.halls.zone(request.query.zoneId);
        if (!zone || zone.hallId !== hall.id) throw new DomainError('NOT_FOUND', `zone ${request.query.zoneId} is not in hall ${hall.id}`);
        const voice = voiceOf(zone.id);
        return {
          zoneId: zone.id,
          speaker: voice?.engine === 'browser' ? 'browser' : 'server',
          engine: voice?.engine ?? 'simulated',
          template: hall.policy.voiceTemplate,
          repeat: 2,
          chimeUrl: '/api/voice/chime.wav',
        };
      },
    );

    app.get('/api/voice/chime.wav', { schema: { tags: ['voice'], summary: 'The chime played before each call' } }, async (_request, reply) =>
      reply.header('cache-control', 'public, max-age=86400').type('audio/wav').send(chime),
    );
  };
}
