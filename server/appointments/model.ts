import type { IdRequirement } from '../domain/booking-identity.js';

/** Appointment records and the per-hall figures that govern them. Times are ISO-8601 UTC. */
export type AppointmentStatus = 'booked' | 'checked_in' | 'cancelled' | 'no_show';
export type AppointmentChannel = 'online' | 'phone' | 'onsite';
/** the language a booking was made in: its messages are written in it */
export type AppointmentLang = 'zh-CN' | 'en';

export interface Appointment {
  id: string;
  code: string;
  hallId: string;
  serviceId: string;
  slotStart: string;
  slotEnd: string;
  status: AppointmentStatus;
  channel: AppointmentChannel;
  name: string;
  phone: string;
  phoneHash: string;
  idHash: string | null;
  idLast4: string | null;
  createdAt: string;
  createdBy: string | null;
  checkedInAt: string | null;
  ticketId: string | null;
  cancelledAt: string | null;
  noShowAt: string | null;
  purgedAt: string | null;
  /** the phone was confirmed (SMS code, or staff took the booking): only then can no-shows bar it */
  phoneConfirmed: boolean;
  lang: AppointmentLang;
}

export interface AppointmentBar {
  id: string;
  hallId: string;
  /** keyed hashes of every phone and ID number the bar covers */
  keys: { kind: 'phone' | 'id'; hash: string }[];
  phoneMasked: string;
  noShows: number;
  createdAt: string;
  expiresAt: string;
  liftedAt: string | null;
  liftedBy: string | null;
  liftReason: string | null;
}

/** Every figure configurable per hall (PUT /api/halls/:hallId/appointment-rules). */
export interface AppointmentRules {
  /** check-in opens this long before the slot starts */
  checkInBeforeMinutes: number;
  /** check-in closes this long after the start; not checked in by then = no_show */
  checkInAfterMinutes: number;
  /** this many no-shows within `noShowPeriodDays` bar the person */
  noShowLimit: number;
  noShowPeriodDays: number;
  /** how long a bar lasts */
  barDays: number;
  /** how far ahead a slot may be booked */
  bookingDaysAhead: number;
  /** personal data (name, phone) of finished appointments is erased after this */
  retentionDays: number;
  /** reminders before the start, minutes (the day before, one hour before) */
  reminderMinutesBefore: number[];
  /** "your turn soon" when this many or fewer are ahead of a checked-in visitor */
  turnSoonAhead: number;
  /** the hall's SMS gateway or integration; null: notifications are only logged */
  webhookUrl: string | null;
  /** online bookings confirm the mobile number with an SMS code before they hold a place */
  confirmPhone: boolean;
  /** when an online booking must give an ID number (domain/booking-identity): a bar is not escaped by a new phone */
  idRequired: IdRequirement;
  /** the door code on the hall's board changes this often (1–60 min); the phone's check-in needs it */
  doorCodeMinutes: number;
}

export const DEFAULT_RULES: AppointmentRules = {
  checkInBeforeMinutes: 30,
  checkInAfterMinutes: 30,
  noShowLimit: 3,
  noShowPeriodDays: 90,
  barDays: 90,
  bookingDaysAhead: 14,
  retentionDays: 180,
  reminderMinutesBefore: [24 * 60, 60],
  turnSoonAhead: 2,
  webhookUrl: null,
  confirmPhone: true,
  idRequired: 'new-phones',
  doorCodeMinutes: 5,
};
