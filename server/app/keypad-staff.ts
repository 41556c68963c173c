/**
 * Who a keypad acts for. A keypad is a clerk's hands, never an anonymous device: its keys are
 * the person on duty at its window (the one who opened it, at the console or by signing in on
 * the keypad with their employee number). With nobody on duty the keys are refused, so every
 * ticket, window change and rating carries a staff member for reports, scores and 整改.
 */
import type { WindowDto } from '../contract/dto.js';
import type { Principal } from '../contract/principal.js';
import { DomainError } from '../domain/errors.js';
import { assertCanActAtWindow, forbidden } from './actor.js';
import type { AppContext } from './context.js';
import { userPrincipal } from './auth.js';
import { closeWindow, loadWindow, openWindow } from './window-status.js';

export const SIGN_IN_REQUIRED = 'SIGN_IN_REQUIRED';

function assertKeypadRelay(device: Principal, hallId: string): void {
  if (device.type !== 'device' || device.kind !== 'agent' || device.hallId !== hallId) throw forbidden('only a device agent of this hall relays keypads');
}

/** the person on duty at the window, as whom its keypad acts */
export async function keypadActor(ctx: AppContext, device: Principal, windowId: string): Promise<Principal> {
  const w = await loadWindow(ctx, windowId);
  assertKeypadRelay(device, w.hallId);
  const staff = w.status !== 'closed' && w.staffId ? await ctx.store.staff.get(w.staffId) : undefined;
  if (!staff || !staff.enabled) {
    throw new DomainError(SIGN_IN_REQUIRED, `${w.name} 无人签到：请先在呼叫器上输入工号签到`);
  }
  return userPrincipal(staff);
}

/** 工号签到 on the keypad: the person opens the window (or is already on duty there). */
export async function keypadSignIn(ctx: AppContext, device: Principal, windowId: string, employeeNo: string): Promise<WindowDto> {
  const w = await loadWindow(ctx, windowId);
  assertKeypadRelay(device, w.hallId);
  const staff = (await ctx.store.staff.all()).find(
    (s) => s.enabled && s.employeeNo === employeeNo && (s.hallId === w.hallId || s.windows.some((x) => x.windowId === w.id)),
  );
  if (!staff) throw new DomainError('UNKNOWN_EMPLOYEE', `工号 ${employeeNo} 不是本厅在岗人员`);
  const person = userPrincipal(staff);
  assertCanActAtWindow(person, w);
  if (w.status !== 'closed' && w.staffId && w.staffId !== staff.id) {
    const holder = await ctx.store.staff.get(w.staffId);
    throw new DomainError('WINDOW_HELD', `${w.name} 由 ${holder?.name ?? w.staffId} 在岗，请其先签退`);
  }
  return await openWindow(ctx, person, windowId);
}

/** 签退 on the keypad: the person on duty closes the window. */
export async function keypadSignOut(ctx: AppContext, device: Principal, windowId: string): Promise<WindowDto> {
  return await closeWindow(ctx, await keypadActor(ctx, device, windowId), windowId);
}
