import type { StaffRecord } from '../../db/repositories/admin-people-repository.js';
import { hashPassword } from '../app/secrets.js';
import type { Role } from '../contract/dto.js';
import { DomainError } from '../domain/errors.js';
import type { Staff } from '../domain/model.js';
import { assertConfigures, invalid, newId, notFound } from './access.js';
import { applyConfigChange, type AdminDeps, type UserPrincipal } from './admin-deps.js';

export interface StaffInput {
  id?: string;
  hallId?: string | null;
  name: string;
  employeeNo?: string;
  role: Role;
  username: string;
  password: string;
  windowIds?: string[];
  substituteWindowIds?: string[];
}
export type StaffPatch = Partial<Omit<StaffInput, 'id' | 'password' | 'username'>> & { enabled?: boolean; username?: string };

/** A person as the console shows them: never the password hash. */
export interface StaffConfig extends StaffRecord {
  windowIds: string[];
  substituteWindowIds: string[];
  hasPhoto: boolean;
}

export async function staffConfig(deps: AdminDeps, s: Staff): Promise<StaffConfig> {
  return {
    id: s.id,
    hallId: s.hallId,
    name: s.name,
    employeeNo: s.employeeNo,
    role: s.role,
    username: s.username,
    enabled: s.enabled,
    windowIds: s.windows.filter((w) => w.post === 'A').map((w) => w.windowId),
    substituteWindowIds: s.windows.filter((w) => w.post === 'B').map((w) => w.windowId),
    hasPhoto: (await deps.people.photo(s.id)) !== undefined,
  };
}

export async function loadStaff(deps: AdminDeps, id: string): Promise<Staff> {
  const s = await deps.ctx.store.staff.get(id);
  if (!s) throw notFound('staff', id);
  return s;
}

/** Only an admin makes managers and admins; a manager manages the staff of their own hall. */
function assertManages(actor: UserPrincipal, s: Pick<StaffConfig, 'hallId' | 'role'>): void {
  if (s.role !== 'staff' && actor.role !== 'admin') throw new DomainError('FORBIDDEN', 'only an admin may manage managers and admins');
  if (s.role !== 'admin') assertConfigures(actor, s.hallId ?? '');
}

async function checkStaff(deps: AdminDeps, s: StaffConfig): Promise<void> {
  if (s.role !== 'admin' && !s.hallId) throw invalid('hallId', `required for a ${s.role}`);
  if (s.hallId && !(await deps.ctx.store.halls.hall(s.hallId))) throw invalid('hallId', `unknown hall "${s.hallId}"`);
  const other = await deps.ctx.store.staff.byUsername(s.username);
  if (other && other.id !== s.id) throw new DomainError('USERNAME_IN_USE', `username: "${s.username}" is already taken`);
  const check = async (ids: string[], field: string) => {
    for (const [i, id] of ids.entries()) {
      if ((await deps.ctx.store.halls.window(id))?.hallId !== s.hallId) throw invalid(`${field}[${i}]`, `"${id}" is not a window of hall ${s.hallId}`);
    }
  };
  await check(s.windowIds, 'windowIds');
  await check(s.substituteWindowIds, 'substituteWindowIds');
}

async function save(deps: AdminDeps, s: StaffConfig, passwordHash: string | null): Promise<void> {
  const { windowIds, substituteWindowIds, hasPhoto: _photo, ...record } = s;
  await deps.people.saveStaff(record, passwordHash);
  await deps.people.setStaffWindows(s.id, [
    ...substituteWindowIds.filter((w) => !windowIds.includes(w)).map((windowId) => ({ windowId, post: 'B' as const })),
    ...windowIds.map((windowId) => ({ windowId, post: 'A' as const })),
  ]);
}

