import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { ApiError, pageParams } from '../../ui-common/api.js';
import { currentLang } from '../../ui-common/i18n.js';
import { currentUser, loginAs } from '../../ui-common/session.js';
import { bookApi, localParts, type Booking } from '../../kiosk-ui/book/book-api.js';
import { BookApp } from '../../kiosk-ui/book/book-app.js';
import { bookStrings, type T } from '../../kiosk-ui/book/strings.js';
import '../../kiosk-ui/book/book.css';

const t = bookStrings(currentLang());

function Login({ onDone }: { onDone(token: string, hallId: string | null): void }) {
  const [error, setError] = useState('');
  return (
    <form
      class="book-step"
      onSubmit={(e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        loginAs(String(f.get('username')), String(f.get('password'))).then(
          (r) => onDone(r.token, (r.user as { hallId?: string | null }).hallId ?? null),
          (err: unknown) => setError(err instanceof ApiError ? t.error(err) : t('errorGeneric')),
        );
      }}
    >
      <h2>{t('login')}</h2>
      <label class="field">
        <span>{t('username')}</span>
        <input name="username" autoComplete="username" />
      </label>
      <label class="field">
        <span>{t('password')}</span>
        <input name="password" type="password" autoComplete="current-password" />
      </label>
      {error ? (
        <p class="field-error" role="alert">
          {error}
        </p>
      ) : null}
      <button type="submit" class="primary">
        {t('loginSubmit')}
      </button>
    </form>
  );
}

/** The day's bookings, phone masked for window staff (the server decides what each role sees). */
function DayList({ t, hallId, token, refresh }: { t: T; hallId: string; token: string; refresh: number }) {
  const [list, setList] = useState<Booking[]>([]);
  const [tz, setTz] = useState('Asia/Shanghai');
  useEffect(() => {
    bookApi
      .info(hallId)
      .then((info) => {
        setTz(info.timezone);
        return bookApi.dayList(hallId, info.today, token).then(setList);
      })
      .catch(() => setList([]));
  }, [hallId, token, refresh]);
  return (
    <section class="book-step">
      <h2>{t('todayList')}</h2>
      <table class="day-list">
        <tbody>
          {list.map((b) => (
            <tr key={b.id} data-appointment-code={b.code}>
              <td>{localParts(b.start, tz).time}</td>
              <td>{b.serviceName}</td>
              <td>{b.name}</td>
              <td>{b.phone}</td>
              <td>{b.code}</td>
              <td>{t(`status_${b.status}`)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function StaffBooking() {
  const [session, setSession] = useState<{ token: string; hallId: string } | null | undefined>(undefined);
  const [refresh, setRefresh] = useState(0);
  const hallParam = pageParams().get('hall');
  useEffect(() => {
    currentUser().then((s) => setSession(s ? { token: s.token, hallId: hallParam ?? (s.user as { hallId?: string | null }).hallId ?? 'main' } : null));
  }, []);
  if (session === undefined) return <p class="muted">{t('loading')}</p>;
  if (session === null) return <Login onDone={(token, hallId) => setSession({ token, hallId: hallParam ?? hallId ?? 'main' })} />;
  return (
    <div>
      <BookApp t={t} hallId={session.hallId} staffToken={session.token} onBooked={() => setRefresh((n) => n + 1)} />
      <DayList t={t} hallId={session.hallId} token={session.token} refresh={refresh} />
    </div>
  );
}

render(
  <main class="book-page">
    <header>
      <h1>{t('staffTitle')}</h1>
      <a href="/staff/">← /staff/</a>
    </header>
    <StaffBooking />
  </main>,
  document.getElementById('app')!,
);
