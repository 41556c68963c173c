/**
 * The hall's door code: a short number shown on the hall's board that changes every few minutes.
 * A visitor checking in from their phone types it (or scans its QR), which they can only read
 * inside the hall. Derived, never stored: a keyed MAC of the hall and the time slot, so every
 * board and the server agree without talking to each other.
 */

/** keyed MAC of a message with the installation's key (raw bytes) */
export type DoorMac = (message: string) => Buffer;

export interface DoorCodeShown {
  code: string;
  /** when the board shows the next code (the shown one is still accepted one slot longer) */
  changesAt: string;
}

export type DoorCodeCheck = 'current' | 'expired' | 'wrong';

/** how many slots back a typed code is recognised as an old one ("scan again") rather than wrong */
const RECOGNISED_SLOTS = 12;

const slotOf = (now: Date, minutes: number) => Math.floor(now.getTime() / (minutes * 60_000));

function codeOfSlot(mac: DoorMac, hallId: string, slot: number): string {
  return String(mac(`door:${hallId}:${slot}`).readUInt32BE(0) % 1_000_000).padStart(6, '0');
}

export function doorCodeAt(mac: DoorMac, hallId: string, now: Date, minutes: number): DoorCodeShown {
  const slot = slotOf(now, minutes);
  return { code: codeOfSlot(mac, hallId, slot), changesAt: new Date((slot + 1) * minutes * 60_000).toISOString() };
}

/** The code of this slot or the one before is accepted: a visitor who read it just before it changed is not refused. */
export function checkDoorCode(mac: DoorMac, hallId: string, given: string, now: Date, minutes: number): DoorCodeCheck {
  const typed = given.replace(/\s/g, '');
  if (!/^\d{6}$/.test(typed)) return 'wrong';
  const slot = slotOf(now, minutes);
  if (typed === codeOfSlot(mac, hallId, slot) || typed === codeOfSlot(mac, hallId, slot - 1)) return 'current';
  for (let back = 2; back <= RECOGNISED_SLOTS; back++) if (typed === codeOfSlot(mac, hallId, slot - back)) return 'expired';
  return 'wrong';
}
