import { hallCalendar } from '../app/hall-calendar.js';
import { localTime } from '../domain/local-time.js';
import { DEFAULT_SLOT_SETTINGS, slotsOn, type Slot } from '../domain/slots.js';
import { addDays, isRealDate } from '../domain/working-calendar.js';
import { hallOf, invalid, rulesOf, serviceOf, type AppointmentDeps } from './deps.js';

export interface SlotView extends Slot {
  booked: number;
}

/** The slots still ahead of a service on a local date, with places taken; [] outside the booking horizon. */
export async function slotsFor(deps: AppointmentDeps, serviceId: string, date: string): Promise<SlotView[]> {
  if (!isRealDate(date)) throw invalid('date', 'must be a date YYYY-MM-DD');
  const service = await serviceOf(deps, serviceId);
  const now = deps.ctx.clock.now().getTime();
  const slots = (await offeredSlots(deps, serviceId, date)).filter((s) => Date.parse(s.start) > now);
  if (slots.length === 0) return [];
  const taken = await deps.appointments.takenBySlot(service.id, slots[0]!.start, slots.at(-1)!.end);
  return slots.map((s) => ({ ...s, booked: taken.get(s.start) ?? 0 }));
}

/** Slots from the calendar and the service's settings, within today … today + bookingDaysAhead. */
export async function offeredSlots(deps: AppointmentDeps, serviceId: string, date: string): Promise<Slot[]> {
  const service = await serviceOf(deps, serviceId);
  const hall = await hallOf(deps, service.hallId);
  const today = localTime(deps.ctx.clock.now(), hall.timezone).date;
  if (!service.enabled || date < today || date > addDays(today, (await rulesOf(deps, hall.id)).bookingDaysAhead)) return [];
  const settings = (await deps.appointments.slotSettings(service.id)) ?? DEFAULT_SLOT_SETTINGS;
  if (settings.capacityPerWindow === 0) return [];
  const windows = (await deps.ctx.store.halls.windowsServing(service.id)).length;
  return slotsOn(await hallCalendar(deps.ctx, hall, date, date), hall.timezone, date, settings, windows);
}
