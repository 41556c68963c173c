import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import type { TicketDto, WindowDto } from '../server/contract/dto.js';
import type { HallEvent } from '../server/contract/events.js';
import { LiveHall } from '../ui-common/live-hall.js';
import { savedToken } from '../ui-common/session.js';
import { reportIfSessionEnded } from './session-guard.js';
import { getHall, getQueue, getTicket, getToday, getWindow, type HallFacts, type QueueEntry, type TodayCounts } from './console-api.js';

export interface ConsoleState {
  window: WindowDto;
  /** the window's current ticket in full (it may be finished or a no-show: the last one handled) */
  current: TicketDto | null;
  queue: QueueEntry[];
  today: TodayCounts;
  hall: HallFacts;
}

/**
 * The live state of one window for its console: loaded over HTTP, refreshed whenever the
 * hall's events say something changed (another window's call shortens this queue too) and
 * after a reconnect, so the console never shows a stale queue.
 */
export function useWindowConsole(tokenProp: string, windowId: string) {
  const token = tokenProp;
  const [state, setState] = useState<ConsoleState | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [online, setOnline] = useState(true);
  const hallRef = useRef<HallFacts | null>(null);
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  // the window forgets a ticket once finished, skipped or transferred; the console keeps
  // showing it (and offers restore for a no-show) until the next call
  const lastTicketId = useRef<string | null>(null);
  // loads overlap (an action's reload, a live event's refresh); only the newest may set state,
  // or an older answer arriving late would put a stale ticket back on screen
  const generation = useRef(0);

  const load = useCallback(async () => {
    const mine = ++generation.current;
    // the session in force now: a reload queued before a re-login must not go out with the old one
    const token = savedToken() ?? tokenProp;
    try {
      const w = await getWindow(token, windowId);
      hallRef.current ??= await getHall(token, w.hallId);
      const [queue, today, current] = await Promise.all([
        getQueue(token, windowId).catch(() => []),
        getToday(token, windowId).catch(() => ({ served: 0, noShow: 0, serving: 0 })),
        lastOrCurrent(token, w, lastTicketId.current),
      ]);
      if (mine !== generation.current) return w;
      lastTicketId.current = current?.id ?? null;
      setState({ window: w, current, queue, today, hall: hallRef.current });
      setError(null);
      return w;
    } catch (e) {
      if (mine !== generation.current) return null;
      reportIfSessionEnded(e);
      setError(e);
      return null;
    }
  }, [tokenProp, windowId]);

  const refreshSoon = useCallback(() => {
    if (pending.current) clearTimeout(pending.current);
    pending.current = setTimeout(() => {
      pending.current = null;
      void load();
    }, 120);
  }, [load]);

  useEffect(() => {
    let live: LiveHall | null = null;
    let stopped = false;
    const minute = setInterval(refreshSoon, 30_000); // waited-minutes tick on
    void load().then((w) => {
      if (!w || stopped) return;
      live = new LiveHall({
        token,
        hallId: w.hallId,
        onSnapshot: refreshSoon,
        onEvent: (e: HallEvent) => {
          if (e.type !== 'device.health') refreshSoon();
        },
        onConnection: (up) => {
          setOnline(up);
          if (up) refreshSoon();
        },
      });
    });
    return () => {
      stopped = true;
      clearInterval(minute);
      if (pending.current) clearTimeout(pending.current);
      live?.close();
    };
  }, [token, windowId, load, refreshSoon]);

  return { state, error, online, reload: load };
}

async function lastOrCurrent(token: string, w: WindowDto, lastId: string | null): Promise<TicketDto | null> {
  const id = w.current?.id ?? lastId;
  if (!id) return null;
  const ticket = await getTicket(token, id).catch(() => null);
  if (!ticket || w.current) return ticket;
  // a finished or no-show ticket stays shown; a transferred one until another window calls it
  const stillHere = ticket.status === 'transferred' || ((ticket.status === 'done' || ticket.status === 'no_show') && ticket.windowId === w.id);
  return stillHere ? ticket : null;
  return ticket;
}
