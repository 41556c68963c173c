import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const NIGHTLY = /^hall-queue-(\d{4}-\d{2}-\d{2})\.sqlite$/;

/** The nightly backup of a local date. */
export const nightlyFile = (dir: string, date: string): string => join(dir, `hall-queue-${date}.sqlite`);

/** The date `days` before a YYYY-MM-DD date. */
export function daysBefore(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

/** Deletes nightly backups older than the newest `keep` days up to `today`; returns the names removed. */
export function pruneNightly(dir: string, today: string, keep: number): string[] {
  const oldestKept = daysBefore(today, keep - 1);
  const removed: string[] = [];
  for (const name of readdirSync(dir)) {
    const date = NIGHTLY.exec(name)?.[1];
    if (date && date < oldestKept) {
      rmSync(join(dir, name), { force: true });
      removed.push(name);
    }
  }
  return removed.sort();
}
