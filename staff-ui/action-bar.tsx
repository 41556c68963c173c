import { t } from './i18n.js';
import type { StaffKey } from './locales/zh-CN.js';
import { KEY_OF, type ConsoleCommand } from './shortcuts.js';

export const LABEL: Record<ConsoleCommand, StaffKey> = {
  'call-next': 'callNext',
  recall: 'recall',
  start: 'start',
  finish: 'finish',
  skip: 'skip',
  transfer: 'transfer',
  pause: 'pause',
  resume: 'resume',
  restore: 'restore',
  open: 'open',
  close: 'close',
};

function ActionButton(p: { command: ConsoleCommand; enabled: Set<ConsoleCommand>; onCommand(c: ConsoleCommand): void; extra?: string }) {
  const key = KEY_OF[p.command];
  return (
    <button
      type="button"
      class={`btn action action-${p.command} ${p.extra ?? ''}`}
      data-action={p.command}
      disabled={!p.enabled.has(p.command)}
      onClick={() => p.onCommand(p.command)}
    >
      <span class="action-label">{t(LABEL[p.command])}</span>
      {key && <kbd>{key}</kbd>}
    </button>
  );
}

/** The big 呼叫下一位 and the ticket and window actions, each with its function key. */
export function ActionBar(p: { enabled: Set<ConsoleCommand>; paused: boolean; onCommand(c: ConsoleCommand): void }) {
  const common = { enabled: p.enabled, onCommand: p.onCommand };
  return (
    <div class="actions">
      <ActionButton command="call-next" extra="action-main" {...common} />
      <div class="action-grid">
        <ActionButton command="recall" {...common} />
        <ActionButton command="start" {...common} />
        <ActionButton command="finish" {...common} />
        <ActionButton command="skip" {...common} />
        <ActionButton command="transfer" {...common} />
        <ActionButton command="restore" {...common} />
      </div>
      <div class="action-grid window-actions">
        {p.paused ? <ActionButton command="resume" {...common} /> : <ActionButton command="pause" {...common} />}
        <ActionButton command="open" {...common} />
        <ActionButton command="close" {...common} />
      </div>
    </div>
  );
}
