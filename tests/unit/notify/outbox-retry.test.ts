import { describe, expect, it } from 'vitest';
import { retryDelaySeconds } from '../../../server/notify/outbox-dispatcher.js';

describe('outbox retry back-off', () => {
  it.each([
    [1, 30],
    [2, 60],
    [3, 120],
    [4, 240],
    [7, 1920],
    [8, 3600],
    [50, 3600],
  ])('after %i failed attempts waits %i s', (attempts, seconds) => {
    expect(retryDelaySeconds(attempts)).toBe(seconds);
  });
});
