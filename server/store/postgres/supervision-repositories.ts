import type { Store } from '../../app/ports.js';
import type { HardwareWhere } from '../../supervision/device-labels.js';
import type { SupervisionPace, SupervisionRepositories, SupervisionTxRepositories } from '../../supervision/ports.js';
import type { PgBound, PgStore } from './pg-store.js';

/**
 * A catch-up batch is a dozen statements and an alert check half as many, each a round trip, and
 * both run per hall the node leads: at 250 ms / 1 s they were two thirds of a city node's locked
 * transactions. Every 2 s and 3 s a busy hall's figures and alerts are still current to the eye,
 * and a run then carries several events.
 */
export const NETWORK_PACE: SupervisionPace = { catchUpMs: 2000, alertCheckMs: 3000 };

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
    pace: NETWORK_PACE,
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
