import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SCORE_WEIGHTS,
  linearScale,
  MIN_SERVED_TO_RANK,
  performanceScore,
  validateWeights,
  type ScoreInput,
} from '../../../server/domain/performance-score.js';

const perfect: ScoreInput = {
  served: 40,
  peerMaxServed: 40,
  called: 40,
  noShow: 0,
  meanWaitMinutes: 8,
  meanServiceMinutes: 7,
  normMinutes: 8,
  evaluations: 20,
  satisfied: 20,
  badReviews: 0,
  openSeconds: 8 * 3600,
  pausedSeconds: 0,
};

describe('百分考核 performance score', () => {
  it('gives 100 to a member who meets every mark', () => {
    const s = performanceScore(perfect);
    expect(s.total).toBe(100);
    expect(s.parts.every((p) => p.fraction === 1 && p.points === p.weight)).toBe(true);
  });

  it("explains each lost point (with the weights that score the visitors' wait too)", () => {
    const weights = { volume: 30, wait: 15, efficiency: 15, rating: 20, badReviews: 10, pause: 5, noShow: 5 };
    const s = performanceScore(
      { ...perfect, served: 20, meanWaitMinutes: 25, meanServiceMinutes: 12, badReviews: 1, satisfied: 19, pausedSeconds: 0.175 * 8 * 3600, noShow: 12 },
      weights,
    );
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

  it("by default the visitors' wait (the hall's staffing) costs the clerk nothing", () => {
    expect(performanceScore({ ...perfect, meanWaitMinutes: 90 }).total).toBe(100);
    expect(DEFAULT_SCORE_WEIGHTS.wait).toBe(0);
  });

  it('no ratings: 数据不足 for the satisfaction rate, not full marks; the rest scaled to 100', () => {
    const s = performanceScore({ ...perfect, evaluations: 0, satisfied: 0, noShow: 8 });
    const rating = s.parts.find((p) => p.criterion === 'rating')!;
    expect(rating).toMatchObject({ value: null, fraction: null, points: null });
    // noShow 8/40 = 20 % → 0.4 of its 10; judged weight 75 → (75 - 6) / 75
    expect(s.total).toBe(92);
    // four ratings are still too few to judge a rate
    expect(performanceScore({ ...perfect, evaluations: 4, satisfied: 4 }).parts.find((p) => p.criterion === 'rating')!.points).toBeNull();
  });

  it('tiny volume: no score and no rank (5 tickets, all "perfect", is not 2nd place)', () => {
    const s = performanceScore({ ...perfect, served: 5, called: 5, peerMaxServed: 120, evaluations: 0, satisfied: 0 });
    expect(s).toMatchObject({ total: null, ranked: false });
    expect(performanceScore({ ...perfect, served: MIN_SERVED_TO_RANK, called: MIN_SERVED_TO_RANK }).ranked).toBe(true);
  });

  it('services "done" in no time are 数据不足 for efficiency, not full marks', () => {
    const s = performanceScore({ ...perfect, meanServiceMinutes: 0, normMinutes: 8 });
    expect(s.parts.find((p) => p.criterion === 'efficiency')).toMatchObject({ value: 0, fraction: null, points: null });
    expect(performanceScore({ ...perfect, meanServiceMinutes: 2, normMinutes: 8 }).parts.find((p) => p.criterion === 'efficiency')!.fraction).toBe(1);
  });

  it("follows the manager's weights", () => {
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
    expect(validateWeights({ ...DEFAULT_SCORE_WEIGHTS, volume: 26 })).toMatch(/add up to 100/);
    expect(validateWeights({ ...DEFAULT_SCORE_WEIGHTS, volume: -1, wait: 26 })).toMatch(/weights.volume/);
    expect(validateWeights({ ...DEFAULT_SCORE_WEIGHTS, speed: 0 })).toMatch(/weights.speed/);
    const { noShow: _, ...missing } = DEFAULT_SCORE_WEIGHTS;
    expect(validateWeights(missing)).toMatch(/weights.noShow/);
  });
});
