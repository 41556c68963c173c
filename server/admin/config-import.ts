import { hashPassword, hashToken } from '../app/secrets.js';
import { ConfigError, parseConfig } from '../config/load-config.js';
import type { HallConfig } from '../config/schema.js';
import { DomainError } from '../domain/errors.js';
import { assertAdmin } from './access.js';
import { applyConfigChange, type AdminDeps, type UserPrincipal } from './admin-deps.js';
import { diffConfigs, hallsTouched, type ConfigDiffEntry } from './config-diff.js';
import { canonicalConfig, exportConfig } from './config-export.js';
import { checkRemovals, removeMissing } from './config-removals.js';

export interface ImportResult {
  applied: boolean;
  changes: ConfigDiffEntry[];
}

/** Stands in for a secret the file leaves out because the database keeps its hash. */
const KEEP = '\u0000keep-existing-secret\u0000';

/**
 * Export leaves passwords and tokens out; an import may too for people and devices the
 * database already has (their hashes are kept). A new person needs a password, a new device a token.
 */
async function withKeptSecrets(deps: AdminDeps, raw: unknown): Promise<unknown> {
  if (typeof raw !== 'object' || raw === null) return raw;
  const r = raw as { staff?: unknown; devices?: unknown };
  const fill = async (items: unknown, key: 'password' | 'token', exists: (id: string) => Promise<boolean>) =>
    Array.isArray(items)
      ? Promise.all(
          items.map(async (x: unknown) =>
            x && typeof x === 'object' && !(key in x) && (await exists(String((x as { id?: unknown }).id))) ? { ...x, [key]: KEEP } : x,
          ),
        )
      : items;
  return {
    ...r,
    staff: await fill(r.staff, 'password', async (id) => Boolean(await deps.ctx.store.staff.get(id))),
    devices: await fill(r.devices, 'token', async (id) => Boolean(await deps.ctx.store.devices.get(id))),
  };
}

export async function validateImport(deps: AdminDeps, raw: unknown): Promise<HallConfig> {
  const withSecrets = await withKeptSecrets(deps, raw);
  try {
    return parseConfig(withSecrets);
  } catch (e) {
    if (e instanceof ConfigError) throw new DomainError('VALIDATION', e.message.replace(/^config field /, ''));
    throw e;
  }
}

/** Validates the file and shows what would change; writes only when `apply` is true. */
export async function importConfig(deps: AdminDeps, actor: UserPrincipal, raw: unknown, apply: boolean): Promise<ImportResult> {
  assertAdmin(actor);
  const config = await validateImport(deps, raw);
  const next = canonicalConfig(config);
  const current = await exportConfig(deps);
  // the preview refuses what the apply would refuse, so a confirmed import does not fail late
  await checkRemovals(deps, actor, current, next);
  const changes = diffConfigs(current, next);
  const secrets: { section: 'staff' | 'devices'; id: string; change: 'changed'; fields: string[] }[] = [];
  for (const s of config.staff) {
    if (s.password !== KEEP && (await deps.ctx.store.staff.get(s.id))) secrets.push({ section: 'staff', id: s.id, change: 'changed', fields: ['password'] });
  }
  for (const d of config.devices ?? []) {
    if (d.token !== KEEP && (await deps.ctx.store.devices.get(d.id))) secrets.push({ section: 'devices', id: d.id, change: 'changed', fields: ['token'] });
  }
  const all = [...changes, ...secrets];
  if (!apply) return { applied: false, changes: all };
  const dropped = await applyConfigChange(deps, actor, async () => {
    const before = await exportConfig(deps);
    await checkRemovals(deps, actor, before, next);
    await writeConfig(deps, config);
    const gone = await removeMissing(deps, before, next);
    const touched = hallsTouched(before, next, all);
    // an import that changes nothing is still filed, under every hall it names
    const hallIds = touched.length > 0 ? touched : [...new Set([...before.halls, ...next.halls].map((h) => h.id))];
    return { hallIds, entity: 'config', id: 'import', action: 'config.import', before, after: await exportConfig(deps), result: gone };
  });
  const disabled = [...next.staff, ...next.devices].filter((x) => !x.enabled).map((x) => x.id);
  for (const id of new Set([...dropped, ...disabled, ...secrets.map((s) => s.id)])) deps.disconnect(id);
  return { applied: true, changes: all };
}

