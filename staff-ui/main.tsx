import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { UserDto } from '../server/contract/dto.js';
import { currentUser, logout } from '../ui-common/session.js';
import { lang, switchLanguage, t } from './i18n.js';
import { LoginForm } from './login-form.js';
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
  return (
    <nav class="topbar">
      <span class="brand">{t('hallQueue')}</span>
      <a href="/staff/" class="current-page">{t('navConsole')}</a>
      <a href="/staff/booking/">{t('navBooking')}</a>
      {manager && <a href="/staff/monitor/">{t('navMonitor')}</a>}
      {manager && <a href="/staff/reports/">{t('navReports')}</a>}
      {manager && <a href="/staff/admin/">{t('navAdmin')}</a>}
      <span class="spacer" />
      <span class="who">{p.session.user.name}{p.session.user.employeeNo ? ` · ${p.session.user.employeeNo}` : ''}</span>
      <button type="button" class="link" onClick={switchLanguage}>{t('language')}</button>
      <button type="button" class="link" data-logout onClick={p.onLogout}>{t('logout')}</button>
    </nav>
  );
}

function StaffApp() {
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  const [windowId, setWindowId] = useState<string | null>(chosenWindow());
  useEffect(() => { void currentUser().then(setSession); }, []);
  useEffect(() => { document.documentElement.lang = lang; document.title = t('title'); }, []);

  if (session === undefined) return null;
  if (!session) return <LoginForm onLogin={setSession} />;
  const pick = (id: string | null) => { rememberWindow(id); setWindowId(id); };
  return (
    <div class="app">
      <TopBar session={session} onLogout={() => { void logout().then(() => { pick(null); setSession(null); }); }} />
      {windowId
        ? <WindowConsole key={windowId} token={session.token} user={session.user} windowId={windowId} onChangeWindow={() => pick(null)} />
        : <WindowPicker token={session.token} user={session.user} onPick={pick} />}
    </div>
  );
}

render(<StaffApp />, document.getElementById('app')!);
