import { useEffect, useRef, useState } from 'preact/hooks';
import type { TicketStatusDto } from '../../server/contract/dto.js';
import { api, ApiError } from '../../ui-common/api.js';

export interface TicketStatusState {
  status: TicketStatusDto | null;
  invalid: boolean;
  online: boolean;
  reload(): void;
}

/**
 * The visitor's ticket, re-read every few seconds: a phone holds only the ticket's status token,
 * which opens no socket, so it asks the status endpoint (cheap, one indexed read) instead.
 * It asks again at once when the phone comes back to the page.
 */
export function useTicketStatus(ticketId: string, token: string, pollSeconds: number): TicketStatusState {
  const [status, setStatus] = useState<TicketStatusDto | null>(null);
  const [invalid, setInvalid] = useState(false);
  const [online, setOnline] = useState(true);
  const stopped = useRef(false);

  const load = () => api<TicketStatusDto>(`/api/tickets/${encodeURIComponent(ticketId)}/status?token=${encodeURIComponent(token)}`)
    .then((s) => { setStatus(s); setOnline(true); }, (e: unknown) => {
      if (e instanceof ApiError && (e.status === 401 || e.status === 404)) { setInvalid(true); stopped.current = true; }
      else setOnline(false);
    });

  useEffect(() => {
    void load();
    const timer = window.setInterval(() => { if (!stopped.current) void load(); }, pollSeconds * 1000);
    const onVisible = () => { if (document.visibilityState === 'visible' && !stopped.current) void load(); };
    document.addEventListener('visibilitychange', onVisible);
    return () => { window.clearInterval(timer); document.removeEventListener('visibilitychange', onVisible); };
  }, [ticketId, token]);

  return { status, invalid, online, reload: () => void load() };
}
