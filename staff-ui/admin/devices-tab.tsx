import { useState } from 'preact/hooks';
import type { DeviceKind } from '../../server/contract/dto.js';
import type { DeviceRow } from './admin-api.js';
import { Field, FormButtons, Panel } from './form-bits.js';
import { lang, t } from './i18n.js';
import type { AdminData } from './use-admin-data.js';

const KIND_LABEL = { kiosk: 'kindKiosk', display: 'kindDisplay', evaluator: 'kindEvaluator', agent: 'kindAgent' } as const;

function DeviceForm(p: { admin: AdminData; onToken(token: string): void; onDone(): void }) {
  const data = p.admin.data!;
  const [kind, setKind] = useState<DeviceKind>('kiosk');
  const [windowId, setWindowId] = useState('');
  const [zoneId, setZoneId] = useState('');
  async function submit(e: Event) {
    e.preventDefault();
    const body = { hallId: data.hall.id, kind, ...(windowId ? { windowId } : {}), ...(zoneId ? { zoneId } : {}) };
    const created = await p.admin.run((call) => call<{ token: string }>('POST', '/api/admin/devices', body));
    if (created) {
      p.onToken(created.token);
      p.onDone();
    }
  }
  return (
    <form class="edit-form" data-form="device" onSubmit={submit}>
      <Field label={t('kind')}>
        <select class="input" name="kind" value={kind} onChange={(e) => setKind(e.currentTarget.value as DeviceKind)}>
          {(Object.keys(KIND_LABEL) as DeviceKind[]).map((k) => (
            <option key={k} value={k}>
              {t(KIND_LABEL[k])}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('window')}>
        <select class="input" name="windowId" value={windowId} onChange={(e) => setWindowId(e.currentTarget.value)}>
          <option value="">—</option>
          {data.windows.map((w) => (
            <option key={w.id} value={w.id}>
              {w.name}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('zone')}>
        <select class="input" name="zoneId" value={zoneId} onChange={(e) => setZoneId(e.currentTarget.value)}>
          <option value="">—</option>
          {data.zones.map((z) => (
            <option key={z.id} value={z.id}>
              {z.name}
            </option>
          ))}
        </select>
      </Field>
      <FormButtons saveLabel={t('add')} cancelLabel={t('cancel')} onCancel={p.onDone} />
    </form>
  );
}

function lastSeen(d: DeviceRow, timeZone: string): string {
  return d.lastSeenAt ? new Date(d.lastSeenAt).toLocaleString(lang, { timeZone }) : t('never');
}

export function DevicesTab(p: { admin: AdminData }) {
  const [adding, setAdding] = useState(false);
  const [token, setToken] = useState<string | null>(null);
  const data = p.admin.data!;
  const rotate = async (d: DeviceRow) => {
    const r = await p.admin.run((call) => call<{ token: string }>('POST', `/api/admin/devices/${d.id}/rotate`));
    if (r) setToken(r.token);
  };
  return (
    <Panel
      title={t('tabDevices')}
      actions={
        <button class="btn btn-primary" data-admin-action="add-device" onClick={() => setAdding(true)}>
          {t('add')}
        </button>
      }
    >
      {adding && <DeviceForm admin={p.admin} onToken={setToken} onDone={() => setAdding(false)} />}
      {token && (
        <p class="token-once" role="status">
          {t('tokenOnce')} <code data-device-token>{token}</code>{' '}
          <button class="btn btn-small" onClick={() => setToken(null)}>
            OK
          </button>
        </p>
      )}
      <table class="grid">
        <thead>
          <tr>
            <th>ID</th>
            <th>{t('kind')}</th>
            <th>
              {t('window')} / {t('zone')}
            </th>
            <th>{t('lastSeen')}</th>
            <th>{t('health')}</th>
            <th>{t('actions')}</th>
          </tr>
        </thead>
        <tbody>
          {data.devices.map((d) => (
            <tr key={d.id} data-row-device={d.id} class={d.enabled ? '' : 'row-off'}>
              <td>{d.id}</td>
              <td>{t(KIND_LABEL[d.kind])}</td>
              <td>{data.windows.find((w) => w.id === d.windowId)?.name ?? data.zones.find((z) => z.id === d.zoneId)?.name ?? '—'}</td>
              <td>{lastSeen(d, data.hall.timezone)}</td>
              <td>{d.enabled ? (d.health?.status ?? '—') : t('revoked')}</td>
              <td>
                <div class="row-actions">
                  <button class="btn btn-small" onClick={() => rotate(d)}>
                    {t('rotate')}
                  </button>
                  {d.enabled && (
                    <button
                      class="btn btn-small btn-danger"
                      onClick={() => confirm(`${t('revoke')} ${d.id}?`) && p.admin.run((call) => call('POST', `/api/admin/devices/${d.id}/revoke`))}
                    >
                      {t('revoke')}
                    </button>
                  )}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Panel>
  );
}
