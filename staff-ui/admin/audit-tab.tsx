import { useEffect, useState } from 'preact/hooks';
import { auditActionLabel, hallTime } from '../../ui-common/audit-actions.js';
import { Panel } from './form-bits.js';
import { lang, t } from './i18n.js';
import type { AdminData } from './use-admin-data.js';

interface Entry {
  id: number;
  at: string;
  actorName: string;
  action: string;
  entityName: string;
  reason: string | null;
}

/** Who changed what and when, in this hall's clock, with names rather than ids. */
export function AuditTab(p: { admin: AdminData }) {
  const [entries, setEntries] = useState<Entry[]>([]);
  const hallId = p.admin.hallId;
  useEffect(() => {
    if (hallId)
      p.admin
        .call<Entry[]>('GET', `/api/admin/audit?hallId=${hallId}&limit=200`)
        .then(setEntries)
        .catch(() => {});
  }, [hallId, p.admin.data]);
  return (
    <Panel title={t('tabAudit')}>
      <table class="grid" data-table="audit">
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
          {entries.map((e) => (
            <tr key={e.id} data-audit-action={e.action}>
              <td>{hallTime(e.at, p.admin.data?.hall.timezone)}</td>
              <td>{e.actorName}</td>
              <td>{auditActionLabel(e.action, lang)}</td>
              <td>{e.entityName}</td>
              <td>{e.reason ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Panel>
  );
}
