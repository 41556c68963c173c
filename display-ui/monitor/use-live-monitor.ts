import { useEffect, useRef, useState } from 'preact/hooks';
import type { liveMonitor } from '../../server/supervision/live.js';
import { api } from '../../ui-common/api.js';
import { LiveHall } from '../../ui-common/live-hall.js';

export type LiveMonitor = Awaited<ReturnType<typeof liveMonitor>>;

/**
 * The monitor's data: fetched once, then again (coalesced) after each live event, and every
 * 30 s so that minutes keep counting on a quiet hall.
 */
export function useLiveMonitor(hallId: string, token: string) {
  const [data, setData] = useState<LiveMonitor | null>(null);
  const [online, setOnline] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const timer = useRef<number | null>(null);
  const load = () => {
    api<LiveMonitor>(`/api/supervision/halls/${encodeURIComponent(hallId)}/live`, { token })
      .then((d) => {
        setData(d);
        setError(null);
      })
      .catch((e: Error) => setError(e.message));
  };
  const soon = () => {
    if (timer.current !== null) return;
    timer.current = window.setTimeout(() => {
      timer.current = null;
      load();
    }, 150);
  };
  useEffect(() => {
    load();
    const live = new LiveHall({ token, hallId, onSnapshot: soon, onEvent: soon, onConnection: setOnline, onError: (e) => setError(e.message) });
    const every = window.setInterval(load, 30_000);
    return () => {
      live.close();
      window.clearInterval(every);
      if (timer.current !== null) window.clearTimeout(timer.current);
    };
  }, [hallId, token]);
  return { data, online, error, reload: load };
}
