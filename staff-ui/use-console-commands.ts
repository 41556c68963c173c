import { useState } from 'preact/hooks';
import type { UserDto } from '../server/contract/dto.js';
import { savedToken } from '../ui-common/session.js';
import { LABEL } from './action-bar.js';
import { reprintTicket, restoreTicket, windowAction, type QueueEntry } from './console-api.js';
import { errorText, t } from './i18n.js';
import type { StaffKey } from './locales/zh-CN.js';
import { reportIfSessionEnded } from './session-guard.js';
import type { ConsoleCommand } from './shortcuts.js';
import type { ConsoleState } from './use-window-console.js';

export type Dialog = { kind: 'pause' } | { kind: 'transfer' } | { kind: 'restore' } | { kind: 'close' } | { kind: 'out-of-order'; entry: QueueEntry } | null;
export interface Notice {
  kind: 'ok' | 'error';
  text: string;
  at: number;
}

const ACTIVE = new Set(['called', 'serving']);

/** another staff member holds the window (the server refuses everything but a takeover: WINDOW_HELD) */
export function heldByOther(s: ConsoleState, user: UserDto): boolean {
  return user.role === 'staff' && s.window.status !== 'closed' && Boolean(s.window.staffId) && s.window.staffId !== user.id;
}

/**
 * Which commands make sense now — the same rules as the API: disabled buttons and ignored
 * keys for the rest. At a window someone else holds, only the takeover (开窗), and only while
 * no ticket is being called or served there.
 */
export function enabledCommands(s: ConsoleState, user: UserDto): Set<ConsoleCommand> {
  const status = s.window.status;
  const active = s.current !== null && ACTIVE.has(s.current.status);
  const mine = s.window.staffId === user.id;
  const on = new Set<ConsoleCommand>();
  if (heldByOther(s, user)) {
    if (!active) on.add('open');
    return on;
  }
  if (status === 'closed' || (status === 'open' && !mine && !active)) on.add('open');
  if (status === 'open' && !active) on.add('call-next');
  if (active) for (const c of ['recall', 'skip', 'transfer'] as const) on.add(c);
  if (s.current?.status === 'called') on.add('start');
  if (s.current?.status === 'serving') on.add('finish');
  if (s.current?.status === 'no_show' && !s.current.restored) on.add('restore');
  if (status === 'open' && !active) on.add('pause');
  if (status === 'paused') on.add('resume');
  if (status !== 'closed' && !active) on.add('close');
  return on;
}

/** Runs console commands against the API, opening a dialog first where a reason or choice is needed. */
export function useConsoleCommands(token: string, state: ConsoleState | null, reload: () => Promise<unknown>) {
  const [dialog, setDialog] = useState<Dialog>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [busy, setBusy] = useState(false);

  // read at call time: an action redone after a re-login goes out with the new session
  const tok = () => savedToken() ?? token;

  async function perform(done: StaffKey, call: () => Promise<{ ticket?: { number: string } }>, fallbackNumber = '', label = ''): Promise<void> {
    setBusy(true);
    try {
      const result = await call();
      setNotice({ kind: 'ok', text: t(done, { number: result.ticket?.number ?? fallbackNumber }), at: Date.now() });
    } catch (e) {
      const pending = { label: label || t(done, { number: fallbackNumber }), redo: () => perform(done, call, fallbackNumber, label) };
      setNotice({ kind: 'error', text: reportIfSessionEnded(e, pending) ? t('sessionLost') : errorText(e), at: Date.now() });
    } finally {
      setDialog(null);
      setBusy(false);
      await reload();
    }
  }

  const windowId = state?.window.id ?? '';
  const act = (action: Parameters<typeof windowAction>[2], done: StaffKey, body?: object) => {
    const number = state?.current?.number ?? '';
    const label = `${t(LABEL[action])}${number && action !== 'call-next' && action !== 'open' ? ` ${number}` : ''}`;
    return perform(done, () => windowAction(tok(), windowId, action, body), number, label);
  };

  function command(c: ConsoleCommand) {
    if (!state || busy) return;
    switch (c) {
      case 'pause':
      case 'transfer':
      case 'restore':
      case 'close':
        return setDialog({ kind: c });
      case 'call-next':
        return act('call-next', 'done_call');
      case 'open':
        return act('open', 'done_open');
      case 'resume':
        return act('resume', 'done_resume');
      default:
        return act(c, `done_${c}`);
    }
  }

  const confirm = {
    pause: (reason: string) => act('pause', 'done_pause', { reason }),
    transfer: (toServiceId: string, reason: string) => act('transfer', 'done_transfer', { toServiceId, ...(reason ? { reason } : {}) }),
    close: () => act('close', 'done_close'),
    restore: (reason: string) => perform('done_restore', () => restoreTicket(tok(), state!.current!.id, reason || undefined), state?.current?.number),
    outOfOrder: (entry: QueueEntry, reason: string) => act('call-next', 'done_call', { ticketId: entry.id, reason }),
  };

  /** the window's current (or last handled) ticket on its kiosk's printer again */
  function reprint() {
    const current = state?.current;
    if (!current || busy) return;
    return perform(
      'done_reprint',
      async () => {
        await reprintTicket(tok(), current.id);
        return {};
      },
      current.number,
      `${t('reprint')} ${current.number}`,
    );
  }

  return { command, confirm, reprint, dialog, setDialog, notice, busy };
}
