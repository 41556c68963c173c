/**
 * A console whose session ended (12 h passed, logged out elsewhere, account disabled) must not
 * lose the clerk's action or drop them on a bare login form: the action that met the 401 is
 * kept, a re-login dialog says why, and the action is done again once they are back in.
 */
import { ApiError } from '../ui-common/api.js';
import { savedExpiry } from '../ui-common/session.js';

export interface PendingAction {
  /** what was being done, for the dialog: "办结 A001" */
  label: string;
  redo(): Promise<unknown>;
}

export type EndedReason = 'expired' | 'ended' | 'expiring';
export interface SessionEnd {
  reason: EndedReason;
  pending: PendingAction | null;
}

let listener: ((end: SessionEnd) => void) | null = null;

export function onSessionEnd(fn: (end: SessionEnd) => void): () => void {
  listener = fn;
  return () => {
    if (listener === fn) listener = null;
  };
}

/** why the server said 401: past the session's own end, or ended from elsewhere */
export function endedReason(now = new Date()): EndedReason {
  const expiry = savedExpiry();
  return expiry && now >= expiry ? 'expired' : 'ended';
}

/** true (and the console is told) when `e` is the server saying the session is gone */
export function reportIfSessionEnded(e: unknown, pending: PendingAction | null = null): boolean {
  if (!(e instanceof ApiError) || e.status !== 401) return false;
  listener?.({ reason: endedReason(), pending });
  return true;
}

/** the re-login dialog opened by the clerk before the session ends */
export function askToRenew(): void {
  listener?.({ reason: 'expiring', pending: null });
}
