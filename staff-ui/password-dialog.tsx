import { useEffect, useRef, useState } from 'preact/hooks';
import { passwordProblem, PASSWORD_MIN_LENGTH, type PasswordProblem } from '../server/domain/password-rule.js';
import { api, ApiError } from '../ui-common/api.js';
import { t } from './i18n.js';
import type { StaffKey } from './locales/zh-CN.js';
import './password-dialog.css';

const PROBLEM: Record<PasswordProblem, StaffKey> = {
  tooShort: 'pwTooShort',
  tooLong: 'pwTooLong',
  oneKind: 'pwOneKind',
  containsUsername: 'pwContainsUsername',
  common: 'pwCommon',
  sameAsCurrent: 'pwSameAsCurrent',
};

/**
 * 修改密码 for the person logged in (staff console and configuration console alike): the
 * current password, the new one twice. The rule is checked here before sending and again by
 * the server; this session stays, the person's sessions elsewhere end.
 */
export function PasswordDialog(p: { token: string; username: string; onClose(): void }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => {
    first.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') p.onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  async function submit(e: Event) {
    e.preventDefault();
    const problem = passwordProblem(next, { username: p.username, current });
    if (problem) {
      setError(t(PROBLEM[problem], { min: PASSWORD_MIN_LENGTH }));
      return;
    }
    if (next !== repeat) {
      setError(t('pwMismatch'));
      return;
    }
    setBusy(true);
    setError('');
    try {
      await api('/api/auth/password', { token: p.token, body: { currentPassword: current, newPassword: next } });
      setDone(true);
    } catch (err) {
      setError(
        !(err instanceof ApiError) || err.status === 0 ? t('errorOffline') : err.message.startsWith('currentPassword') ? t('pwWrongCurrent') : err.message,
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <div class="pw-backdrop">
      <form class="pw-dialog" role="dialog" aria-label={t('pwTitle')} data-password-dialog onSubmit={submit}>
        <h2>{t('pwTitle')}</h2>
        {done ? (
          <p class="pw-note pw-ok" role="status" data-password-changed>
            {t('pwChanged')}
          </p>
        ) : (
          <>
            <label>
              {t('pwCurrent')}
              <input
                ref={first}
                name="currentPassword"
                type="password"
                autoComplete="current-password"
                required
                value={current}
                onInput={(e) => setCurrent(e.currentTarget.value)}
              />
            </label>
            <label>
              {t('pwNew')}
              <input name="newPassword" type="password" autoComplete="new-password" required value={next} onInput={(e) => setNext(e.currentTarget.value)} />
            </label>
            <label>
              {t('pwRepeat')}
              <input
                name="repeatPassword"
                type="password"
                autoComplete="new-password"
                required
                value={repeat}
                onInput={(e) => setRepeat(e.currentTarget.value)}
              />
            </label>
            <p class="pw-rule">{t('pwRule', { min: PASSWORD_MIN_LENGTH })}</p>
            {error && (
              <p class="pw-note pw-error" role="alert" data-password-error>
                {error}
              </p>
            )}
          </>
        )}
        <div class="pw-buttons">
          {done ? (
            <button type="button" class="btn btn-primary" data-password-close onClick={p.onClose}>
              {t('confirm')}
            </button>
          ) : (
            <>
              <button type="button" class="btn" onClick={p.onClose}>
                {t('cancel')}
              </button>
              <button type="submit" class="btn btn-primary" data-password-submit disabled={busy}>
                {t('pwSubmit')}
              </button>
            </>
          )}
        </div>
      </form>
    </div>
  );
}
