import { useState } from 'preact/hooks';
import type { Overview } from './admin-api.js';
import { Checks } from './form-bits.js';
import { t } from './i18n.js';
import type { AdminData } from './use-admin-data.js';

type Zone = Overview['zones'][number];
type Department = Overview['departments'][number];

/** One zone: its names, and the other zones whose calls its boards show and its voice announces. */
function ZoneRow(p: { admin: AdminData; zone: Zone; others: Zone[]; path: string }) {
  const [name, setName] = useState(p.zone.name);
  const [nameEn, setNameEn] = useState(p.zone.nameEn ?? '');
  const [announceFrom, setAnnounceFrom] = useState<string[]>(p.zone.announceFrom ?? []);
  return (
    <tr data-row-zone={p.zone.id}>
      <td>
        <input class="input" name="name" value={name} required onInput={(e) => setName(e.currentTarget.value)} />
      </td>
      <td>
        <input class="input" name="nameEn" value={nameEn} maxLength={100} onInput={(e) => setNameEn(e.currentTarget.value)} />
      </td>
      <td>
        <Checks name="announceFrom" options={p.others.map((z) => ({ id: z.id, label: z.name }))} value={announceFrom} onChange={setAnnounceFrom} />
      </td>
      <td class="row-actions">
        <button
          class="btn btn-small"
          data-admin-action="save-zone"
          onClick={() => p.admin.run((call) => call('PATCH', `${p.path}/${p.zone.id}`, { name, nameEn: nameEn.trim(), announceFrom }))}
        >
          {t('save')}
        </button>
        <button class="link" aria-label={t('delete')} onClick={() => p.admin.run((call) => call('DELETE', `${p.path}/${p.zone.id}`))}>
          ×
        </button>
      </td>
    </tr>
  );
}

/** A new zone or department: Chinese name, optional English name. */
function AddNamed(p: { admin: AdminData; path: string; placeholder: string; form: string }) {
  const [name, setName] = useState('');
  const [nameEn, setNameEn] = useState('');
  return (
    <form
      class="inline-form"
      data-form={p.form}
      onSubmit={async (e) => {
        e.preventDefault();
        if (await p.admin.run((call) => call('POST', p.path, { name, ...(nameEn.trim() ? { nameEn: nameEn.trim() } : {}) }))) {
          setName('');
          setNameEn('');
        }
      }}
    >
      <input class="input" name="name" placeholder={p.placeholder} value={name} required onInput={(e) => setName(e.currentTarget.value)} />
      <input class="input" name="nameEn" placeholder={t('nameEnShort')} value={nameEn} maxLength={100} onInput={(e) => setNameEn(e.currentTarget.value)} />
      <button class="btn" type="submit">
        {t('add')}
      </button>
    </form>
  );
}

export function ZonesPanel(p: { admin: AdminData }) {
  const data = p.admin.data!;
  const path = `/api/admin/halls/${data.hall.id}/zones`;
  return (
    <div>
      <table class="grid">
        <thead>
          <tr>
            <th>{t('name')}</th>
            <th>{t('nameEnShort')}</th>
            <th>{t('announceFrom')}</th>
            <th>{t('actions')}</th>
          </tr>
        </thead>
        <tbody>
          {data.zones.map((z) => (
            <ZoneRow
              key={`${z.id}:${z.name}:${z.nameEn ?? ''}:${(z.announceFrom ?? []).join()}`}
              admin={p.admin}
              zone={z}
              others={data.zones.filter((o) => o.id !== z.id)}
              path={path}
            />
          ))}
        </tbody>
      </table>
      <AddNamed admin={p.admin} path={path} placeholder={t('newZone')} form="zone" />
    </div>
  );
}

function DepartmentRow(p: { admin: AdminData; department: Department }) {
  const [name, setName] = useState(p.department.name);
  const [nameEn, setNameEn] = useState(p.department.nameEn ?? '');
  return (
    <tr data-row-department={p.department.id}>
      <td>
        <input class="input" name="name" value={name} required onInput={(e) => setName(e.currentTarget.value)} />
      </td>
      <td>
        <input class="input" name="nameEn" value={nameEn} maxLength={100} onInput={(e) => setNameEn(e.currentTarget.value)} />
      </td>
      <td class="row-actions">
        <button
          class="btn btn-small"
          data-admin-action="save-department"
          onClick={() => p.admin.run((call) => call('PATCH', `/api/admin/departments/${p.department.id}`, { name, nameEn: nameEn.trim() }))}
        >
          {t('save')}
        </button>
      </td>
    </tr>
  );
}

export function DepartmentsPanel(p: { admin: AdminData }) {
  const data = p.admin.data!;
  return (
    <div>
      <table class="grid">
        <thead>
          <tr>
            <th>{t('name')}</th>
            <th>{t('nameEnShort')}</th>
            <th>{t('actions')}</th>
          </tr>
        </thead>
        <tbody>
          {data.departments.map((d) => (
            <DepartmentRow key={`${d.id}:${d.name}:${d.nameEn ?? ''}`} admin={p.admin} department={d} />
          ))}
        </tbody>
      </table>
      <AddNamed admin={p.admin} path="/api/admin/departments" placeholder={t('newDepartment')} form="department" />
    </div>
  );
}
