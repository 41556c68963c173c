import { describe, expect, it } from 'vitest';
import { mean, percentile, round1 } from '../../../server/domain/statistics.js';

describe('percentile (nearest rank)', () => {
  it('is null for no values', () => {
    expect(percentile([], 50)).toBeNull();
  });

  it('gives the single value for any p', () => {
    for (const p of [0, 1, 50, 90, 100]) expect(percentile([7], p)).toBe(7);
  });

  it('follows the nearest-rank definition on 1..10', () => {
    const values = [10, 3, 7, 1, 9, 2, 8, 4, 6, 5];
    expect(percentile(values, 50)).toBe(5);
    expect(percentile(values, 90)).toBe(9);
    expect(percentile(values, 91)).toBe(10);
    expect(percentile(values, 100)).toBe(10);
    expect(percentile(values, 0)).toBe(1);
    expect(percentile(values, 10)).toBe(1);
    expect(percentile(values, 11)).toBe(2);
  });

  it("does not reorder the caller's list", () => {
    const values = [3, 1, 2];
    percentile(values, 50);
    expect(values).toEqual([3, 1, 2]);
  });

  it('mean and round1', () => {
    expect(mean([])).toBeNull();
    expect(mean([1, 2, 4])).toBeCloseTo(7 / 3);
    expect(round1(2.345)).toBe(2.3);
    expect(round1(null)).toBeNull();
  });
});
