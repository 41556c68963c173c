import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { LiveHall } from '../../ui-common/live-hall.js';
import { caller, type Call, type HallRow, type Overview } from './admin-api.js';
import { errorText, t } from './i18n.js';

export interface Flash {
  kind: 'ok' | 'error';
  text: string;
}

/**
 * The halls this person may configure, the chosen hall's whole configuration, and a live
 * subscription that reloads it on `config.changed` (a change made in another console shows up here).
 */
export function useAdminData(token: string, initialHall: string | null) {
  const call = useRef<Call>(caller(token)).current;
  const [halls, setHalls] = useState<HallRow[]>([]);
  const [hallId, setHallId] = useState<string | null>(initialHall);
  const [data, setData] = useState<Overview | null>(null);
  const [flash, setFlash] = useState<Flash | null>(null);

  const reload = useCallback(async () => {
    const list = await call<HallRow[]>('GET', '/api/admin/halls');
    setHalls(list);
    const id = list.some((h) => h.id === hallId) ? hallId! : (list.find((h) => h.id === 'main')?.id ?? list[0]?.id ?? null);
    if (id !== hallId) setHallId(id);
    setData(id ? await call<Overview>('GET', `/api/admin/halls/${id}`) : null);
  }, [hallId]);

  useEffect(() => {
    reload().catch(() => setFlash({ kind: 'error', text: t('offline') }));
  }, [reload]);

  // a confirmation fades after a few seconds; a refusal stays until it is read (clicked)
  useEffect(() => {
    if (flash?.kind !== 'ok') return;
    const timer = setTimeout(() => setFlash(null), 4000);
    return () => clearTimeout(timer);
  }, [flash]);

  useEffect(() => {
    if (!hallId) return;
    const live = new LiveHall({
      token,
      hallId,
      onSnapshot: () => {},
      onEvent: (e) => {
        if (e.type === 'config.changed') reload().catch(() => {});
      },
    });
    return () => live.close();
  }, [hallId, reload]);

  /** Runs one change; on success reloads and says so, on refusal shows the server's reason. */
  const run = useCallback(
    async <T>(fn: (call: Call) => Promise<T>, okText = t('saved')): Promise<T | undefined> => {
      try {
        const result = await fn(call);
        setFlash({ kind: 'ok', text: okText });
        await reload();
        return result;
      } catch (e) {
        setFlash({ kind: 'error', text: errorText(e) });
        return undefined;
      }
    },
    [reload],
  );

  return { call, halls, hallId, setHallId, data, reload, run, flash, setFlash };
}

export type AdminData = ReturnType<typeof useAdminData>;
