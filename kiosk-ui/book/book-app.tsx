import { useEffect, useState } from 'preact/hooks';
import { ApiError } from '../../ui-common/api.js';
import { bookApi, lastBooking, localParts, type Booking, type BookingInfo, type SlotView } from './book-api.js';
import { BookingCard } from './booking-card.js';
import { PersonForm, type PersonInput } from './person-form.js';
import { SlotPicker } from './slot-picker.js';
import type { Lang } from '../../ui-common/i18n.js';
import type { T } from './strings.js';

interface Props {
  t: T;
  /** the page's language: the booking's messages are written in it */
  lang?: Lang;
  hallId: string;
  /** a booking to show (the link from the confirmation) */
  code?: string | null;
  /** staff booking for phone and on-site requests */
  staffToken?: string | null;
  /** the hall's door code, from its board's QR (?door=): checks in the booking last opened here */
  doorCode?: string | null;
  onBooked?(b: Booking): void;
}

/** `own`: the message is the page's own words, shown as is */
type FieldError = { field: string; message: string; own?: boolean };

const DOOR_REFUSALS: Record<string, 'doorRequired' | 'doorWrong' | 'doorExpired'> = {
  DOOR_CODE_REQUIRED: 'doorRequired',
  DOOR_CODE_WRONG: 'doorWrong',
  DOOR_CODE_EXPIRED: 'doorExpired',
};

/**
 * The server names the refused field first in a VALIDATION message ("phone is not …", "body/phone …");
 * what the visitor reads comes from the locale files, by field or by code.
 */
function fieldOf(t: T, e: ApiError): FieldError {
  if (e.code === 'ID_REQUIRED') return { field: 'idNumber', message: t('idRequired'), own: true };
  const door = DOOR_REFUSALS[e.code];
  if (door) return { field: 'doorCode', message: t(door), own: true };
  const m = /^(?:body\/)?(\w+)/.exec(e.message);
  const field = e.code === 'VALIDATION' && m?.[1] ? m[1] : '';
  return { field, message: field === 'start' ? t('fieldStart') : t.error(e) };
}

