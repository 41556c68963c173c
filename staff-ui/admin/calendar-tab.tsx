import { useEffect, useState } from 'preact/hooks';
import type { CalendarDto } from '../../server/appointments/calendar-view.js';
import { Field, Panel, TextInput } from './form-bits.js';
import { HoursPanel } from './hours-panel.js';
import { t } from './i18n.js';
import { parseNotice, type NoticeDay } from './notice-import.js';
import type { AdminData } from './use-admin-data.js';
import { cellKind, YearCalendar, type DayView } from './year-calendar.js';

type Choice = 'rule' | 'holiday' | 'workday';

function DayEditor(p: { admin: AdminData; hallId: string; day: DayView; weeklyDaysOff: readonly number[]; onSaved(): void }) {
  const kind = cellKind(p.day, p.weeklyDaysOff);
  const special = kind === 'holiday' || kind === 'swap' || Boolean(p.day.name);
  const [choice, setChoice] = useState<Choice>(kind === 'holiday' ? 'holiday' : kind === 'swap' ? 'workday' : 'rule');
  const [name, setName] = useState(p.day.name ?? '');
  const path = `/api/halls/${encodeURIComponent(p.hallId)}/calendar/days/${p.day.date}`;
  async function save(e: Event) {
    e.preventDefault();
    const done = await p.admin.run(async (call) => {
      if (choice !== 'rule') await call('PUT', path, { kind: choice, name });
      else if (special) await call('DELETE', path);
      return true;
    });
    if (done) p.onSaved();
  }
  return (
    <form class="edit-form" data-form="calendar-day" data-day={p.day.date} onSubmit={save}>
      <Field label={t('date')}>
        <strong>
          {p.day.date} · {t(`cal_${kind}`)}
        </strong>
      </Field>
      <Field label={t('dayKind')}>
        <select class="input" name="dayKind" value={choice} onChange={(e) => setChoice(e.currentTarget.value as Choice)}>
          <option value="rule">{t('dayByRule')}</option>
          <option value="holiday">{t('dayHoliday')}</option>
          <option value="workday">{t('daySwap')}</option>
        </select>
      </Field>
      <Field label={t('dayName')}>
        <TextInput name="dayName" value={name} maxLength={40} onInput={setName} />
      </Field>
      <Field label={t('sessionsOfDay')}>
        <span>
          {p.day.sessions.map(([a, b]) => `${a}–${b}`).join('，') || t('closedDay')}
          {p.day.extended.length > 0 && ` · ${t('extendedShort')} ${p.day.extended.map(([a, b]) => `${a}–${b}`).join('，')}`}
        </span>
      </Field>
      <div class="form-buttons">
        <button class="btn btn-primary" type="submit" data-admin-action="save-day">
          {t('save')}
        </button>
      </div>
    </form>
  );
}

const PROBLEM = { date: 'noticeBadDate', year: 'noticeWrongYear', range: 'noticeBadRange', empty: 'noticeEmpty' } as const;

function NoticeImport(p: { admin: AdminData; hallId: string; year: string; onSaved(): void }) {
  const [text, setText] = useState('');
  const [preview, setPreview] = useState<NoticeDay[] | null>(null);
  function read() {
    const r = parseNotice(text, p.year);
    if (!r.ok) {
      setPreview(null);
      p.admin.setFlash({ kind: 'error', text: t(PROBLEM[r.problem], { line: r.line, text: r.text, year: p.year }) });
      return;
    }
    p.admin.setFlash(null);
    setPreview(r.days);
  }
  async function apply() {
    if (!preview) return;
    const days = preview;
    const path = `/api/halls/${encodeURIComponent(p.hallId)}/calendar/years/${p.year}`;
    const done = await p.admin.run(
      async (call) => {
        await call('PUT', path, { days });
        return true;
      },
      t('noticeImported', { n: days.length, year: p.year }),
    );
    if (done) {
      setPreview(null);
      setText('');
      p.onSaved();
    }
  }
  return (
    <div class="stack">
      <p class="muted">{t('noticeHelp', { year: p.year })}</p>
      <textarea
        class="input code"
        name="notice-import"
        rows={6}
        value={text}
        placeholder={`${p.year}-01-01 元旦 放假\n${p.year}-02-07 调休上班`}
        onInput={(e) => {
          setText(e.currentTarget.value);
          setPreview(null);
        }}
      />
      <div class="form-buttons">
        <button class="btn" type="button" data-admin-action="preview-notice" onClick={read}>
          {t('preview')}
        </button>
        {preview && (
          <button class="btn btn-primary" type="button" data-admin-action="apply-notice" onClick={apply}>
            {t('noticeApply', { n: preview.length, year: p.year })}
          </button>
        )}
      </div>
      {preview && (
        <table class="grid" data-notice-preview={preview.length}>
          <thead>
            <tr>
              <th>{t('date')}</th>
              <th>{t('dayKind')}</th>
              <th>{t('dayName')}</th>
            </tr>
          </thead>
          <tbody>
            {preview.map((d) => (
              <tr key={d.date}>
                <td>{d.date}</td>
                <td>{t(d.kind === 'holiday' ? 'dayHoliday' : 'daySwap')}</td>
                <td>{d.name}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

/** The hall's year: hours by season, weekly days off, holidays and 调休, extended periods. */
export function CalendarTab(p: { admin: AdminData }) {
  const hallId = p.admin.data!.hall.id;
  const [year, setYear] = useState(() => new Date().getFullYear().toString());
  const [cal, setCal] = useState<CalendarDto | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    p.admin
      .call<CalendarDto>('GET', `/api/halls/${encodeURIComponent(hallId)}/calendar?from=${year}-01-01&to=${year}-12-31`)
      .then(setCal)
      .catch(() => setCal(null));
  }, [hallId, year, version, p.admin.data]);
  const refresh = () => setVersion((v) => v + 1);
  const day = cal?.days.find((d) => d.date === selected);
  return (
    <div class="stack" key={hallId}>
      <Panel
        title={t('calendarTitle')}
        actions={
          <label class="year-pick">
            {t('year')}
            <select
              class="input"
              name="calendarYear"
              value={year}
              onChange={(e) => {
                setYear(e.currentTarget.value);
                setSelected(null);
              }}
            >
              {[-1, 0, 1, 2]
                .map((d) => String(Number(new Date().getFullYear()) + d))
                .concat(year)
                .filter((y, i, all) => all.indexOf(y) === i)
                .sort()
                .map((y) => (
                  <option key={y} value={y}>
                    {y}
                  </option>
                ))}
            </select>
          </label>
        }
      >
        {day && cal && (
          <DayEditor key={`${day.date}/${version}`} admin={p.admin} hallId={hallId} day={day} weeklyDaysOff={cal.weeklyDaysOff} onSaved={refresh} />
        )}
        {cal ? <YearCalendar cal={cal} selected={selected} onPick={setSelected} /> : <p class="muted">…</p>}
      </Panel>
      <Panel title={t('noticeTitle', { year })}>
        <NoticeImport admin={p.admin} hallId={hallId} year={year} onSaved={refresh} />
      </Panel>
      {cal && <HoursPanel admin={p.admin} cal={cal} onSaved={refresh} />}
    </div>
  );
}
