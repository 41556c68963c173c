import { useEffect, useState } from 'preact/hooks';
import { lang } from './i18n.js';

/** 电子日历钟: date, weekday and time in the hall's time zone. */
export function CalendarClock(p: { timeZone: string }) {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(timer);
  }, []);
  const locale = lang === 'en' ? 'en-GB' : 'zh-CN';
  const date = new Intl.DateTimeFormat(locale, { timeZone: p.timeZone, year: 'numeric', month: 'long', day: 'numeric' }).format(now);
  const weekday = new Intl.DateTimeFormat(locale, { timeZone: p.timeZone, weekday: 'long' }).format(now);
  const time = new Intl.DateTimeFormat('en-GB', { timeZone: p.timeZone, hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false }).format(now);
  return (
    <div class="clock" data-clock>
      <div class="clock-date">
        {date} <span class="clock-weekday">{weekday}</span>
      </div>
      <div class="clock-time">{time}</div>
    </div>
  );
}
