import { describe, expect, it } from 'vitest';
import { estimateWaitMinutes, meanServiceMinutes, peopleAhead, type QueuedForEstimate } from '../../../server/domain/wait-estimate.js';

const at = (min: number) => new Date(Date.UTC(2026, 10, 23, 2, min));

describe('meanServiceMinutes', () => {
  it('uses the service norm until some tickets are finished', () => {
    expect(meanServiceMinutes([], 8)).toBe(8);
  });

  it('is the mean of the recent service times, in minutes', () => {
    expect(meanServiceMinutes([240, 360, 600], 8)).toBeCloseTo(6.667, 3);
    expect(meanServiceMinutes([60], 8)).toBe(1);
  });
});

describe('estimateWaitMinutes', () => {
  it('is zero with nobody ahead', () => {
    expect(estimateWaitMinutes(0, 8, 2)).toBe(0);
  });

  it('is people ahead × mean ÷ open windows, rounded', () => {
    expect(estimateWaitMinutes(6, 8, 2)).toBe(24);
    expect(estimateWaitMinutes(5, 5, 3)).toBe(8);
    expect(estimateWaitMinutes(10, 4.5, 1)).toBe(45);
  });

  it('estimates as if one window were open when none is', () => {
    expect(estimateWaitMinutes(3, 8, 0)).toBe(24);
  });

  it('never promises less than a minute to someone with people ahead', () => {
    expect(estimateWaitMinutes(1, 0.2, 4)).toBe(1);
  });

  it('grows with the queue and shrinks with more windows', () => {
    expect(estimateWaitMinutes(8, 6, 1)).toBeGreaterThan(estimateWaitMinutes(4, 6, 1));
    expect(estimateWaitMinutes(8, 6, 4)).toBeLessThan(estimateWaitMinutes(8, 6, 2));
  });
});

describe('peopleAhead', () => {
  const plain = (id: string, min: number): QueuedForEstimate => ({ id, issuedAt: at(min), rank: 'normal' });

  it('counts earlier tickets of the same class', () => {
    const q = [plain('a', 1), plain('b', 2), plain('c', 3)];
    expect(peopleAhead(q[0]!, q)).toBe(0);
    expect(peopleAhead(q[2]!, q)).toBe(2);
  });

  it('counts better classes ahead whatever their issue time', () => {
    const me = plain('me', 1);
    const q = [
      me,
      { id: 'p', issuedAt: at(5), rank: 'priority' as const },
      { id: 't', issuedAt: at(6), rank: 'transfer' as const },
      { id: 'ap', issuedAt: at(7), rank: 'appointment' as const },
    ];
    expect(peopleAhead(me, q)).toBe(3);
  });

  it('does not count worse classes even if issued earlier', () => {
    const me: QueuedForEstimate = { id: 'me', issuedAt: at(9), rank: 'priority' };
    expect(peopleAhead(me, [me, plain('x', 1), plain('y', 2)])).toBe(0);
  });

  it('orders tickets issued in the same millisecond by their number', () => {
    const q: QueuedForEstimate[] = [1, 2, 3].map((n) => ({ id: `z${4 - n}`, issuedAt: at(1), seqNo: n, rank: 'normal' }));
    expect(q.map((t) => peopleAhead(t, q))).toEqual([0, 1, 2]);
  });

  it('works for a ticket not in the list (a new ticket being estimated)', () => {
    expect(peopleAhead(plain('new', 9), [plain('a', 1), plain('b', 2)])).toBe(2);
  });
});
