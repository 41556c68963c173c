import { fstatSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import pino from 'pino';
import { openSqliteStore, type SqliteStore } from '../../../db/sqlite-store.js';
import { changeState, type AppContext } from '../../../server/app/context.js';
import { EventBus } from '../../../server/app/event-bus.js';
import type { HallEvent } from '../../../server/contract/events.js';
import { seedDatabase } from '../../../server/config/seed.js';
import { testConfig } from '../../helpers/test-config.js';

/**
 * A write on SQLite is answered once its WAL frames are flushed, and that flush runs on the thread
 * pool: the event loop goes on serving while the disk works, and the commits made meanwhile share
 * the next flush. The flush here is the test's own, so the test decides when the disk "answers".
 */
interface Flush {
  fd: number;
  done(): void;
  fail(error: Error): void;
}

let dir: string;
let store: SqliteStore;
let flushes: Flush[];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hallq-wal-sync-'));
  flushes = [];
  store = openSqliteStore(join(dir, 'hall.sqlite'), {
    flushFile: (fd) => new Promise((resolve, reject) => flushes.push({ fd, done: resolve, fail: reject })),
  });
  seedDatabase(store.db, testConfig());
});
afterEach(() => {
  for (const f of flushes) f.done();
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const changed = (id: string) => ({ type: 'config.changed' as const, at: '2026-03-02T02:00:00.000Z', hallId: 'main', data: { entity: 'test', id } });
const loggedIds = async () => (await store.events.since('main', 0, 1000)).filter((e) => e.type === 'config.changed').map((e) => (e.data as { id: string }).id);
const write = (id: string, derived = false) => store.writeHall('main', async (tx) => void (await tx.events.append(changed(id))), { derived });

/** lets the event loop turn, so that whatever can settle has settled */
const turn = () => new Promise((resolve) => setImmediate(resolve));

function watch(p: Promise<unknown>): { settled: () => string } {
  let state = 'pending';
  p.then(
    () => (state = 'answered'),
    (e: Error) => (state = `failed: ${e.message}`),
  );
  return { settled: () => state };
}

describe('durable commits flushed off the event loop', () => {
  it('answers a write only once a flush that began after its commit has ended', async () => {
    const a = watch(write('a'));
    await turn();
    expect(await loggedIds()).toEqual(['a']); // committed, and the loop serves reads meanwhile
    expect(flushes).toHaveLength(1);
    expect(a.settled()).toBe('pending');
    flushes[0]!.done();
    await turn();
    expect(a.settled()).toBe('answered');
  });

  it('lets the commits made during a flush share the next one, answered in commit order', async () => {
    const order: string[] = [];
    void write('a').then(() => order.push('a'));
    await turn();
    const b = write('b').then(() => order.push('b'));
    const c = write('c').then(() => order.push('c'));
    await turn();
    expect(flushes).toHaveLength(1); // b and c wait for a flush that begins after theirs commit
    flushes[0]!.done();
    await turn();
    expect(order).toEqual(['a']);
    expect(flushes).toHaveLength(2);
    flushes[1]!.done();
    await Promise.all([b, c]);
    expect(order).toEqual(['a', 'b', 'c']);
    expect(await loggedIds()).toEqual(['a', 'b', 'c']);
  });

  it('flushes nothing for a derived write, yet answers it after the durable ones committed before it', async () => {
    const order: string[] = [];
    void write('ticket').then(() => order.push('ticket'));
    await turn();
    const figures = write('figures', true).then(() => order.push('figures'));
    await turn();
    expect(order).toEqual([]);
    flushes[0]!.done();
    await figures;
    expect(order).toEqual(['ticket', 'figures']);
    expect(flushes).toHaveLength(1);
    await write('alone', true); // nothing to wait for
    expect(flushes).toHaveLength(1);
  });

  it('fails the writes whose flush failed (the client is not told its ticket is safe), and flushes again for the next', async () => {
    const a = watch(write('a'));
    await turn();
    flushes[0]!.fail(new Error('EIO: the disk refused'));
    await turn();
    expect(a.settled()).toBe('failed: EIO: the disk refused');
    const b = watch(write('b'));
    await turn();
    expect(flushes).toHaveLength(2);
    flushes[1]!.done();
    await turn();
    expect(b.settled()).toBe('answered');
  });

  it('flushes the WAL file itself, with the connection left at FULL for writes outside writeHall', async () => {
    const a = write('a');
    await turn();
    expect(fstatSync(flushes[0]!.fd).ino).toBe(statSync(join(dir, 'hall.sqlite-wal')).ino);
    flushes[0]!.done();
    await a;
    expect(store.db.pragma('synchronous', { simple: true })).toBe(2);
  });
});

describe('events of a commit waiting for its flush', () => {
  it('are held on the bus: a replay read meanwhile stops before them, and they go out once, after the flush', async () => {
    const bus = new EventBus();
    const published: HallEvent[] = [];
    bus.subscribe((e) => published.push(e));
    const ctx: AppContext = { store, bus, clock: { now: () => new Date('2026-03-02T02:00:00Z') }, log: pino({ level: 'silent' }) };
    const before = await store.events.lastSeq('main');
    expect(bus.publishedSeq('main')).toBeUndefined();
    const write = changeState(ctx, 'main', async (emit) => {
      await emit(changed('first'));
      await emit(changed('second'));
    });
    await turn();
    // committed and readable, not yet published: a board's replay read now must end at `before`
    expect(await store.events.lastSeq('main')).toBe(before + 2);
    expect(published).toEqual([]);
    expect(bus.publishedSeq('main')).toBe(before);
    flushes[0]!.done();
    await write;
    expect(published.map((e) => e.seq)).toEqual([before + 1, before + 2]);
    expect(bus.publishedSeq('main')).toBeUndefined();
  });

  it('are let go when the write fails, with nothing published', async () => {
    const bus = new EventBus();
    const published: HallEvent[] = [];
    bus.subscribe((e) => published.push(e));
    const ctx: AppContext = { store, bus, clock: { now: () => new Date('2026-03-02T02:00:00Z') }, log: pino({ level: 'silent' }) };
    const refused = changeState(ctx, 'main', async (emit) => {
      await emit(changed('undone'));
      throw new Error('refused');
    });
    await expect(refused).rejects.toThrow('refused');
    const unflushed = changeState(ctx, 'main', async (emit) => void (await emit(changed('lost flush'))));
    await turn();
    flushes[0]!.fail(new Error('EIO'));
    await expect(unflushed).rejects.toThrow('EIO');
    expect(published).toEqual([]);
    expect(bus.publishedSeq('main')).toBeUndefined();
  });
});

describe('the default flush', () => {
  it('keeps every answered write across a reopen of the file', async () => {
    const file = join(dir, 'real.sqlite');
    const real = openSqliteStore(file);
    seedDatabase(real.db, testConfig());
    await Promise.all(['x', 'y', 'z'].map((id) => real.writeHall('main', async (tx) => void (await tx.events.append(changed(id))))));
    real.close();
    const again = openSqliteStore(file);
    try {
      const ids = (await again.events.since('main', 0, 1000)).filter((e) => e.type === 'config.changed').map((e) => (e.data as { id: string }).id);
      expect(ids).toEqual(['x', 'y', 'z']);
    } finally {
      again.close();
    }
  });
});
