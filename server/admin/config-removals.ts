import { DomainError } from '../domain/errors.js';
import type { AdminDeps, UserPrincipal } from './admin-deps.js';
import type { ExportedConfig } from './config-export.js';

const missing = <T extends { id: string }>(before: readonly T[], after: readonly { id: string }[]) => {
  const kept = new Set(after.map((x) => x.id));
  return before.filter((x) => !kept.has(x.id));
};

/** An import keeps the same rules as the console: it is refused as a whole, before any write. */
export async function checkRemovals(deps: AdminDeps, actor: UserPrincipal, before: ExportedConfig, next: ExportedConfig): Promise<void> {
  const { halls, tickets } = deps.ctx.store;
  for (const s of missing(before.services, next.services)) {
    if ((await tickets.queuedCount(s.id)) > 0) throw new DomainError('SERVICE_HAS_WAITING', `services: ${s.id} still has waiting tickets: keep it, disabled`);
    if ((await deps.services.ticketsOfService(s.id)) > 0)
      throw new DomainError('SERVICE_HAS_HISTORY', `services: ${s.name} (${s.id}) has tickets in the records: keep it, disabled`);
  }
  for (const w of missing(before.windows, next.windows)) {
    if ((await halls.window(w.id))?.status !== 'closed') throw new DomainError('WINDOW_NOT_CLOSED', `windows: ${w.id} is not closed`);
  }
  for (const w of next.windows) {
    const current = (await halls.window(w.id))?.currentTicketId;
    const t = current ? await tickets.get(current) : undefined;
    if (t && (t.status === 'called' || t.status === 'serving') && !w.serviceIds.includes(t.serviceId)) {
      throw new DomainError('SERVICE_IN_USE', `windows: ${w.id} is serving ${t.number} and cannot lose that ticket's service`);
    }
  }
  if (missing(before.staff, next.staff).some((s) => s.id === actor.id)) throw new DomainError('FORBIDDEN', 'staff: the import would remove you');
  checkNoMoves(before, next);
}

/** A service or window keeps its hall: its tickets and numbers belong to that hall's records. */
function checkNoMoves(before: ExportedConfig, next: ExportedConfig): void {
  for (const section of ['services', 'windows'] as const) {
    const hallOf = new Map<string, string>(before[section].map((x) => [x.id, x.hallId]));
    next[section].forEach((x, i) => {
      const was = hallOf.get(x.id);
      if (was !== undefined && was !== x.hallId) {
        throw new DomainError('VALIDATION', `${section}[${i}].hallId: ${x.id} belongs to hall ${was} and cannot move; add a new one with another id`);
      }
    });
  }
}

/** Deletes what the imported file no longer has; returns the people and devices to disconnect. */
export async function removeMissing(deps: AdminDeps, before: ExportedConfig, next: ExportedConfig): Promise<string[]> {
  const gone: string[] = [];
  for (const d of missing(before.devices, next.devices)) {
    await deps.people.deleteDevice(d.id);
    gone.push(d.id);
  }
  for (const s of missing(before.staff, next.staff)) {
    await deps.people.deleteStaff(s.id);
    gone.push(s.id);
  }
  for (const w of missing(before.windows, next.windows)) await deps.services.deleteWindow(w.id);
  for (const s of missing(before.services, next.services)) await deps.services.deleteService(s.id);
  const zonesKept = new Set(next.halls.flatMap((h) => h.zones.map((z) => z.id)));
  for (const h of before.halls) for (const z of h.zones) if (!zonesKept.has(z.id)) await deps.halls.deleteZone(z.id);
  for (const d of missing(before.departments, next.departments)) await deps.halls.deleteDepartment(d.id);
  for (const h of missing(before.halls, next.halls)) {
    if (!(await deps.halls.hallIsEmpty(h.id)))
      throw new DomainError('HALL_IN_USE', `halls: ${h.name} (${h.id}) has tickets in the records and cannot be removed`);
    await deps.halls.deleteHall(h.id);
  }
  return gone;
}
