import { api } from '../../ui-common/api.js';

export interface BookableService {
  id: string;
  name: string;
  departmentName: string;
  materials: string;
}
export interface BookingInfo {
  hallId: string;
  hallName: string;
  hallNameEn?: string;
  hallAddress: string;
  timezone: string;
  bookingDaysAhead: number;
  today: string;
  services: BookableService[];
}
export interface SlotView {
  start: string;
  end: string;
  capacity: number;
  booked: number;
}
export interface Booking {
  id: string;
  code: string;
  hallId: string;
  hallName: string;
  hallAddress: string;
  serviceId: string;
  serviceName: string;
  start: string;
  end: string;
  status: 'booked' | 'checked_in' | 'cancelled' | 'no_show';
  name: string;
  phone: string;
  materials: string;
  checkInFrom: string;
  checkInUntil: string;
  /** false for a landline: it gets no SMS */
  sms: boolean;
  ticketId?: string;
  ticketNumber?: string;
  statusToken?: string;
}
export interface BookRequest {
  serviceId: string;
  start: string;
  name: string;
  phone: string;
  idNumber?: string;
  channel: 'online' | 'phone' | 'onsite';
  phoneCode?: string;
  lang?: 'zh-CN' | 'en';
}

const code = (c: string) => encodeURIComponent(c.trim().toUpperCase());

export const bookApi = {
  info: (hallId: string) => api<BookingInfo>(`/api/halls/${encodeURIComponent(hallId)}/booking`),
  slots: (hallId: string, serviceId: string, date: string) =>
    api<SlotView[]>(`/api/halls/${encodeURIComponent(hallId)}/services/${encodeURIComponent(serviceId)}/slots?date=${date}`),
  book: (body: BookRequest, token?: string | null) => api<Booking>('/api/appointments', { body, ...(token ? { token } : {}) }),
  /** a booking is shown to whoever has its code and the phone's last 4 digits */
  lookup: (c: string, last4: string) => api<Booking>(`/api/appointments/${code(c)}?phoneLast4=${encodeURIComponent(last4)}`),
  cancel: (c: string, last4: string) => api<Booking>(`/api/appointments/${code(c)}?phoneLast4=${encodeURIComponent(last4)}`, { method: 'DELETE' }),
  sendPhoneCode: (hallId: string, phone: string, lang: 'zh-CN' | 'en') =>
    api<{ expiresInSeconds: number }>(`/api/halls/${encodeURIComponent(hallId)}/phone-codes`, { body: { phone, lang } }),
  /** from the visitor's phone: with the door code shown on the hall's screen */
  checkIn: (c: string, doorCode: string) =>
    api<{ ticket: { id: string; number: string; statusToken: string }; appointment: Booking }>(`/api/appointments/${code(c)}/check-in`, { body: { doorCode } }),
  dayList: (hallId: string, date: string, token: string) => api<Booking[]>(`/api/halls/${encodeURIComponent(hallId)}/appointments?date=${date}`, { token }),
};

const LAST_BOOKING = 'hallq.book.last';

/** The booking last opened on this phone: scanning the hall's door QR opens the page again without it. */
export const lastBooking = {
  save: (c: string, last4: string) => {
    try {
      localStorage.setItem(LAST_BOOKING, JSON.stringify({ code: c, last4 }));
    } catch {
      /* private mode */
    }
  },
  load: (): { code: string; last4: string } | null => {
    try {
      const v = JSON.parse(localStorage.getItem(LAST_BOOKING) ?? 'null') as { code?: unknown; last4?: unknown } | null;
      return typeof v?.code === 'string' && typeof v.last4 === 'string' ? { code: v.code, last4: v.last4 } : null;
    } catch {
      return null;
    }
  },
};

/** Local date YYYY-MM-DD and time HH:MM of an instant in the hall's zone. */
export function localParts(iso: string, timeZone: string): { date: string; time: string; weekday: number } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      weekday: 'short',
    })
      .formatToParts(new Date(iso))
      .map((p) => [p.type, p.value]),
  );
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    time: `${parts.hour}:${parts.minute}`,
    weekday: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'].indexOf(parts.weekday ?? ''),
  };
}

/** The hall's local dates from `today` (YYYY-MM-DD, given by the server) for `days` more days. */
export function nextDates(today: string, days: number): { date: string; weekday: number }[] {
  const out: { date: string; weekday: number }[] = [];
  for (let i = 0; i <= days; i++) {
    const d = new Date(`${today}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + i);
    out.push({ date: d.toISOString().slice(0, 10), weekday: d.getUTCDay() });
  }
  return out;
}
