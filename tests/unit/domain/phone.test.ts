import { describe, expect, it } from 'vitest';
import { normalizePhone, phoneKind } from '../../../server/domain/phone.js';

const kindOf = (raw: string) => phoneKind(normalizePhone(raw));

describe('phone classification: mobiles get SMS, landlines do not', () => {
  it.each([
    ['13812345678', 'mobile'],
    ['19912345678', 'mobile'],
    ['16612345678', 'mobile'],
    ['138 1234 5678', 'mobile'],
    ['138-1234-5678', 'mobile'],
    ['+86 138 1234 5678', 'mobile'],
    ['+8613812345678', 'mobile'],
    ['0086-13812345678', 'mobile'],
    ['010-12345678', 'landline'],
    ['(010) 1234 5678', 'landline'],
    ['02887654321', 'landline'],
    ['028-8765-4321', 'landline'],
    ['0571-87654321', 'landline'],
    ['0571-8765432', 'landline'],
    ['0755 1234 5678', 'landline'],
    ['+86 10 1234 5678', 'landline'],
    ['+86-571-87654321', 'landline'],
    ['+86 0571 87654321', 'landline'],
  ])('%s is a %s', (raw, kind) => {
    expect(kindOf(raw)).toBe(kind);
  });

  it.each([
    ['12812345678', 'a mobile starts 13–19'],
    ['1381234567', '10 digits'],
    ['138123456789', '12 digits'],
    ['010-1234567', 'Beijing numbers have 8 digits'],
    ['0571-876543', 'too short'],
    ['0571-876543210', 'too long'],
    ['87654321', 'no area code'],
    ['+1 415 555 0100', 'not a Chinese number'],
    ['abc', 'not a number'],
    ['', 'empty'],
  ])('%s is neither (%s)', (raw) => {
    expect(kindOf(raw)).toBeNull();
  });

  it('keeps the digits a person typed, separators and country prefix gone', () => {
    expect(normalizePhone('+86 10 1234 5678')).toBe('01012345678');
    expect(normalizePhone('(0571) 8765-4321')).toBe('057187654321');
    expect(normalizePhone('0086 138.1234.5678')).toBe('13812345678');
  });
});
