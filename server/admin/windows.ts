import { DomainError } from '../domain/errors.js';
import type { Window } from '../domain/model.js';
import type { WindowRecord } from '../../db/repositories/admin-service-repository.js';
import { assertConfigures, invalid, newId, notFound } from './access.js';
import { applyConfigChange, type AdminDeps, type UserPrincipal } from './admin-deps.js';

export interface WindowInput {
  id?: string;
  hallId: string;
  zoneId: string;
  number: number;
  name: string;
  serviceIds: string[];
  /** A岗 */
  primaryStaffIds?: string[];
  /** B岗 */
  substituteStaffIds?: string[];
}
export type WindowPatch = Partial<Omit<WindowInput, 'id' | 'hallId'>>;

export interface WindowConfig extends WindowRecord {
  serviceIds: string[];
  primaryStaffIds: string[];
  substituteStaffIds: string[];
}

export async function windowConfig(deps: AdminDeps, w: Window): Promise<WindowConfig> {
  const staff = await deps.services.windowStaff(w.id);
  return {
    id: w.id,
    hallId: w.hallId,
    zoneId: w.zoneId,
    number: w.number,
    name: w.name,
    serviceIds: w.serviceIds,
    primaryStaffIds: staff.filter((s) => s.post === 'A').map((s) => s.staffId),
    substituteStaffIds: staff.filter((s) => s.post === 'B').map((s) => s.staffId),
  };
}

async function loadWindow(deps: AdminDeps, id: string): Promise<Window> {
  const w = await deps.ctx.store.halls.window(id);
  if (!w) throw notFound('window', id);
  return w;
}

async function checkIds(ids: readonly string[], field: string, known: (id: string) => Promise<boolean>, what: string): Promise<void> {
  for (const [i, id] of ids.entries()) {
    if (!(await known(id))) throw invalid(`${field}[${i}]`, `"${id}" is not a ${what} of this hall`);
    if (ids.indexOf(id) !== i) throw invalid(`${field}[${i}]`, `"${id}" is listed twice`);
  }
}

/** The rules a window keeps: zone, services and staff of its own hall, a number unique in the hall. */
async function checkWindow(deps: AdminDeps, w: WindowConfig): Promise<void> {
  const halls = deps.ctx.store.halls;
  if ((await halls.zone(w.zoneId))?.hallId !== w.hallId) throw invalid('zoneId', `"${w.zoneId}" is not a zone of hall ${w.hallId}`);
  await checkIds(w.serviceIds, 'serviceIds', async (id) => (await halls.service(id))?.hallId === w.hallId, 'service');
  const staffOfHall = async (id: string) => {
    const s = await deps.ctx.store.staff.get(id);
    return Boolean(s && (s.hallId === w.hallId || s.role === 'admin'));
  };
  await checkIds(w.primaryStaffIds, 'primaryStaffIds', staffOfHall, 'staff member');
  await checkIds(w.substituteStaffIds, 'substituteStaffIds', staffOfHall, 'staff member');
  const both = w.primaryStaffIds.find((id) => w.substituteStaffIds.includes(id));
  if (both) throw invalid('substituteStaffIds', `${both} cannot be both A岗 and B岗 of the same window`);
  const clash = (await halls.windows(w.hallId)).find((o) => o.number === w.number && o.id !== w.id);
  if (clash) throw new DomainError('WINDOW_NUMBER_IN_USE', `number: ${w.number} is already window ${clash.id}`);
}

/** A window must keep serving the service of the ticket it is handling now. */
async function checkCurrentTicket(deps: AdminDeps, before: Window, serviceIds: readonly string[]): Promise<void> {
  const t = before.currentTicketId ? await deps.ctx.store.tickets.get(before.currentTicketId) : undefined;
  if (t && (t.status === 'called' || t.status === 'serving') && !serviceIds.includes(t.serviceId)) {
    throw new DomainError('SERVICE_IN_USE', `window ${before.id} is serving ${t.number}: it cannot lose that ticket's service until it is finished`);
  }
}

async function save(deps: AdminDeps, w: WindowConfig): Promise<void> {
  await deps.services.saveWindow({ id: w.id, hallId: w.hallId, zoneId: w.zoneId, number: w.number, name: w.name }, w.serviceIds);
  await deps.services.setWindowStaff(w.id, [
    ...w.substituteStaffIds.map((staffId) => ({ staffId, post: 'B' as const })),
    ...w.primaryStaffIds.map((staffId) => ({ staffId, post: 'A' as const })),
  ]);
}

export async function createWindow(deps: AdminDeps, actor: UserPrincipal, input: WindowInput): Promise<WindowConfig> {
  assertConfigures(actor, input.hallId);
  const id = newId('win', input.id);
  return await applyConfigChange(deps, actor, async () => {
    if (!(await deps.ctx.store.halls.hall(input.hallId))) throw invalid('hallId', `unknown hall "${input.hallId}"`);
    if (await deps.ctx.store.halls.window(id)) throw new DomainError('ID_IN_USE', `window ${id} already exists`);
    const w: WindowConfig = {
      id,
      hallId: input.hallId,
      zoneId: input.zoneId,
      number: input.number,
      name: input.name,
      serviceIds: input.serviceIds,
      primaryStaffIds: input.primaryStaffIds ?? [],
      substituteStaffIds: input.substituteStaffIds ?? [],
    };
    await checkWindow(deps, w);
    await save(deps, w);
    return { hallIds: [w.hallId], entity: 'window', id, action: 'window.create', before: null, after: w, result: w };
  });
}

export async function updateWindow(deps: AdminDeps, actor: UserPrincipal, id: string, patch: WindowPatch): Promise<WindowConfig> {
  return await applyConfigChange(deps, actor, async () => {
    const current = await loadWindow(deps, id);
    assertConfigures(actor, current.hallId);
    const before = await windowConfig(deps, current);
    const after: WindowConfig = { ...before, ...patch };
    await checkWindow(deps, after);
    await checkCurrentTicket(deps, current, after.serviceIds);
    await save(deps, after);
    return { hallIds: [after.hallId], entity: 'window', id, action: 'window.update', before, after, result: after };
  });
}

export async function deleteWindow(deps: AdminDeps, actor: UserPrincipal, id: string): Promise<void> {
  await applyConfigChange(deps, actor, async () => {
    const current = await loadWindow(deps, id);
    assertConfigures(actor, current.hallId);
    if (current.status !== 'closed') throw new DomainError('WINDOW_NOT_CLOSED', `window ${current.id} is not closed: close it first`);
    const before = await windowConfig(deps, current);
    await deps.services.deleteWindow(id);
    return { hallIds: [current.hallId], entity: 'window', id, action: 'window.delete', before, after: null, result: undefined };
  });
}
