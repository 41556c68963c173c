import { Value } from '@sinclair/typebox/value';
import type { HallRecord } from '../../db/repositories/admin-hall-repository.js';
import { PolicySchema } from '../config/schema.js';
import { sessionsProblem } from '../config/hall-rules.js';
import { isValidTimeZone } from '../domain/local-time.js';
import { DomainError } from '../domain/errors.js';
import { assertAdmin, assertConfigures, invalid, newId, notFound } from './access.js';
import { applyConfigChange, type AdminDeps, type UserPrincipal } from './admin-deps.js';

export interface ZoneInput {
  id?: string;
  name?: string;
  nameEn?: string;
  announceFrom?: string[];
}
export interface HallInput {
  id?: string;
  name: string;
  nameEn?: string;
  timezone: string;
  hours: unknown;
  notice?: string;
  address?: string;
  zones?: (ZoneInput & { name: string })[];
}

export async function loadHallRecord(deps: AdminDeps, id: string): Promise<HallRecord> {
  const hall = await deps.halls.hall(id);
  if (!hall) throw notFound('hall', id);
  return hall;
}

function checkTimezone(timezone: string): void {
  if (!isValidTimeZone(timezone)) throw invalid('timezone', `unknown time zone "${timezone}"`);
}

/** the config file's rule, the same function */
function checkHours(hours: unknown): void {
  const problem = sessionsProblem(hours as Parameters<typeof sessionsProblem>[0]);
  if (problem) throw invalid(problem[0], problem[1]);
}

/** A new hall (主厅 or 分厅) with the zones asked for (none is made up: zones are added when known): admins only. */
export async function createHall(deps: AdminDeps, actor: UserPrincipal, input: HallInput): Promise<HallRecord> {
  assertAdmin(actor);
  checkTimezone(input.timezone);
  checkHours(input.hours);
  const id = newId('hall', input.id);
  const zones = (input.zones ?? []).map((z) => ({
    id: newId(`${id}-zone`, z.id),
    hallId: id,
    name: z.name,
    ...(z.nameEn ? { nameEn: z.nameEn } : {}),
    announceFrom: [] as string[],
  }));
  return await applyConfigChange(deps, actor, async () => {
    if (await deps.halls.hall(id)) throw new DomainError('ID_IN_USE', `hall ${id} already exists`);
    for (const z of zones) if (await deps.ctx.store.halls.zone(z.id)) throw new DomainError('ID_IN_USE', `zone ${z.id} already exists`);
    const hall: HallRecord = {
      id,
      name: input.name,
      ...(input.nameEn ? { nameEn: input.nameEn } : {}),
      timezone: input.timezone,
      hours: input.hours,
      policy: {},
      notice: input.notice ?? '',
      address: input.address?.trim() ?? '',
    };
    await deps.halls.saveHall(hall);
    for (const z of zones) await deps.halls.saveZone(z);
    return { hallIds: [id], entity: 'hall', id, action: 'hall.create', before: null, after: { ...hall, zones }, result: hall };
  });
}

export async function updateHall(
  deps: AdminDeps,
  actor: UserPrincipal,
  id: string,
  patch: Partial<Pick<HallRecord, 'name' | 'nameEn' | 'timezone' | 'hours' | 'notice' | 'address'>>,
): Promise<HallRecord> {
  assertConfigures(actor, id);
  if (patch.timezone !== undefined) checkTimezone(patch.timezone);
  if (patch.hours !== undefined) checkHours(patch.hours);
  return await applyConfigChange(deps, actor, async () => {
    const before = await loadHallRecord(deps, id);
    const after = { ...before, ...patch, ...(patch.address !== undefined ? { address: patch.address.trim() } : {}) };
    await deps.halls.saveHall(after);
    const action = Object.keys(patch).length === 1 && patch.notice !== undefined ? 'hall.notice' : 'hall.update';
    return { hallIds: [id], entity: 'hall', id, action, before, after, result: after };
  });
}

