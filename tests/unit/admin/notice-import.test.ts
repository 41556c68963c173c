import { describe, expect, it } from 'vitest';
import { parseNotice } from '../../../staff-ui/admin/notice-import.js';

describe("parseNotice() reads the year's 放假/调休 notice", () => {
  it('takes one date a line with 放假 or 调休上班', () => {
    const r = parseNotice('2027-01-01 元旦 放假\n2027-02-07 调休上班\n', '2027');
    expect(r).toEqual({
      ok: true,
      days: [
        { date: '2027-01-01', kind: 'holiday', name: '元旦' },
        { date: '2027-02-07', kind: 'workday', name: '' },
      ],
    });
  });

  it('expands a range written the way the State Council writes it, across a month end', () => {
    const r = parseNotice('春节：2027年2月5日至2月11日放假调休，共7天', '2027');
    expect(r.ok && r.days.map((d) => d.date)).toEqual(['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11']);
    expect(r.ok && r.days.every((d) => d.kind === 'holiday' && d.name === '春节')).toBe(true);
    const across = parseNotice('2027-04-30 ~ 2027-05-02 劳动节', '2027');
    expect(across.ok && across.days.map((d) => d.date)).toEqual(['2027-04-30', '2027-05-01', '2027-05-02']);
  });

  it('reads a bare list of dates as days off, and a later line about a date wins', () => {
    const r = parseNotice('2027-10-01, 2027-10-02、2027/10/3\n2027-10-02 补班', '2027');
    expect(r.ok && r.days.map((d) => `${d.date} ${d.kind}`)).toEqual(['2027-10-01 holiday', '2027-10-02 workday', '2027-10-03 holiday']);
  });

  it('names the line of a date that does not exist or lies outside the year', () => {
    expect(parseNotice('2027-01-01 放假\n2027-02-30 放假', '2027')).toEqual({ ok: false, line: 2, text: '2027-02-30 放假', problem: 'date' });
    expect(parseNotice('2026-12-31 放假', '2027')).toMatchObject({ ok: false, line: 1, problem: 'year' });
    expect(parseNotice('元旦放假', '2027')).toMatchObject({ ok: false, line: 1, problem: 'date' });
    expect(parseNotice('2027-03-05 至 2027-03-01 放假', '2027')).toMatchObject({ ok: false, problem: 'range' });
    expect(parseNotice('\n  \n', '2027')).toMatchObject({ ok: false, problem: 'empty' });
  });
});
