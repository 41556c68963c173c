import { Announcer } from '../../drivers/voice/announcer.js';
import { DEFAULT_VOICE_TEMPLATE } from '../../drivers/voice/call-text.js';
import { createVoiceOutput } from '../../drivers/voice/voice-output.js';
import { leadsHall, type AppContext } from '../app/context.js';
import type { FeatureStores } from '../app/feature-stores.js';
import { reportDeviceHealth } from '../app/device-health.js';
import type { Feature, FeatureInstance } from '../features.js';
import type { Zone } from '../domain/model.js';
import { voiceRoutes } from './voice-routes.js';
import { voicesByZone, type VoiceHardware } from './voice-settings.js';

export interface VoiceFeature extends Feature {
  /** the running announcer of a zone (none for a zone whose hall board speaks) */
  announcer(zoneId: string): Announcer | undefined;
}

/**
 * The hall's voice: one announcer per zone, fed by `ticket.called` events after commit (a
 * recall is a call too). A zone set to engine `browser` is spoken by its hall board instead.
 */
/**
 * `command`: the text-to-speech program to run (default: HALLQ_VOICE_COMMAND, else the engine's
 * own) — the server's own setting, never the console's: the server spawns it.
 */
export function createVoiceFeature(opts: { command?: string } = {}): VoiceFeature {
  const command = opts.command ?? process.env.HALLQ_VOICE_COMMAND;
  let announcers = new Map<string, Announcer>();
  return {
    name: 'voice',
    announcer: (zoneId) => announcers.get(zoneId),
    async setup(ctx: AppContext, stores: FeatureStores): Promise<FeatureInstance> {
      const log = ctx.log.child({ module: 'voice' });
      const hallOfZone = new Map<string, string>();
      for (const h of await ctx.store.halls.halls()) for (const z of await ctx.store.halls.zones(h.id)) hallOfZone.set(z.id, h.id);
      const voices = voicesByZone(await stores.settings.get<unknown[]>('hardware', []), [...hallOfZone.keys()]);
      announcers = new Map();
      // what a call reads of its hall, kept here (the store answers asynchronously, a call is queued at once)
      const halls = new Map<string, { zones: Zone[]; template: string }>();
      const readHall = async (hallId: string) => {
        const hall = await ctx.store.halls.hall(hallId);
        halls.set(hallId, { zones: await ctx.store.halls.zones(hallId), template: hall?.policy.voiceTemplate || DEFAULT_VOICE_TEMPLATE });
      };
      for (const hallId of new Set(hallOfZone.values())) await readHall(hallId);
      let unsubscribe = () => {};
      return {
        routes: voiceRoutes((zoneId) => voices.get(zoneId)),
        async start() {
          for (const voice of voices.values()) {
            const hallId = hallOfZone.get(voice.zoneId);
            if (!hallId) continue;
            if (voice.engine === 'browser') {
              await reportDeviceHealth(ctx, { id: voice.id, hallId, kind: 'voice', status: 'online', lastError: null });
              continue;
            }
            const announcer = buildAnnouncer(ctx, voice, hallId, command, () => halls.get(hallId)?.template ?? DEFAULT_VOICE_TEMPLATE);
            announcers.set(voice.zoneId, announcer);
            const health = await announcer.start();
            if (health.status !== 'online') log.warn({ zoneId: voice.zoneId, error: health.lastError }, 'voice degraded: calls are shown but not spoken');
          }
          unsubscribe = ctx.bus.subscribe((event) => {
            if (event.type === 'config.changed') {
              readHall(event.hallId).catch((err: unknown) => log.error({ err }, 'voice: hall settings not re-read'));
              return;
            }
            // every node hears every hall's calls (several nodes on PostgreSQL): the hall's leader says them, once
            if (event.type !== 'ticket.called' || !leadsHall(ctx, event.hallId)) return;
            const call = { number: event.data.number, windowNumber: event.data.windowNumber, recall: event.data.recall };
            announcers.get(event.data.zoneId)?.announce(call);
            // zones set to carry this zone's calls say them with the floor ("到二楼 9 号窗口")
            const zones = halls.get(event.hallId)?.zones ?? [];
            const place = zones.find((z) => z.id === event.data.zoneId)?.name;
            for (const z of zones) {
              if (z.id !== event.data.zoneId && z.announceFrom.includes(event.data.zoneId))
                announcers.get(z.id)?.announce({ ...call, ...(place ? { place } : {}) });
            }
          });
        },
        async close() {
          unsubscribe();
          await Promise.all([...announcers.values()].map((a) => a.close()));
        },
      };
    },
  };
}

function buildAnnouncer(ctx: AppContext, voice: VoiceHardware, hallId: string, command: string | undefined, template: () => string): Announcer {
  const log = ctx.log.child({ module: 'voice', zoneId: voice.zoneId });
  const output = createVoiceOutput({
    engine: voice.engine === 'browser' ? 'simulated' : voice.engine,
    ...(command ? { command } : {}),
    ...(voice.voice ? { voice: voice.voice } : {}),
    ...(voice.speed ? { speed: voice.speed } : {}),
    ...(voice.recordDir ? { recordDir: voice.recordDir } : {}),
  });
  return new Announcer({
    zoneId: voice.zoneId,
    output,
    template,
    onHealth(health) {
      reportDeviceHealth(ctx, {
        id: voice.id,
        hallId,
        kind: 'voice',
        status: health.status,
        lastError: health.lastError ?? null,
        counters: health.counters,
      }).catch((err: unknown) => log.error({ err }, 'could not record voice health'));
    },
  });
}