/** what writing a whole configuration needs: the admin ports (also the seeding of a new PostgreSQL database) */
export type ConfigWriter = Pick<AdminDeps, 'halls' | 'services' | 'people' | 'settings'>;

/**
 * Writes every row of a validated config through the admin ports. Passwords and tokens marked
 * KEEP keep their hashes; `passwordHashes` (by staff id) are used as given, the others hashed here.
 */
export async function writeConfig(deps: ConfigWriter, c: HallConfig, passwordHashes: ReadonlyMap<string, string> = new Map()): Promise<void> {
  const windowHall = new Map(c.windows.map((w) => [w.id, w.hallId]));
  for (const h of c.halls) {
    const policy = { ...(c.policy ?? {}), ...(c.limits ?? {}), ...(h.policy ?? {}) };
    await deps.halls.saveHall({
      id: h.id,
      name: h.name,
      nameEn: h.nameEn ?? '',
      timezone: h.timezone,
      hours: h.hours,
      policy,
      notice: h.notice ?? '',
      address: h.address ?? '',
    });
    for (const z of h.zones) await deps.halls.saveZone({ id: z.id, hallId: h.id, name: z.name, nameEn: z.nameEn ?? '', announceFrom: z.announceFrom ?? [] });
  }
  for (const d of c.departments) await deps.halls.saveDepartment({ id: d.id, name: d.name, nameEn: d.nameEn ?? '' });
  for (const [i, s] of c.services.entries()) {
    await deps.services.saveService({
      id: s.id,
      hallId: s.hallId,
      departmentId: s.departmentId,
      name: s.name,
      nameEn: s.nameEn ?? '',
      prefix: s.prefix,
      avgServiceMinutes: s.avgServiceMinutes,
      enabled: s.enabled !== false,
      position: i,
      materials: s.materials ?? '',
    });
  }
  // numbers first out of the way, so two windows may swap numbers inside one import
  for (const [i, w] of c.windows.entries()) await deps.services.saveWindow({ ...pickWindow(w), number: -1 - i }, w.serviceIds);
  for (const w of c.windows) await deps.services.saveWindow(pickWindow(w), w.serviceIds);
  for (const s of c.staff) await writeStaff(deps, s, windowHall, passwordHashes);
  for (const d of c.devices ?? []) {
    const record = {
      id: d.id,
      hallId: d.hallId,
      kind: d.kind,
      windowId: d.windowId ?? null,
      zoneId: d.zoneId ?? null,
      enabled: (d as { enabled?: boolean }).enabled !== false,
    };
    await deps.people.saveDevice(record, d.token === KEEP ? null : hashToken(d.token));
  }
  await deps.settings.put('buses', c.buses ?? []);
  await deps.settings.put('hardware', c.hardware ?? []);
}

const pickWindow = (w: HallConfig['windows'][number]) => ({ id: w.id, hallId: w.hallId, zoneId: w.zoneId, number: w.number, name: w.name });

async function writeStaff(
  deps: ConfigWriter,
  s: HallConfig['staff'][number],
  windowHall: Map<string, string>,
  passwordHashes: ReadonlyMap<string, string>,
): Promise<void> {
  const firstWindow = s.windowIds?.[0] ?? s.substituteWindowIds?.[0];
  const hallId = s.hallId ?? (firstWindow ? windowHall.get(firstWindow) : undefined) ?? null;
  const enabled = (s as { enabled?: boolean }).enabled !== false;
  await deps.people.saveStaff(
    { id: s.id, hallId, name: s.name, employeeNo: s.employeeNo ?? '', role: s.role, username: s.username, enabled },
    s.password === KEEP ? null : (passwordHashes.get(s.id) ?? hashPassword(s.password)),
  );
  const windowIds = s.windowIds ?? [];
  await deps.people.setStaffWindows(s.id, [
    ...(s.substituteWindowIds ?? []).filter((w) => !windowIds.includes(w)).map((windowId) => ({ windowId, post: 'B' as const })),
    ...windowIds.map((windowId) => ({ windowId, post: 'A' as const })),
  ]);
  if (!enabled || s.password !== KEEP) await deps.people.endSessions(s.id);
}
