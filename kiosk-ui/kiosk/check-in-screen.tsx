import { useEffect, useRef, useState } from 'preact/hooks';
import type { T } from '../shared/strings.js';

interface Props {
  t: T;
  busy: boolean;
  error: string | null;
  onSubmit(code: string): void;
  onBack(): void;
}

// appointment codes leave out 0/O and 1/I, which are misread aloud
const KEYS = [...'23456789', ...'ABCDEFGHJKLMNPQRSTUVWXYZ'];

/** A reader may scan the booking's link rather than its bare code: the code is its last path part. */
export function codeFromInput(raw: string): string {
  const last = raw.split(/[?#]/)[0]!.split('/').filter(Boolean).pop() ?? '';
  return last
    .toUpperCase()
    .replace(/[^0-9A-Z]/g, '')
    .slice(0, 32);
}

/**
 * 预约签到: the code is typed on the big keypad, or arrives from a QR reader acting as a keyboard
 * (it types into the focused field and presses Enter).
 */
export function CheckInScreen({ t, busy, error, onSubmit, onBack }: Props) {
  const [code, setCode] = useState('');
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    input.current?.focus();
  }, []);
  const submit = () => {
    if (code.trim() && !busy) onSubmit(code.trim());
  };
  return (
    <main class="check-in">
      <h2 class="prompt">{t('checkInTitle')}</h2>
      <p class="hint">{t('checkInHint')}</p>
      <input
        ref={input}
        name="appointmentCode"
        class="code-input"
        value={code}
        maxLength={200}
        autoComplete="off"
        onInput={(e) => setCode(codeFromInput(e.currentTarget.value ?? ''))}
        onKeyDown={(e) => {
          if (e.key === 'Enter') submit();
        }}
        onBlur={() => window.setTimeout(() => input.current?.focus(), 0)}
      />
      {error ? (
        <p class="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <div class="keypad">
        {KEYS.map((k) => (
          <button type="button" key={k} class="key" onClick={() => setCode((c) => (c + k).slice(0, 32))}>
            {k}
          </button>
        ))}
        <button type="button" class="key key-wide" onClick={() => setCode((c) => c.slice(0, -1))}>
          {t('checkInDelete')}
        </button>
        <button type="button" class="key key-wide" onClick={() => setCode('')}>
          {t('checkInClear')}
        </button>
      </div>
      <div class="actions">
        <button type="button" class="big-button secondary" onClick={onBack}>
          {t('back')}
        </button>
        <button type="button" class="big-button primary" disabled={!code || busy} onClick={submit}>
          {t('checkInSubmit')}
        </button>
      </div>
    </main>
  );
}
