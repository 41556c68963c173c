/**
 * 百分考核: a 100-point score per staff member or window, as a weighted sum of criteria each
 * scored 0…1, so that every point can be explained. The manager edits the weights; the
 * scales (what counts as full marks and as zero) are fixed here and documented.
 */
export interface ScoreWeights {
  /** served volume, relative to the busiest peer */
  volume: number;
  /** mean wait of their tickets: full marks ≤ 10 min, zero ≥ 40 min */
  wait: number;
  /** mean service time against the services' norm: full ≤ 1×, zero ≥ 2× */
  efficiency: number;
  /** satisfaction rate (基本满意 or better): full at 100 %, zero ≤ 80 % */
  rating: number;
  /** bad reviews (不满意/非常不满意): each costs a quarter of the weight */
  badReviews: number;
  /** paused share of opened time: full ≤ 5 %, zero ≥ 30 % */
  pause: number;
  /** no-show share of calls: full ≤ 5 %, zero ≥ 30 % */
  noShow: number;
}

export const DEFAULT_SCORE_WEIGHTS: ScoreWeights = {
  volume: 30, wait: 15, efficiency: 15, rating: 20, badReviews: 10, pause: 5, noShow: 5,
};

export const SCORE_CRITERIA = Object.keys(DEFAULT_SCORE_WEIGHTS) as (keyof ScoreWeights)[];

export interface ScoreInput {
  served: number;
  /** the most any peer in the same report served */
  peerMaxServed: number;
  called: number;
  noShow: number;
  meanWaitMinutes: number | null;
  meanServiceMinutes: number | null;
  /** mean norm (avgServiceMinutes) of the services they finished */
  normMinutes: number | null;
  evaluations: number;
  satisfied: number;
  badReviews: number;
  openSeconds: number;
  pausedSeconds: number;
}

export interface ScorePart {
  criterion: keyof ScoreWeights;
  weight: number;
  /** the measured figure the points come from */
  value: number | null;
  /** 0…1 */
  fraction: number;
  points: number;
}

export interface Score {
  total: number;
  parts: ScorePart[];
}

/** 1 at or below `good`, 0 at or above `bad`, linear between. */
export function linearScale(value: number, good: number, bad: number): number {
  if (value <= good) return 1;
  if (value >= bad) return 0;
  return (bad - value) / (bad - good);
}

const round2 = (n: number) => Math.round(n * 100) / 100;

export function validateWeights(w: Partial<Record<string, unknown>>): string | null {
  for (const k of SCORE_CRITERIA) {
    const v = w[k];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) return `weights.${k} must be a number ≥ 0`;
  }
  const extra = Object.keys(w).find((k) => !(SCORE_CRITERIA as string[]).includes(k));
  if (extra) return `weights.${extra} is not a criterion`;
  const sum = SCORE_CRITERIA.reduce((n, k) => n + (w[k] as number), 0);
  if (Math.abs(sum - 100) > 1e-9) return `weights must add up to 100 (they add up to ${sum})`;
  return null;
}

function fractions(i: ScoreInput): Record<keyof ScoreWeights, { value: number | null; fraction: number }> {
  const ratio = i.meanServiceMinutes !== null && i.normMinutes ? i.meanServiceMinutes / i.normMinutes : null;
  const rate = i.evaluations > 0 ? i.satisfied / i.evaluations : null;
  const pauseShare = i.openSeconds > 0 ? i.pausedSeconds / i.openSeconds : null;
  const noShowShare = i.called > 0 ? i.noShow / i.called : null;
  return {
    volume: { value: i.served, fraction: i.peerMaxServed > 0 ? Math.min(1, i.served / i.peerMaxServed) : 0 },
    wait: { value: i.meanWaitMinutes, fraction: i.meanWaitMinutes === null ? 1 : linearScale(i.meanWaitMinutes, 10, 40) },
    efficiency: { value: ratio, fraction: ratio === null ? 1 : linearScale(ratio, 1, 2) },
    rating: { value: rate, fraction: rate === null ? 1 : linearScale(1 - rate, 0, 0.2) },
    badReviews: { value: i.badReviews, fraction: Math.max(0, 1 - i.badReviews * 0.25) },
    pause: { value: pauseShare, fraction: pauseShare === null ? 1 : linearScale(pauseShare, 0.05, 0.3) },
    noShow: { value: noShowShare, fraction: noShowShare === null ? 1 : linearScale(noShowShare, 0.05, 0.3) },
  };
}

/** The score and its breakdown; criteria with nothing measured yet (no ratings, no calls) get full marks. */
export function performanceScore(input: ScoreInput, weights: ScoreWeights = DEFAULT_SCORE_WEIGHTS): Score {
  const f = fractions(input);
  const parts = SCORE_CRITERIA.map((criterion) => {
    const { value, fraction } = f[criterion];
    return { criterion, weight: weights[criterion], value: value === null ? null : round2(value), fraction: round2(fraction), points: round2(weights[criterion] * fraction) };
  });
  return { total: round2(parts.reduce((n, p) => n + weights[p.criterion] * f[p.criterion].fraction, 0)), parts };
}
