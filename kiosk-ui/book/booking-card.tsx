import QRCode from 'qrcode';
import { useEffect, useState } from 'preact/hooks';
import { localParts, type Booking } from './book-api.js';
import type { T } from './strings.js';

interface Props {
  t: T;
  booking: Booking;
  timeZone: string;
  busy: boolean;
  /** staff see the booking they made; only the visitor checks in from here */
  staff: boolean;
  onCancel(): void;
  /** with the door code the visitor typed or scanned */
  onCheckIn(doorCode: string): void;
  /** the code from the door QR that opened this page, '' when none */
  doorCode: string;
  /** why the last check-in was refused (door code missing, wrong or old) */
  doorError: string | null;
}

/** The booking's link: opens this page on the visitor's phone; a kiosk's reader takes the code from its last part. */
export function bookingLink(booking: Booking): string {
  return `${location.origin}/book/${booking.code}`;
}

/** The confirmation: code, QR, time, check-in window and the 一次性告知 list of materials. */
export function BookingCard({ t, booking, timeZone, busy, staff, onCancel, onCheckIn, doorCode, doorError }: Props) {
  const [qr, setQr] = useState('');
  const [door, setDoor] = useState(doorCode);
  useEffect(() => {
    QRCode.toString(bookingLink(booking), { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }).then(setQr, () => setQr(''));
  }, [booking.code]);
  const start = localParts(booking.start, timeZone);
  const end = localParts(booking.end, timeZone);
  const when = `${start.date} ${start.time}–${end.time}`;
  const ticketLink = booking.ticketId && booking.statusToken ? `/t/${booking.ticketId}?token=${encodeURIComponent(booking.statusToken)}` : null;
  return (
    <section class="booking-card" data-appointment-code={booking.code} data-status={booking.status}>
      <h2>{booking.status === 'booked' ? t('booked') : t(`status_${booking.status}`)}</h2>
      <p class="code-label">{t('yourCode')}</p>
      <p class="code">{booking.code}</p>
      {booking.status === 'booked' && qr ? <div class="qr" aria-label={t('qrHint')} dangerouslySetInnerHTML={{ __html: qr }} /> : null}
      <dl>
        <dt>{t('service')}</dt>
        <dd>{booking.serviceName}</dd>
        <dt>{t('when')}</dt>
        <dd>{when}</dd>
        <dt>{t('where')}</dt>
        <dd data-hall-place>
          {booking.hallName}
          {booking.hallAddress ? (
            <>
              <br />
              {booking.hallAddress}
            </>
          ) : null}
        </dd>
        <dt>{t('name')}</dt>
        <dd>{booking.name}</dd>
        <dt>{t('phone')}</dt>
        <dd>{booking.phone}</dd>
      </dl>
      {booking.status === 'booked' ? (
        <p class="notice">
          {t('checkInWindow', { from: localParts(booking.checkInFrom, timeZone).time, to: localParts(booking.checkInUntil, timeZone).time })}
        </p>
      ) : null}
      {booking.sms ? null : (
        <p class="notice no-sms" role="note" data-no-sms>
          {t('noSms')}
        </p>
      )}
      <div class="materials">
        <h3>{t('materials')}</h3>
        <p>{booking.materials || t('noMaterials')}</p>
      </div>
      {booking.ticketNumber ? (
        <p class="ticket">
          {t('checkedIn')} <strong data-ticket-number={booking.ticketNumber}>{booking.ticketNumber}</strong>
          {ticketLink ? <a href={ticketLink}>{t('viewTicket')}</a> : null}
        </p>
      ) : null}
      {booking.status === 'booked' ? (
        <div class="actions">
          {staff ? null : (
            <form
              class="door-form"
              onSubmit={(e) => {
                e.preventDefault();
                if (!busy) onCheckIn(door.trim());
              }}
            >
              <label class="field">
                <span>{t('doorCode')}</span>
                <input
                  name="doorCode"
                  value={door}
                  inputMode="numeric"
                  autoComplete="off"
                  maxLength={6}
                  aria-invalid={doorError !== null}
                  onInput={(e) => setDoor(e.currentTarget.value)}
                />
                <span class="muted">{t('doorHint')}</span>
                {doorError ? (
                  <span class="field-error" role="alert" data-error-field="doorCode">
                    {doorError}
                  </span>
                ) : null}
              </label>
              <button type="submit" class="primary" data-action="check-in" disabled={busy}>
                {t('checkInNow')}
              </button>
            </form>
          )}
          <button type="button" class="secondary" data-action="cancel" disabled={busy} onClick={onCancel}>
            {t('cancel')}
          </button>
        </div>
      ) : null}
    </section>
  );
}
