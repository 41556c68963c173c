import type { Store } from '../../app/ports.js';
import type { HardwareWhere } from '../../supervision/device-labels.js';
import type { SupervisionRepositories, SupervisionTxRepositories } from '../../supervision/ports.js';
import type { PgBound, PgStore } from './pg-store.js';

/**
 * Supervision's repositories on the city database: reads on the pool, writes on the hall's
 * transaction. `within(tx)` takes the transaction's own bound repositories, so a store that runs
 * use-cases on PostgreSQL must hand them `PgStore.writeHall`'s tx (it carries them).
 */
export function pgSupervisionRepositories(store: PgStore): SupervisionRepositories {
  return {
    aggregates: store.supervisionAggregates,
    records: store.supervisionRecords,
    reports: store.supervisionReports,
    hardware: async () => (await store.settings.get('hardware', [])) as HardwareWhere[],
    calendarDays: async (hallId, from, to) => (await store.calendar.dates(hallId, from, to)).days,
    within(tx: Store): SupervisionTxRepositories {
      const bound = tx as Partial<PgBound>;
      if (!('hallId' in tx) || !bound.supervisionAggregates || !bound.supervisionRecords)
        throw new Error('supervision on PostgreSQL writes only inside PgStore.writeHall');
      return { aggregates: bound.supervisionAggregates, records: bound.supervisionRecords };
    },
  };
}
