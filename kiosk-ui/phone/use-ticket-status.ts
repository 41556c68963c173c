import { useEffect, useRef, useState } from 'preact/hooks';
import type { TicketStatusDto } from '../../server/contract/dto.js';
import { api, ApiError } from '../../ui-common/api.js';

export interface TicketStatusState {
  status: TicketStatusDto | null;
  invalid: boolean;
  online: boolean;
}

/**
 * The visitor's ticket, live: the server pushes every change as a server-sent event
 * (`/api/tickets/:id/events`; EventSource reconnects by itself). As a safety net for networks
 * that cut long requests, the status is also re-read every `pollSeconds` and whenever the phone
 * comes back to the page.
 */
export function useTicketStatus(ticketId: string, token: string, pollSeconds: number): TicketStatusState {
  const [status, setStatus] = useState<TicketStatusDto | null>(null);
  const [invalid, setInvalid] = useState(false);
  const [online, setOnline] = useState(true);
  const stopped = useRef(false);
  const query = `?token=${encodeURIComponent(token)}`;
  const base = `/api/tickets/${encodeURIComponent(ticketId)}`;

  const load = () =>
    api<TicketStatusDto>(`${base}/status${query}`).then(
      (s) => {
        setStatus(s);
        setOnline(true);
      },
      (e: unknown) => {
        if (e instanceof ApiError && (e.status === 401 || e.status === 404)) {
          setInvalid(true);
          stopped.current = true;
        } else setOnline(false);
      },
    );

  useEffect(() => {
    void load();
    const source = typeof EventSource === 'undefined' ? null : new EventSource(`${base}/events${query}`);
    source?.addEventListener('status', (e) => {
      setStatus(JSON.parse((e as MessageEvent<string>).data) as TicketStatusDto);
      setOnline(true);
    });
    source?.addEventListener('error', () => {
      if (source.readyState !== EventSource.OPEN) void load();
    });
    const timer = window.setInterval(() => {
      if (!stopped.current) void load();
    }, pollSeconds * 1000);
    const onVisible = () => {
      if (document.visibilityState === 'visible' && !stopped.current) void load();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      source?.close();
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [ticketId, token]);

  useEffect(() => {
    if (invalid) stopped.current = true;
  }, [invalid]);
  return { status, invalid, online };
}
