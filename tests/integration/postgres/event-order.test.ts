import type pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { HallEvent } from '../../../server/contract/events.js';
import { HallEventFeed } from '../../../server/store/postgres/event-feed.js';
import { PgEventListener } from '../../../server/store/postgres/event-listener.js';
import { PgStore } from '../../../server/store/postgres/pg-store.js';
import { startPostgres, type PostgresServer } from '../../helpers/postgres-server.js';
import { waitFor } from '../../helpers/wait-for.js';
import { seedPgHall } from './pg-fixtures.js';

let server: PostgresServer;
let writer: PgStore;
let reader: PgStore;
const HALLS = ['h1', 'h2', 'h3'];

beforeAll(async () => {
  server = await startPostgres();
});
afterAll(() => server?.stop());
beforeEach(async () => {
  const url = await server.createDatabase();
  writer = await PgStore.open(url, { poolSize: 12 });
  reader = await PgStore.open(url, { poolSize: 2 });
  for (const h of HALLS) await seedPgHall(writer.pool, h, 1);
});
afterEach(async () => {
  await Promise.all([writer.close(), reader.close()]);
});

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * `writers` concurrent writers, each running `txPerWriter` transactions of 1–3 events on a random
 * hall, each transaction kept open a random few ms after its appends: with seqs handed out
 * outside commit order, a lower seq would regularly commit after a higher one.
 */
async function appendConcurrently(store: PgStore, writers: number, txPerWriter: number): Promise<Map<string, number>> {
  const appended = new Map<string, number>(HALLS.map((h) => [h, 0]));
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      for (let k = 0; k < txPerWriter; k++) {
        const hallId = HALLS[(w + k) % HALLS.length]!;
        const n = 1 + ((w * 7 + k) % 3);
        await store.writeHall(hallId, async (tx) => {
          for (let i = 0; i < n; i++) {
            await tx.events.append({ type: 'config.changed', at: new Date().toISOString(), hallId, data: { entity: 'test', id: `w${w} t${k} e${i}` } });
          }
          await pause(Math.random() * 4);
        });
        appended.set(hallId, appended.get(hallId)! + n);
      }
    }),
  );
  return appended;
}

const seqsOf = (events: HallEvent[], hallId: string) => events.filter((e) => e.hallId === hallId).map((e) => e.seq);
const oneTo = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

describe('the event log on the city store', () => {
  it("keeps each hall's seq gap-free under concurrent writers, and a reader polling meanwhile sees it in commit order", async () => {
    const polled: HallEvent[] = [];
    const skips: string[] = [];
    let writing = true;
    const poll = async (db: pg.Pool) => {
      const last = new Map(HALLS.map((h) => [h, 0]));
      while (writing || (await Promise.all(HALLS.map(async (h) => (await reader.repos.events.lastSeq(db, h)) > last.get(h)!))).some(Boolean)) {
        for (const h of HALLS) {
          for (const e of await reader.repos.events.since(db, h, last.get(h)!, 1000)) {
            if (e.seq !== last.get(h)! + 1) skips.push(`${h}: ${last.get(h)} → ${e.seq}`);
            last.set(h, e.seq);
            polled.push(e);
          }
        }
      }
    };
    const polling = poll(reader.pool);
    const appended = await appendConcurrently(writer, 12, 15);
    writing = false;
    await polling;
    expect(skips).toEqual([]);
    for (const h of HALLS) {
      const all = await reader.events.since(h, 0, 10_000);
      expect(all.map((e) => e.seq)).toEqual(oneTo(appended.get(h)!));
      expect(seqsOf(polled, h)).toEqual(oneTo(appended.get(h)!));
      expect(await reader.events.firstSeq(h)).toBe(1);
    }
  });

  it("an event of another hall cannot be appended in a hall's transaction", async () => {
    await expect(
      writer.writeHall('h1', (tx) =>
        tx.events.append({ type: 'config.changed', at: new Date().toISOString(), hallId: 'h2', data: { entity: 'test', id: 'x' } }),
      ),
    ).rejects.toThrow(/of hall h2 allocated in a transaction of hall h1/);
    expect(await reader.events.lastSeq('h2')).toBe(0);
  });

  it('a listener on its own connection publishes every seq another node appends, in order, even across a lost connection', async () => {
    const published: HallEvent[] = [];
    const feed = new HallEventFeed(reader.pool, reader.repos.events, (events) => published.push(...events));
    const listener = new PgEventListener(reader.url, { onSeq: (h, s) => feed.notified(h, s), onResync: () => feed.resync() });
    await listener.start();
    try {
      for (const h of HALLS) await feed.follow(h);
      const first = appendConcurrently(writer, 8, 10);
      // PostgreSQL drops the listening connection mid-stream (a restart, a fail-over): what commits meanwhile is never notified
      await waitFor(() => published.length > 20, 'the first events to arrive');
      await writer.pool.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'LISTEN hall_events%'");
      const appended = await first;
      const total = [...appended.values()].reduce((a, b) => a + b, 0);
      await waitFor(() => published.length >= total, `all ${total} events to reach the listening node`);
      for (const h of HALLS) expect(seqsOf(published, h)).toEqual(oneTo(appended.get(h)!));
      expect(published).toHaveLength(total);
    } finally {
      await listener.close();
      await feed.idle();
    }
  });
});
