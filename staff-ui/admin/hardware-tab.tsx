import { useEffect, useState } from 'preact/hooks';
import { Panel } from './form-bits.js';
import { t } from './i18n.js';
import type { AdminData } from './use-admin-data.js';

interface HardwareDoc { buses: { id: string; port: string }[]; hardware: { id: string; kind: string; busId?: string; address?: number; windowId?: string; zoneId?: string; kioskId?: string }[] }

export function HardwareTab(p: { admin: AdminData; isAdmin: boolean }) {
  const [doc, setDoc] = useState<HardwareDoc | null>(null);
  const [text, setText] = useState('');
  const load = async () => {
    const d = await p.admin.call<HardwareDoc>('GET', '/api/admin/hardware');
    setDoc(d);
    setText(JSON.stringify(d, null, 2));
  };
  useEffect(() => { load().catch(() => {}); }, [p.admin.data]);
  async function save(e: Event) {
    e.preventDefault();
    let parsed: unknown;
    try { parsed = JSON.parse(text); } catch { return p.admin.setFlash({ kind: 'error', text: t('badJson') }); }
    await p.admin.run((call) => call('PUT', '/api/admin/hardware', parsed));
  }
  const place = (h: HardwareDoc['hardware'][number]) => h.windowId ?? h.zoneId ?? h.kioskId ?? '—';
  return (
    <div class="stack">
      <Panel title={t('tabHardware')}>
        <table class="grid">
          <thead><tr><th>ID</th><th>{t('kind')}</th><th>bus / address</th><th>{t('window')} / {t('zone')}</th><th>{t('actions')}</th></tr></thead>
          <tbody>
            {(doc?.hardware ?? []).map((h) => (
              <tr key={h.id} data-row-hardware={h.id}>
                <td>{h.id}</td><td>{h.kind}</td><td>{h.busId ? `${h.busId} @ ${h.address}` : '—'}</td><td>{place(h)}</td>
                <td><button class="btn btn-small" onClick={() => p.admin.run((call) => call('POST', `/api/admin/hardware/${h.id}/test`), t('testSent', { id: h.id }))}>{t('test')}</button></td>
              </tr>
            ))}
          </tbody>
        </table>
      </Panel>
      {p.isAdmin && (
        <Panel title="buses / hardware (JSON)">
          <p class="muted">{t('hardwareHelp')}</p>
          <form onSubmit={save}>
            <textarea class="input code" name="hardware" rows={14} value={text} onInput={(e) => setText(e.currentTarget.value)} />
            <div class="form-buttons"><button class="btn btn-primary" type="submit">{t('save')}</button></div>
          </form>
        </Panel>
      )}
    </div>
  );
}
