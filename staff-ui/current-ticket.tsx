import type { TicketDto } from '../server/contract/dto.js';
import type { StaffKey } from './locales/zh-CN.js';
import { clockTime, minutesBetween } from './format.js';
import { t } from './i18n.js';

const ACTIVE = new Set(['called', 'serving']);

/** The ticket at the window: big number, service, issue time and how long the visitor waited. */
export function CurrentTicket(p: { ticket: TicketDto | null; serviceName: (id: string) => string; timeZone: string; onReprint?: () => void }) {
  const ticket = p.ticket;
  if (!ticket) {
    return (
      <section class="current empty" data-current-number="">
        <div class="current-label">{t('current')}</div>
        <div class="current-none">{t('noCurrent')}</div>
      </section>
    );
  }
  const active = ACTIVE.has(ticket.status);
  const waited = minutesBetween(ticket.issuedAt, ticket.calledAt);
  return (
    <section class={`current status-${ticket.status}`} data-current-number={active ? ticket.number : ''} data-ticket-status={ticket.status}>
      <div class="current-label">{t('current')}</div>
      <div class="current-number">{ticket.number}</div>
      <div class="current-state">
        {t(`ticketStatus_${ticket.status}` as StaffKey)}
        {ticket.callCount > 1 && <span class="muted"> · {t('ticketCallCount', { n: ticket.callCount })}</span>}
      </div>
      <div class="marks">
        {ticket.priority === 'priority' && <span class="mark mark-priority">{t('priority')}</span>}
        {ticket.appointment && <span class="mark mark-appointment">{t('appointment')}</span>}
        {ticket.transferredFromServiceId && <span class="mark mark-transfer">{t('transferred')}</span>}
        {ticket.restored && <span class="mark">{t('restored')}</span>}
      </div>
      <dl class="facts">
        <dt>{t('ticketService')}</dt>
        <dd>{p.serviceName(ticket.serviceId)}</dd>
        <dt>{t('ticketIssued')}</dt>
        <dd>{clockTime(ticket.issuedAt, p.timeZone)}</dd>
        <dt>{t('ticketCalledAt')}</dt>
        <dd>{clockTime(ticket.calledAt, p.timeZone)}</dd>
        <dt>{t('ticketWaited')}</dt>
        <dd data-waited-minutes={waited ?? ''}>{waited === null ? '—' : t('minutes', { n: waited })}</dd>
      </dl>
      {p.onReprint && (
        <button type="button" class="btn btn-small reprint" data-reprint={ticket.number} title={t('reprintHint')} onClick={p.onReprint}>
          {t('reprint')}
        </button>
      )}
    </section>
  );
}
