import type { Principal } from '../contract/principal.js';
import { forbidden, isManagerOf } from '../app/actor.js';
import { changeState, type AppContext } from '../app/context.js';
import { DomainError } from '../domain/errors.js';
import type { SupervisionRepositories } from './ports.js';

/**
 * Auto-balance applied: a manager adds a long queue's service to an idle window with one
 * click. Audited with who and why; `config.changed` makes boards and gateways reload the window.
 */
export async function addServiceToWindow(
  ctx: AppContext,
  repos: SupervisionRepositories,
  actor: Principal,
  hallId: string,
  windowId: string,
  serviceId: string,
  reason: string,
) {
  return await changeState(ctx, hallId, async (emit, ctx) => {
    if (!isManagerOf(actor, hallId)) throw forbidden('only a manager may change what a window serves');
    const window = await ctx.store.halls.window(windowId);
    if (!window || window.hallId !== hallId) throw new DomainError('VALIDATION', `windowId ${windowId} is not a window of this hall`);
    const service = await ctx.store.halls.service(serviceId);
    if (!service || service.hallId !== hallId) throw new DomainError('VALIDATION', `serviceId ${serviceId} is not a service of this hall`);
    if (window.serviceIds.includes(serviceId)) throw new DomainError('ALREADY_SERVED', `window ${window.id} already serves ${service.id}`);
    const at = ctx.clock.now().toISOString();
    await repos.within(ctx.store).records.addWindowService(windowId, serviceId);
    await ctx.store.audit.record({
      at,
      hallId,
      actorType: actor.type,
      actorId: actor.id,
      action: 'balance-add-service',
      entity: 'window',
      entityId: windowId,
      reason: reason || '自动均衡建议',
      before: { serviceIds: window.serviceIds },
      after: { serviceIds: [...window.serviceIds, serviceId] },
    });
    await emit({ type: 'config.changed', at, hallId, windowId, zoneId: window.zoneId, data: { entity: 'window', id: windowId } });
    return { windowId, serviceIds: [...window.serviceIds, serviceId] };
  });
}