/** Pick service → date and slot → person → confirmation; or show a booking by its code. */
export function BookApp({ t, lang = 'zh-CN', hallId, code, staffToken, doorCode, onBooked }: Props) {
  const [info, setInfo] = useState<BookingInfo | null>(null);
  const [serviceId, setServiceId] = useState<string | null>(null);
  const [slot, setSlot] = useState<SlotView | null>(null);
  const [booking, setBooking] = useState<Booking | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<FieldError | null>(null);
  const [lookupCode, setLookupCode] = useState(code ?? '');
  /** the phone's last 4 digits: known after booking here, asked for when opening a booking by its code */
  const [last4, setLast4] = useState('');

  useEffect(() => {
    bookApi.info(hallId).then(setInfo, (e: unknown) => setError({ field: '', message: t.error(e) }));
  }, [hallId]);
  useEffect(() => {
    // the door QR opens this page bare: show the booking this phone opened last, ready to check in
    const last = doorCode && !code && !staffToken ? lastBooking.load() : null;
    if (last)
      void run(async () => {
        setLast4(last.last4);
        setBooking(await bookApi.lookup(last.code, last.last4));
      });
  }, []);
  const show = (b: Booking, phoneLast4: string) => {
    setBooking(b);
    if (!staffToken) lastBooking.save(b.code, phoneLast4);
  };

  /** true when it went through; a refusal is shown */
  const run = async (fn: () => Promise<void>): Promise<boolean> => {
    setBusy(true);
    setError(null);
    try {
      await fn();
      return true;
    } catch (e) {
      setError(
        e instanceof ApiError ? (e.code === 'OFFLINE' ? { field: '', message: t('offline') } : fieldOf(t, e)) : { field: '', message: t('errorGeneric') },
      );
      return false;
    } finally {
      setBusy(false);
    }
  };
  const submit = (p: PersonInput) =>
    run(async () => {
      const b = await bookApi.book(
        {
          serviceId: serviceId!,
          start: slot!.start,
          name: p.name,
          phone: p.phone,
          channel: p.channel,
          lang: p.messageLang ?? lang,
          ...(p.idNumber.trim() ? { idNumber: p.idNumber } : {}),
          ...(p.channel === 'online' && p.phoneCode.trim() ? { phoneCode: p.phoneCode.trim() } : {}),
        },
        staffToken,
      );
      setLast4(p.phone.replace(/\D/g, '').slice(-4));
      show(b, p.phone.replace(/\D/g, '').slice(-4));
      onBooked?.(b);
    });
  const restart = () => {
    setBooking(null);
    setSlot(null);
    setServiceId(null);
    setError(null);
  };

  if (!info) return <p class="muted">{error?.message ?? t('loading')}</p>;
  const place = (
    <p class="hall-place" data-hall-place>
      <strong>{lang === 'en' && info.hallNameEn ? info.hallNameEn : info.hallName}</strong>
      {info.hallAddress ? <span class="muted"> · {info.hallAddress}</span> : null}
    </p>
  );
  if (booking) {
    return (
      <div>
        {place}
        <BookingCard
          t={t}
          booking={booking}
          timeZone={info.timezone}
          busy={busy}
          staff={Boolean(staffToken)}
          onCancel={() => run(async () => setBooking(await bookApi.cancel(booking.code, last4)))}
          doorCode={doorCode ?? ''}
          doorError={error?.field === 'doorCode' ? error.message : null}
          onCheckIn={(door) =>
            run(async () => {
              await bookApi.checkIn(booking.code, door);
              setBooking(await bookApi.lookup(booking.code, last4));
            })
          }
        />
        {error && error.field !== 'doorCode' ? (
          <p class="field-error" role="alert">
            {error.message}
          </p>
        ) : null}
        <button type="button" class="secondary" onClick={restart}>
          {t('newBooking')}
        </button>
      </div>
    );
  }
  const service = info.services.find((s) => s.id === serviceId);
  const lookupForm = (
    <form
      class="lookup"
      onSubmit={(e) => {
        e.preventDefault();
        if (lookupCode.trim() && last4.trim()) run(async () => show(await bookApi.lookup(lookupCode, last4.trim()), last4.trim()));
      }}
    >
      <h3>{t('lookupTitle')}</h3>
      <input name="lookupCode" placeholder={t('lookupCode')} value={lookupCode} onInput={(e) => setLookupCode(e.currentTarget.value.toUpperCase())} />
      <input name="phoneLast4" placeholder={t('phoneLast4')} value={last4} inputMode="numeric" maxLength={4} onInput={(e) => setLast4(e.currentTarget.value)} />
      <button type="submit" class="secondary">
        {code ? t('showBooking') : t('lookup')}
      </button>
    </form>
  );
  if (code) {
    // the booking's link: the code is in it, the phone's last 4 digits are asked for
    return (
      <div class="book-step">
        {lookupForm}
        {error ? (
          <p class="field-error" role="alert">
            {error.message}
          </p>
        ) : null}
      </div>
    );
  }
  return (
    <div>
      {place}
      {!service ? (
        <section class="book-step">
          <h2>{t('stepService')}</h2>
          <div class="service-list">
            {info.services.map((s) => (
              <button type="button" key={s.id} class="service" data-service-id={s.id} onClick={() => setServiceId(s.id)}>
                <span class="service-name">{s.name}</span>
                <span class="muted">{s.departmentName}</span>
              </button>
            ))}
          </div>
          {staffToken ? null : lookupForm}
        </section>
      ) : (
        <p class="chosen-line">
          <strong>{service.name}</strong>
          {slot ? ` · ${localParts(slot.start, info.timezone).date} ${localParts(slot.start, info.timezone).time}` : ''}
          <button type="button" class="link" onClick={restart}>
            {t('change')}
          </button>
        </p>
      )}
      {service && !slot ? <SlotPicker t={t} info={info} serviceId={service.id} onPick={setSlot} /> : null}
      {service && slot ? (
        <PersonForm
          t={t}
          staff={Boolean(staffToken)}
          busy={busy}
          fieldError={error}
          onSubmit={submit}
          onSendCode={(phone) =>
            run(async () => {
              await bookApi.sendPhoneCode(hallId, phone, lang);
            })
          }
        />
      ) : null}
      {error && !(service && slot) ? (
        <p class="field-error" role="alert">
          {error.message}
        </p>
      ) : null}
    </div>
  );
}
