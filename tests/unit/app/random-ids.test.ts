import { describe, expect, it } from 'vitest';
import { randomToken, timeOrderedUuid } from '../../../server/app/random-ids.js';

const T0 = Date.UTC(2026, 10, 23, 2, 0, 0);

describe('timeOrderedUuid()', () => {
  it('is a version-7 UUID whose first 48 bits are the millisecond it was made', () => {
    const id = timeOrderedUuid(T0);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(T0);
  });

  it('sorts as text in the order of the times it was made', () => {
    const times = [T0, T0 + 1, T0 + 999, T0 + 60_000, T0 + 86_400_000 * 400];
    const ids = times.map((t) => timeOrderedUuid(t));
    expect([...ids].sort()).toEqual(ids);
  });

  it('differs from one call to the next within the same millisecond', () => {
    const ids = new Set(Array.from({ length: 10_000 }, () => timeOrderedUuid(T0)));
    expect(ids.size).toBe(10_000);
  });
});

describe('randomToken()', () => {
  it('gives 16 random bytes as base64url by default, never the same twice', () => {
    const tokens = Array.from({ length: 5_000 }, () => randomToken());
    for (const t of tokens.slice(0, 50)) expect(t).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(new Set(tokens).size).toBe(tokens.length);
    expect(Buffer.from(randomToken(32), 'base64url').length).toBe(32);
  });
});
