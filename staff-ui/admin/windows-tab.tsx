import { useState } from 'preact/hooks';
import type { WindowRow } from './admin-api.js';
import { Checks, Field, FormButtons, Panel, TextInput } from './form-bits.js';
import { t } from './i18n.js';
import type { AdminData } from './use-admin-data.js';

type Draft = { id?: string; number: string; name: string; zoneId: string; serviceIds: string[]; primaryStaffIds: string[]; substituteStaffIds: string[] };

const move = (list: string[], i: number, by: number) => {
  const next = [...list];
  const [item] = next.splice(i, 1);
  next.splice(Math.max(0, Math.min(next.length, i + by)), 0, item!);
  return next;
};

function ServiceOrder(p: { ids: string[]; nameOf(id: string): string; onChange(ids: string[]): void }) {
  return (
    <ol class="order">
      {p.ids.map((id, i) => (
        <li key={id}>
          <span>{p.nameOf(id)}</span>
          <button type="button" class="btn btn-small" disabled={i === 0} onClick={() => p.onChange(move(p.ids, i, -1))} aria-label={t('up')}>
            ↑
          </button>
          <button type="button" class="btn btn-small" disabled={i === p.ids.length - 1} onClick={() => p.onChange(move(p.ids, i, 1))} aria-label={t('down')}>
            ↓
          </button>
        </li>
      ))}
    </ol>
  );
}

function WindowForm(p: { admin: AdminData; draft: Draft; onDone(): void }) {
  const [d, setD] = useState(p.draft);
  const data = p.admin.data!;
  const set = (patch: Partial<Draft>) => setD({ ...d, ...patch });
  const serviceName = (id: string) => {
    const s = data.services.find((x) => x.id === id);
    return s ? `${s.prefix} ${s.name}` : id;
  };
  const staffOptions = data.staff.filter((s) => s.enabled).map((s) => ({ id: s.id, label: `${s.name} ${s.employeeNo}` }));
  async function submit(e: Event) {
    e.preventDefault();
    const body = {
      number: Number(d.number),
      name: d.name,
      zoneId: d.zoneId,
      serviceIds: d.serviceIds,
      primaryStaffIds: d.primaryStaffIds,
      substituteStaffIds: d.substituteStaffIds,
    };
    const ok = await p.admin.run((call) =>
      d.id ? call('PATCH', `/api/admin/windows/${d.id}`, body) : call('POST', '/api/admin/windows', { ...body, hallId: data.hall.id }),
    );
    if (ok) p.onDone();
  }
  return (
    <form class="edit-form" data-form="window" onSubmit={submit}>
      <Field label={t('number')}>
        <TextInput
          name="number"
          type="number"
          value={d.number}
          required
          onInput={(number) => set({ number, name: d.id || d.name !== `${d.number}号窗口` ? d.name : `${number}号窗口` })}
        />
      </Field>
      <Field label={t('name')}>
        <TextInput name="name" value={d.name} required onInput={(name) => set({ name })} />
      </Field>
      <Field label={t('zone')}>
        <select class="input" name="zoneId" value={d.zoneId} onChange={(e) => set({ zoneId: e.currentTarget.value })}>
          {data.zones.map((z) => (
            <option key={z.id} value={z.id}>
              {z.name}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('services')} wide>
        <Checks
          name="serviceIds"
          options={data.services.map((s) => ({ id: s.id, label: serviceName(s.id) }))}
          value={d.serviceIds}
          onChange={(serviceIds) => set({ serviceIds })}
        />
        <ServiceOrder ids={d.serviceIds} nameOf={serviceName} onChange={(serviceIds) => set({ serviceIds })} />
      </Field>
      <Field label={t('primaryStaff')} wide>
        <Checks name="primaryStaffIds" options={staffOptions} value={d.primaryStaffIds} onChange={(primaryStaffIds) => set({ primaryStaffIds })} />
      </Field>
      <Field label={t('substituteStaff')} wide>
        <Checks name="substituteStaffIds" options={staffOptions} value={d.substituteStaffIds} onChange={(substituteStaffIds) => set({ substituteStaffIds })} />
      </Field>
      <FormButtons saveLabel={t('save')} cancelLabel={t('cancel')} onCancel={p.onDone} />
    </form>
  );
}

export function WindowsTab(p: { admin: AdminData }) {
  const [editing, setEditing] = useState<Draft | null>(null);
  const data = p.admin.data!;
  const nextNumber = Math.max(0, ...data.windows.map((w) => w.number)) + 1;
  const blank: Draft = {
    number: String(nextNumber),
    name: `${nextNumber}号窗口`,
    zoneId: data.zones[0]?.id ?? '',
    serviceIds: [],
    primaryStaffIds: [],
    substituteStaffIds: [],
  };
  const toDraft = (w: WindowRow): Draft => ({ ...w, number: String(w.number) });
  const names = (ids: string[], list: { id: string; name: string }[]) => ids.map((id) => list.find((x) => x.id === id)?.name ?? id).join('、');
  return (
    <Panel
      title={t('tabWindows')}
      actions={
        <button class="btn btn-primary" data-admin-action="add-window" onClick={() => setEditing(blank)}>
          {t('add')}
        </button>
      }
    >
      {editing && <WindowForm admin={p.admin} draft={editing} onDone={() => setEditing(null)} />}
      <table class="grid">
        <thead>
          <tr>
            <th>{t('number')}</th>
            <th>{t('name')}</th>
            <th>{t('zone')}</th>
            <th>{t('services')}</th>
            <th>{t('primaryStaff')}</th>
            <th>{t('substituteStaff')}</th>
            <th>{t('status')}</th>
            <th>{t('actions')}</th>
          </tr>
        </thead>
        <tbody>
          {data.windows.map((w) => (
            <tr key={w.id} data-row-window={w.id}>
              <td class="prefix">{w.number}</td>
              <td>{w.name}</td>
              <td>{names([w.zoneId], data.zones)}</td>
              <td>{names(w.serviceIds, data.services)}</td>
              <td>{names(w.primaryStaffIds, data.staff)}</td>
              <td>{names(w.substituteStaffIds, data.staff)}</td>
              <td>{t(w.status)}</td>
              <td>
                <div class="row-actions">
                  <button class="btn btn-small" onClick={() => setEditing(toDraft(w))}>
                    {t('edit')}
                  </button>
                  <button
                    class="btn btn-small btn-danger"
                    onClick={() => confirm(t('confirmDelete', { name: w.name })) && p.admin.run((call) => call('DELETE', `/api/admin/windows/${w.id}`))}
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
