import { useEffect, useRef, useState } from 'preact/hooks';
import type { IssuedTicketDto } from '../../server/contract/dto.js';
import { ApiError } from '../../ui-common/api.js';
import type { T } from '../shared/strings.js';

/** A second tap this soon after a ticket is the same visitor's double tap, not a new ticket. */
const DOUBLE_TAP_MS = 1500;
const MESSAGE_MS = 6000;

export function errorText(t: T, e: unknown): string {
  if (!(e instanceof ApiError)) return t('errorGeneric');
  if (e.status === 0) return t('errorOffline');
  if (e.code === 'RATE_LIMITED') return t('errorRateLimited');
  return t.error(e);
}

export interface Issuing {
  busy: boolean;
  /** the last refusal, in words for the visitor; clears itself */
  message: string | null;
  /**
   * Runs one issuing request at a time: taps while one is on the way, or just after a ticket
   * was shown, are ignored, so a double tap never gives two tickets.
   */
  issue(request: () => Promise<IssuedTicketDto>, onIssued: (ticket: IssuedTicketDto) => void, describe?: (e: unknown) => string): Promise<void>;
}

export function useIssuing(t: T, afterEach: () => void): Issuing {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const running = useRef(false);
  const lastIssued = useRef(0);

  useEffect(() => {
    if (!message) return;
    const timer = window.setTimeout(() => setMessage(null), MESSAGE_MS);
    return () => window.clearTimeout(timer);
  }, [message]);

  const issue: Issuing['issue'] = async (request, onIssued, describe = (e) => errorText(t, e)) => {
    if (running.current || Date.now() - lastIssued.current < DOUBLE_TAP_MS) return;
    running.current = true;
    setBusy(true);
    setMessage(null);
    try {
      const ticket = await request();
      lastIssued.current = Date.now();
      onIssued(ticket);
    } catch (e) {
      setMessage(describe(e));
    } finally {
      running.current = false;
      setBusy(false);
      afterEach();
    }
  };
  return { busy, message, issue };
}
