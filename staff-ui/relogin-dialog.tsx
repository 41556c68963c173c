import { useEffect, useRef, useState } from 'preact/hooks';
import type { UserDto } from '../server/contract/dto.js';
import { loginAs } from '../ui-common/session.js';
import { errorText, t } from './i18n.js';
import type { SessionEnd } from './session-guard.js';

const REASON = { expired: 'sessionExpired', ended: 'sessionEndedElsewhere', expiring: 'sessionExpiring' } as const;

/** Logs the clerk back in over the console; the console stays as it was behind it. */
export function ReloginDialog(p: { end: SessionEnd; onLogin(session: { token: string; user: UserDto }): void; onCancel(): void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => {
    first.current?.focus();
  }, []);

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
    <div class="modal-backdrop">
      <form class="modal relogin" role="alertdialog" aria-label={t('reloginTitle')} data-relogin={p.end.reason} onSubmit={submit}>
        <h2>{t('reloginTitle')}</h2>
        <p class="notice error" data-relogin-reason>
          {t(REASON[p.end.reason])}
        </p>
        {p.end.pending && <p data-pending-action>{t('pendingAction', { action: p.end.pending.label })}</p>}
        <label>
          {t('username')}
          <input ref={first} name="reloginUsername" autoComplete="username" required value={username} onInput={(e) => setUsername(e.currentTarget.value)} />
        </label>
        <label>
          {t('password')}
          <input
            name="reloginPassword"
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
        <div class="modal-buttons">
          {p.end.reason === 'expiring' && (
            <button type="button" class="btn" onClick={p.onCancel}>
              {t('cancel')}
            </button>
          )}
          <button type="submit" class="btn btn-primary" data-relogin-submit disabled={busy}>
            {busy ? t('loggingIn') : t(p.end.pending ? 'reloginAndRedo' : 'login')}
          </button>
        </div>
      </form>
    </div>
  );
}
