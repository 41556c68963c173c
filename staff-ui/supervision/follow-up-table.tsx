import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../../ui-common/api.js';
import { t } from './i18n.js';
import type { Report } from './report-api.js';

/** rows per page: a month of a busy hall has thousands of follow-ups */
const PAGE = 20;
type Step = 'callback' | 'rectify';

/** what the manager writes down for a step: a dialog in the page, not the browser's prompt */
function StepDialog(p: { number: string; step: Step; onSave(note: string): void; onCancel(): void }) {
  const [note, setNote] = useState('');
  const field = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    field.current?.focus();
  }, []);
  return (
    <div
      class="modal-backdrop"
      onKeyDown={(e) => {
        if (e.key === 'Escape') p.onCancel();
      }}
    >
      <form
        class="modal"
        role="dialog"
        data-step-dialog={p.step}
        onSubmit={(e) => {
          e.preventDefault();
          if (note.trim()) p.onSave(note.trim());
        }}
      >
        <h3>
          {p.number} · {t(p.step === 'callback' ? 'recordCallback' : 'recordRectify')}
        </h3>
        <label>
          {t(p.step === 'callback' ? 'callbackPrompt' : 'rectifyPrompt')}
          <textarea ref={field} name="note" rows={4} maxLength={500} value={note} onInput={(e) => setNote(e.currentTarget.value)} />
        </label>
        <div class="modal-buttons">
          <button type="button" class="btn" onClick={p.onCancel}>
            {t('cancel')}
          </button>
          <button type="submit" class="btn btn-primary" data-confirm disabled={!note.trim()}>
            {t('save')}
          </button>
        </div>
      </form>
    </div>
  );
}

/** 差评整改 items of the report, with the manager's callback and rectification steps. */
export function FollowUpTable(p: { report: Report; token: string; onChange(): void; onError(m: string): void }) {
  const [open, setOpen] = useState<{ ticketId: string; number: string; step: Step } | null>(null);
  const [page, setPage] = useState(0);
  const rows = p.report.badReviews;
  const pages = Math.max(1, Math.ceil(rows.length / PAGE));
  const shown = rows.slice(page * PAGE, page * PAGE + PAGE);
  useEffect(() => {
    if (page >= pages) setPage(pages - 1);
  }, [pages]);
  async function save(note: string) {
    const o = open!;
    setOpen(null);
    try {
      await api(`/api/supervision/followups/${encodeURIComponent(o.ticketId)}/${o.step}`, { token: p.token, body: { note } });
      p.onChange();
    } catch (e) {
      p.onError(t('failed', { message: (e as Error).message }));
    }
  }
  return (
    <>
      <table class="report-table" data-table="followups">
        <thead>
          <tr>
            <th>{t('number')}</th>
            <th>{t('level')}</th>
            <th>{t('service')}</th>
            <th>{t('window')}</th>
            <th>{t('staff')}</th>
            <th>{t('tags')}</th>
            <th>{t('comment')}</th>
            <th>{t('createdAt')}</th>
            <th>{t('callbackDue')}</th>
            <th>{t('rectifyDue')}</th>
            <th>{t('status')}</th>
            <th class="no-print" />
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td colSpan={12}>{t('noRows')}</td>
            </tr>
          )}
          {shown.map((f) => (
            <tr key={f.ticketId} class={f.overdue ? 'overdue' : ''} data-followup={f.number} data-status={f.status}>
              <td>{f.number}</td>
              <td>{t(`level_${f.level as 1 | 2}`)}</td>
              <td>{f.serviceName ?? ''}</td>
              <td>{f.windowName ?? ''}</td>
              <td>{f.staffName ?? ''}</td>
              <td>{f.tags.join('、')}</td>
              <td class="comment" data-review-comment>
                {f.comment ?? ''}
                {f.contact ? <span class="contact" data-review-contact>{` · ${t('callbackPhone')} ${f.contact}`}</span> : null}
              </td>
              <td>{f.createdAtLocal}</td>
              <td class={f.callbackOverdue ? 'bad' : ''}>
                {f.callbackDue}
                {f.callbackAt ? ' ✓' : ''}
              </td>
              <td class={f.rectifyOverdue ? 'bad' : ''}>
                {f.rectifyDue}
                {f.rectifiedAt ? ' ✓' : ''}
              </td>
              <td>
                {t(`status_${f.status as 'open'}`)}
                {f.overdue ? ` · ${t('overdue')}` : ''}
              </td>
              <td class="no-print">
                {!f.callbackAt && (
                  <button class="btn" data-action="record-callback" onClick={() => setOpen({ ticketId: f.ticketId, number: f.number, step: 'callback' })}>
                    {t('recordCallback')}
                  </button>
                )}
                {f.callbackAt && !f.rectifiedAt && (
                  <button class="btn" data-action="record-rectify" onClick={() => setOpen({ ticketId: f.ticketId, number: f.number, step: 'rectify' })}>
                    {t('recordRectify')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {pages > 1 && (
        <nav class="pager no-print" data-pager={`${page + 1}/${pages}`}>
          <button type="button" class="btn btn-small" disabled={page === 0} data-action="page-prev" onClick={() => setPage(page - 1)}>
            {t('prevPage')}
          </button>
          <span>{t('pageOf', { page: page + 1, pages, n: rows.length })}</span>
          <button type="button" class="btn btn-small" disabled={page >= pages - 1} data-action="page-next" onClick={() => setPage(page + 1)}>
            {t('nextPage')}
          </button>
        </nav>
      )}
      {open && <StepDialog number={open.number} step={open.step} onSave={(n) => void save(n)} onCancel={() => setOpen(null)} />}
    </>
  );
}
