import { useState } from 'preact/hooks';
import type { CalendarDto } from '../../server/appointments/calendar-view.js';
import type { HallHours } from '../../server/domain/working-calendar.js';
import { Checks, Field, Panel, TextInput } from './form-bits.js';
import { t } from './i18n.js';
import type { AdminData } from './use-admin-data.js';

const WEEKDAYS = ['wdSun', 'wdMon', 'wdTue', 'wdWed', 'wdThu', 'wdFri', 'wdSat'] as const;

const showSessions = (s: [string, string][]) => s.map(([a, b]) => `${a}-${b}`).join(', ');
/** "09:00-12:00, 13:30-17:30" → [["09:00","12:00"],["13:30","17:30"]]; the server checks the times */
const readSessions = (text: string): [string, string][] =>
  text
    .split(/[,，;；\s]+/)
    .filter(Boolean)
    .map((s) => s.split(/[-–~～至]/).map((x) => x.trim()) as [string, string]);

function SeasonsForm(p: { admin: AdminData }) {
  const hall = p.admin.data!.hall;
  const hours = hall.hours as HallHours;
  const [summerFrom, setSummerFrom] = useState(hours.summer.from);
  const [summer, setSummer] = useState(showSessions(hours.summer.sessions));
  const [winterFrom, setWinterFrom] = useState(hours.winter.from);
  const [winter, setWinter] = useState(showSessions(hours.winter.sessions));
  function save(e: Event) {
    e.preventDefault();
    const next = { summer: { from: summerFrom, sessions: readSessions(summer) }, winter: { from: winterFrom, sessions: readSessions(winter) } };
    void p.admin.run((call) => call('PATCH', `/api/admin/halls/${hall.id}`, { hours: next }));
  }
  return (
    <form class="edit-form" data-form="seasons" onSubmit={save}>
      <Field label={t('summerFrom')}>
        <TextInput name="summerFrom" value={summerFrom} onInput={setSummerFrom} />
      </Field>
      <Field label={t('summerSessions')}>
        <TextInput name="summerSessions" value={summer} onInput={setSummer} />
      </Field>
      <Field label={t('winterFrom')}>
        <TextInput name="winterFrom" value={winterFrom} onInput={setWinterFrom} />
      </Field>
      <Field label={t('winterSessions')}>
        <TextInput name="winterSessions" value={winter} onInput={setWinter} />
      </Field>
      <div class="form-buttons">
        <button class="btn btn-primary" type="submit" data-admin-action="save-seasons">
          {t('save')}
        </button>
      </div>
    </form>
  );
}

function WeeklyForm(p: { admin: AdminData; cal: CalendarDto; onSaved(): void }) {
  const [off, setOff] = useState(p.cal.weeklyDaysOff.map(String));
  async function save(e: Event) {
    e.preventDefault();
    const daysOff = off.map(Number);
    if (
      await p.admin.run(async (call) => {
        await call('PUT', `/api/halls/${p.cal.hallId}/calendar/weekly`, { daysOff });
        return true;
      })
    )
      p.onSaved();
  }
  return (
    <form class="inline-form wide" data-form="weekly" onSubmit={save}>
      <Checks name="daysOff" options={WEEKDAYS.map((k, i) => ({ id: String(i), label: t(k) }))} value={off} onChange={setOff} />
      <button class="btn btn-primary" type="submit" data-admin-action="save-weekly">
        {t('save')}
      </button>
    </form>
  );
}

function ExtendedList(p: { admin: AdminData; cal: CalendarDto; onSaved(): void }) {
  const [every, setEvery] = useState(true);
  const [date, setDate] = useState('');
  const [from, setFrom] = useState('12:00');
  const [to, setTo] = useState('13:30');
  const [note, setNote] = useState('');
  const base = `/api/halls/${p.cal.hallId}/calendar/extended`;
  const change = async (fn: (call: AdminData['call']) => Promise<unknown>) => {
    if (
      await p.admin.run(async (call) => {
        await fn(call);
        return true;
      })
    )
      p.onSaved();
  };
  return (
    <div>
      <table class="grid" data-table="extended">
        <thead>
          <tr>
            <th>{t('extendedOn')}</th>
            <th>{t('extendedTime')}</th>
            <th>{t('extendedNote')}</th>
            <th>{t('actions')}</th>
          </tr>
        </thead>
        <tbody>
          {p.cal.extendedPeriods.map((x) => (
            <tr key={x.id} data-extended={x.on}>
              <td>{x.on === 'workdays' ? t('everyWorkday') : x.on}</td>
              <td>
                {x.from}–{x.to}
              </td>
              <td>{x.note}</td>
              <td>
                <button class="btn btn-small btn-danger" type="button" onClick={() => change((call) => call('DELETE', `${base}/${x.id}`))}>
                  {t('delete')}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form
        class="edit-form"
        data-form="extended"
        onSubmit={(e) => {
          e.preventDefault();
          void change((call) => call('POST', base, { on: every ? 'workdays' : date, from, to, note }));
        }}
      >
        <Field label={t('extendedOn')}>
          <select class="input" name="extendedEvery" value={every ? 'workdays' : 'date'} onChange={(e) => setEvery(e.currentTarget.value === 'workdays')}>
            <option value="workdays">{t('everyWorkday')}</option>
            <option value="date">{t('oneDate')}</option>
          </select>
        </Field>
        {!every && (
          <Field label={t('date')}>
            <input class="input" name="extendedDate" type="date" required value={date} onInput={(e) => setDate(e.currentTarget.value)} />
          </Field>
        )}
        <Field label={t('extendedFrom')}>
          <TextInput name="extendedFrom" value={from} onInput={setFrom} />
        </Field>
        <Field label={t('extendedTo')}>
          <TextInput name="extendedTo" value={to} onInput={setTo} />
        </Field>
        <Field label={t('extendedNote')}>
          <TextInput name="extendedNote" value={note} maxLength={100} onInput={setNote} />
        </Field>
        <div class="form-buttons">
          <button class="btn" type="submit" data-admin-action="add-extended">
            {t('add')}
          </button>
        </div>
      </form>
    </div>
  );
}

/** Walk-in sessions by season, the weekly days off and the appointment-only (延时 · 错时) periods. */
export function HoursPanel(p: { admin: AdminData; cal: CalendarDto; onSaved(): void }) {
  return (
    <>
      <Panel title={t('seasonsTitle')}>
        <SeasonsForm key={JSON.stringify(p.admin.data!.hall.hours)} admin={p.admin} />
      </Panel>
      <Panel title={t('weeklyTitle')}>
        <WeeklyForm key={p.cal.weeklyDaysOff.join()} admin={p.admin} cal={p.cal} onSaved={p.onSaved} />
      </Panel>
      <Panel title={t('extendedTitle')}>
        <ExtendedList admin={p.admin} cal={p.cal} onSaved={p.onSaved} />
      </Panel>
    </>
  );
}
