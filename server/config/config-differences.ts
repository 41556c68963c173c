import type { FeatureStores } from '../app/feature-stores.js';
import type { Store } from '../app/ports.js';
import type { HallConfig } from './schema.js';

/** the ids of what a database holds, section by section, as the config names them */
export interface ConfiguredIds {
  halls: string[];
  services: string[];
  windows: string[];
  staff: string[];
  devices: string[];
}

/** read through the ports, so it answers the same on SQLite and PostgreSQL */
export async function databaseIds(store: Store, stores: FeatureStores): Promise<ConfiguredIds> {
  const halls = await store.halls.halls();
  const services: string[] = [];
  const windows: string[] = [];
  for (const h of halls) {
    for (const s of await store.halls.services(h.id)) services.push(s.id);
    for (const w of await store.halls.windows(h.id)) windows.push(w.id);
  }
  return {
    halls: halls.map((h) => h.id),
    services,
    windows,
    staff: (await store.staff.all()).map((s) => s.id),
    devices: (await stores.adminPeople.devices()).map((d) => d.id),
  };
}

/** Ids in the config that the database does not have, and the reverse: reported, not applied. */
export function configDifferences(have: ConfiguredIds, config: HallConfig): string[] {
  const diffs: string[] = [];
  const compare = (what: string, inDatabase: string[], ids: string[]) => {
    const had = new Set(inDatabase);
    const want = new Set(ids);
    for (const id of want) if (!had.has(id)) diffs.push(`${what} ${id} is in the config but not in the database`);
    for (const id of had) if (!want.has(id)) diffs.push(`${what} ${id} is in the database but not in the config`);
  };
  compare(
    'hall',
    have.halls,
    config.halls.map((h) => h.id),
  );
  compare(
    'service',
    have.services,
    config.services.map((s) => s.id),
  );
  compare(
    'window',
    have.windows,
    config.windows.map((w) => w.id),
  );
  compare(
    'staff',
    have.staff,
    config.staff.map((s) => s.id),
  );
  compare(
    'device',
    have.devices,
    (config.devices ?? []).map((d) => d.id),
  );
  return diffs;
}
