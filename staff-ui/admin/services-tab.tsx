import { useState } from 'preact/hooks';
import type { ServiceRow } from './admin-api.js';
import { Field, FormButtons, Panel, TextInput } from './form-bits.js';
import { t } from './i18n.js';
import type { AdminData } from './use-admin-data.js';

type Draft = {
  id?: string;
  name: string;
  nameEn: string;
  prefix: string;
  departmentId: string;
  avgServiceMinutes: string;
  materials: string;
  enabled: boolean;
};

const toDraft = (s: ServiceRow): Draft => ({
  id: s.id,
  name: s.name,
  nameEn: s.nameEn ?? '',
  prefix: s.prefix,
  departmentId: s.departmentId,
  avgServiceMinutes: String(s.avgServiceMinutes),
  materials: s.materials,
  enabled: s.enabled,
});

function ServiceForm(p: { admin: AdminData; draft: Draft; onDone(): void }) {
  const [d, setD] = useState(p.draft);
  const data = p.admin.data!;
  const set = (patch: Partial<Draft>) => setD({ ...d, ...patch });
  async function submit(e: Event) {
    e.preventDefault();
    const body = {
      name: d.name,
      nameEn: d.nameEn.trim(),
      prefix: d.prefix.toUpperCase(),
      departmentId: d.departmentId,
      avgServiceMinutes: Number(d.avgServiceMinutes),
      materials: d.materials,
      enabled: d.enabled,
    };
    const ok = await p.admin.run((call) =>
      d.id ? call('PATCH', `/api/admin/services/${d.id}`, body) : call('POST', '/api/admin/services', { ...body, hallId: data.hall.id }),
    );
    if (ok) p.onDone();
  }
  return (
    <form class="edit-form" data-form="service" onSubmit={submit}>
      <Field label={t('name')}>
        <TextInput name="name" value={d.name} required maxLength={100} onInput={(name) => set({ name })} />
      </Field>
      <Field label={t('nameEn')}>
        <TextInput name="nameEn" value={d.nameEn} maxLength={100} onInput={(nameEn) => set({ nameEn })} />
      </Field>
      <Field label={t('prefix')}>
        <TextInput name="prefix" value={d.prefix} required maxLength={2} onInput={(prefix) => set({ prefix: prefix.toUpperCase() })} />
      </Field>
      <Field label={t('department')}>
        <select class="input" name="departmentId" value={d.departmentId} required onChange={(e) => set({ departmentId: e.currentTarget.value })}>
          <option value="" />
          {data.departments.map((x) => (
            <option key={x.id} value={x.id}>
              {x.name}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('normMinutes')}>
        <TextInput name="avgServiceMinutes" type="number" value={d.avgServiceMinutes} required onInput={(avgServiceMinutes) => set({ avgServiceMinutes })} />
      </Field>
      <Field label={t('materials')} wide>
        <textarea class="input" name="materials" rows={3} value={d.materials} onInput={(e) => set({ materials: e.currentTarget.value })} />
      </Field>
      <label class="check">
        <input type="checkbox" name="enabled" checked={d.enabled} onChange={(e) => set({ enabled: e.currentTarget.checked })} />
        {t('enabled')}
      </label>
      <FormButtons saveLabel={t('save')} cancelLabel={t('cancel')} onCancel={p.onDone} />
    </form>
  );
}

/** Swaps two neighbours in the kiosk's order (`position`). */
function swap(admin: AdminData, a: ServiceRow, b: ServiceRow) {
  const [pa, pb] = a.position === b.position ? [b.position, a.position + 1] : [b.position, a.position];
  return admin.run(async (call) => {
    await call('PATCH', `/api/admin/services/${a.id}`, { position: pa });
    await call('PATCH', `/api/admin/services/${b.id}`, { position: pb });
  });
}

export function ServicesTab(p: { admin: AdminData }) {
  const [editing, setEditing] = useState<Draft | null>(null);
  const data = p.admin.data!;
  const dept = (id: string) => data.departments.find((x) => x.id === id)?.name ?? id;
  const blank: Draft = { name: '', nameEn: '', prefix: '', departmentId: data.departments[0]?.id ?? '', avgServiceMinutes: '10', materials: '', enabled: true };
  return (
    <Panel
      title={t('tabServices')}
      actions={
        <button class="btn btn-primary" data-admin-action="add-service" onClick={() => setEditing(blank)}>
          {t('add')}
        </button>
      }
    >
      {editing && <ServiceForm admin={p.admin} draft={editing} onDone={() => setEditing(null)} />}
      <table class="grid">
        <thead>
          <tr>
            <th>{t('prefix')}</th>
            <th>{t('name')}</th>
            <th>{t('department')}</th>
            <th>{t('normMinutes')}</th>
            <th>{t('status')}</th>
            <th>{t('actions')}</th>
          </tr>
        </thead>
        <tbody>
          {data.services.map((s, i) => (
            <tr key={s.id} data-row-service={s.id} class={s.enabled ? '' : 'row-off'}>
              <td class="prefix">{s.prefix}</td>
              <td>{s.name}</td>
              <td>{dept(s.departmentId)}</td>
              <td>{s.avgServiceMinutes}</td>
              <td>{s.enabled ? t('enabled') : t('disabled')}</td>
              <td>
                <div class="row-actions">
                  <button class="btn btn-small" disabled={i === 0} aria-label={t('up')} onClick={() => swap(p.admin, s, data.services[i - 1]!)}>
                    ↑
                  </button>
                  <button
                    class="btn btn-small"
                    disabled={i === data.services.length - 1}
                    aria-label={t('down')}
                    onClick={() => swap(p.admin, s, data.services[i + 1]!)}
                  >
                    ↓
                  </button>
                  <button class="btn btn-small" onClick={() => setEditing(toDraft(s))}>
                    {t('edit')}
                  </button>
                  <button class="btn btn-small" onClick={() => p.admin.run((call) => call('PATCH', `/api/admin/services/${s.id}`, { enabled: !s.enabled }))}>
                    {s.enabled ? t('disable') : t('enable')}
                  </button>
                  <button
                    class="btn btn-small btn-danger"
                    onClick={() => confirm(t('confirmDelete', { name: s.name })) && p.admin.run((call) => call('DELETE', `/api/admin/services/${s.id}`))}
                  >
                    {t('delete')}
                  </button>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Panel>
  );
}
