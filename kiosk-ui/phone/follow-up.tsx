import { useEffect, useState } from 'preact/hooks';
import { api, ApiError } from '../../ui-common/api.js';
import type { KioskKey } from '../locales/zh-CN.js';
import type { T } from '../shared/strings.js';

interface FollowUpView {
  callbackAt: string | null;
  callbackNote: string | null;
  rectifiedAt: string | null;
  rectifyNote: string | null;
  visitorLevel: number | null;
  canRate: boolean;
}

const LEVELS = [5, 4, 3, 2, 1] as const;

/**
 * 差评整改, closed on the ticket page: after a bad review the visitor sees the hall's callback and
 * rectification here, and gives the one follow-up rating. Re-read every `pollSeconds`.
 */
export function FollowUp({ t, ticketId, token, pollSeconds, timeZone }: { t: T; ticketId: string; token: string; pollSeconds: number; timeZone?: string }) {
  const [view, setView] = useState<FollowUpView | null>(null);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const base = `/api/supervision/followups/${encodeURIComponent(ticketId)}`;
  const query = `?token=${encodeURIComponent(token)}`;
  const load = () =>
    api<{ followUp: FollowUpView | null }>(`${base}/visitor${query}`).then(
      (a) => setView(a.followUp),
      () => {},
    );
  useEffect(() => {
    void load();
    const timer = window.setInterval(() => void load(), pollSeconds * 1000);
    return () => window.clearInterval(timer);
  }, [ticketId, token]);
  if (!view) return null;

  const rate = async (level: number) => {
    setSending(true);
    setError(null);
    try {
      await api(`${base}/visitor-rating${query}`, { body: { level } });
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      // already rated elsewhere: the re-read shows the thanks instead
      if (e.code !== 'ALREADY_EVALUATED') setError(t.error(e));
    } finally {
      setSending(false);
      void load();
    }
  };
  const when = (iso: string) => new Date(iso).toLocaleDateString('zh-CN', { ...(timeZone ? { timeZone } : {}), month: 'numeric', day: 'numeric' });
  return (
    <section class="follow-up" data-follow-up={view.rectifiedAt ? 'rectified' : view.callbackAt ? 'called-back' : 'open'}>
      <h2>{t('followUpTitle')}</h2>
      {!view.callbackAt && !view.rectifiedAt ? <p>{t('followUpOpen')}</p> : null}
      {view.callbackAt ? (
        <p data-step="callback">
          <strong>{t('followUpCallback', { date: when(view.callbackAt) })}</strong>
          {view.callbackNote ? ` ${view.callbackNote}` : ''}
        </p>
      ) : null}
      {view.rectifiedAt ? (
        <p data-step="rectified">
          <strong>{t('followUpRectified', { date: when(view.rectifiedAt) })}</strong>
          {view.rectifyNote ? ` ${view.rectifyNote}` : ''}
        </p>
      ) : null}
      {view.canRate ? (
        <div class="follow-up-rating">
          <p>{t('followUpRate')}</p>
          <div class="levels">
            {LEVELS.map((l) => (
              <button type="button" key={l} class={`level level-${l}`} data-follow-up-level={l} disabled={sending} onClick={() => void rate(l)}>
                <span class="mark" aria-hidden="true" />
                {t(`level${l}` as KioskKey)}
              </button>
            ))}
          </div>
        </div>
      ) : view.visitorLevel !== null ? (
        <p class="thanks" data-follow-up-rated={view.visitorLevel}>
          {t('followUpThanks')}
        </p>
      ) : null}
      {error ? (
        <p class="form-error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}
