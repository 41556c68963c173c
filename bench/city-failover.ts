import { measureFailover } from './failover/failover.js';
import { printTable } from './lib/table.js';
import type { BenchSuite } from './suites.js';

/** `npm run bench -- --only city-failover`: PostgreSQL fail-over and restart under two nodes (bench/failover/failover.ts) */
export const cityFailoverSuite: BenchSuite = {
  name: 'city-failover',
  optional: true,
  async run() {
    const outages = await measureFailover();
    printTable(
      'PostgreSQL outages under 2 nodes issuing (s from the outage; failed answers; acknowledged tickets lost)',
      ['outage', 'PostgreSQL back', 'node 1 issues', 'node 2 issues', 'board', 'leader', 'failed answers', 'wrong', 'acked', 'lost', 'dup numbers'],
      outages.map((o) => [
        o.outage,
        o.databaseBackSeconds,
        o.issuingBackSeconds[0] ?? 'never',
        o.issuingBackSeconds[1] ?? 'never',
        o.boardBackSeconds ?? 'never',
        o.leaderBackSeconds ?? 'never',
        Object.entries(o.failed)
          .map(([k, n]) => `${n}× ${k}`)
          .join(', ') || '0',
        o.wrongAnswers,
        o.acknowledged,
        o.lost,
        o.duplicateNumbers,
      ]),
    );
    return { outages };
  },
};
