import type { HallConfig } from '../config/schema.js';
import type { AdminDeps } from './admin-deps.js';
import { getHardware } from './hardware.js';

type Section<K extends keyof HallConfig> = NonNullable<HallConfig[K]>;

/**
 * The configuration in the contract's config-file shape, in a canonical form (every optional
 * field written out, stable order) so that two of them compare field by field. Passwords and
 * device tokens are never in it: only their hashes are stored.
 */
export interface ExportedConfig {
  halls: (Omit<Section<'halls'>[number], 'notice' | 'policy' | 'address'> & { notice: string; address: string; policy: Record<string, unknown> })[];
  departments: Section<'departments'>;
  services: (Section<'services'>[number] & { enabled: boolean; materials: string })[];
  windows: Section<'windows'>;
  staff: (Omit<Section<'staff'>[number], 'password'> & { employeeNo: string; windowIds: string[]; substituteWindowIds: string[]; enabled: boolean })[];
  devices: (Omit<Section<'devices'>[number], 'token'> & { enabled: boolean })[];
  buses: Section<'buses'>;
  hardware: Section<'hardware'>;
}

export async function exportConfig(deps: AdminDeps): Promise<ExportedConfig> {
  const halls = deps.ctx.store.halls;
  const hallRecords = await deps.halls.halls();
  const hardware = await getHardware(deps);
  return {
    halls: await Promise.all(
      hallRecords.map(async (h) => ({
        id: h.id,
        name: h.name,
        ...english(h),
        zones: (await halls.zones(h.id)).map((z) => ({ id: z.id, name: z.name, ...english(z), ...announced(z) })),
        timezone: h.timezone,
        hours: h.hours as Section<'halls'>[number]['hours'],
        notice: h.notice,
        address: h.address,
        policy: h.policy,
      })),
    ),
    departments: (await halls.departments()).map((d) => ({ id: d.id, name: d.name, ...english(d) })),
    services: (await Promise.all(hallRecords.map(async (h) => await halls.services(h.id)))).flat().map((s) => ({
      id: s.id,
      name: s.name,
      ...english(s),
      prefix: s.prefix,
      departmentId: s.departmentId,
      hallId: s.hallId,
      avgServiceMinutes: s.avgServiceMinutes,
      enabled: s.enabled,
      materials: s.materials,
    })),
    windows: (await Promise.all(hallRecords.map(async (h) => await halls.windows(h.id)))).flat().map((w) => ({
      id: w.id,
      number: w.number,
      name: w.name,
      hallId: w.hallId,
      zoneId: w.zoneId,
      serviceIds: w.serviceIds,
    })),
    staff: (await deps.ctx.store.staff.all()).map((s) => ({
      id: s.id,
      name: s.name,
      employeeNo: s.employeeNo,
      role: s.role,
      ...(s.hallId ? { hallId: s.hallId } : {}),
      username: s.username,
      windowIds: s.windows.filter((w) => w.post === 'A').map((w) => w.windowId),
      substituteWindowIds: s.windows.filter((w) => w.post === 'B').map((w) => w.windowId),
      enabled: s.enabled,
    })),
    devices: (await deps.people.devices()).map((d) => ({
      id: d.id,
      kind: d.kind,
      hallId: d.hallId,
      ...(d.windowId ? { windowId: d.windowId } : {}),
      ...(d.zoneId ? { zoneId: d.zoneId } : {}),
      enabled: d.enabled,
    })),
    buses: hardware.buses,
    hardware: hardware.hardware,
  };
}

/** An English name only where one is given: a file without them exports and compares as before. */
const english = (x: { nameEn?: string | undefined }) => (x.nameEn ? { nameEn: x.nameEn } : {});
const announced = (z: { announceFrom?: readonly string[] | undefined }) => (z.announceFrom?.length ? { announceFrom: [...z.announceFrom] } : {});

const byHallThen =
  <T extends { hallId: string }>(order: readonly string[]) =>
  (a: T, b: T) =>
    order.indexOf(a.hallId) - order.indexOf(b.hallId);

/** A validated config file in the export's canonical form (what the database would hold after import). */
export function canonicalConfig(c: HallConfig): ExportedConfig {
  const windowHall = new Map(c.windows.map((w) => [w.id, w.hallId]));
  const hallOrder = [...c.halls].map((h) => h.id).sort();
  return {
    halls: [...c.halls]
      .sort((a, b) => a.id.localeCompare(b.id))
      .map((h) => ({
        id: h.id,
        name: h.name,
        ...english(h),
        zones: [...h.zones].sort((a, b) => a.id.localeCompare(b.id)).map((z) => ({ id: z.id, name: z.name, ...english(z), ...announced(z) })),
        timezone: h.timezone,
        hours: h.hours,
        notice: h.notice ?? '',
        address: h.address ?? '',
        policy: { ...(c.policy ?? {}), ...(c.limits ?? {}), ...(h.policy ?? {}) },
      })),
    departments: [...c.departments].sort((a, b) => a.id.localeCompare(b.id)).map((d) => ({ id: d.id, name: d.name, ...english(d) })),
    services: [...c.services].sort(byHallThen(hallOrder)).map((s) => ({
      id: s.id,
      name: s.name,
      ...english(s),
      prefix: s.prefix,
      departmentId: s.departmentId,
      hallId: s.hallId,
      avgServiceMinutes: s.avgServiceMinutes,
      enabled: s.enabled !== false,
      materials: s.materials ?? '',
    })),
    windows: [...c.windows]
      .sort((a, b) => byHallThen<typeof a>(hallOrder)(a, b) || a.number - b.number)
      .map((w) => ({
        id: w.id,
        number: w.number,
        name: w.name,
        hallId: w.hallId,
        zoneId: w.zoneId,
        serviceIds: w.serviceIds,
      })),
    staff: [...c.staff]
      .sort((a, b) => a.id.localeCompare(b.id))
      .map((s) => {
        const firstWindow = s.windowIds?.[0] ?? s.substituteWindowIds?.[0];
        const hallId = s.hallId ?? (firstWindow ? windowHall.get(firstWindow) : undefined);
        const windowIds = [...new Set(s.windowIds ?? [])].sort();
        return {
          id: s.id,
          name: s.name,
          employeeNo: s.employeeNo ?? '',
          role: s.role,
          ...(hallId ? { hallId } : {}),
          username: s.username,
          windowIds,
          substituteWindowIds: [...new Set(s.substituteWindowIds ?? [])].filter((w) => !windowIds.includes(w)).sort(),
          enabled: (s as { enabled?: boolean }).enabled !== false,
        };
      }),
    devices: [...(c.devices ?? [])]
      .sort((a, b) => a.hallId.localeCompare(b.hallId) || a.id.localeCompare(b.id))
      .map((d) => ({
        id: d.id,
        kind: d.kind,
        hallId: d.hallId,
        ...(d.windowId ? { windowId: d.windowId } : {}),
        ...(d.zoneId ? { zoneId: d.zoneId } : {}),
        enabled: (d as { enabled?: boolean }).enabled !== false,
      })),
    buses: c.buses ?? [],
    hardware: c.hardware ?? [],
  };
}
