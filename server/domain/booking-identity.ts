/**
 * When an online booking must give an ID number. A bar covers the phones and ID numbers of the
 * no-shows that caused it; without this rule a barred person books again under a new phone and
 * no ID. A phone that has been to the hall (a checked-in booking) and missed nothing since needs
 * none: regular visitors are not asked each time.
 */
export type IdRequirement = 'new-phones' | 'always' | 'never';

export const ID_REQUIREMENTS: readonly IdRequirement[] = ['new-phones', 'always', 'never'];

/** What the hall knows of a phone number: its attended bookings, and its no-shows in the counting period. */
export interface PhoneHistory {
  attended: number;
  recentNoShows: number;
}

export function idNumberRequired(rule: IdRequirement, phone: PhoneHistory): boolean {
  if (rule === 'always') return true;
  if (rule === 'never') return false;
  return phone.attended === 0 || phone.recentNoShows > 0;
}
