import { ALL_HALLS } from '../app/ports.js';
import { changeState, type AppContext, type Emit } from '../app/context.js';
import type { Principal } from '../contract/principal.js';
import type { AsyncPort, SettingsPort } from '../app/feature-stores.js';
import type { AdminHallPort, AdminPeoplePort, AdminServicePort } from './ports.js';

export type UserPrincipal = Extract<Principal, { type: 'user' }>;

/** What the administration's use-cases work with: the core context plus its own repositories. */
export interface AdminDeps {
  ctx: AppContext;
  halls: AsyncPort<AdminHallPort>;
  services: AsyncPort<AdminServicePort>;
  people: AsyncPort<AdminPeoplePort>;
  settings: SettingsPort;
  /** drops the live sockets of a device or person whose token no longer holds */
  disconnect(principalId: string): void;
}

/** One configuration change, as the audit trail and the live screens see it. */
export interface ConfigChange<T> {
  /** halls the change touches: their screens refresh and the audit entry is listed under each */
  hallIds: string[];
  entity: string;
  id: string;
  action: string;
  before: unknown;
  after: unknown;
  result: T;
  /** true for an action that changes no configuration (a hardware test): audited, no `config.changed` */
  quiet?: boolean;
}

/**
 * Every configuration change goes through here: one transaction that writes the change, files
 * an audit entry (who, when, before/after) and appends `config.changed` for each hall touched,
 * so open boards, kiosks and consoles refresh without a restart.
 */
export async function applyConfigChange<T>(
  deps: AdminDeps,
  actor: UserPrincipal,
  fn: (emit: Emit, ctx: AppContext) => ConfigChange<T> | Promise<ConfigChange<T>>,
): Promise<T> {
  return await changeState(deps.ctx, ALL_HALLS, async (emit, ctx) => {
    const change = await fn(emit, ctx);
    const at = ctx.clock.now().toISOString();
    await ctx.store.audit.record({
      at,
      hallId: change.hallIds[0] ?? null,
      alsoHallIds: change.hallIds.slice(1),
      actorType: 'user',
      actorId: actor.id,
      action: change.action,
      entity: change.entity,
      entityId: change.id,
      before: change.before ?? null,
      after: change.after ?? null,
    });
    for (const hallId of change.quiet ? [] : new Set(change.hallIds)) {
      await emit({ type: 'config.changed', at, hallId, data: { entity: change.entity, id: change.id } });
    }
    return change.result;
  });
}
