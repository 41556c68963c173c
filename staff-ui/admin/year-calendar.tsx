import type { CalendarDto } from '../../server/appointments/calendar-view.js';
import { t } from './i18n.js';
import type { AdminKey } from './locales/zh-CN.js';

export type DayView = CalendarDto['days'][number];
/** what a day cell shows: 调休 is a working day on one of the weekly days off */
export type CellKind = 'workday' | 'weekend' | 'holiday' | 'swap';

const WEEK_HEAD: AdminKey[] = ['wdMon', 'wdTue', 'wdWed', 'wdThu', 'wdFri', 'wdSat', 'wdSun'];

export function weekdayOf(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

export function cellKind(day: DayView, weeklyDaysOff: readonly number[]): CellKind {
  if (day.kind === 'workday' && weeklyDaysOff.includes(weekdayOf(day.date))) return 'swap';
  return day.kind;
}

function dayTitle(day: DayView, kind: CellKind): string {
  const sessions = day.sessions.map(([a, b]) => `${a}–${b}`).join(' ');
  const extended = day.extended.map(([a, b]) => `${a}–${b}`).join(' ');
  return [day.date, t(`cal_${kind}`), day.name ?? '', sessions, extended ? `${t('extendedShort')} ${extended}` : ''].filter(Boolean).join(' · ');
}

function Month(p: { month: number; days: DayView[]; weeklyDaysOff: readonly number[]; selected: string | null; onPick(date: string): void }) {
  const lead = (weekdayOf(p.days[0]!.date) + 6) % 7; // weeks start on Monday, as Chinese calendars print them
  return (
    <div class="cal-month" data-month={p.month}>
      <h3>{t('monthName', { m: p.month })}</h3>
      <div class="cal-grid">
        {WEEK_HEAD.map((k) => (
          <span key={k} class="cal-head">
            {t(k)}
          </span>
        ))}
        {Array.from({ length: lead }, (_, i) => (
          <span key={`pad${i}`} />
        ))}
        {p.days.map((d) => {
          const kind = cellKind(d, p.weeklyDaysOff);
          return (
            <button
              key={d.date}
              type="button"
              data-date={d.date}
              data-kind={kind}
              title={dayTitle(d, kind)}
              class={`cal-day cal-${kind}${d.extended.length ? ' cal-ext' : ''}${p.selected === d.date ? ' cal-on' : ''}`}
              onClick={() => p.onPick(d.date)}
            >
              {Number(d.date.slice(8))}
            </button>
          );
        })}
      </div>
    </div>
  );
}

/** Twelve months at a glance: working days, 放假, 调休 workdays, weekly days off, extended periods. */
export function YearCalendar(p: { cal: CalendarDto; selected: string | null; onPick(date: string): void }) {
  const months = Array.from({ length: 12 }, (_, i) => p.cal.days.filter((d) => Number(d.date.slice(5, 7)) === i + 1));
  return (
    <div>
      <div class="cal-legend">
        {(['workday', 'weekend', 'holiday', 'swap'] as const).map((k) => (
          <span key={k} class={`cal-day cal-${k}`}>
            {t(`cal_${k}`)}
          </span>
        ))}
        <span class="cal-day cal-workday cal-ext">{t('extendedShort')}</span>
      </div>
      <div class="cal-year">
        {months.map(
          (days, i) =>
            days.length > 0 && <Month key={i} month={i + 1} days={days} weeklyDaysOff={p.cal.weeklyDaysOff} selected={p.selected} onPick={p.onPick} />,
        )}
      </div>
    </div>
  );
}
