import { DomainError } from '../domain/errors.js';
import type { Service } from '../domain/model.js';
import { assertConfigures, invalid, newId, notFound } from './access.js';
import { applyConfigChange, type AdminDeps, type UserPrincipal } from './admin-deps.js';

export type ServiceInput = Pick<Service, 'name' | 'prefix' | 'departmentId' | 'avgServiceMinutes'> &
  Partial<Pick<Service, 'enabled' | 'materials' | 'position' | 'nameEn'>> & { id?: string; hallId: string };
export type ServicePatch = Partial<Omit<Service, 'id' | 'hallId'>>;

export async function loadService(deps: AdminDeps, id: string): Promise<Service> {
  const s = await deps.ctx.store.halls.service(id);
  if (!s) throw notFound('service', id);
  return s;
}

/** The rules a service must keep: a known department, and a prefix no other service of the hall uses. */
async function checkService(deps: AdminDeps, s: Service): Promise<void> {
  if (!(await deps.ctx.store.halls.departments()).some((d) => d.id === s.departmentId)) {
    throw invalid('departmentId', `unknown department "${s.departmentId}"`);
  }
  const clash = (await deps.ctx.store.halls.services(s.hallId)).find((o) => o.prefix === s.prefix && o.id !== s.id);
  if (clash) throw new DomainError('PREFIX_IN_USE', `prefix: "${s.prefix}" is already used by service ${clash.id} in this hall`);
}

export async function createService(deps: AdminDeps, actor: UserPrincipal, input: ServiceInput): Promise<Service> {
  assertConfigures(actor, input.hallId);
  const id = newId('svc', input.id);
  return await applyConfigChange(deps, actor, async () => {
    if (!(await deps.ctx.store.halls.hall(input.hallId))) throw invalid('hallId', `unknown hall "${input.hallId}"`);
    if (await deps.ctx.store.halls.service(id)) throw new DomainError('ID_IN_USE', `service ${id} already exists`);
    const service: Service = {
      id,
      hallId: input.hallId,
      departmentId: input.departmentId,
      name: input.name,
      ...(input.nameEn ? { nameEn: input.nameEn } : {}),
      prefix: input.prefix,
      avgServiceMinutes: input.avgServiceMinutes,
      enabled: input.enabled ?? true,
      materials: input.materials ?? '',
      position: input.position ?? (await deps.services.nextPosition(input.hallId)),
    };
    await checkService(deps, service);
    await deps.services.saveService(service);
    return { hallIds: [service.hallId], entity: 'service', id, action: 'service.create', before: null, after: service, result: service };
  });
}

/** Disabling stops new tickets only: tickets already waiting are still served. */
export async function updateService(deps: AdminDeps, actor: UserPrincipal, id: string, patch: ServicePatch): Promise<Service> {
  return await applyConfigChange(deps, actor, async () => {
    const before = await loadService(deps, id);
    assertConfigures(actor, before.hallId);
    const after: Service = { ...before, ...patch };
    await checkService(deps, after);
    await deps.services.saveService(after);
    return { hallIds: [after.hallId], entity: 'service', id, action: 'service.update', before, after, result: after };
  });
}

/** Only a service that never had a ticket can go; one with waiting tickets is disabled instead. */
export async function deleteService(deps: AdminDeps, actor: UserPrincipal, id: string): Promise<void> {
  await applyConfigChange(deps, actor, async () => {
    const before = await loadService(deps, id);
    assertConfigures(actor, before.hallId);
    const waiting = await deps.ctx.store.tickets.queuedCount(id);
    if (waiting > 0) {
      throw new DomainError('SERVICE_HAS_WAITING', `service ${before.id} has ${waiting} waiting: disable it instead`);
    }
    if ((await deps.services.ticketsOfService(id)) > 0) {
      throw new DomainError('SERVICE_HAS_HISTORY', `service ${before.id} has records the reports keep: disable it instead`);
    }
    await deps.services.deleteService(id);
    return { hallIds: [before.hallId], entity: 'service', id, action: 'service.delete', before, after: null, result: undefined };
  });
}
