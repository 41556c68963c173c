import { NO_HALL } from './ports.js';
import type { UserDto } from '../contract/dto.js';
import type { Principal } from '../contract/principal.js';
import { DomainError } from '../domain/errors.js';
import type { Staff } from '../domain/model.js';
import { PASSWORD_PROBLEM_MESSAGE, passwordProblem } from '../domain/password-rule.js';
import { limitsOf } from '../security/limits.js';
import { assertAllowed, SlidingWindowLimiter } from '../security/sliding-window.js';
import { monotonicMs, type AppContext } from './context.js';
import { hashToken, newToken, PasswordHasher } from './secrets.js';

export const SESSION_HOURS = 12;
/** last_seen_at is written at most this often per device, not on every request */
const TOUCH_EVERY_MS = 60_000;

/**
 * The hash of each bearer token lately presented: a hall has a few dozen kiosks, boards and
 * sessions, each sending its token with every request. Starts over when full.
 */
const presentedTokenHashes = new Map<string, string>();
export function hashOfPresented(token: string): string {
  let hash = presentedTokenHashes.get(token);
  if (hash === undefined) {
    hash = hashToken(token);
    if (presentedTokenHashes.size >= 1_000) presentedTokenHashes.clear();
    presentedTokenHashes.set(token, hash);
  }
  return hash;
}
const WRONG_LOGIN = '用户名或密码错误 (wrong username or password)';

export function toUserDto(s: Staff): UserDto {
  return {
    id: s.id,
    name: s.name,
    username: s.username,
    role: s.role,
    employeeNo: s.employeeNo,
    windowIds: s.windows.map((w) => w.windowId),
    windowPosts: Object.fromEntries(s.windows.map((w) => [w.windowId, w.post])),
    ...(s.hallId ? { hallId: s.hallId } : {}),
  };
}

/**
 * Logins, password changes and session ends. Failed attempts are counted per account and per
 * client address; past either limit the attempt is refused before any hashing is done.
 */
export class StaffSessions {
  private readonly hasher: PasswordHasher;
  private readonly byAccount: SlidingWindowLimiter;
  private readonly byAddress: SlidingWindowLimiter;

  constructor(private readonly ctx: AppContext) {
    const limits = limitsOf(ctx);
    const windowMs = limits.loginWindowMinutes * 60_000;
    this.hasher = new PasswordHasher(limits.concurrentPasswordHashes);
    this.byAccount = new SlidingWindowLimiter(limits.loginFailuresPerAccount, windowMs);
    this.byAddress = new SlidingWindowLimiter(limits.loginFailuresPerAddress, windowMs);
  }

  private assertNotLimited(account: string, address: string): void {
    const now = monotonicMs(this.ctx.clock);
    assertAllowed(this.byAddress.retryAfterSeconds(address, now), 'too many failed logins from this address');
    assertAllowed(this.byAccount.retryAfterSeconds(account, now), 'too many failed logins for this account');
  }

  private failed(account: string, address: string): DomainError {
    const now = monotonicMs(this.ctx.clock);
    this.byAccount.record(account, now);
    this.byAddress.record(address, now);
    return new DomainError('UNAUTHORIZED', WRONG_LOGIN);
  }

  async login(username: string, password: string, address: string): Promise<{ token: string; user: UserDto; expiresAt: string; expiresInSeconds: number }> {
    const account = username.toLowerCase();
    this.assertNotLimited(account, address);
    const found = await this.ctx.store.staff.byUsername(username);
    const matches = await this.hasher.verify(password, found?.passwordHash);
    // read again after the wait: the person may have been disabled or removed meanwhile
    const staff = matches ? await this.ctx.store.staff.byUsername(username) : undefined;
    if (!staff || !staff.enabled || staff.passwordHash !== found?.passwordHash) throw this.failed(account, address);
    this.byAccount.clear(account);
    const token = newToken();
    const now = this.ctx.clock.now();
    const expires = new Date(now.getTime() + SESSION_HOURS * 3_600_000);
    await this.ctx.store.writeHall(NO_HALL, async (tx) => await tx.staff.createSession(hashToken(token), staff.id, now.toISOString(), expires.toISOString()));
    // the console warns before this and keeps the clerk's pending action across a re-login
    return { token, user: toUserDto(staff), expiresAt: expires.toISOString(), expiresInSeconds: SESSION_HOURS * 3600 };
  }

  async logout(token: string): Promise<void> {
    const hash = hashToken(token);
    await this.ctx.store.writeHall(NO_HALL, async (tx) => await tx.staff.deleteSession(hash));
    this.ctx.sessions?.ended([hash]);
  }

  /** The person's own change: the current password is checked (and counted like a login); other sessions end. */
  async changePassword(user: Extract<Principal, { type: 'user' }>, token: string, current: string, next: string, address: string): Promise<void> {
    const staff = await this.ctx.store.staff.get(user.id);
    if (!staff) throw new DomainError('UNAUTHORIZED', 'this session has ended');
    const account = staff.username.toLowerCase();
    this.assertNotLimited(account, address);
    if (!(await this.hasher.verify(current, staff.passwordHash))) {
      this.failed(account, address);
      throw new DomainError('VALIDATION', 'currentPassword: 当前密码不正确 (the current password is wrong)');
    }
    const problem = passwordProblem(next, { username: staff.username, current });
    if (problem) throw new DomainError('VALIDATION', PASSWORD_PROBLEM_MESSAGE[problem], { problem });
    const hash = await this.hasher.hash(next);
    const ended = await this.ctx.store.writeHall(NO_HALL, async (tx) => {
      await tx.staff.setPassword(staff.id, hash);
      return await tx.staff.deleteOtherSessions(staff.id, hashToken(token));
    });
    this.ctx.sessions?.ended(ended);
  }

  /** Stops the hashing threads (the server is closing). */
  close(): Promise<void> {
    return this.hasher.close();
  }

  /** Deletes sessions past their expiry and ends their sockets. */
  async sweepExpired(): Promise<number> {
    const ended = await this.ctx.store.writeHall(NO_HALL, async (tx) => await tx.staff.deleteExpiredSessions(this.ctx.clock.now().toISOString()));
    this.ctx.sessions?.ended(ended);
    return ended.length;
  }
}

export function userPrincipal(s: Staff): Principal {
  return { type: 'user', id: s.id, name: s.name, role: s.role, hallId: s.hallId, windowIds: s.windows.map((w) => w.windowId) };
}

/** A bearer token is either a staff session or a device token; null when it is neither. */
export async function authenticate(ctx: AppContext, token: string): Promise<Principal | null> {
  const hash = hashOfPresented(token);
  const now = ctx.clock.now();
  // devices first: kiosks and boards make most requests, and their lookup is kept in memory
  const device = await ctx.store.devices.byTokenHash(hash);
  if (!device) {
    const staff = await ctx.store.staff.sessionStaff(hash, now.toISOString());
    return staff?.enabled ? userPrincipal(staff) : null;
  }
  if (!device.enabled) return null;
  if (!device.lastSeenAt || now.getTime() - Date.parse(device.lastSeenAt) > TOUCH_EVERY_MS) {
    await ctx.store.devices.touch(device.id, now.toISOString());
  }
  return { type: 'device', id: device.id, kind: device.kind, hallId: device.hallId, windowId: device.windowId };
}
