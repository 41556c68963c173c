import { describe, expect, it } from 'vitest';
import { idCheckChar, idLast4, idNumberProblem, normalizeIdNumber } from '../../../server/domain/id-number.js';
import { isValidPhone, maskPhone, normalizePhone } from '../../../server/domain/phone.js';

const TODAY = '2026-11-23';

describe('idNumberProblem (GB 11643)', () => {
  it.each([
    '11010519491231002X', // the standard's own example
    '110101199003072316',
    '440308199901010012',
    '320102198001010016',
  ])('accepts %s', (id) => {
    expect(idNumberProblem(id, TODAY)).toBeNull();
  });

  it('computes the ISO 7064 MOD 11-2 check character', () => {
    expect(idCheckChar('11010519491231002')).toBe('X');
    expect(idCheckChar('11010119900307231')).toBe('6');
  });

  it('refuses a wrong check character for every other digit', () => {
    const base = '11010119900307231';
    for (const c of '0123456789X') {
      expect(idNumberProblem(base + c, TODAY)).toBe(c === '6' ? null : 'checksum');
    }
  });

  it.each([
    ['1101011990030723', 'format'],
    ['1101011990030723161', 'format'],
    ['11010119900307231A', 'format'],
    ['010101199003072316', 'region'],
    ['110101199002302316', 'birth-date'],
    ['110101203001012316', 'birth-date'],
    ['110101189912312316', 'birth-date'],
  ])('%s → %s', (id, problem) => {
    expect(idNumberProblem(id, TODAY)).toBe(problem);
  });

  it('a birth date after today is refused, today is accepted', () => {
    const body = `110101${TODAY.replaceAll('-', '')}001`;
    expect(idNumberProblem(body + idCheckChar(body), TODAY)).toBeNull();
    expect(idNumberProblem(body + idCheckChar(body), '2026-11-22')).toBe('birth-date');
  });

  it('normalises a lower-case x and spaces; keeps only the last 4', () => {
    expect(normalizeIdNumber(' 110105 19491231 002x ')).toBe('11010519491231002X');
    expect(idLast4('11010519491231002X')).toBe('002X');
  });
});

describe('phone numbers', () => {
  it.each([
    ['13812345678', true],
    ['19912345678', true],
    ['12812345678', false],
    ['1381234567', false],
    ['02887654321', true],
    ['075512345678', true],
    ['abc', false],
  ])('%s valid is %s', (phone, ok) => {
    expect(isValidPhone(phone)).toBe(ok);
  });

  it('normalises separators and the country prefix', () => {
    expect(normalizePhone('+86 138-1234-5678')).toBe('13812345678');
    expect(normalizePhone('0086 13812345678')).toBe('13812345678');
    expect(normalizePhone('028-8765 4321')).toBe('02887654321');
  });

  it('masks the middle digits', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('02887654321')).toBe('028****4321');
    expect(maskPhone('075512345678')).toBe('0755****5678');
    expect(maskPhone('123')).toBe('***');
  });
});
