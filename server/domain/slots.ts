/**
 * Appointment slots of a service on a date, cut from the working calendar: the walk-in
 * sessions of a working day plus the extended periods (延时 · 错时) open to appointments.
 */
import { clockMinutes } from './local-time.js';
import { extendedPeriods, walkInSessions, zonedInstant, type HallCalendar, type Session } from './working-calendar.js';

export interface SlotSettings {
  /** length of one slot, minutes */
  slotMinutes: number;
  /** bookings per slot for each window serving the service */
  capacityPerWindow: number;
}

export const DEFAULT_SLOT_SETTINGS: SlotSettings = { slotMinutes: 30, capacityPerWindow: 2 };

export interface Slot {
  /** ISO instants */
  start: string;
  end: string;
  capacity: number;
}

/** Overlapping or touching periods become one, so a slot can span a session and an extension. */
export function mergePeriods(periods: readonly Session[]): [number, number][] {
  const spans = periods.map(([a, b]): [number, number] => [clockMinutes(a), clockMinutes(b)]).filter(([a, b]) => b > a);
  spans.sort((x, y) => x[0] - y[0]);
  const merged: [number, number][] = [];
  for (const span of spans) {
    const last = merged.at(-1);
    if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
    else merged.push([...span]);
  }
  return merged;
}

const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** Whole slots only: a period's tail shorter than a slot is not offered. */
export function slotsOn(cal: HallCalendar, timeZone: string, date: string, settings: SlotSettings, windowCount: number): Slot[] {
  const capacity = settings.capacityPerWindow * Math.max(1, windowCount);
  const spans = mergePeriods([...walkInSessions(cal, date), ...extendedPeriods(cal, date)]);
  const slots: Slot[] = [];
  for (const [from, to] of spans) {
    for (let t = from; t + settings.slotMinutes <= to; t += settings.slotMinutes) {
      slots.push({
        start: zonedInstant(date, hhmm(t), timeZone).toISOString(),
        end: zonedInstant(date, hhmm(t + settings.slotMinutes), timeZone).toISOString(),
        capacity,
      });
    }
  }
  return slots;
}

/** The slot that starts at `start` (an ISO instant, any offset), if the date offers one. */
export function findSlot(slots: readonly Slot[], start: string): Slot | undefined {
  const at = Date.parse(start);
  return slots.find((s) => Date.parse(s.start) === at);
}
