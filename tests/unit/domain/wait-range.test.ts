import { describe, expect, it } from 'vitest';
import {
  estimateWaitRange,
  servicePace,
  type EstimateWindow,
  type PaceInput,
  type ServiceTimeSample,
  type WaitRangeInput,
} from '../../../server/domain/wait-range.js';

const TZ = 'Asia/Shanghai';
/** 10:00 in Beijing */
const NOW = new Date('2026-11-23T02:00:00Z');
const w = (id: string, serviceIds: string[], open = true): EstimateWindow => ({ id, open, serviceIds });
const input = (over: Partial<WaitRangeInput>): WaitRangeInput => ({
  serviceId: 'D',
  windows: [],
  aheadByService: {},
  paceByService: {},
  fallbackPace: { mean: 10, sd: 3 },
  ...over,
});
const paceInput = (over: Partial<PaceInput>): PaceInput => ({ samples: [], normMinutes: 10, now: NOW, timeZone: TZ, ...over });
/** the pace of a service learned from these samples */
const paced = (s: ServiceTimeSample[]) => servicePace(paceInput({ samples: s }));
/** n samples of `minutes` each, started at Beijing hour `hour` on recent days */
const samples = (n: number, minutes: number, hour: number): ServiceTimeSample[] =>
  Array.from({ length: n }, (_, i) => ({ startedAt: new Date(Date.UTC(2026, 10, 20 - (i % 3), hour - 8, i)), seconds: minutes * 60 }));

describe('estimateWaitRange()', () => {
  it('counts the tickets of the other services the serving window calls first (window 1 serves C and D, five C wait)', () => {
    const r = estimateWaitRange(input({ windows: [w('w1', ['C', 'D'])], aheadByService: { C: 5, D: 0 }, paceByService: { C: paced(samples(10, 6, 10)) } }));
    expect(r).toMatchObject({ kind: 'range', ahead: 5 });
    if (r.kind !== 'range') throw new Error('no range');
    expect(r.low).toBeLessThanOrEqual(30);
    expect(r.high).toBeGreaterThanOrEqual(30);
    expect(r.low).toBeGreaterThan(0);
  });

  it('says no window serves the service when every window for it is closed, however short the queue', () => {
    expect(estimateWaitRange(input({ windows: [w('w1', ['C', 'D'], false), w('w2', ['C'])], aheadByService: { D: 0 } }))).toEqual({ kind: 'no-window' });
    expect(estimateWaitRange(input({ windows: [], aheadByService: {} }))).toEqual({ kind: 'no-window' });
  });

  it("shares another service's queue with the open windows that also serve it", () => {
    // C is served by w1 and w2; only w1 serves D: half the C queue is w1's
    const r = estimateWaitRange(input({ windows: [w('w1', ['C', 'D']), w('w2', ['C'])], aheadByService: { C: 6, D: 1 } }));
    expect(r).toMatchObject({ kind: 'range', ahead: 4 });
  });

  it('counts priority and appointment tickets ahead as they come in the counts, and divides by the serving windows', () => {
    const one = estimateWaitRange(input({ windows: [w('w1', ['D'])], aheadByService: { D: 8 }, paceByService: { D: paced(samples(10, 10, 10)) } }));
    const two = estimateWaitRange(
      input({ windows: [w('w1', ['D']), w('w2', ['D'])], aheadByService: { D: 8 }, paceByService: { D: paced(samples(10, 10, 10)) } }),
    );
    if (one.kind !== 'range' || two.kind !== 'range') throw new Error('no range');
    expect(one.ahead).toBe(8);
    expect(two.low).toBeLessThan(one.low);
    expect(two.high).toBeLessThan(one.high);
    expect(one.low).toBeLessThanOrEqual(80);
    expect(one.high).toBeGreaterThanOrEqual(80);
  });

  it('with nobody ahead at an open window, no wait', () => {
    expect(estimateWaitRange(input({ windows: [w('w1', ['D'])], aheadByService: { D: 0, C: 3 } }))).toEqual({ kind: 'range', ahead: 0, low: 0, high: 0 });
  });

  it("paces each service's tickets ahead at that service's own speed", () => {
    const r = estimateWaitRange(
      input({
        windows: [w('w1', ['C', 'D'])],
        aheadByService: { C: 2, D: 1 },
        paceByService: { C: { mean: 20, sd: 0 }, D: { mean: 2, sd: 0 } },
      }),
    );
    // 2 × 20 + 1 × 2 = 42 minutes
    expect(r).toMatchObject({ kind: 'range', ahead: 3 });
    if (r.kind !== 'range') throw new Error('no range');
    expect(r.low).toBeLessThanOrEqual(42);
    expect(r.high).toBeGreaterThanOrEqual(42);
    expect(r.high - r.low).toBeLessThanOrEqual(20);
  });

  it('gives a range, in steps of 5 minutes once it is long', () => {
    const r = estimateWaitRange(
      input({ windows: [w('w1', ['D'])], aheadByService: { D: 4 }, paceByService: { D: paced([...samples(3, 3, 10), ...samples(3, 7, 10)]) } }),
    );
    if (r.kind !== 'range') throw new Error('no range');
    expect(r.high).toBeGreaterThan(r.low);
    expect(r.low % 5).toBe(0);
    expect(r.high % 5).toBe(0);
    expect(r.low).toBeLessThanOrEqual(20);
    expect(r.high).toBeGreaterThanOrEqual(20);
  });
});

describe('servicePace()', () => {
  it('learns from this hour of the day when there are enough samples of it', () => {
    const pace = servicePace(paceInput({ samples: [...samples(5, 20, 10), ...samples(20, 5, 15)] }));
    expect(pace).toMatchObject({ from: 'hour', mean: 20 });
  });

  it('falls back to the recent samples of any hour, then to the norm', () => {
    expect(servicePace(paceInput({ samples: samples(4, 6, 15) }))).toMatchObject({ from: 'recent', mean: 6 });
    expect(servicePace(paceInput({ samples: samples(2, 6, 15), normMinutes: 12 }))).toMatchObject({ from: 'norm', mean: 12 });
  });
});
