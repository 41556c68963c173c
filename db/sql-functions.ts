import type Database from 'better-sqlite3';
import { addPacked, packHistogram, type Histogram } from '../server/domain/histogram.js';

/**
 * SQL functions our migrations use. `hist_sum(blob)` adds packed duration histograms (the
 * month rows of 125 are the sums of day rows whose histograms SQL alone cannot merge).
 */
export function registerSqlFunctions(db: Database.Database): void {
  db.aggregate('hist_sum', {
    start: () => null as Histogram | null,
    step: (h: Histogram | null, packed: unknown) => (packed instanceof Uint8Array ? addPacked(packed, h ?? new Map()) : h),
    result: (h: Histogram | null) => (h ? Buffer.from(packHistogram(h)) : null),
  });
}
