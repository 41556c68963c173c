import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { UserDto } from '../../server/contract/dto.js';
import { currentUser, loginAs } from '../../ui-common/session.js';
import { AdminApp } from './admin-app.js';
import { errorText, switchLanguage, t } from './i18n.js';
import './admin.css';

type Session = { token: string; user: UserDto };

function Login(p: { onLogin(s: Session): void; refused: boolean }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState(p.refused ? t('needManager') : '');
  async function submit(e: Event) {
    e.preventDefault();
    setError('');
    try {
      p.onLogin(await loginAs(username.trim(), password));
    } catch (err) {
      setError(errorText(err));
    }
  }
  return (
    <main class="login-page">
      <form class="login" onSubmit={submit}>
        <h1>{t('title')}</h1>
        <p class="muted">{t('hallQueue')}</p>
        <label>
          {t('username')}
          <input
            class="input"
            name="username"
            autoComplete="username"
            autoFocus
            required
            value={username}
            onInput={(e) => setUsername(e.currentTarget.value)}
          />
        </label>
        <label>
          {t('password')}
          <input
            class="input"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        </label>
        {error && (
          <p class="flash error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" class="btn btn-primary btn-wide">
          {t('login')}
        </button>
        <button type="button" class="link" onClick={switchLanguage}>
          {t('language')}
        </button>
      </form>
    </main>
  );
}

function Root() {
  const [session, setSession] = useState<Session | null | undefined>(undefined);
  useEffect(() => {
    currentUser()
      .then(setSession)
      .catch(() => setSession(null));
  }, []);
  if (session === undefined) return null;
  const allowed = session && session.user.role !== 'staff';
  if (!session || !allowed) return <Login refused={Boolean(session && !allowed)} onLogin={setSession} />;
  return <AdminApp session={session} onLogout={() => setSession(null)} />;
}

render(<Root />, document.getElementById('app')!);
