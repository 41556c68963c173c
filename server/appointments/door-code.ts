import type { Principal } from '../contract/principal.js';
import { assertInHall, forbidden } from '../app/actor.js';
import { checkDoorCode, doorCodeAt } from '../domain/door-code.js';
import { DomainError } from '../domain/errors.js';
import { hallOf, rulesOf, type AppointmentDeps } from './deps.js';

export interface DoorCodeView {
  code: string;
  changesAt: string;
  minutes: number;
  /** seconds until the next code, by the server's clock (a board's own clock may be off) */
  refreshInSeconds: number;
  /** what the QR holds: the booking page, which checks in with this code */
  url: string;
}

/** Only the hall's own screens (boards, kiosks) and its staff see the code: it proves presence in the hall. */
export async function doorCodeFor(deps: AppointmentDeps, actor: Principal, hallId: string): Promise<DoorCodeView> {
  const hall = await hallOf(deps, hallId);
  if (actor.type === 'device' && actor.kind !== 'display' && actor.kind !== 'kiosk') throw forbidden("only the hall's boards and kiosks show the door code");
  assertInHall(actor, hall.id);
  const minutes = (await rulesOf(deps, hall.id)).doorCodeMinutes;
  const now = deps.ctx.clock.now();
  const shown = doorCodeAt(deps.doorMac, hall.id, now, minutes);
  const refreshInSeconds = Math.max(1, Math.ceil((Date.parse(shown.changesAt) - now.getTime()) / 1000));
  const path = `/book/?hall=${encodeURIComponent(hall.id)}&door=${shown.code}`;
  return { ...shown, minutes, refreshInSeconds, url: deps.publicUrl ? `${deps.publicUrl.replace(/\/+$/, '')}${path}` : path };
}

/** A check-in from the visitor's own phone names the code on the hall's board: "我已到大厅" worked from home. */
export async function assertInTheHall(deps: AppointmentDeps, hallId: string, doorCode: unknown): Promise<void> {
  if (doorCode === undefined || doorCode === null || doorCode === '') {
    throw new DomainError('DOOR_CODE_REQUIRED', "doorCode is required: scan the QR code on the hall's screen, or type the 6-digit code shown there");
  }
  if (typeof doorCode !== 'string' || doorCode.length > 16) throw new DomainError('VALIDATION', "doorCode must be the 6-digit code shown on the hall's screen");
  const check = checkDoorCode(deps.doorMac, hallId, doorCode, deps.ctx.clock.now(), (await rulesOf(deps, hallId)).doorCodeMinutes);
  if (check === 'expired') throw new DomainError('DOOR_CODE_EXPIRED', "doorCode has changed since: read (or scan) the code on the hall's screen again");
  if (check === 'wrong') throw new DomainError('DOOR_CODE_WRONG', "doorCode is not the code shown on the hall's screen");
}
