import { useEffect, useRef } from 'preact/hooks';

/** Every console command and its function key: staff keep their hands on the keyboard. */
export type ConsoleCommand = 'call-next' | 'recall' | 'start' | 'finish' | 'skip' | 'transfer' | 'pause' | 'resume' | 'restore' | 'open' | 'close';

export const SHORTCUT_KEYS: Record<string, ConsoleCommand | 'pause-or-resume'> = {
  F1: 'call-next',
  F2: 'recall',
  F3: 'start',
  F4: 'finish',
  F5: 'skip',
  F6: 'transfer',
  F7: 'pause-or-resume',
  F8: 'restore',
  F9: 'open',
  F10: 'close',
};

export const KEY_OF: Partial<Record<ConsoleCommand, string>> = {
  'call-next': 'F1',
  recall: 'F2',
  start: 'F3',
  finish: 'F4',
  skip: 'F5',
  transfer: 'F6',
  pause: 'F7',
  resume: 'F7',
  restore: 'F8',
  open: 'F9',
  close: 'F10',
};

/**
 * Function keys run console commands. The browser's own meaning of F1 (help), F5 (reload),
 * F7 (caret browsing) and F10 (menu) is always suppressed on the console: a reload in the
 * middle of serving would lose the staff member's place. While a dialog is open, keys go to it.
 */
export function useShortcuts(run: (key: keyof typeof SHORTCUT_KEYS) => void, dialogOpen: boolean): void {
  const latest = useRef(run);
  latest.current = run;
  const blocked = useRef(dialogOpen);
  blocked.current = dialogOpen;
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.key in SHORTCUT_KEYS)) return;
      e.preventDefault();
      if (blocked.current || e.repeat) return;
      latest.current(e.key);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
