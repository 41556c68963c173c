import { DomainError } from '../domain/errors.js';
import type { Department } from '../domain/model.js';
import { assertAdmin, newId, notFound } from './access.js';
import { applyConfigChange, type AdminDeps, type UserPrincipal } from './admin-deps.js';

/** Departments are shared by every hall, so every hall's screens refresh when one changes. */
const allHallIds = (deps: AdminDeps) => deps.ctx.store.halls.halls().map((h) => h.id);

/** A manager may rename a department only while no other hall has services of it. */
function assertMayRename(deps: AdminDeps, actor: UserPrincipal, id: string): void {
  if (actor.role === 'admin') return;
  const elsewhere = deps.ctx.store.halls.halls().some((h) => h.id !== actor.hallId && deps.ctx.store.halls.services(h.id).some((s) => s.departmentId === id));
  if (elsewhere) throw new DomainError('FORBIDDEN', 'the department serves other halls too: admin only');
}

export function saveDepartment(deps: AdminDeps, actor: UserPrincipal, input: { id?: string; name: string; nameEn?: string }, creating: boolean): Department {
  const id = creating ? newId('dept', input.id) : input.id!;
  return applyConfigChange(deps, actor, () => {
    if (!creating) assertMayRename(deps, actor, id);
    const before = deps.ctx.store.halls.departments().find((d) => d.id === id) ?? null;
    if (creating && before) throw new DomainError('ID_IN_USE', `department ${id} already exists`);
    if (!creating && !before) throw notFound('department', id);
    // a rename that does not mention the English name keeps it
    const nameEn = input.nameEn ?? before?.nameEn ?? '';
    const after: Department = { id, name: input.name, ...(nameEn ? { nameEn } : {}) };
    deps.halls.saveDepartment(after);
    return { hallIds: allHallIds(deps), entity: 'department', id, action: creating ? 'department.create' : 'department.update', before, after, result: after };
  });
}

export function deleteDepartment(deps: AdminDeps, actor: UserPrincipal, id: string): void {
  assertAdmin(actor);
  applyConfigChange(deps, actor, () => {
    const before = deps.ctx.store.halls.departments().find((d) => d.id === id);
    if (!before) throw notFound('department', id);
    if (deps.halls.servicesOfDepartment(id) > 0) throw new DomainError('DEPARTMENT_IN_USE', `${before.name} still has services`);
    deps.halls.deleteDepartment(id);
    return { hallIds: allHallIds(deps), entity: 'department', id, action: 'department.delete', before, after: null, result: undefined };
  });
}
