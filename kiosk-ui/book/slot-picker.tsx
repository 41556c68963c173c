import { useEffect, useState } from 'preact/hooks';
import { bookApi, localParts, nextDates, type BookingInfo, type SlotView } from './book-api.js';
import type { T } from './strings.js';

interface Props {
  t: T;
  info: BookingInfo;
  serviceId: string;
  onPick(slot: SlotView): void;
}

/** Dates across the booking horizon, then the chosen date's slots with places left. */
export function SlotPicker({ t, info, serviceId, onPick }: Props) {
  const dates = nextDates(info.today, info.bookingDaysAhead);
  const [date, setDate] = useState(dates[0]?.date ?? info.today);
  const [slots, setSlots] = useState<SlotView[] | null>(null);
  const weekdays = t('weekday').split(',');
  useEffect(() => {
    setSlots(null);
    bookApi.slots(info.hallId, serviceId, date).then(setSlots, () => setSlots([]));
  }, [date, serviceId]);
  const upcoming = slots ?? [];
  return (
    <section class="book-step">
      <h2>{t('stepSlot')}</h2>
      <div class="date-strip">
        {dates.map((d) => (
          <button type="button" key={d.date} data-date={d.date} class={d.date === date ? 'chip chosen' : 'chip'} onClick={() => setDate(d.date)}>
            <span class="chip-day">{d.date.slice(5).replace('-', '/')}</span>
            <span class="chip-weekday">{weekdays[d.weekday]}</span>
          </button>
        ))}
      </div>
      {slots === null ? <p class="muted">{t('loading')}</p> : null}
      {slots !== null && upcoming.length === 0 ? <p class="muted">{t('noSlots')}</p> : null}
      <div class="slot-grid">
        {upcoming.map((s) => {
          const left = s.capacity - s.booked;
          return (
            <button type="button" key={s.start} class="slot" data-slot-start={s.start} disabled={left <= 0} onClick={() => onPick(s)}>
              <span class="slot-time">
                {localParts(s.start, info.timezone).time}–{localParts(s.end, info.timezone).time}
              </span>
              <span class="slot-left">{left > 0 ? t('left', { n: left }) : t('full')}</span>
            </button>
          );
        })}
      </div>
    </section>
  );
}
