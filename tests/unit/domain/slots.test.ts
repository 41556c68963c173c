import { describe, expect, it } from 'vitest';
import { findSlot, mergePeriods, slotsOn } from '../../../server/domain/slots.js';
import { WEEKEND, type HallCalendar } from '../../../server/domain/working-calendar.js';

const CAL: HallCalendar = {
  hours: {
    summer: {
      from: '05-01',
      sessions: [
        ['08:30', '11:30'],
        ['13:30', '17:00'],
      ],
    },
    winter: {
      from: '10-01',
      sessions: [
        ['08:30', '11:30'],
        ['13:00', '16:30'],
      ],
    },
  },
  weeklyDaysOff: WEEKEND,
  days: [{ date: '2026-12-01', kind: 'holiday', name: '测试假日' }],
  extended: [
    { id: 'lunch', on: 'workdays', from: '12:00', to: '13:00', note: '' },
    { id: 'sat', on: '2026-11-28', from: '09:00', to: '10:00', note: '' },
  ],
};
const TZ = 'Asia/Shanghai';
const at = (date: string, time: string) => new Date(`${date}T${time}:00+08:00`).toISOString();

describe('slotsOn', () => {
  it('cuts the winter sessions and the lunch extension into 30-minute slots', () => {
    const slots = slotsOn(CAL, TZ, '2026-11-23', { slotMinutes: 30, capacityPerWindow: 2 }, 2);
    // 08:30–11:30 (6), 12:00–16:30 merged with the lunch hour (9)
    expect(slots).toHaveLength(15);
    expect(slots[0]).toEqual({ start: at('2026-11-23', '08:30'), end: at('2026-11-23', '09:00'), capacity: 4 });
    expect(slots.map((s) => s.start)).toContain(at('2026-11-23', '12:00'));
    expect(slots.map((s) => s.start)).not.toContain(at('2026-11-23', '11:30'));
    expect(slots.at(-1)?.end).toBe(at('2026-11-23', '16:30'));
  });

  it('offers whole slots only', () => {
    const slots = slotsOn(CAL, TZ, '2026-11-23', { slotMinutes: 40, capacityPerWindow: 1 }, 1);
    // 08:30–11:30 → 4 slots (to 11:10); 12:00–16:30 → 6 slots (to 16:00)
    expect(slots).toHaveLength(10);
    expect(slots[3]?.end).toBe(at('2026-11-23', '11:10'));
  });

  it('a weekend offers only its dated extension; a holiday nothing', () => {
    expect(slotsOn(CAL, TZ, '2026-11-28', { slotMinutes: 30, capacityPerWindow: 1 }, 1).map((s) => s.start)).toEqual([
      at('2026-11-28', '09:00'),
      at('2026-11-28', '09:30'),
    ]);
    expect(slotsOn(CAL, TZ, '2026-11-29', { slotMinutes: 30, capacityPerWindow: 1 }, 1)).toEqual([]);
    expect(slotsOn(CAL, TZ, '2026-12-01', { slotMinutes: 30, capacityPerWindow: 1 }, 1)).toEqual([]);
  });

  it('capacity is per window serving the service, at least one window', () => {
    expect(slotsOn(CAL, TZ, '2026-11-23', { slotMinutes: 60, capacityPerWindow: 3 }, 0)[0]?.capacity).toBe(3);
    expect(slotsOn(CAL, TZ, '2026-11-23', { slotMinutes: 60, capacityPerWindow: 3 }, 4)[0]?.capacity).toBe(12);
  });

  it('uses the summer sessions in summer', () => {
    const slots = slotsOn(CAL, TZ, '2026-07-06', { slotMinutes: 60, capacityPerWindow: 1 }, 1);
    expect(slots.map((s) => s.start)).toEqual(['08:30', '09:30', '10:30', '12:00', '13:30', '14:30', '15:30'].map((t) => at('2026-07-06', t)));
  });

  it('findSlot matches a start given with any offset', () => {
    const slots = slotsOn(CAL, TZ, '2026-11-23', { slotMinutes: 30, capacityPerWindow: 1 }, 1);
    expect(findSlot(slots, '2026-11-23T09:00:00+08:00')?.start).toBe(at('2026-11-23', '09:00'));
    expect(findSlot(slots, '2026-11-23T01:00:00Z')?.start).toBe(at('2026-11-23', '09:00'));
    expect(findSlot(slots, '2026-11-23T09:10:00+08:00')).toBeUndefined();
  });
});

describe('mergePeriods', () => {
  it('merges overlapping and touching periods and drops empty ones', () => {
    expect(
      mergePeriods([
        ['13:00', '16:30'],
        ['08:30', '11:30'],
        ['11:30', '12:00'],
        ['12:00', '13:00'],
        ['17:00', '17:00'],
      ]),
    ).toEqual([[510, 990]]);
    expect(
      mergePeriods([
        ['08:00', '09:00'],
        ['10:00', '11:00'],
      ]),
    ).toEqual([
      [480, 540],
      [600, 660],
    ]);
  });
});
