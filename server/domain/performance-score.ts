/**
 * 百分考核: a 100-point score per staff member or window, as a weighted sum of criteria each
 * scored 0…1, so that every point can be explained. The manager edits the weights; the
 * scales (what counts as full marks and as zero) are fixed here and documented.
 *
 * Only what the person controls counts by default: the visitors' wait mostly follows how many
 * windows the hall opened, so its default weight is 0. A criterion with too little data to
 * judge (no ratings, a handful of tickets, services "done" in no time) is 数据不足: left out
 * and the rest scaled to 100 — never full marks for nothing measured. Below a minimum volume
 * there is no score and no rank at all.
 */
export interface ScoreWeights {
  /** served volume, relative to the busiest peer */
  volume: number;
  /** mean wait of their tickets: full marks ≤ 10 min, zero ≥ 40 min (default weight 0: the hall's staffing, not the clerk) */
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
  volume: 25,
  wait: 0,
  efficiency: 20,
  rating: 25,
  badReviews: 10,
  pause: 10,
  noShow: 10,
};

/** fewer tickets served than this in the report's range: no score, not ranked */
export const MIN_SERVED_TO_RANK = 10;
/** fewer ratings than this: the satisfaction rate is 数据不足 */
export const MIN_RATINGS = 5;
/** a mean service time under this share of the norm is not a fast clerk but start+finish pressed together */
export const IMPLAUSIBLE_SERVICE_RATIO = 0.25;

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
  /** 0…1; null when there is not enough data to judge (数据不足) */
  fraction: number | null;
  points: number | null;
}

export interface Score {
  /** out of 100 over the criteria that could be judged; null below the minimum volume */
  total: number | null;
  /** false: too few tickets to rank (数据不足) */
  ranked: boolean;
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

function fractions(i: ScoreInput): Record<keyof ScoreWeights, { value: number | null; fraction: number | null }> {
  const ratio = i.meanServiceMinutes !== null && i.normMinutes ? i.meanServiceMinutes / i.normMinutes : null;
  const rate = i.evaluations > 0 ? i.satisfied / i.evaluations : null;
  const pauseShare = i.openSeconds > 0 ? i.pausedSeconds / i.openSeconds : null;
  const noShowShare = i.called > 0 ? i.noShow / i.called : null;
  const judged = (value: number | null, enough: boolean, fraction: (v: number) => number) => ({
    value,
    fraction: value === null || !enough ? null : fraction(value),
  });
  return {
    volume: judged(i.served, i.peerMaxServed > 0, (v) => Math.min(1, v / i.peerMaxServed)),
    wait: judged(i.meanWaitMinutes, true, (v) => linearScale(v, 10, 40)),
    efficiency: judged(ratio, ratio !== null && ratio >= IMPLAUSIBLE_SERVICE_RATIO, (v) => linearScale(v, 1, 2)),
    rating: judged(rate, i.evaluations >= MIN_RATINGS, (v) => linearScale(1 - v, 0, 0.2)),
    // a bad review is always the visitor's word: it counts from the first ticket
    badReviews: judged(i.badReviews, true, (v) => Math.max(0, 1 - v * 0.25)),
    pause: judged(pauseShare, true, (v) => linearScale(v, 0.05, 0.3)),
    noShow: judged(noShowShare, true, (v) => linearScale(v, 0.05, 0.3)),
  };
}

/** The score and its breakdown; criteria that cannot be judged are 数据不足 and left out. */
export function performanceScore(input: ScoreInput, weights: ScoreWeights = DEFAULT_SCORE_WEIGHTS, minServed = MIN_SERVED_TO_RANK): Score {
  const f = fractions(input);
  const parts = SCORE_CRITERIA.map((criterion) => {
    const { value, fraction } = f[criterion];
    return {
      criterion,
      weight: weights[criterion],
      value: value === null ? null : round2(value),
      fraction: fraction === null ? null : round2(fraction),
      points: fraction === null ? null : round2(weights[criterion] * fraction),
    };
  });
  const ranked = input.served >= minServed;
  const judgedWeight = SCORE_CRITERIA.reduce((n, c) => n + (f[c].fraction === null ? 0 : weights[c]), 0);
  const earned = SCORE_CRITERIA.reduce((n, c) => n + weights[c] * (f[c].fraction ?? 0), 0);
  const total = ranked && judgedWeight > 0 ? round2((earned / judgedWeight) * 100) : null;
  return { total, ranked, parts };
}
