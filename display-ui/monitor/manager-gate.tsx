import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { UserDto } from '../../server/contract/dto.js';
import { ApiError } from '../../ui-common/api.js';
import { currentUser, loginAs } from '../../ui-common/session.js';
import { switchLanguage, t } from './i18n.js';

export type ManagerSession = { token: string; user: UserDto; hallId: string };

/** Shows the children to a logged-in manager (or admin with ?hall=), a login form otherwise. */
export function ManagerGate(p: { children: (s: ManagerSession) => ComponentChildren }) {
  const [session, setSession] = useState<{ token: string; user: UserDto } | null | undefined>(undefined);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  useEffect(() => {
    currentUser().then(setSession);
  }, []);
  if (session === undefined) return <main class="monitor loading">…</main>;
  const hallId = session ? (session.user.hallId ?? new URLSearchParams(window.location.search).get('hall') ?? '') : '';
  if (session && session.user.role !== 'staff' && hallId) return <>{p.children({ ...session, hallId })}</>;
  async function submit(e: Event) {
    e.preventDefault();
    setError('');
    try {
      const s = await loginAs(username.trim(), password);
      if (s.user.role === 'staff') setError(t('needManager'));
      setSession(s);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : String(err));
    }
  }
  return (
    <main class="gate">
      <form class="gate-form" onSubmit={submit}>
        <h1>{t('title')}</h1>
        <p class="muted">{session?.user.role === 'staff' ? t('needManager') : t('needLogin')}</p>
        <label>
          {t('username')}
          <input name="username" autoComplete="username" required value={username} onInput={(e) => setUsername(e.currentTarget.value)} />
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
          <p class="flash" role="alert">
            {error}
          </p>
        )}
        <button type="submit" class="btn-primary">
          {t('login')}
        </button>
        <button type="button" class="link" onClick={switchLanguage}>
          {t('language')}
        </button>
      </form>
    </main>
  );
}
