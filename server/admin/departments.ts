import { DomainError } from '../domain/errors.js';
import type { Department } from '../domain/model.js';
import { assertAdmin, newId, notFound } from './access.js';
import { applyConfigChange, type AdminDeps, type UserPrincipal } from './admin-deps.js';

/** Departments are shared by every hall, so every hall's screens refresh when one changes. */
const allHallIds = async (deps: AdminDeps) => (await deps.ctx.store.halls.halls()).map((h) => h.id);

/** A manager may rename a department only while no other hall has services of it. */
async function assertMayRename(deps: AdminDeps, actor: UserPrincipal, id: string): Promise<void> {
  if (actor.role === 'admin') return;
  let elsewhere = false;
  for (const h of await deps.ctx.store.halls.halls()) {
    if (h.id !== actor.hallId && (await deps.ctx.store.halls.services(h.id)).some((s) => s.departmentId === id)) elsewhere = true;
  }
  if (elsewhere) throw new DomainError('FORBIDDEN', 'the department serves other halls too: admin only');
}

export async function saveDepartment(
  deps: AdminDeps,
  actor: UserPrincipal,
  input: { id?: string; name: string; nameEn?: string },
  creating: boolean,
): Promise<Department> {
  const id = creating ? newId('dept', input.id) : input.id!;
  return await applyConfigChange(deps, actor, async () => {
    if (!creating) await assertMayRename(deps, actor, id);
    const before = (await deps.ctx.store.halls.departments()).find((d) => d.id === id) ?? null;
    if (creating && before) throw new DomainError('ID_IN_USE', `department ${id} already exists`);
    if (!creating && !before) throw notFound('department', id);
    // a rename that does not mention the English name keeps it
    const nameEn = input.nameEn ?? before?.nameEn ?? '';
    const after: Department = { id, name: input.name, ...(nameEn ? { nameEn } : {}) };
    await deps.halls.saveDepartment(after);
    return {
      hallIds: await allHallIds(deps),
      entity: 'department',
      id,
      action: creating ? 'department.create' : 'department.update',
      before,
      after,
      result: after,
    };
  });
}

export async function deleteDepartment(deps: AdminDeps, actor: UserPrincipal, id: string): Promise<void> {
  assertAdmin(actor);
  await applyConfigChange(deps, actor, async () => {
    const before = (await deps.ctx.store.halls.departments()).find((d) => d.id === id);
    if (!before) throw notFound('department', id);
    if ((await deps.halls.servicesOfDepartment(id)) > 0) throw new DomainError('DEPARTMENT_IN_USE', `${before.name} still has services`);
    await deps.halls.deleteDepartment(id);
    return { hallIds: await allHallIds(deps), entity: 'department', id, action: 'department.delete', before, after: null, result: undefined };
  });
}