/** The calling policy as written for this hall; unspecified figures keep their defaults. */
export async function setPolicy(deps: AdminDeps, actor: UserPrincipal, id: string, policy: Record<string, unknown>): Promise<HallRecord> {
  assertConfigures(actor, id);
  const error = Value.Errors(PolicySchema, policy).First();
  if (error) throw invalid(`policy${error.path.replace(/\//g, '.')}`, error.message);
  const [impatient, annoyed, leaving] = (policy.waitAlertMinutes as number[] | undefined) ?? [1, 2, 3];
  if (!(impatient! < annoyed! && annoyed! < leaving!)) throw invalid('policy.waitAlertMinutes', 'the three marks must increase');
  return await applyConfigChange(deps, actor, async () => {
    const before = await loadHallRecord(deps, id);
    const after = { ...before, policy };
    await deps.halls.saveHall(after);
    return { hallIds: [id], entity: 'policy', id, action: 'hall.policy', before: before.policy, after: policy, result: after };
  });
}

export async function deleteHall(deps: AdminDeps, actor: UserPrincipal, id: string): Promise<void> {
  assertAdmin(actor);
  await applyConfigChange(deps, actor, async () => {
    const before = await loadHallRecord(deps, id);
    if (!(await deps.halls.hallIsEmpty(id))) throw new DomainError('HALL_IN_USE', `${before.name} still has services, windows, staff, devices or tickets`);
    const zones = await deps.ctx.store.halls.zones(id);
    for (const z of zones) await deps.halls.deleteZone(z.id);
    await deps.halls.deleteHall(id);
    return { hallIds: [], entity: 'hall', id, action: 'hall.delete', before: { ...before, zones }, after: null, result: undefined };
  });
}

/** The zones whose calls this zone also shows and announces: other zones of the same hall, each once. */
async function checkAnnounceFrom(deps: AdminDeps, hallId: string, zoneId: string, ids: readonly string[]): Promise<void> {
  for (const [i, from] of ids.entries()) {
    if (from === zoneId) throw invalid(`announceFrom[${i}]`, 'a zone always shows its own calls: name other zones');
    if ((await deps.ctx.store.halls.zone(from))?.hallId !== hallId) throw invalid(`announceFrom[${i}]`, `no zone "${from}" in hall ${hallId}`);
    if (ids.indexOf(from) !== i) throw invalid(`announceFrom[${i}]`, `"${from}" is listed twice`);
  }
}

/** A zone's names and the zones announced there; what a change leaves out stays as it was. */
export async function saveZone(deps: AdminDeps, actor: UserPrincipal, hallId: string, input: ZoneInput, creating: boolean) {
  assertConfigures(actor, hallId);
  const id = creating ? newId(`${hallId}-zone`, input.id) : input.id!;
  return await applyConfigChange(deps, actor, async () => {
    await loadHallRecord(deps, hallId);
    const before = (await deps.ctx.store.halls.zone(id)) ?? null;
    if (creating && before) throw new DomainError('ID_IN_USE', `zone ${id} already exists`);
    if (!creating && before?.hallId !== hallId) throw notFound('zone', id);
    const name = input.name ?? before?.name;
    if (!name) throw invalid('name', 'required for a new zone');
    const nameEn = input.nameEn ?? before?.nameEn ?? '';
    const announceFrom = input.announceFrom ?? before?.announceFrom ?? [];
    await checkAnnounceFrom(deps, hallId, id, announceFrom);
    const zone = { id, hallId, name, ...(nameEn ? { nameEn } : {}), announceFrom };
    await deps.halls.saveZone(zone);
    return { hallIds: [hallId], entity: 'zone', id, action: creating ? 'zone.create' : 'zone.update', before, after: zone, result: zone };
  });
}

export async function deleteZone(deps: AdminDeps, actor: UserPrincipal, hallId: string, id: string): Promise<void> {
  assertConfigures(actor, hallId);
  await applyConfigChange(deps, actor, async () => {
    const before = await deps.ctx.store.halls.zone(id);
    if (before?.hallId !== hallId) throw notFound('zone', id);
    if ((await deps.halls.windowsInZone(id)) > 0) throw new DomainError('ZONE_IN_USE', `zone ${id} still has windows: move them first`);
    const announcing = (await deps.ctx.store.halls.zones(hallId)).find((z) => z.announceFrom.includes(id));
    if (announcing) throw new DomainError('ZONE_IN_USE', `zone ${announcing.id} announces the calls of ${id}: take it off its announceFrom first`);
    if ((await deps.ctx.store.halls.zones(hallId)).length === 1) throw new DomainError('ZONE_IN_USE', 'a hall keeps at least one zone');
    await deps.halls.deleteZone(id);
    return { hallIds: [hallId], entity: 'zone', id, action: 'zone.delete', before, after: null, result: undefined };
  });
}
