import { useEffect, useState } from 'preact/hooks';
import { Panel } from './form-bits.js';
import { lang, t } from './i18n.js';
import type { AdminData } from './use-admin-data.js';

interface Entry { id: number; at: string; actorId: string; action: string; entity: string; entityId: string }

export function AuditTab(p: { admin: AdminData }) {
  const [entries, setEntries] = useState<Entry[]>([]);
  const hallId = p.admin.hallId;
  useEffect(() => {
    if (hallId) p.admin.call<Entry[]>('GET', `/api/admin/audit?hallId=${hallId}&limit=200`).then(setEntries).catch(() => {});
  }, [hallId, p.admin.data]);
  return (
    <Panel title={t('tabAudit')}>
      <table class="grid">
        <thead><tr><th>{t('auditAt')}</th><th>{t('auditWho')}</th><th>{t('auditAction')}</th><th>{t('auditEntity')}</th></tr></thead>
        <tbody>{entries.map((e) => <tr key={e.id}><td>{new Date(e.at).toLocaleString(lang, { timeZone: p.admin.data?.hall.timezone })}</td><td>{e.actorId}</td><td>{e.action}</td><td>{e.entity} {e.entityId}</td></tr>)}</tbody>
      </table>
    </Panel>
  );
}
