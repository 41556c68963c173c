import { useState } from 'preact/hooks';
import type { UserDto } from '../server/contract/dto.js';
import { loginAs } from '../ui-common/session.js';
import { errorText, switchLanguage, t } from './i18n.js';

export function LoginForm(p: { onLogin(session: { token: string; user: UserDto }): void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError('');
    try {
      p.onLogin(await loginAs(username.trim(), password));
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <main class="login-page">
      <form class="login" onSubmit={submit}>
        <div class="login-emblem">叫</div>
        <h1>{t('title')}</h1>
        <p class="muted">{t('hallQueue')}</p>
        <label>
          {t('username')}
          <input name="username" autoComplete="username" autoFocus required value={username} onInput={(e) => setUsername(e.currentTarget.value)} />
        </label>
        <label>
          {t('password')}
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
        </label>
        {error && (
          <p class="notice error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" class="btn btn-primary btn-wide" disabled={busy}>
          {busy ? t('loggingIn') : t('login')}
        </button>
        <button type="button" class="link" onClick={switchLanguage}>
          {t('language')}
        </button>
      </form>
    </main>
  );
}
