import { describe, expect, it } from 'vitest';
import { DEFAULT_SCORE_WEIGHTS, linearScale, performanceScore, validateWeights, type ScoreInput } from '../../../server/domain/performance-score.js';

const perfect: ScoreInput = {
  served: 40, peerMaxServed: 40, called: 40, noShow: 0, meanWaitMinutes: 8, meanServiceMinutes: 7, normMinutes: 8,
  evaluations: 20, satisfied: 20, badReviews: 0, openSeconds: 8 * 3600, pausedSeconds: 0,
};

describe('百分考核 performance score', () => {
  it('gives 100 to a member who meets every mark', () => {
    const s = performanceScore(perfect);
    expect(s.total).toBe(100);
    expect(s.parts.every((p) => p.fraction === 1 && p.points === p.weight)).toBe(true);
  });

  it('explains each lost point', () => {
    const s = performanceScore({ ...perfect, served: 20, meanWaitMinutes: 25, meanServiceMinutes: 12, badReviews: 1, satisfied: 19, pausedSeconds: 0.175 * 8 * 3600, noShow: 12 });
    const by = Object.fromEntries(s.parts.map((p) => [p.criterion, p]));
    expect(by.volume).toMatchObject({ value: 20, fraction: 0.5, points: 15 });
    expect(by.wait).toMatchObject({ value: 25, fraction: 0.5, points: 7.5 });
    expect(by.efficiency).toMatchObject({ value: 1.5, fraction: 0.5, points: 7.5 });
    expect(by.rating).toMatchObject({ value: 0.95, fraction: 0.75, points: 15 });
    expect(by.badReviews).toMatchObject({ value: 1, fraction: 0.75, points: 7.5 });
    expect(by.pause).toMatchObject({ value: 0.18, fraction: 0.5, points: 2.5 });
    expect(by.noShow).toMatchObject({ value: 0.3, fraction: 0, points: 0 });
    expect(s.total).toBe(55);
  });

  it('gives full marks where nothing was measured, none for volume with no peer volume', () => {
    const s = performanceScore({ ...perfect, served: 0, peerMaxServed: 0, called: 0, meanWaitMinutes: null, meanServiceMinutes: null, normMinutes: null, evaluations: 0, satisfied: 0, openSeconds: 0 });
    expect(s.total).toBe(70);
    expect(s.parts.find((p) => p.criterion === 'volume')!.points).toBe(0);
  });

  it('follows the manager\'s weights', () => {
    const weights = { volume: 0, wait: 0, efficiency: 0, rating: 0, badReviews: 100, pause: 0, noShow: 0 };
    expect(performanceScore({ ...perfect, badReviews: 2 }, weights).total).toBe(50);
    expect(performanceScore({ ...perfect, badReviews: 5 }, weights).total).toBe(0);
  });

  it('linear scale: full at good, zero at bad, straight between', () => {
    expect(linearScale(10, 10, 40)).toBe(1);
    expect(linearScale(40, 10, 40)).toBe(0);
    expect(linearScale(55, 10, 40)).toBe(0);
    expect(linearScale(20, 10, 40)).toBeCloseTo(2 / 3);
  });

  it('weights must be non-negative numbers for every criterion adding up to 100', () => {
    expect(validateWeights(DEFAULT_SCORE_WEIGHTS as unknown as Record<string, unknown>)).toBeNull();
    expect(validateWeights({ ...DEFAULT_SCORE_WEIGHTS, volume: 31 })).toMatch(/add up to 100/);
    expect(validateWeights({ ...DEFAULT_SCORE_WEIGHTS, volume: -1, wait: 46 })).toMatch(/weights.volume/);
    expect(validateWeights({ ...DEFAULT_SCORE_WEIGHTS, speed: 0 })).toMatch(/weights.speed/);
    const { noShow: _, ...missing } = DEFAULT_SCORE_WEIGHTS;
    expect(validateWeights(missing)).toMatch(/weights.noShow/);
  });
});
