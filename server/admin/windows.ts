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

export function windowConfig(deps: AdminDeps, w: Window): WindowConfig {
  const staff = deps.services.windowStaff(w.id);
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

function loadWindow(deps: AdminDeps, id: string): Window {
  const w = deps.ctx.store.halls.window(id);
  if (!w) throw notFound('window', id);
  return w;
}

function checkIds(ids: readonly string[], field: string, known: (id: string) => boolean, what: string): void {
  ids.forEach((id, i) => {
    if (!known(id)) throw invalid(`${field}[${i}]`, `"${id}" is not a ${what} of this hall`);
    if (ids.indexOf(id) !== i) throw invalid(`${field}[${i}]`, `"${id}" is listed twice`);
  });
}

/** The rules a window keeps: zone, services and staff of its own hall, a number unique in the hall. */
function checkWindow(deps: AdminDeps, w: WindowConfig): void {
  const halls = deps.ctx.store.halls;
  if (halls.zone(w.zoneId)?.hallId !== w.hallId) throw invalid('zoneId', `"${w.zoneId}" is not a zone of hall ${w.hallId}`);
  checkIds(w.serviceIds, 'serviceIds', (id) => halls.service(id)?.hallId === w.hallId, 'service');
  const staffOfHall = (id: string) => {
    const s = deps.ctx.store.staff.get(id);
    return Boolean(s && (s.hallId === w.hallId || s.role === 'admin'));
  };
  checkIds(w.primaryStaffIds, 'primaryStaffIds', staffOfHall, 'staff member');
  checkIds(w.substituteStaffIds, 'substituteStaffIds', staffOfHall, 'staff member');
  const both = w.primaryStaffIds.find((id) => w.substituteStaffIds.includes(id));
  if (both) throw invalid('substituteStaffIds', `${both} cannot be both A岗 and B岗 of the same window`);
  const clash = halls.windows(w.hallId).find((o) => o.number === w.number && o.id !== w.id);
  if (clash) throw new DomainError('WINDOW_NUMBER_IN_USE', `number: ${w.number} is already window ${clash.id}`);
}

/** A window must keep serving the service of the ticket it is handling now. */
function checkCurrentTicket(deps: AdminDeps, before: Window, serviceIds: readonly string[]): void {
  const t = before.currentTicketId ? deps.ctx.store.tickets.get(before.currentTicketId) : undefined;
  if (t && (t.status === 'called' || t.status === 'serving') && !serviceIds.includes(t.serviceId)) {
    throw new DomainError('SERVICE_IN_USE', `window ${before.id} is serving ${t.number}: it cannot lose that ticket's service until it is finished`);
  }
}

function save(deps: AdminDeps, w: WindowConfig): void {
  deps.services.saveWindow({ id: w.id, hallId: w.hallId, zoneId: w.zoneId, number: w.number, name: w.name }, w.serviceIds);
  deps.services.setWindowStaff(w.id, [
    ...w.substituteStaffIds.map((staffId) => ({ staffId, post: 'B' as const })),
    ...w.primaryStaffIds.map((staffId) => ({ staffId, post: 'A' as const })),
  ]);
}

export function createWindow(deps: AdminDeps, actor: UserPrincipal, input: WindowInput): WindowConfig {
  assertConfigures(actor, input.hallId);
  const id = newId('win', input.id);
  return applyConfigChange(deps, actor, () => {
    if (!deps.ctx.store.halls.hall(input.hallId)) throw invalid('hallId', `unknown hall "${input.hallId}"`);
    if (deps.ctx.store.halls.window(id)) throw new DomainError('ID_IN_USE', `window ${id} already exists`);
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
    checkWindow(deps, w);
    save(deps, w);
    return { hallIds: [w.hallId], entity: 'window', id, action: 'window.create', before: null, after: w, result: w };
  });
}

export function updateWindow(deps: AdminDeps, actor: UserPrincipal, id: string, patch: WindowPatch): WindowConfig {
  return applyConfigChange(deps, actor, () => {
    const current = loadWindow(deps, id);
    assertConfigures(actor, current.hallId);
    const before = windowConfig(deps, current);
    const after: WindowConfig = { ...before, ...patch };
    checkWindow(deps, after);
    checkCurrentTicket(deps, current, after.serviceIds);
    save(deps, after);
    return { hallIds: [after.hallId], entity: 'window', id, action: 'window.update', before, after, result: after };
  });
}

export function deleteWindow(deps: AdminDeps, actor: UserPrincipal, id: string): void {
  applyConfigChange(deps, actor, () => {
    const current = loadWindow(deps, id);
    assertConfigures(actor, current.hallId);
    if (current.status !== 'closed') throw new DomainError('WINDOW_NOT_CLOSED', `window ${current.id} is not closed: close it first`);
    const before = windowConfig(deps, current);
    deps.services.deleteWindow(id);
    return { hallIds: [current.hallId], entity: 'window', id, action: 'window.delete', before, after: null, result: undefined };
  });
}
