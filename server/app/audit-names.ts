import type { Store } from './ports.js';

/** An audit entry as stored, before it is named for people. */
export interface AuditFacts {
  actorType: string;
  actorId: string;
  entity: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

export interface AuditNames {
  /** the person's name; a device or the system keeps its id */
  actorName: string;
  /** what was changed as people call it: 税务登记, 3号窗口, A012, 王芳; the id when nothing better is known */
  entityName: string;
}

const nameIn = (x: unknown): string | undefined => {
  if (!x || typeof x !== 'object') return undefined;
  const name = (x as { name?: unknown }).name;
  return typeof name === 'string' && name ? name : undefined;
};

async function liveName(store: Store, entity: string, id: string): Promise<string | undefined> {
  switch (entity) {
    case 'service':
      return (await store.halls.service(id))?.name;
    case 'window': {
      const w = await store.halls.window(id);
      return w ? w.name || `${w.number}号窗口` : undefined;
    }
    case 'staff':
      return (await store.staff.get(id))?.name;
    case 'zone':
      return (await store.halls.zone(id))?.name;
    case 'hall':
      return (await store.halls.hall(id))?.name;
    case 'department':
      return (await store.halls.departments()).find((d) => d.id === id)?.name;
    case 'ticket':
      return (await store.tickets.get(id))?.number;
    default:
      return undefined;
  }
}

/** Names the person and the thing of an audit entry; a deleted thing keeps the name it had. */
export async function auditNames(store: Store, e: AuditFacts): Promise<AuditNames> {
  const actorName = e.actorType === 'user' ? ((await store.staff.get(e.actorId))?.name ?? e.actorId) : e.actorId;
  const entityName = (await liveName(store, e.entity, e.entityId)) ?? nameIn(e.before) ?? nameIn(e.after) ?? e.entityId;
  return { actorName, entityName };
}
