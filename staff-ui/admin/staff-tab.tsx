import { useState } from 'preact/hooks';
import type { Role } from '../../server/contract/dto.js';
import type { StaffRow } from './admin-api.js';
import { Checks, Field, FormButtons, Panel, TextInput } from './form-bits.js';
import { t } from './i18n.js';
import type { AdminData } from './use-admin-data.js';

type Draft = {
  id?: string;
  name: string;
  employeeNo: string;
  role: Role;
  username: string;
  password: string;
  windowIds: string[];
  substituteWindowIds: string[];
};
const ROLE_LABEL = { staff: 'roleStaff', manager: 'roleManager', admin: 'roleAdmin' } as const;

function StaffForm(p: { admin: AdminData; draft: Draft; isAdmin: boolean; onDone(): void }) {
  const [d, setD] = useState(p.draft);
  const data = p.admin.data!;
  const set = (patch: Partial<Draft>) => setD({ ...d, ...patch });
  const windowOptions = data.windows.map((w) => ({ id: w.id, label: w.name }));
  async function submit(e: Event) {
    e.preventDefault();
    const body = {
      name: d.name,
      employeeNo: d.employeeNo,
      role: d.role,
      username: d.username,
      windowIds: d.windowIds,
      substituteWindowIds: d.substituteWindowIds,
    };
    const ok = await p.admin.run((call) =>
      d.id ? call('PATCH', `/api/admin/staff/${d.id}`, body) : call('POST', '/api/admin/staff', { ...body, hallId: data.hall.id, password: d.password }),
    );
    if (ok) p.onDone();
  }
  return (
    <form class="edit-form" data-form="staff" onSubmit={submit}>
      <Field label={t('personName')}>
        <TextInput name="name" value={d.name} required onInput={(name) => set({ name })} />
      </Field>
      <Field label={t('employeeNo')}>
        <TextInput name="employeeNo" value={d.employeeNo} onInput={(employeeNo) => set({ employeeNo })} />
      </Field>
      <Field label={t('username')}>
        <TextInput name="staffUsername" value={d.username} required onInput={(username) => set({ username })} />
      </Field>
      {!d.id && (
        <Field label={t('newPassword')}>
          <TextInput name="staffPassword" type="password" value={d.password} required onInput={(password) => set({ password })} />
        </Field>
      )}
      <Field label={t('role')}>
        <select class="input" name="role" value={d.role} disabled={!p.isAdmin} onChange={(e) => set({ role: e.currentTarget.value as Role })}>
          {(['staff', 'manager', 'admin'] as const).map((r) => (
            <option key={r} value={r}>
              {t(ROLE_LABEL[r])}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('windows')} wide>
        <Checks name="windowIds" options={windowOptions} value={d.windowIds} onChange={(windowIds) => set({ windowIds })} />
      </Field>
      <Field label={t('substituteWindows')} wide>
        <Checks
          name="substituteWindowIds"
          options={windowOptions}
          value={d.substituteWindowIds}
          onChange={(substituteWindowIds) => set({ substituteWindowIds })}
        />
      </Field>
      <FormButtons saveLabel={t('save')} cancelLabel={t('cancel')} onCancel={p.onDone} />
    </form>
  );
}

const MAX_PHOTO = 200_000;
/** bumped on upload so the browser fetches the new photo, not its cached copy */
let photoVersion = Date.now();

function readPhoto(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

function StaffActions(p: { admin: AdminData; s: StaffRow; onEdit(): void }) {
  const { run, setFlash } = p.admin;
  const s = p.s;
  async function upload(file: File | undefined) {
    if (!file) return;
    const photo = await readPhoto(file);
    if (photo.length > MAX_PHOTO) return setFlash({ kind: 'error', text: t('photoTooBig') });
    photoVersion = Date.now();
    await run((call) => call('PUT', `/api/admin/staff/${s.id}/photo`, { photo }));
  }
  function reset() {
    const password = prompt(t('passwordPrompt'));
    if (password) void run((call) => call('POST', `/api/admin/staff/${s.id}/password`, { password }));
  }
  return (
    <td>
      <div class="row-actions">
        <button class="btn btn-small" onClick={p.onEdit}>
          {t('edit')}
        </button>
        <button class="btn btn-small" onClick={() => run((call) => call('PATCH', `/api/admin/staff/${s.id}`, { enabled: !s.enabled }))}>
          {s.enabled ? t('disable') : t('enable')}
        </button>
        <button class="btn btn-small" onClick={reset}>
          {t('resetPassword')}
        </button>
        <label class="btn btn-small">
          {t('choosePhoto')}
          <input type="file" accept="image/png,image/jpeg,image/webp" hidden onChange={(e) => upload(e.currentTarget.files?.[0])} />
        </label>
      </div>
    </td>
  );
}

export function StaffTab(p: { admin: AdminData; isAdmin: boolean }) {
  const [editing, setEditing] = useState<Draft | null>(null);
  const data = p.admin.data!;
  const blank: Draft = { name: '', employeeNo: '', role: 'staff', username: '', password: '', windowIds: [], substituteWindowIds: [] };
  const windowNames = (ids: string[]) => ids.map((id) => data.windows.find((w) => w.id === id)?.name ?? id).join('、');
  return (
    <Panel
      title={t('tabStaff')}
      actions={
        <button class="btn btn-primary" data-admin-action="add-staff" onClick={() => setEditing(blank)}>
          {t('add')}
        </button>
      }
    >
      {editing && <StaffForm admin={p.admin} draft={editing} isAdmin={p.isAdmin} onDone={() => setEditing(null)} />}
      <table class="grid">
        <thead>
          <tr>
            <th>{t('photo')}</th>
            <th>{t('personName')}</th>
            <th>{t('employeeNo')}</th>
            <th>{t('username')}</th>
            <th>{t('role')}</th>
            <th>{t('windows')}</th>
            <th>{t('substituteWindows')}</th>
            <th>{t('actions')}</th>
          </tr>
        </thead>
        <tbody>
          {data.staff.map((s) => (
            <tr key={s.id} data-row-staff={s.id} class={s.enabled ? '' : 'row-off'}>
              <td>
                {s.hasPhoto ? (
                  <img class="avatar" alt="" src={`/api/admin/staff/${s.id}/photo?v=${photoVersion}`} />
                ) : (
                  <span class="avatar avatar-empty">{s.name.slice(0, 1)}</span>
                )}
              </td>
              <td>
                {s.name}
                {!s.enabled && <span class="tag">{t('disabled')}</span>}
              </td>
              <td>{s.employeeNo}</td>
              <td>{s.username}</td>
              <td>{t(ROLE_LABEL[s.role])}</td>
              <td>{windowNames(s.windowIds)}</td>
              <td>{windowNames(s.substituteWindowIds)}</td>
              <StaffActions admin={p.admin} s={s} onEdit={() => setEditing({ ...s, password: '' })} />
            </tr>
          ))}
        </tbody>
      </table>
    </Panel>
  );
}
