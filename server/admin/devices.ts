import type { DeviceRecord } from '../../db/repositories/admin-people-repository.js';
import { hashToken, newToken } from '../app/secrets.js';
import type { DeviceKind } from '../contract/dto.js';
import { DomainError } from '../domain/errors.js';
import { assertConfigures, invalid, newId, notFound } from './access.js';
import { applyConfigChange, type AdminDeps, type UserPrincipal } from './admin-deps.js';

export interface DeviceInput {
  id?: string;
  hallId: string;
  kind: DeviceKind;
  windowId?: string | null;
  zoneId?: string | null;
}
export type DeviceView = DeviceRecord & { lastSeenAt: string | null; health?: { status: string; lastError: string | null; at: string } };

export async function listDevices(deps: AdminDeps, hallIds: readonly string[]): Promise<DeviceView[]> {
  return await Promise.all(
    (await deps.people.devices())
      .filter((d) => hallIds.includes(d.hallId))
      .map(async (d) => {
        const h = await deps.ctx.store.devices.healthOf(d.id);
        return h ? { ...d, health: { status: h.status, lastError: h.lastError, at: h.updatedAt } } : d;
      }),
  );
}

async function loadDevice(deps: AdminDeps, id: string): Promise<DeviceRecord> {
  const d = (await deps.people.devices()).find((x) => x.id === id);
  if (!d) throw notFound('device', id);
  return d;
}

async function checkPlace(deps: AdminDeps, d: DeviceRecord): Promise<void> {
  if (d.windowId && (await deps.ctx.store.halls.window(d.windowId))?.hallId !== d.hallId)
    throw invalid('windowId', `"${d.windowId}" is not a window of hall ${d.hallId}`);
  if (d.zoneId && (await deps.ctx.store.halls.zone(d.zoneId))?.hallId !== d.hallId) throw invalid('zoneId', `"${d.zoneId}" is not a zone of hall ${d.hallId}`);
  if (d.kind === 'evaluator' && !d.windowId) throw invalid('windowId', 'an evaluator belongs to a window');
}

/** The token is returned once, here; only its hash is kept. */
export async function createDevice(deps: AdminDeps, actor: UserPrincipal, input: DeviceInput): Promise<{ device: DeviceRecord; token: string }> {
  assertConfigures(actor, input.hallId);
  const id = newId(input.kind, input.id);
  const token = newToken();
  const device: DeviceRecord = { id, hallId: input.hallId, kind: input.kind, windowId: input.windowId ?? null, zoneId: input.zoneId ?? null, enabled: true };
  return await applyConfigChange(deps, actor, async () => {
    if (!(await deps.ctx.store.halls.hall(input.hallId))) throw invalid('hallId', `unknown hall "${input.hallId}"`);
    if (await deps.ctx.store.devices.get(id)) throw new DomainError('ID_IN_USE', `device ${id} already exists`);
    await checkPlace(deps, device);
    await deps.people.saveDevice(device, hashToken(token));
    return { hallIds: [device.hallId], entity: 'device', id, action: 'device.create', before: null, after: device, result: { device, token } };
  });
}

export async function updateDevice(
  deps: AdminDeps,
  actor: UserPrincipal,
  id: string,
  patch: { windowId?: string | null; zoneId?: string | null },
): Promise<DeviceRecord> {
  return await applyConfigChange(deps, actor, async () => {
    const before = await loadDevice(deps, id);
    assertConfigures(actor, before.hallId);
    const after = { ...before, ...patch };
    await checkPlace(deps, after);
    await deps.people.saveDevice(after, null);
    return { hallIds: [after.hallId], entity: 'device', id, action: 'device.update', before, after, result: after };
  });
}

/** A new token for the device; the old one stops working and its sockets drop at once. */
export async function rotateDeviceToken(deps: AdminDeps, actor: UserPrincipal, id: string): Promise<{ device: DeviceRecord; token: string }> {
  const token = newToken();
  const result = await applyConfigChange(deps, actor, async () => {
    const before = await loadDevice(deps, id);
    assertConfigures(actor, before.hallId);
    await deps.people.setDeviceToken(id, hashToken(token));
    const after = { ...before, enabled: true };
    return { hallIds: [before.hallId], entity: 'device', id, action: 'device.rotate', before, after, result: { device: after, token } };
  });
  deps.disconnect(id);
  return result;
}

/** The token stops working at once: HTTP calls get 401 and open sockets are dropped. */
export async function revokeDevice(deps: AdminDeps, actor: UserPrincipal, id: string): Promise<DeviceRecord> {
  const result = await applyConfigChange(deps, actor, async () => {
    const before = await loadDevice(deps, id);
    assertConfigures(actor, before.hallId);
    await deps.people.setDeviceEnabled(id, false);
    const after = { ...before, enabled: false };
    return { hallIds: [before.hallId], entity: 'device', id, action: 'device.revoke', before, after, result: after };
  });
  deps.disconnect(id);
  return result;
}

export async function deleteDevice(deps: AdminDeps, actor: UserPrincipal, id: string): Promise<void> {
  await applyConfigChange(deps, actor, async () => {
    const before = await loadDevice(deps, id);
    assertConfigures(actor, before.hallId);
    await deps.people.deleteDevice(id);
    return { hallIds: [before.hallId], entity: 'device', id, action: 'device.delete', before, after: null, result: undefined };
  });
  deps.disconnect(id);
}
