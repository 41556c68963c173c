import { describe, expect, it } from 'vitest';
import { addPacked, addSample, countAbove, DenseHistogram, packHistogram } from '../../../server/domain/histogram.js';

describe('packed duration histograms', () => {
  it('round-trips values and counts, values ascending', () => {
    const h = new Map([
      [150, 2],
      [0, 1],
      [4_000_000_000, 3],
    ]);
    const packed = packHistogram(h);
    expect(packed.byteLength).toBe(24);
    expect([...addPacked(packed).entries()]).toEqual([
      [0, 1],
      [150, 2],
      [4_000_000_000, 3],
    ]);
  });

  it('adds samples one at a time and merges packed histograms', () => {
    let p = addSample(null, 100);
    p = addSample(p, 100.4);
    p = addSample(p, 290);
    expect([...addPacked(p).entries()]).toEqual([
      [100, 2],
      [290, 1],
    ]);
    const merged = addPacked(p, addPacked(addSample(undefined, 100)));
    expect(merged.get(100)).toBe(3);
    expect(countAbove(merged, 100)).toBe(1);
    expect(countAbove(merged, 99)).toBe(4);
  });

  it('adds a sample before, between, after and onto the values already there, leaving the original as it was', () => {
    const base = packHistogram(
      new Map([
        [10, 1],
        [20, 2],
      ]),
    );
    const copy = base.slice();
    for (const [v, expected] of [
      [
        5,
        [
          [5, 1],
          [10, 1],
          [20, 2],
        ],
      ],
      [
        15,
        [
          [10, 1],
          [15, 1],
          [20, 2],
        ],
      ],
      [
        30,
        [
          [10, 1],
          [20, 2],
          [30, 1],
        ],
      ],
      [
        20,
        [
          [10, 1],
          [20, 3],
        ],
      ],
      [
        -3,
        [
          [0, 1],
          [10, 1],
          [20, 2],
        ],
      ],
    ] as const)
      expect([...addPacked(addSample(base, v)).entries()], `sample ${v}`).toEqual(expected);
    expect(base).toEqual(copy);
  });

  it('drops empty counts and reads a slice of a larger buffer', () => {
    expect(packHistogram(new Map([[5, 0]])).byteLength).toBe(0);
    const inner = packHistogram(new Map([[7, 1]]));
    const outer = new Uint8Array(16);
    outer.set(inner, 8);
    expect([...addPacked(outer.subarray(8)).entries()]).toEqual([[7, 1]]);
  });

  it('adds onto a value of a Buffer inside a larger one (as PostgreSQL hands bytea), leaving that memory as it was', () => {
    const slab = Buffer.alloc(32, 0xee);
    packHistogram(
      new Map([
        [7, 1],
        [9, 2],
      ]),
    ).forEach((b, i) => (slab[8 + i] = b));
    const bytea = slab.subarray(8, 24);
    const before = Buffer.from(slab);
    expect([...addPacked(addSample(bytea, 9)).entries()]).toEqual([
      [7, 1],
      [9, 3],
    ]);
    expect(slab).toEqual(before);
  });
});

describe('DenseHistogram.addHistogram', () => {
  it('gives the same figures as adding every value of the other one, long durations included', () => {
    const a = new DenseHistogram();
    const b = new DenseHistogram();
    const both = new DenseHistogram();
    const values: [number, number][] = [
      [0, 2],
      [15, 3],
      [120, 1],
      [5999, 1],
      [6000, 2],
      [90_000, 1],
    ];
    for (const [i, [v, c]] of values.entries()) {
      (i % 2 ? a : b).add(v, c);
      both.add(v, c);
    }
    a.addHistogram(b);
    a.addHistogram(new DenseHistogram()); // an empty one changes nothing
    expect([a.total, a.sum, a.max]).toEqual([both.total, both.sum, both.max]);
    for (const p of [1, 50, 90, 99, 100]) expect(a.percentile(p)).toBe(both.percentile(p));
    for (const above of [0, 100, 6000, 50_000]) expect(a.countAbove(above)).toBe(both.countAbove(above));
  });
});
