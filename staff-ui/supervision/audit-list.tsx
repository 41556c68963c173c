import { useEffect, useState } from 'preact/hooks';
import { api } from '../../ui-common/api.js';
import { auditActionLabel, hallTime } from '../../ui-common/audit-actions.js';
import { lang, t } from './i18n.js';

interface AuditEntry {
  id: number;
  at: string;
  actorName: string;
  action: string;
  entityName: string;
  reason: string | null;
}

/** Every manual override and config change in the period: who, when, why. */
export function AuditList(p: { hallId: string; token: string; from: string; to: string; version: number; timeZone: string }) {
  const [rows, setRows] = useState<AuditEntry[]>([]);
  useEffect(() => {
    api<AuditEntry[]>(`/api/supervision/halls/${encodeURIComponent(p.hallId)}/audit?from=${p.from}&to=${p.to}`, { token: p.token })
      .then(setRows)
      .catch(() => setRows([]));
  }, [p.hallId, p.from, p.to, p.version]);
  return (
    <table class="report-table" data-table="audit">
      <thead>
        <tr>
          <th>{t('auditAt')}</th>
          <th>{t('auditWho')}</th>
          <th>{t('auditAction')}</th>
          <th>{t('auditEntity')}</th>
          <th>{t('auditReason')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 && (
          <tr>
            <td colSpan={5}>{t('noRows')}</td>
          </tr>
        )}
        {rows.map((r) => (
          <tr key={r.id} data-audit-action={r.action}>
            <td>{hallTime(r.at, p.timeZone)}</td>
            <td>{r.actorName}</td>
            <td>{auditActionLabel(r.action, lang)}</td>
            <td>{r.entityName}</td>
            <td>{r.reason ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
