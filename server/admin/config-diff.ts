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
      if (!old) { out.push({ section, id, change: 'added' }); continue; }
      const fields = [...new Set([...Object.keys(old), ...Object.keys(item)])].filter((f) => !same(old[f], item[f]));
      if (fields.length > 0) out.push({ section, id, change: 'changed', fields });
    }
    for (const id of before.keys()) if (!after.has(id)) out.push({ section, id, change: 'removed' });
  }
  return out;
}
