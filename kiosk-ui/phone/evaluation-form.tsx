import { useState } from 'preact/hooks';
import { EVALUATION_TAGS, type EvaluationLevel } from '../../server/domain/evaluation.js';
import { api, ApiError } from '../../ui-common/api.js';
import type { T } from '../shared/strings.js';
import type { KioskKey } from '../locales/zh-CN.js';

const LEVELS: EvaluationLevel[] = [5, 4, 3, 2, 1];

interface Props {
  t: T;
  ticketId: string;
  token: string;
  onDone(already: boolean): void;
}

/** 好差评: five levels, the standard tags of the chosen level, an optional comment; once per ticket. */
export function EvaluationForm({ t, ticketId, token, onDone }: Props) {
  const [level, setLevel] = useState<EvaluationLevel | null>(null);
  const [tags, setTags] = useState<string[]>([]);
  const [comment, setComment] = useState('');
  const [contact, setContact] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const choose = (l: EvaluationLevel) => {
    setLevel(l);
    setTags([]);
  };
  const toggle = (tag: string) => setTags((ts) => (ts.includes(tag) ? ts.filter((x) => x !== tag) : [...ts, tag]));
  const submit = async () => {
    if (!level || sending) return;
    setSending(true);
    setError(null);
    try {
      await api(`/api/tickets/${encodeURIComponent(ticketId)}/evaluation?token=${encodeURIComponent(token)}`, {
        body: { level, tags, ...(comment.trim() ? { comment: comment.trim() } : {}), ...(level <= 2 && contact.trim() ? { contact: contact.trim() } : {}) },
      });
      onDone(false);
    } catch (e) {
      if (e instanceof ApiError && e.code === 'ALREADY_EVALUATED') onDone(true);
      else setError(e instanceof ApiError && e.status === 0 ? t('errorOffline') : t.error(e));
    } finally {
      setSending(false);
    }
  };

  return (
    <section class="evaluation" data-evaluation="open">
      <h2>{t('evaluateTitle')}</h2>
      <div class="levels">
        {LEVELS.map((l) => (
          <button
            type="button"
            key={l}
            class={`level level-${l}${level === l ? ' chosen' : ''}`}
            data-level={l}
            aria-pressed={level === l}
            onClick={() => choose(l)}
          >
            <span class="mark" aria-hidden="true" />
            {t(`level${l}` as KioskKey)}
          </button>
        ))}
      </div>
      {level ? (
        <>
          <p class="label">{t('evaluateTags')}</p>
          <div class="tags">
            {EVALUATION_TAGS[level].map((tag) => (
              <button
                type="button"
                key={tag}
                class={`tag${tags.includes(tag) ? ' chosen' : ''}`}
                data-tag={tag}
                aria-pressed={tags.includes(tag)}
                onClick={() => toggle(tag)}
              >
                {tag}
              </button>
            ))}
          </div>
          <label class="label" for="comment">
            {t('evaluateComment')}
          </label>
          <textarea id="comment" name="comment" maxLength={500} rows={3} value={comment} onInput={(e) => setComment(e.currentTarget.value)} />
          {level <= 2 ? (
            <>
              {/* after a bad review the hall calls back: a number is optional, the hall has none otherwise */}
              <label class="label" for="contact">
                {t('evaluateContact')}
              </label>
              <input
                id="contact"
                name="contact"
                type="tel"
                inputMode="tel"
                maxLength={40}
                autoComplete="tel"
                value={contact}
                onInput={(e) => setContact(e.currentTarget.value.replace(/[^0-9+() -]/g, ''))}
              />
            </>
          ) : null}
        </>
      ) : null}
      {error ? (
        <p class="form-error" role="alert">
          {error}
        </p>
      ) : null}
      <button type="button" class="submit" data-action="submit-evaluation" disabled={!level || sending} onClick={() => void submit()}>
        {t('evaluateSubmit')}
      </button>
    </section>
  );
}
