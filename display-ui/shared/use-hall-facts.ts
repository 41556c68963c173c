import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { api, ApiError } from '../../ui-common/api.js';
import type { BrowserVoiceSettings } from './browser-voice.js';

export interface BoardHallFacts {
  id: string;
  name: string;
  timezone: string;
  notice?: string | null;
  zones: { id: string; name: string; announceFrom?: string[] }[];
  services: { id: string; name: string; prefix: string; enabled: boolean }[];
  windows: { id: string; number: number; zoneId: string; serviceIds: string[] }[];
}

/**
 * The hall's names, notice and services (GET /api/halls/:id), fetched again on config.changed;
 * retried while the server is unreachable, so a board started before the server comes up.
 */
export function useHallFacts(token: string, hallId: string | null) {
  const [facts, setFacts] = useState<BoardHallFacts | null>(null);
  const [unauthorized, setUnauthorized] = useState(false);
  const latest = useRef(0);
  const load = useCallback(async (): Promise<void> => {
    if (!hallId) return;
    const asked = ++latest.current;
    try {
      const read = await api<BoardHallFacts>(`/api/halls/${encodeURIComponent(hallId)}`, { token });
      // two reads in flight (at load, then on config.changed) may answer out of order: the older one must not win
      if (asked === latest.current) setFacts(read);
    } catch (e) {
      if (e instanceof ApiError && (e.status === 401 || e.status === 403)) setUnauthorized(true);
      else setTimeout(() => void load(), 5000);
    }
  }, [token, hallId]);
  useEffect(() => {
    void load();
  }, [load]);
  return { facts, unauthorized, reload: load };
}

export async function voiceSettings(token: string, hallId: string, zoneId: string): Promise<BrowserVoiceSettings | null> {
  return api<BrowserVoiceSettings>(`/api/halls/${encodeURIComponent(hallId)}/voice?zoneId=${encodeURIComponent(zoneId)}`, { token }).catch(() => null);
}
