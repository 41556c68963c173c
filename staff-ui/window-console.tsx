import type { UserDto } from '../server/contract/dto.js';
import { ActionBar } from './action-bar.js';
import { CurrentTicket } from './current-ticket.js';
import { Modal, PauseDialog, ReasonDialog, TransferDialog } from './dialogs.js';
import { errorText, t } from './i18n.js';
import { QueuePanel, TodayPanel } from './queue-panel.js';
import { useShortcuts, SHORTCUT_KEYS } from './shortcuts.js';
import { enabledCommands, heldByOther, useConsoleCommands, type Dialog, type Notice } from './use-console-commands.js';
import { useWindowConsole, type ConsoleState } from './use-window-console.js';

const STATUS_LABEL = { open: 'statusOpen', paused: 'statusPaused', closed: 'statusClosed' } as const;

/** One window's console: status, current ticket, actions with function keys, queue and today's counts. */
export function WindowConsole(p: { token: string; user: UserDto; windowId: string; sessionLost?: boolean; onChangeWindow(): void }) {
  const { state, error, online, reload } = useWindowConsole(p.token, p.windowId);
  const cmd = useConsoleCommands(p.token, state, reload);
  const enabled = state ? enabledCommands(state, p.user) : new Set<never>();
  useShortcuts(
    (key) => {
      const c = SHORTCUT_KEYS[key]!;
      const resolved = c === 'pause-or-resume' ? (state?.window.status === 'paused' ? 'resume' : 'pause') : c;
      if (enabled.has(resolved)) cmd.command(resolved);
    },
    cmd.dialog !== null || Boolean(p.sessionLost),
  );

  if (!state) return <main class="console loading">{error ? <p class="notice error">{errorText(error)}</p> : <p class="muted">…</p>}</main>;
  const serviceName = (id: string) => state.hall.services.find((s) => s.id === id)?.name ?? id;
  const w = state.window;
  const manager = p.user.role !== 'staff';
  return (
    <main class="console" data-window-id={w.id} data-window-status={w.status}>
      <header class="console-head">
        <div class="window-title">
          <span class="window-no">{w.number}</span>
          <h1>{w.name}</h1>
        </div>
        <span class={`badge badge-${w.status}`} data-window-status-label>
          {t(STATUS_LABEL[w.status])}
          {w.pauseReason ? ` · ${w.pauseReason}` : ''}
        </span>
        <DutyLine state={state} user={p.user} />
        <span class={`live ${online && !p.sessionLost ? 'on' : 'off'}`} data-live={p.sessionLost ? 'session-lost' : online ? 'on' : 'off'}>
          {p.sessionLost ? t('sessionLost') : online ? t('online') : t('offline')}
        </span>
        <button type="button" class="btn btn-small" onClick={p.onChangeWindow}>
          {t('changeWindow')}
        </button>
      </header>
      {cmd.notice && <NoticeLine notice={cmd.notice} />}
      <div class="console-body">
        <div class="console-main">
          <CurrentTicket ticket={state.current} serviceName={serviceName} timeZone={state.hall.timezone} onReprint={() => void cmd.reprint()} />
          <ActionBar enabled={enabled} paused={w.status === 'paused'} onCommand={cmd.command} />
        </div>
        <aside class="console-side">
          <TodayPanel today={state.today} />
          <QueuePanel
            queue={state.queue}
            serviceName={serviceName}
            alertMinutes={20}
            {...(manager && w.status === 'open' ? { onCallThis: (entry) => cmd.setDialog({ kind: 'out-of-order', entry }) } : {})}
          />
        </aside>
      </div>
      <ConsoleDialog dialog={cmd.dialog} state={state} confirm={cmd.confirm} onCancel={() => cmd.setDialog(null)} />
    </main>
  );
}

function DutyLine(p: { state: ConsoleState; user: UserDto }) {
  const w = p.state.window;
  if (!w.staffName) return null;
  const other = w.staffId !== p.user.id && w.status !== 'closed';
  const current = p.state.current;
  const busy = current && (current.status === 'called' || current.status === 'serving');
  const text = !other
    ? t('onDuty', { name: w.staffName })
    : !heldByOther(p.state, p.user)
      ? t('heldBy', { name: w.staffName })
      : busy
        ? t('takeOverWait', { name: w.staffName, number: current.number })
        : t('takeOverHint', { name: w.staffName });
  return (
    <span class={`duty ${other ? 'duty-other' : ''}`} data-duty={other ? (busy ? 'held-busy' : 'held') : 'mine'}>
      {text}
    </span>
  );
}

function NoticeLine(p: { notice: Notice }) {
  return (
    <div class={`notice ${p.notice.kind}`} role={p.notice.kind === 'error' ? 'alert' : 'status'} key={p.notice.at}>
      {p.notice.text}
    </div>
  );
}

type Confirm = ReturnType<typeof useConsoleCommands>['confirm'];

function ConsoleDialog(p: { dialog: Dialog; state: ConsoleState; confirm: Confirm; onCancel(): void }) {
  const d = p.dialog;
  if (!d) return null;
  const current = p.state.current;
  switch (d.kind) {
    case 'pause':
      return <PauseDialog onPause={p.confirm.pause} onCancel={p.onCancel} />;
    case 'transfer': {
      const services = p.state.hall.services.filter((s) => s.enabled && s.id !== current?.serviceId);
      return <TransferDialog services={services} onTransfer={p.confirm.transfer} onCancel={p.onCancel} />;
    }
    case 'restore':
      return (
        <ReasonDialog
          title={t('restoreTitle', { number: current?.number ?? '' })}
          placeholder={t('restoreReason')}
          required={false}
          onConfirm={p.confirm.restore}
          onCancel={p.onCancel}
        />
      );
    case 'out-of-order':
      return (
        <ReasonDialog
          title={t('outOfOrderTitle', { number: d.entry.number })}
          placeholder={t('outOfOrderReason')}
          required
          onConfirm={(r) => p.confirm.outOfOrder(d.entry, r)}
          onCancel={p.onCancel}
        />
      );
    case 'close':
      return (
        <Modal title={t('closeConfirm', { window: p.state.window.name })} onConfirm={p.confirm.close} onCancel={p.onCancel}>
          {null}
        </Modal>
      );
  }
}
