import { useEffect, useState } from 'preact/hooks';
import { api } from '../../ui-common/api.js';
import { t } from './i18n.js';

const CRITERIA = ['volume', 'wait', 'efficiency', 'rating', 'badReviews', 'pause', 'noShow'] as const;
type Weights = Record<(typeof CRITERIA)[number], number>;

/** The manager edits the 百分考核 weights; the server insists they add up to 100. */
export function WeightsEditor(p: { hallId: string; token: string; onSaved(): void; onError(m: string): void }) {
  const [weights, setWeights] = useState<Weights | null>(null);
  const [saved, setSaved] = useState(false);
  const url = `/api/supervision/halls/${encodeURIComponent(p.hallId)}/score-weights`;
  useEffect(() => {
    api<Weights>(url, { token: p.token })
      .then(setWeights)
      .catch((e: Error) => p.onError(e.message));
  }, [p.hallId]);
  if (!weights) return null;
  const sum = CRITERIA.reduce((n, k) => n + (weights[k] || 0), 0);
  async function save(e: Event) {
    e.preventDefault();
    try {
      await api(url, { token: p.token, method: 'PUT', body: weights });
      setSaved(true);
      p.onSaved();
    } catch (err) {
      p.onError(t('failed', { message: (err as Error).message }));
    }
  }
  return (
    <form class="weights" onSubmit={save}>
      {CRITERIA.map((k) => (
        <label key={k}>
          {t(`criterion_${k}`)}
          <input
            type="number"
            min={0}
            max={100}
            step={1}
            name={`weight-${k}`}
            value={weights[k]}
            onInput={(e) => {
              setSaved(false);
              setWeights({ ...weights, [k]: Number(e.currentTarget.value) });
            }}
          />
        </label>
      ))}
      <span class={sum === 100 ? 'ok' : 'bad'}>Σ {sum}</span>
      <button class="btn btn-primary" type="submit" disabled={sum !== 100}>
        {t('saveWeights')}
      </button>
      {saved && <span class="ok">{t('saved')}</span>}
    </form>
  );
}
