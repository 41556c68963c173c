import { describe, expect, it } from 'vitest';
import { addPacked, addSample, countAbove, packHistogram } from '../../../server/domain/histogram.js';

describe('packed duration histograms', () => {
  it('round-trips values and counts, values ascending', () => {
    const h = new Map([[150, 2], [0, 1], [4_000_000_000, 3]]);
    const packed = packHistogram(h);
    expect(packed.byteLength).toBe(24);
    expect([...addPacked(packed).entries()]).toEqual([[0, 1], [150, 2], [4_000_000_000, 3]]);
  });

  it('adds samples one at a time and merges packed histograms', () => {
    let p = addSample(null, 100);
    p = addSample(p, 100.4);
    p = addSample(p, 290);
    expect([...addPacked(p).entries()]).toEqual([[100, 2], [290, 1]]);
    const merged = addPacked(p, addPacked(addSample(undefined, 100)));
    expect(merged.get(100)).toBe(3);
    expect(countAbove(merged, 100)).toBe(1);
    expect(countAbove(merged, 99)).toBe(4);
  });

  it('drops empty counts and reads a slice of a larger buffer', () => {
    expect(packHistogram(new Map([[5, 0]])).byteLength).toBe(0);
    const inner = packHistogram(new Map([[7, 1]]));
    const outer = new Uint8Array(16);
    outer.set(inner, 8);
    expect([...addPacked(outer.subarray(8)).entries()]).toEqual([[7, 1]]);
  });
});
