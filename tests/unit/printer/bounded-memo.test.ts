import { describe, expect, it } from 'vitest';
import { boundedMemo } from '../../../drivers/printer/bounded-memo.js';

describe('boundedMemo', () => {
  it('computes a key once while it is kept, and keeps no more than its bound', () => {
    const computed: string[] = [];
    const upper = boundedMemo((s: string) => {
      computed.push(s);
      return s.toUpperCase();
    }, 3);
    expect([upper('a'), upper('b'), upper('a')]).toEqual(['A', 'B', 'A']);
    expect(computed).toEqual(['a', 'b']);
    upper('c');
    upper('d'); // full: starts over with d alone
    upper('a');
    expect(computed).toEqual(['a', 'b', 'c', 'd', 'a']);
  });
});
