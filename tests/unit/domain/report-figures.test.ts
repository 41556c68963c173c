import { describe, expect, it } from 'vitest';
import { halfHourSlot, histogramPercentile, satisfactionRate, share, toTenths } from '../../../server/domain/report-figures.js';
import { percentile, round1 } from '../../../server/domain/statistics.js';

describe('report figures from histograms', () => {
  it('percentiles from a histogram equal those of the full list, after rounding to tenths of a minute', () => {
    let seed = 7;
    const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (let run = 0; run < 50; run++) {
      const seconds = Array.from({ length: 1 + Math.floor(rnd() * 200) }, () => Math.floor(rnd() * 3600));
      const hist = new Map<number, number>();
      for (const s of seconds) hist.set(toTenths(s), (hist.get(toTenths(s)) ?? 0) + 1);
      for (const p of [50, 90, 100]) {
        expect(histogramPercentile([...hist], p)! / 10).toBe(
          round1(
            percentile(
              seconds.map((s) => s / 60),
              p,
            ),
          ),
        );
      }
    }
  });

  it('nearest rank: p50 of 10,15,18,29 is 15, p90 is 29; empty is null', () => {
    const h: [number, number][] = [
      [290, 1],
      [100, 1],
      [180, 1],
      [150, 1],
    ];
    expect(histogramPercentile(h, 50)).toBe(150);
    expect(histogramPercentile(h, 90)).toBe(290);
    expect(histogramPercentile(h, 0)).toBe(100);
    expect(histogramPercentile([], 50)).toBeNull();
    expect(histogramPercentile([[30, 0]], 50)).toBeNull();
  });

  it('satisfaction rate counts 基本满意 and better', () => {
    expect(satisfactionRate({ 1: 1, 2: 0, 3: 0, 4: 1, 5: 1 })).toBe(66.7);
    expect(satisfactionRate({ 1: 0, 2: 1, 3: 1, 4: 0, 5: 0 })).toBe(50);
    expect(satisfactionRate({ 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 })).toBeNull();
  });

  it('shares and slots', () => {
    expect(share(1, 3)).toBe(33.3);
    expect(share(0, 0)).toBeNull();
    expect(halfHourSlot(0)).toBe(0);
    expect(halfHourSlot(629)).toBe(20);
    expect(halfHourSlot(630)).toBe(21);
    expect(toTenths(59)).toBe(10);
    expect(toTenths(56)).toBe(9);
  });
});
