import { useState } from 'preact/hooks';
import type { T } from './strings.js';

/** `messageLang`: staff choose the language of the visitor's messages; online, the page's language */
export interface PersonInput {
  name: string;
  phone: string;
  idNumber: string;
  channel: 'online' | 'phone' | 'onsite';
  phoneCode: string;
  messageLang?: 'zh-CN' | 'en';
}

interface Props {
  t: T;
  staff: boolean;
  busy: boolean;
  /** the field the server refused, with its message */
  fieldError: { field: string; message: string; own?: boolean } | null;
  onSubmit(p: PersonInput): void;
  /** texts a confirmation code to the phone (online bookings) */
  onSendCode(phone: string): Promise<boolean>;
}

const FIELDS = ['name', 'phone', 'idNumber'] as const;

/** Name, phone and optional ID number; staff also say how the request came in. */
export function PersonForm({ t, staff, busy, fieldError, onSubmit, onSendCode }: Props) {
  const [p, setP] = useState<PersonInput>({ name: '', phone: '', idNumber: '', channel: staff ? 'phone' : 'online', phoneCode: '' });
  const [codeSent, setCodeSent] = useState(false);
  const label = { name: t('name'), phone: staff ? t('phoneStaff') : t('phone'), idNumber: staff ? t('idNumberStaff') : t('idNumber') };
  const refusal = { name: t('fieldName'), phone: t('fieldPhone'), idNumber: t('fieldIdNumber') };
  return (
    <form
      class="book-step person-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (!busy) onSubmit(p);
      }}
    >
      <h2>{t('stepPerson')}</h2>
      {staff ? (
        <div class="channel">
          <span>{t('channel')}</span>
          {(['phone', 'onsite'] as const).map((c) => (
            <label key={c}>
              <input type="radio" name="channel" value={c} checked={p.channel === c} onChange={() => setP({ ...p, channel: c })} />
              {c === 'phone' ? t('channelPhone') : t('channelOnsite')}
            </label>
          ))}
          <label>
            {t('messageLang')}
            <select
              name="messageLang"
              value={p.messageLang ?? 'zh-CN'}
              onChange={(e) => setP({ ...p, messageLang: e.currentTarget.value === 'en' ? 'en' : 'zh-CN' })}
            >
              <option value="zh-CN">中文</option>
              <option value="en">English</option>
            </select>
          </label>
        </div>
      ) : null}
      {FIELDS.map((f) => (
        <label key={f} class="field">
          <span>{label[f]}</span>
          <input
            name={f}
            value={p[f]}
            autoComplete={f === 'name' ? 'name' : f === 'phone' ? 'tel' : 'off'}
            inputMode={f === 'phone' ? 'tel' : 'text'}
            maxLength={f === 'name' ? 40 : 32}
            required={f !== 'idNumber'}
            aria-invalid={fieldError?.field === f}
            onInput={(e) => setP({ ...p, [f]: e.currentTarget.value })}
          />
          {fieldError?.field === f ? (
            <span class="field-error" role="alert" data-error-field={f}>
              {fieldError.own ? fieldError.message : refusal[f]}
            </span>
          ) : null}
        </label>
      ))}
      {staff ? null : (
        <label class="field">
          <span>{t('phoneCode')}</span>
          <span class="code-row">
            <input
              name="phoneCode"
              value={p.phoneCode}
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              aria-invalid={fieldError?.field === 'phoneCode'}
              onInput={(e) => setP({ ...p, phoneCode: e.currentTarget.value })}
            />
            <button
              type="button"
              class="secondary"
              data-action="send-code"
              disabled={busy || !p.phone.trim()}
              onClick={() => {
                void onSendCode(p.phone).then(setCodeSent);
              }}
            >
              {t('sendCode')}
            </button>
          </span>
          {codeSent ? (
            <span class="muted" data-code-sent>
              {t('codeSent')}
            </span>
          ) : null}
        </label>
      )}
      {fieldError && !FIELDS.includes(fieldError.field as (typeof FIELDS)[number]) ? (
        <p class="field-error" role="alert">
          {fieldError.message}
        </p>
      ) : null}
      <button type="submit" class="primary" disabled={busy}>
        {t('submit')}
      </button>
    </form>
  );
}
