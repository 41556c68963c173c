/**
 * Report maths on pre-aggregated figures. Durations are kept in tenths of a minute (rounded),
 * the precision reports show; since rounding keeps order, a percentile of rounded values is
 * the rounded percentile, so histograms give exactly the figures a full scan would.
 */
export const toTenths = (seconds: number): number => Math.round(seconds / 6);

/** Nearest-rank percentile (p in 0..100) from [value, count] pairs; null when empty. */
export function histogramPercentile(hist: ReadonlyArray<readonly [number, number]>, p: number): number | null {
  const total = hist.reduce((n, [, c]) => n + c, 0);
  if (total === 0) return null;
  const sorted = [...hist].sort((a, b) => a[0] - b[0]);
  const rank = Math.min(total, Math.max(1, Math.ceil((p / 100) * total)));
  let seen = 0;
  for (const [value, count] of sorted) {
    seen += count;
    if (seen >= rank) return value;
  }
  return sorted[sorted.length - 1]![0];
}

/** 好差评 satisfaction rate: 基本满意 or better over all evaluations, in percent (1 decimal). */
export function satisfactionRate(byLevel: Record<1 | 2 | 3 | 4 | 5, number>): number | null {
  const total = byLevel[1] + byLevel[2] + byLevel[3] + byLevel[4] + byLevel[5];
  if (total === 0) return null;
  return Math.round(((byLevel[3] + byLevel[4] + byLevel[5]) / total) * 1000) / 10;
}

/** Share in percent (1 decimal), null when there is nothing to share. */
export const share = (part: number, whole: number): number | null => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : null);

/** Half-hour slot of the day (0…47) from minutes since local midnight. */
export const halfHourSlot = (minutes: number): number => Math.floor(minutes / 30);
