import type { VoiceEngineName } from '../../drivers/voice/voice-output.js';

/** A `hardware` entry of kind `voice` (config file → settings document `hardware`). */
export interface VoiceHardware {
  id: string;
  kind: 'voice';
  zoneId: string;
  engine: VoiceEngineName | 'browser';
  command?: string;
  voice?: string;
  speed?: number;
  recordDir?: string;
}

const ENGINES = new Set(['auto', 'espeak', 'say', 'browser', 'simulated']);

/**
 * The voice of each zone: the configured entries, and a simulated voice for a zone with none
 * (with no hardware section every device is simulated). An unknown engine name falls back
 * to `auto` rather than silencing the zone.
 */
export function voicesByZone(hardware: unknown[], zoneIds: string[]): Map<string, VoiceHardware> {
  const byZone = new Map<string, VoiceHardware>();
  for (const raw of hardware) {
    const h = raw as Partial<VoiceHardware> & { kind?: string };
    if (h.kind !== 'voice' || typeof h.zoneId !== 'string' || typeof h.id !== 'string') continue;
    const engine = typeof h.engine === 'string' && ENGINES.has(h.engine) ? h.engine : 'auto';
    byZone.set(h.zoneId, { ...h, id: h.id, kind: 'voice', zoneId: h.zoneId, engine } as VoiceHardware);
  }
  for (const zoneId of zoneIds) {
    if (!byZone.has(zoneId)) byZone.set(zoneId, { id: `voice-${zoneId}`, kind: 'voice', zoneId, engine: 'simulated' });
  }
  return byZone;
}
