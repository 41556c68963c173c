import { useState } from 'preact/hooks';
import { Field, Panel, TextInput } from './form-bits.js';
import { t } from './i18n.js';
import { DepartmentsPanel, ZonesPanel } from './names-panels.js';
import type { AdminData } from './use-admin-data.js';

function NoticeForm(p: { admin: AdminData }) {
  const hall = p.admin.data!.hall;
  const [name, setName] = useState(hall.name);
  const [nameEn, setNameEn] = useState(hall.nameEn ?? '');
  const [notice, setNotice] = useState(hall.notice);
  const [address, setAddress] = useState(hall.address);
  return (
    <form
      class="edit-form"
      data-form="hall"
      onSubmit={(e) => {
        e.preventDefault();
        void p.admin.run(async (call) => {
          if (name !== hall.name || nameEn.trim() !== (hall.nameEn ?? '') || address !== hall.address)
            await call('PATCH', `/api/admin/halls/${hall.id}`, { name, nameEn: nameEn.trim(), address });
          await call('PUT', `/api/admin/halls/${hall.id}/notice`, { notice });
        });
      }}
    >
      <Field label={t('hallName')}>
        <TextInput name="hallName" value={name} required onInput={setName} />
      </Field>
      <Field label={t('nameEn')}>
        <TextInput name="hallNameEn" value={nameEn} maxLength={100} onInput={setNameEn} />
      </Field>
      <Field label={t('hallAddress')} wide>
        <TextInput name="hallAddress" value={address} maxLength={200} onInput={setAddress} />
      </Field>
      <Field label={t('notice')} wide>
        <textarea class="input" name="notice" rows={2} maxLength={500} value={notice} onInput={(e) => setNotice(e.currentTarget.value)} />
      </Field>
      <div class="form-buttons">
        <button class="btn btn-primary" type="submit">
          {t('save')}
        </button>
      </div>
    </form>
  );
}

function PolicyForm(p: { admin: AdminData }) {
  const data = p.admin.data!;
  const eff = data.effectivePolicy;
  const [burst, setBurst] = useState(String(eff.priorityBurst));
  const [age, setAge] = useState(String(eff.ageLimitMinutes));
  const [voice, setVoice] = useState(eff.voiceTemplate);
  const [alerts, setAlerts] = useState(eff.waitAlertMinutes.join(', '));
  const [finishes, setFinishes] = useState(eff.callNextFinishesCurrent);
  function submit(e: Event) {
    e.preventDefault();
    const policy = {
      ...data.hall.policy,
      priorityBurst: Number(burst),
      ageLimitMinutes: Number(age),
      voiceTemplate: voice,
      waitAlertMinutes: alerts
        .split(/[,，\s]+/)
        .filter(Boolean)
        .map(Number),
      callNextFinishesCurrent: finishes,
    };
    void p.admin.run((call) => call('PUT', `/api/admin/halls/${data.hall.id}/policy`, { policy }));
  }
  return (
    <form class="edit-form" data-form="policy" onSubmit={submit}>
      <Field label={t('priorityBurst')}>
        <TextInput name="priorityBurst" type="number" value={burst} onInput={setBurst} />
      </Field>
      <Field label={t('ageLimitMinutes')}>
        <TextInput name="ageLimitMinutes" type="number" value={age} onInput={setAge} />
      </Field>
      <Field label={t('voiceTemplate')} wide>
        <TextInput name="voiceTemplate" value={voice} onInput={setVoice} />
      </Field>
      <Field label={t('waitAlert')}>
        <TextInput name="waitAlertMinutes" value={alerts} onInput={setAlerts} />
      </Field>
      <label class="check">
        <input type="checkbox" checked={finishes} onChange={(e) => setFinishes(e.currentTarget.checked)} />
        {t('callNextFinishesCurrent')}
      </label>
      <div class="form-buttons">
        <button class="btn btn-primary" type="submit">
          {t('save')}
        </button>
      </div>
    </form>
  );
}

export function HallTab(p: { admin: AdminData }) {
  const data = p.admin.data!;
  const hallId = data.hall.id;
  return (
    <div class="stack" key={hallId}>
      <Panel title={t('tabHall')}>
        <NoticeForm admin={p.admin} />
      </Panel>
      <Panel title={t('zones')}>
        <ZonesPanel admin={p.admin} />
      </Panel>
      <Panel title={t('departments')}>
        <DepartmentsPanel admin={p.admin} />
      </Panel>
      <Panel title={t('policy')}>
        <PolicyForm admin={p.admin} />
      </Panel>
    </div>
  );
}
