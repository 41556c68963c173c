import { describe, expect, it } from 'vitest';
import { fullCollection, IdleMemoryTrim, type MemoryReadings } from '../../../server/app/idle-memory-trim.js';

const MB = 1024 * 1024;

/** a trim over scripted readings: each tick takes the next; a collection leaves `after` reserved */
function scripted(readings: Partial<MemoryReadings>[], after = 60 * MB) {
  let now = 0;
  let collected = false;
  const collections: number[] = [];
  let i = 0;
  const trim = new IdleMemoryTrim({
    collect: () => {
      collections.push(now);
      collected = true;
    },
    read: () => {
      if (collected) {
        collected = false;
        return { heapTotal: after, heapUsed: 50 * MB, busy: 0 };
      }
      return { heapTotal: 110 * MB, heapUsed: 55 * MB, busy: 0.02, ...readings[Math.min(i++, readings.length - 1)] };
    },
    now: () => now,
  });
  const tickEvery = (ms: number, n: number) => {
    const results = [];
    for (let k = 0; k < n; k++) {
      now += ms;
      results.push(trim.tick());
    }
    return results;
  };
  return { collections, tickEvery };
}

describe('idle memory trim', () => {
  it('gives the heap back after three quiet readings in a row, and says how much', () => {
    const { collections, tickEvery } = scripted([{}]);
    const results = tickEvery(5_000, 3);
    expect(results.slice(0, 2)).toEqual([undefined, undefined]);
    expect(results[2]).toEqual({ before: 110 * MB, after: 60 * MB });
    expect(collections).toEqual([15_000]);
  });

  it('never collects while the hall is busy', () => {
    const { collections, tickEvery } = scripted([{ busy: 0.4 }]);
    tickEvery(5_000, 50);
    expect(collections).toEqual([]);
  });

  it('starts counting the quiet again after one busy reading', () => {
    const { collections, tickEvery } = scripted([{}, {}, { busy: 0.5 }, {}, {}, {}]);
    tickEvery(5_000, 6);
    expect(collections).toEqual([30_000]);
  });

  it('leaves a heap alone when little of it is unused', () => {
    const { collections, tickEvery } = scripted([{ heapTotal: 70 * MB, heapUsed: 55 * MB }]);
    tickEvery(5_000, 50);
    expect(collections).toEqual([]);
  });

  it('rests a minute between collections, however quiet and loose the heap stays', () => {
    const { collections, tickEvery } = scripted([{}]);
    tickEvery(5_000, 36); // three minutes of quiet
    expect(collections).toEqual([15_000, 75_000, 135_000]);
  });
});

describe('full collection', () => {
  it('is available without --expose-gc and returns the reserved heap that garbage took', () => {
    const collect = fullCollection();
    expect(collect).toBeTypeOf('function');
    let garbage: object[][] = [];
    for (let i = 0; i < 40; i++) garbage.push(Array.from({ length: 20_000 }, (_, j) => ({ i, j, text: `row ${j}` })));
    const before = process.memoryUsage().heapUsed;
    garbage = [];
    collect!();
    expect(garbage).toEqual([]);
    expect(process.memoryUsage().heapUsed).toBeLessThan(before - 20 * MB);
  });
});