export async function createStaff(deps: AdminDeps, actor: UserPrincipal, input: StaffInput): Promise<StaffConfig> {
  const id = newId('staff', input.id);
  const s: StaffConfig = {
    id,
    hallId: input.role === 'admin' ? (input.hallId ?? null) : (input.hallId ?? actor.hallId),
    name: input.name,
    employeeNo: input.employeeNo ?? '',
    role: input.role,
    username: input.username,
    enabled: true,
    windowIds: input.windowIds ?? [],
    substituteWindowIds: input.substituteWindowIds ?? [],
    hasPhoto: false,
  };
  assertManages(actor, s);
  return await applyConfigChange(deps, actor, async () => {
    if (await deps.ctx.store.staff.get(id)) throw new DomainError('ID_IN_USE', `staff ${id} already exists`);
    await checkStaff(deps, s);
    await save(deps, s, hashPassword(input.password));
    return { hallIds: s.hallId ? [s.hallId] : [], entity: 'staff', id, action: 'staff.create', before: null, after: s, result: s };
  });
}

/** Disabling someone logs them out at once: their sessions end and their sockets drop. */
export async function updateStaff(deps: AdminDeps, actor: UserPrincipal, id: string, patch: StaffPatch): Promise<StaffConfig> {
  const result = await applyConfigChange(deps, actor, async () => {
    const before = await staffConfig(deps, await loadStaff(deps, id));
    assertManages(actor, before);
    const after: StaffConfig = { ...before, ...patch };
    assertManages(actor, after);
    if (after.id === actor.id && (!after.enabled || after.role !== before.role))
      throw new DomainError('FORBIDDEN', 'you cannot disable yourself or change your own role');
    await checkStaff(deps, after);
    await save(deps, after, null);
    if (!after.enabled) await deps.people.endSessions(id);
    const hallIds = [...new Set([after.hallId, before.hallId].filter((h): h is string => Boolean(h)))];
    return {
      hallIds,
      entity: 'staff',
      id,
      action: after.enabled === before.enabled ? 'staff.update' : after.enabled ? 'staff.enable' : 'staff.disable',
      before,
      after,
      result: after,
    };
  });
  if (!result.enabled) deps.disconnect(id);
  return result;
}

export async function resetPassword(deps: AdminDeps, actor: UserPrincipal, id: string, password: string): Promise<void> {
  await applyConfigChange(deps, actor, async () => {
    const s = await staffConfig(deps, await loadStaff(deps, id));
    assertManages(actor, s);
    await deps.people.setPassword(id, hashPassword(password));
    if (id !== actor.id) await deps.people.endSessions(id);
    // the audit says that it changed, never the password
    return {
      hallIds: s.hallId ? [s.hallId] : [],
      entity: 'staff',
      id,
      action: 'staff.password',
      before: null,
      after: { passwordReset: true },
      result: undefined,
    };
  });
  if (id !== actor.id) deps.disconnect(id);
}

const PHOTO = /^data:image\/(png|jpeg|webp);base64,[A-Za-z0-9+/]+=*$/;
export const MAX_PHOTO_CHARS = 200_000;

/** The photo shown with the name and employee number at the window (工作人员身份公开). */
export async function setPhoto(deps: AdminDeps, actor: UserPrincipal, id: string, dataUrl: string | null): Promise<void> {
  if (dataUrl !== null && !PHOTO.test(dataUrl)) throw invalid('photo', 'a data URL of a PNG, JPEG or WebP image is required');
  if (dataUrl !== null && dataUrl.length > MAX_PHOTO_CHARS) throw invalid('photo', `at most ${MAX_PHOTO_CHARS} characters (about 150 KB)`);
  await applyConfigChange(deps, actor, async () => {
    const s = await staffConfig(deps, await loadStaff(deps, id));
    assertManages(actor, s);
    await deps.people.setPhoto(id, dataUrl, deps.ctx.clock.now().toISOString());
    return {
      hallIds: s.hallId ? [s.hallId] : [],
      entity: 'staff',
      id,
      action: 'staff.photo',
      before: { hasPhoto: s.hasPhoto },
      after: { hasPhoto: dataUrl !== null },
      result: undefined,
    };
  });
}
