import { useEffect, useState } from 'preact/hooks';
import { Panel } from './form-bits.js';
import { HaochaCodes, HaochaEndpoint } from './haocha-codes.js';
import { lang, t } from './i18n.js';
import type { AdminData } from './use-admin-data.js';

interface Pushed {
  id: number;
  kind: string;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  createdAt: string;
  sentAt: string | null;
  lastError: string | null;
  payload: { ticket?: { number: string } };
}
interface Outbox {
  counts: { pending: number; sent: number; failed: number };
  recent: Pushed[];
}

const KIND = { rating: 'haochaRating', callback: 'haochaCallback', rectified: 'haochaRectified', 'visitor-rating': 'haochaVisitorRating' } as const;

/** 好差评 对接: what the province's platform has received, what waits, what failed */
export function HaochaTab(p: { admin: AdminData; isAdmin: boolean }) {
  const [outbox, setOutbox] = useState<Outbox | null>(null);
  const hallId = p.admin.hallId;
  useEffect(() => {
    if (hallId)
      p.admin
        .call<Outbox>('GET', `/api/haocha/halls/${encodeURIComponent(hallId)}/outbox`)
        .then(setOutbox)
        .catch(() => {});
  }, [hallId, p.admin.data]);
  const time = (iso: string | null) => (iso ? new Date(iso).toLocaleString(lang, { timeZone: p.admin.data?.hall.timezone, hour12: false }) : '');
  return (
    <div class="stack">
      {p.isAdmin && <HaochaEndpoint admin={p.admin} />}
      <HaochaCodes admin={p.admin} />
      <Panel title={t('haochaOutbox')}>
        {outbox && (
          <p class="haocha-counts" data-haocha-counts={`${outbox.counts.pending}/${outbox.counts.sent}/${outbox.counts.failed}`}>
            {t('haochaCounts', { pending: outbox.counts.pending, sent: outbox.counts.sent, failed: outbox.counts.failed })}
          </p>
        )}
        <table class="grid">
          <thead>
            <tr>
              <th>{t('haochaKind')}</th>
              <th>{t('haochaTicket')}</th>
              <th>{t('haochaStatus')}</th>
              <th>{t('haochaAttempts')}</th>
              <th>{t('auditAt')}</th>
              <th>{t('haochaError')}</th>
            </tr>
          </thead>
          <tbody>
            {(outbox?.recent ?? []).map((m) => (
              <tr key={m.id} data-haocha-status={m.status}>
                <td>{t(KIND[m.kind as keyof typeof KIND] ?? 'haochaRating')}</td>
                <td>{m.payload.ticket?.number ?? ''}</td>
                <td>{t(m.status === 'sent' ? 'haochaSent' : m.status === 'failed' ? 'haochaFailed' : 'haochaPending')}</td>
                <td>{m.attempts}</td>
                <td>{time(m.sentAt ?? m.createdAt)}</td>
                <td>{m.lastError ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Panel>
    </div>
  );
}
