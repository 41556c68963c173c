import type { ExportedConfig } from './config-export.js';

export type ConfigSection = keyof ExportedConfig;
export interface ConfigDiffEntry {
  section: ConfigSection;
  id: string;
  change: 'added' | 'removed' | 'changed';
  /** for a change: the fields that differ */
  fields?: string[];
}

const SECTIONS: ConfigSection[] = ['halls', 'departments', 'services', 'windows', 'staff', 'devices', 'buses', 'hardware'];
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** What importing `next` over `current` would add, remove and change, entity by entity. */
export function diffConfigs(current: ExportedConfig, next: ExportedConfig): ConfigDiffEntry[] {
  const out: ConfigDiffEntry[] = [];
  for (const section of SECTIONS) {
    const before = new Map((current[section] as { id: string }[]).map((x) => [x.id, x as Record<string, unknown>]));
    const after = new Map((next[section] as { id: string }[]).map((x) => [x.id, x as Record<string, unknown>]));
    for (const [id, item] of after) {
      const old = before.get(id);
      if (!old) {
        out.push({ section, id, change: 'added' });
        continue;
      }
      const fields = [...new Set([...Object.keys(old), ...Object.keys(item)])].filter((f) => !same(old[f], item[f]));
      if (fields.length > 0) out.push({ section, id, change: 'changed', fields });
    }
    for (const id of before.keys()) if (!after.has(id)) out.push({ section, id, change: 'removed' });
  }
  return out;
}

/** sections every hall shares: a change there touches them all */
const SHARED: ConfigSection[] = ['departments', 'buses', 'hardware'];

/**
 * The halls an import's changes touch: a hall's own entry, and the hall of each service,
 * window, person or device changed, before and after (a window moved between halls touches both).
 */
export function hallsTouched(current: ExportedConfig, next: ExportedConfig, changes: readonly ConfigDiffEntry[]): string[] {
  const all = [...new Set([...current.halls, ...next.halls].map((h) => h.id))];
  const touched = new Set<string>();
  for (const c of changes) {
    if (SHARED.includes(c.section)) return all;
    if (c.section === 'halls') {
      touched.add(c.id);
      continue;
    }
    for (const side of [current, next]) {
      const item = (side[c.section] as { id: string; hallId?: string | null }[]).find((x) => x.id === c.id);
      if (item?.hallId) touched.add(item.hallId);
      else if (item && c.section === 'staff') staffHalls(side, c.id).forEach((h) => touched.add(h));
    }
  }
  return all.filter((h) => touched.has(h));
}

/** a person without a hall of their own works in the halls of their windows (an admin: in none) */
function staffHalls(config: ExportedConfig, staffId: string): string[] {
  const person = config.staff.find((s) => s.id === staffId) as { windowIds?: string[]; substituteWindowIds?: string[] } | undefined;
  const windowIds = [...(person?.windowIds ?? []), ...(person?.substituteWindowIds ?? [])];
  return config.windows.filter((w) => windowIds.includes(w.id)).map((w) => w.hallId);
}
