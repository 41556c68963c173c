/**
 * A LISTEN connection whose peer goes silent (a dead route, a frozen proxy: no reset, no error)
 * is noticed by its ping, re-opened, and the log read again: the node's bus gets what was
 * committed while it heard nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HallEvent } from '../../../server/contract/events.js';
import { HallEventFeed } from '../../../server/store/postgres/event-feed.js';
import { PgEventListener } from '../../../server/store/postgres/event-listener.js';
import { PgStore } from '../../../server/store/postgres/pg-store.js';
import { startPostgres, type PostgresServer } from '../../helpers/postgres-server.js';
import { freezableRelay } from '../../helpers/freezable-relay.js';
import { waitFor } from '../../helpers/wait-for.js';
import { seedPgHall } from './pg-fixtures.js';

let pg: PostgresServer;
beforeAll(async () => {
  pg = await startPostgres();
}, 120_000);
afterAll(() => pg?.stop());

describe('the LISTEN connection', () => {
  it('that goes silent is re-opened after a missed ping, and what was committed meanwhile is published in order', async () => {
    const url = await pg.createDatabase();
    const store = await PgStore.open(url, { poolSize: 2 });
    await seedPgHall(store.pool, 'h1', 1);
    const relay = await freezableRelay(new URL(url));
    const published: HallEvent[] = [];
    const feed = new HallEventFeed(store.pool, store.repos.events, (events) => published.push(...events));
    let lost = 0;
    const listener = new PgEventListener(
      relay.url,
      { onSeq: (h, s) => feed.notified(h, s), onResync: () => feed.resync(), onLost: () => void lost++ },
      { pingMs: 300 },
    );
    const append = (id: string) =>
      store.writeHall(
        'h1',
        async (tx) => void (await tx.events.append({ type: 'config.changed', at: new Date().toISOString(), hallId: 'h1', data: { entity: 'test', id } })),
      );
    try {
      await listener.start();
      await feed.follow('h1');
      await append('heard');
      await waitFor(() => published.length === 1, 'the first event');
      relay.freeze(); // the listener's connection hears nothing more, and says nothing
      await append('unheard 1');
      await append('unheard 2');
      await waitFor(
        () => published.length === 3,
        () => `the events committed while the listener heard nothing (got ${published.length}, lost ${lost})`,
      );
      expect(lost).toBe(1);
      expect(published.map((e) => [e.seq, (e.data as { id: string }).id])).toEqual([
        [1, 'heard'],
        [2, 'unheard 1'],
        [3, 'unheard 2'],
      ]);
    } finally {
      await listener.close();
      await feed.idle();
      relay.close();
      await store.close();
    }
  });
});
