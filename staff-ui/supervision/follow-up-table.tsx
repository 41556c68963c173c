import { api } from '../../ui-common/api.js';
import { t } from './i18n.js';
import type { Report } from './report-api.js';

/** 差评整改 items of the report, with the manager's callback and rectification steps. */
export function FollowUpTable(p: { report: Report; token: string; onChange(): void; onError(m: string): void }) {
  async function record(ticketId: string, step: 'callback' | 'rectify') {
    const note = window.prompt(step === 'callback' ? t('callbackPrompt') : t('rectifyPrompt'));
    if (!note?.trim()) return;
    try {
      await api(`/api/supervision/followups/${encodeURIComponent(ticketId)}/${step}`, { token: p.token, body: { note: note.trim() } });
      p.onChange();
    } catch (e) { p.onError(t('failed', { message: (e as Error).message })); }
  }
  return (
    <table class="report-table" data-table="followups">
      <thead><tr><th>{t('number')}</th><th>{t('level')}</th><th>{t('window')}</th><th>{t('reviewComment')}</th><th>{t('createdAt')}</th><th>{t('callbackDue')}</th><th>{t('rectifyDue')}</th><th>{t('status')}</th><th class="no-print" /></tr></thead>
      <tbody>
        {p.report.badReviews.length === 0 && <tr><td colSpan={9}>{t('noRows')}</td></tr>}
        {p.report.badReviews.map((f) => (
          <tr key={f.ticketId} class={f.overdue ? 'overdue' : ''} data-followup={f.number} data-status={f.status}>
            <td>{f.number}</td><td>{t(`level_${f.level as 1 | 2}`)}</td><td>{f.windowId ?? ''}</td>
            <td data-review-comment>{f.comment ?? ''}{f.contact ? <span class="contact" data-review-contact>{` · ${t('callbackPhone')} ${f.contact}`}</span> : null}</td>
            <td>{new Date(f.createdAt).toLocaleString('zh-CN', { hour12: false, timeZone: p.report.timezone })}</td>
            <td class={f.callbackOverdue ? 'bad' : ''}>{f.callbackDue}{f.callbackAt ? ' ✓' : ''}</td>
            <td class={f.rectifyOverdue ? 'bad' : ''}>{f.rectifyDue}{f.rectifiedAt ? ' ✓' : ''}</td>
            <td>{t(`status_${f.status as 'open'}`)}{f.overdue ? ` · ${t('overdue')}` : ''}</td>
            <td class="no-print">
              {!f.callbackAt && <button class="btn" onClick={() => record(f.ticketId, 'callback')}>{t('recordCallback')}</button>}
              {f.callbackAt && !f.rectifiedAt && <button class="btn" onClick={() => record(f.ticketId, 'rectify')}>{t('recordRectify')}</button>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
