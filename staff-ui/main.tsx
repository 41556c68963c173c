import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { UserDto } from '../server/contract/dto.js';
import { currentUser, logout, savedExpiry } from '../ui-common/session.js';
import { lang, switchLanguage, t } from './i18n.js';
import { LoginForm } from './login-form.js';
import { PasswordDialog } from './password-dialog.js';
import { ReloginDialog } from './relogin-dialog.js';
import { askToRenew, onSessionEnd, type SessionEnd } from './session-guard.js';
import { WindowConsole } from './window-console.js';
import { WindowPicker } from './window-picker.js';
import './staff.css';

type Session = { token: string; user: UserDto };

function chosenWindow(): string | null {
  return new URLSearchParams(window.location.search).get('window');
}

/** `?window=ID` is the console's address: it survives a reload and preselects the window. */
function rememberWindow(id: string | null): void {
  const url = new URL(window.location.href);
  if (id) url.searchParams.set('window', id);
  else url.searchParams.delete('window');
  history.replaceState(null, '', url);
}

function TopBar(p: { session: Session; onLogout(): void }) {
  const manager = p.session.user.role !== 'staff';
  const [changing, setChanging] = useState(false);
  return (
    <nav class="topbar">
      <span class="brand">{t('hallQueue')}</span>
      <a href="/staff/" class="current-page">
        {t('navConsole')}
      </a>
      <a href="/staff/booking/">{t('navBooking')}</a>
      {manager && <a href="/staff/monitor/">{t('navMonitor')}</a>}
      {manager && <a href="/staff/reports/">{t('navReports')}</a>}
      {manager && <a href="/staff/admin/">{t('navAdmin')}</a>}
      <span class="spacer" />
      <span class="who">
        {p.session.user.name}
        {p.session.user.employeeNo ? ` · ${p.session.user.employeeNo}` : ''}
      </span>
      <button type="button" class="link" data-change-password onClick={() => setChanging(true)}>
        {t('changePassword')}
      </button>
      <button type="button" class="link" onClick={switchLanguage}>
        {t('language')}
      </button>
      <button type="button" class="link" data-logout onClick={p.onLogout}>
        {t('logout')}
      </button>
      {changing && <PasswordDialog token={p.session.token} username={p.session.user.username} onClose={() => setChanging(false)} />}
    </nav>
  );
}

/** warn this long before the session ends by itself */
const WARN_BEFORE_MS = 10 * 60_000;

/** "登录将于 20:15 到期 · 重新登录", shown in the last minutes of a session */
function ExpiryWarning() {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const id = window.setInterval(() => setNow(Date.now()), 30_000);
    return () => window.clearInterval(id);
  }, []);
  const expiry = savedExpiry();
  if (!expiry || expiry.getTime() - now > WARN_BEFORE_MS) return null;
  const time = expiry.toLocaleTimeString(lang, { hour: '2-digit', minute: '2-digit', hour12: false });
  return (
    <div class="notice warn expiry-warning" role="status" data-expiry-warning>
      {t('sessionWillExpire', { time })}{' '}
      <button type="button" class="btn btn-small" onClick={askToRenew}>
        {t('renewSession')}
      </button>
    </div>
  );
}

/**
 * The first 401 says why the session ended; a clerk's action is kept even when a background
 * request (a poll, a reload of the queue) met the 401 first and opened the dialog without one.
 */
function keepFirstEnd(was: SessionEnd | null, end: SessionEnd): SessionEnd {
  if (!was || was.reason === 'expiring') return end;
  return was.pending || !end.pending ? was : { ...was, pending: end.pending };
}

function StaffApp() {
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  const [windowId, setWindowId] = useState<string | null>(chosenWindow());
  const [ended, setEnded] = useState<SessionEnd | null>(null);
  useEffect(() => {
    void currentUser().then(setSession);
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = t('title');
  }, []);
  useEffect(() => onSessionEnd((end) => setEnded((was) => keepFirstEnd(was, end))), []);

  if (session === undefined) return null;
  if (!session) return <LoginForm onLogin={setSession} />;
  const pick = (id: string | null) => {
    rememberWindow(id);
    setWindowId(id);
  };
  const relogin = (next: Session) => {
    const pending = ended?.pending;
    setEnded(null);
    // another person logging in here gets a fresh console, not the first one's action
    if (next.user.id !== session.user.id) {
      window.location.reload();
      return;
    }
    setSession(next);
    if (pending) void pending.redo();
  };
  const lost = ended !== null && ended.reason !== 'expiring';
  return (
    <div class="app">
      <TopBar
        session={session}
        onLogout={() => {
          void logout().then(() => {
            pick(null);
            setSession(null);
          });
        }}
      />
      <ExpiryWarning />
      {windowId ? (
        <WindowConsole key={windowId} token={session.token} user={session.user} windowId={windowId} sessionLost={lost} onChangeWindow={() => pick(null)} />
      ) : (
        <WindowPicker token={session.token} user={session.user} onPick={pick} />
      )}
      {ended && <ReloginDialog end={ended} onLogin={relogin} onCancel={() => setEnded(null)} />}
    </div>
  );
}

render(<StaffApp />, document.getElementById('app')!);
