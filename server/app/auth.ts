import type { UserDto } from '../contract/dto.js';
import type { Principal } from '../contract/principal.js';
import { DomainError } from '../domain/errors.js';
import type { Staff } from '../domain/model.js';
import type { AppContext } from './context.js';
import { hashToken, newToken, verifyPassword } from './secrets.js';

const SESSION_HOURS = 12;
/** last_seen_at is written at most this often per device, not on every request */
const TOUCH_EVERY_MS = 60_000;

export function toUserDto(s: Staff): UserDto {
  return {
    id: s.id, name: s.name, role: s.role, employeeNo: s.employeeNo, windowIds: s.windows.map((w) => w.windowId),
    windowPosts: Object.fromEntries(s.windows.map((w) => [w.windowId, w.post])),
    ...(s.hallId ? { hallId: s.hallId } : {}),
  };
}

export function login(ctx: AppContext, username: string, password: string): { token: string; user: UserDto; expiresAt: string; expiresInSeconds: number } {
  const staff = ctx.store.staff.byUsername(username);
  if (!staff || !staff.enabled || !verifyPassword(password, staff.passwordHash)) {
    throw new DomainError('UNAUTHORIZED', '用户名或密码错误 (wrong username or password)');
  }
  const token = newToken();
  const now = ctx.clock.now();
  const expires = new Date(now.getTime() + SESSION_HOURS * 3_600_000);
  ctx.store.transaction(() => ctx.store.staff.createSession(hashToken(token), staff.id, now.toISOString(), expires.toISOString()));
  // the console warns before this and keeps the clerk's pending action across a re-login
  return { token, user: toUserDto(staff), expiresAt: expires.toISOString(), expiresInSeconds: SESSION_HOURS * 3600 };
}

export function logout(ctx: AppContext, token: string): void {
  ctx.store.transaction(() => ctx.store.staff.deleteSession(hashToken(token)));
}

export function userPrincipal(s: Staff): Principal {
  return { type: 'user', id: s.id, name: s.name, role: s.role, hallId: s.hallId, windowIds: s.windows.map((w) => w.windowId) };
}

/** A bearer token is either a staff session or a device token; null when it is neither. */
export function authenticate(ctx: AppContext, token: string): Principal | null {
  const hash = hashToken(token);
  const now = ctx.clock.now();
  const staff = ctx.store.staff.sessionStaff(hash, now.toISOString());
  if (staff) return staff.enabled ? userPrincipal(staff) : null;
  const device = ctx.store.devices.byTokenHash(hash);
  if (!device || !device.enabled) return null;
  if (!device.lastSeenAt || now.getTime() - Date.parse(device.lastSeenAt) > TOUCH_EVERY_MS) {
    ctx.store.devices.touch(device.id, now.toISOString());
  }
  return { type: 'device', id: device.id, kind: device.kind, hallId: device.hallId, windowId: device.windowId };
}
