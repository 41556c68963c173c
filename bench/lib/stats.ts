/** Latency figures of one sample set, in milliseconds rounded to µs. */
export interface LatencySummary {
  n: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export const round3 = (x: number): number => Math.round(x * 1000) / 1000;

export function summarize(samples: readonly number[]): LatencySummary {
  const sorted = [...samples].sort((a, b) => a - b);
  const sum = sorted.reduce((s, x) => s + x, 0);
  return {
    n: sorted.length,
    p50: round3(percentile(sorted, 50)),
    p90: round3(percentile(sorted, 90)),
    p99: round3(percentile(sorted, 99)),
    max: round3(sorted.at(-1) ?? Number.NaN),
    mean: round3(sorted.length ? sum / sorted.length : Number.NaN),
  };
}

/** a ÷ b, rounded to two places: the ratios the targets are stated in. */
export const ratio = (a: number, b: number): number => Math.round((a / b) * 100) / 100;
