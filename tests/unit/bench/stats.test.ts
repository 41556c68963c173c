import { describe, expect, it } from 'vitest';
import { percentile, ratio, summarize } from '../../../bench/lib/stats.js';
import { atLeast, atMost, below } from '../../../bench/lib/targets.js';

describe('bench figures', () => {
  it('percentile() is the nearest rank of the sorted samples', () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(sorted, 50)).toBe(50);
    expect(percentile(sorted, 99)).toBe(99);
    expect(percentile(sorted, 100)).toBe(100);
    expect(percentile(sorted, 0)).toBe(1);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });

  it('summarize() sorts its samples and rounds to microseconds', () => {
    const s = summarize([3, 1, 2, 10, 4.00049]);
    expect(s).toEqual({ n: 5, p50: 3, p90: 10, p99: 10, max: 10, mean: 4 });
  });

  it('a p99 sees the slow tail that a mean hides', () => {
    const samples = [...Array<number>(98).fill(1), 500, 500];
    const s = summarize(samples);
    expect(s.p50).toBe(1);
    expect(s.p99).toBe(500);
    expect(s.mean).toBe(10.98);
  });

  it('ratio() rounds to two places', () => {
    expect(ratio(2, 3)).toBe(0.67);
    expect(ratio(1500, 1000)).toBe(1.5);
  });

  it('targets say met or not at their boundary as stated', () => {
    expect(atLeast('≥ 0.7× bare', 0.7, 0.7).met).toBe(true);
    expect(atLeast('≥ 0.7× bare', 0.69, 0.7).met).toBe(false);
    expect(atMost('≤ 1.5× bare', 1.5, 1.5).met).toBe(true);
    expect(below('< 10 ms', 10, 10).met).toBe(false);
    expect(below('< 10 ms', 9.999, 10)).toEqual({ target: '< 10 ms', measured: 9.999, met: true });
  });
});
