import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { checkDoorCode, doorCodeAt } from '../../../server/domain/door-code.js';

const mac = (key: string) => (message: string) => createHmac('sha256', key).update(message).digest();
const KEY = mac('installation-key');
const at = (iso: string) => new Date(iso);
const T0 = '2026-11-23T02:00:00.000Z'; // a slot boundary for 5-minute slots

describe('the door code shown on the hall board', () => {
  it("is 6 digits, the same all through its slot, and changes at the slot's end", () => {
    const first = doorCodeAt(KEY, 'main', at(T0), 5);
    expect(first.code).toMatch(/^\d{6}$/);
    expect(first.changesAt).toBe('2026-11-23T02:05:00.000Z');
    expect(doorCodeAt(KEY, 'main', at('2026-11-23T02:04:59.999Z'), 5).code).toBe(first.code);
    expect(doorCodeAt(KEY, 'main', at('2026-11-23T02:05:00.000Z'), 5).code).not.toBe(first.code);
  });

  it('differs between halls and between installations', () => {
    const main = doorCodeAt(KEY, 'main', at(T0), 5).code;
    expect(doorCodeAt(KEY, 'branch', at(T0), 5).code).not.toBe(main);
    expect(doorCodeAt(mac('another-key'), 'main', at(T0), 5).code).not.toBe(main);
  });

  it('is accepted in its slot and the next (read just before it changed), then recognised as expired', () => {
    const { code } = doorCodeAt(KEY, 'main', at(T0), 5);
    expect(checkDoorCode(KEY, 'main', code, at('2026-11-23T02:03:00Z'), 5)).toBe('current');
    expect(checkDoorCode(KEY, 'main', ` ${code.slice(0, 3)} ${code.slice(3)} `, at('2026-11-23T02:09:59Z'), 5)).toBe('current');
    expect(checkDoorCode(KEY, 'main', code, at('2026-11-23T02:10:00Z'), 5)).toBe('expired');
    expect(checkDoorCode(KEY, 'main', code, at('2026-11-23T03:00:00Z'), 5)).toBe('expired');
  });

  it("refuses another hall's code, a made-up one, and anything not 6 digits", () => {
    const branch = doorCodeAt(KEY, 'branch', at(T0), 5).code;
    expect(checkDoorCode(KEY, 'main', branch, at(T0), 5)).toBe('wrong');
    const real = doorCodeAt(KEY, 'main', at(T0), 5).code;
    const madeUp = real === '000000' ? '000001' : '000000';
    expect(checkDoorCode(KEY, 'main', madeUp, at(T0), 5)).toBe('wrong');
    for (const junk of ['', '12345', '1234567', 'abcdef']) expect(checkDoorCode(KEY, 'main', junk, at(T0), 5)).toBe('wrong');
  });

  it('follows the configured length of a slot', () => {
    expect(doorCodeAt(KEY, 'main', at(T0), 15).changesAt).toBe('2026-11-23T02:15:00.000Z');
    const { code } = doorCodeAt(KEY, 'main', at(T0), 15);
    expect(checkDoorCode(KEY, 'main', code, at('2026-11-23T02:29:00Z'), 15)).toBe('current');
    expect(checkDoorCode(KEY, 'main', code, at('2026-11-23T02:30:00Z'), 15)).toBe('expired');
  });
});
