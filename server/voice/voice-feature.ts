import { Announcer } from '../../drivers/voice/announcer.js';
import { DEFAULT_VOICE_TEMPLATE } from '../../drivers/voice/call-text.js';
import { createVoiceOutput } from '../../drivers/voice/voice-output.js';
import { SqliteSettingsRepository } from '../../db/repositories/settings-repository.js';
import type { Db } from '../../db/database.js';
import type { AppContext } from '../app/context.js';
import { reportDeviceHealth } from '../app/device-health.js';
import type { Feature, FeatureInstance } from '../features.js';
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
    setup(ctx: AppContext, db: Db): FeatureInstance {
      const log = ctx.log.child({ module: 'voice' });
      const hallOfZone = new Map(ctx.store.halls.halls().flatMap((h) => ctx.store.halls.zones(h.id).map((z) => [z.id, h.id] as const)));
      const voices = voicesByZone(new SqliteSettingsRepository(db).get<unknown[]>('hardware', []), [...hallOfZone.keys()]);
      announcers = new Map();
      let unsubscribe = () => {};
      return {
        routes: voiceRoutes((zoneId) => voices.get(zoneId)),
        async start() {
          for (const voice of voices.values()) {
            const hallId = hallOfZone.get(voice.zoneId);
            if (!hallId) continue;
            if (voice.engine === 'browser') {
              reportDeviceHealth(ctx, { id: voice.id, hallId, kind: 'voice', status: 'online', lastError: null });
              continue;
            }
            const announcer = buildAnnouncer(ctx, voice, hallId, command);
            announcers.set(voice.zoneId, announcer);
            const health = await announcer.start();
            if (health.status !== 'online') log.warn({ zoneId: voice.zoneId, error: health.lastError }, 'voice degraded: calls are shown but not spoken');
          }
          unsubscribe = ctx.bus.subscribe((event) => {
            if (event.type !== 'ticket.called') return;
            const call = { number: event.data.number, windowNumber: event.data.windowNumber, recall: event.data.recall };
            announcers.get(event.data.zoneId)?.announce(call);
            // zones set to carry this zone's calls say them with the floor ("到二楼 9 号窗口")
            const zones = ctx.store.halls.zones(event.hallId);
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

function buildAnnouncer(ctx: AppContext, voice: VoiceHardware, hallId: string, command: string | undefined): Announcer {
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
    template: () => ctx.store.halls.hall(hallId)?.policy.voiceTemplate || DEFAULT_VOICE_TEMPLATE,
    onHealth(health) {
      try {
        reportDeviceHealth(ctx, { id: voice.id, hallId, kind: 'voice', status: health.status, lastError: health.lastError ?? null, counters: health.counters });
      } catch (err) {
        log.error({ err }, 'could not record voice health');
      }
    },
  });
}
