import { useEffect, useRef, useState } from 'preact/hooks';
import type { HallEvent } from '../../server/contract/events.js';
import { LiveHall } from '../../ui-common/live-hall.js';
import { applyEvent, fromSnapshot, type BoardCall, type BoardState } from './board-state.js';

export interface BoardOptions {
  token: string;
  hallId: string | null;
  zoneId?: string | null;
  windowId?: string | null;
  /** a call that arrived as an event (live or replayed after a reconnect), not from a snapshot */
  onCall?(call: BoardCall): void;
  /** the hall's facts (names, notice, services) may have changed: on config.changed, and after each snapshot */
  onConfigChanged?(): void;
}

/** Counts kept from events are re-based on a fresh snapshot this often, so a board running for days cannot drift. */
const RESYNC_MS = 15 * 60_000;

/**
 * A board's live state: snapshot + events through LiveHall (sinceSeq on every reconnect, so a
 * network cut or a server restart misses nothing and needs no refresh).
 */
export function useBoard(opts: BoardOptions) {
  const [state, setState] = useState<BoardState | null>(null);
  const [online, setOnline] = useState(true);
  const [error, setError] = useState<string | null>(null);
  /** when the board last heard from the server (the time an offline board's figures are from) */
  const [updatedAt, setUpdatedAt] = useState(() => new Date());
  const handlers = useRef(opts);
  handlers.current = opts;

  useEffect(() => {
    if (!opts.hallId) return;
    const live: LiveHall = new LiveHall({
      token: opts.token,
      hallId: opts.hallId,
      ...(opts.zoneId ? { zoneId: opts.zoneId } : {}),
      ...(opts.windowId ? { windowId: opts.windowId } : {}),
      onSnapshot: (snapshot) => {
        setState(fromSnapshot(snapshot));
        setError(null);
        setUpdatedAt(new Date());
        // a change committed before this subscription sent its config.changed before the board
        // listened (the facts were read at load, the socket connected later): read them again
        handlers.current.onConfigChanged?.();
      },
      onEvent: (e: HallEvent) => {
        setUpdatedAt(new Date());
        setState((s) => (s ? applyEvent(s, e) : s));
        if (e.type === 'ticket.called') {
          const d = e.data;
          handlers.current.onCall?.({
            number: d.number,
            windowNumber: d.windowNumber,
            windowId: d.windowId,
            at: e.at,
            recall: d.recall,
            seq: e.seq,
            ended: false,
          });
        }
        // the event carries the staff name only: the snapshot has the employee number too
        if (e.type === 'window.status' && e.data.staffName && handlers.current.windowId === e.data.windowId) live.resync();
        if (e.type === 'config.changed') {
          handlers.current.onConfigChanged?.();
          live.resync();
        }
      },
      onConnection: (up) => {
        setOnline(up);
        // connected and quiet is up to date too: the figures are as of the moment the line dropped
        if (!up) setUpdatedAt(new Date());
      },
      onError: (err) => setError(err.code),
    });
    const timer = setInterval(() => live.resync(), RESYNC_MS);
    return () => {
      clearInterval(timer);
      live.close();
    };
  }, [opts.token, opts.hallId, opts.zoneId, opts.windowId]);

  return { state, online, error, updatedAt };
}
