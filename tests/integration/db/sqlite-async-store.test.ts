import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore, type SqliteStore } from '../../../db/sqlite-store.js';
import { TransactionSpansTurnError } from '../../../db/sqlite-async-store.js';
import { changeState, type AppContext, type Emit } from '../../../server/app/context.js';
import { EventBus } from '../../../server/app/event-bus.js';
import { seedDatabase } from '../../../server/config/seed.js';
import type { HallEvent } from '../../../server/contract/events.js';
import { testConfig } from '../../helpers/test-config.js';

/**
 * The async store over SQLite: writeHall is all or nothing, nests as savepoints, lets one
 * writer in at a time in the order they asked, and refuses a body that waits on I/O or a timer
 * (another request would read its uncommitted rows on the shared connection).
 */
let dir: string;
let store: SqliteStore;
let ctx: AppContext;
let published: HallEvent[];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hallq-async-store-'));
  store = openSqliteStore(join(dir, 'hall.sqlite'));
  seedDatabase(store.db, testConfig());
  ctx = { store, bus: new EventBus(), clock: { now: () => new Date('2026-03-02T02:00:00Z') }, log: pino({ level: 'silent' }) };
  published = [];
  ctx.bus.subscribe((e) => published.push(e));
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const changed = (id: string) => ({ type: 'config.changed' as const, at: '2026-03-02T02:00:00.000Z', hallId: 'main', data: { entity: 'test', id } });
const loggedIds = async () => (await store.events.since('main', 0, 1000)).filter((e) => e.type === 'config.changed').map((e) => (e.data as { id: string }).id);

describe('writeHall on SQLite', () => {
  it('commits what the body wrote, and a throw anywhere in it leaves nothing', async () => {
    await store.writeHall('main', async (tx) => {
      await tx.events.append(changed('kept'));
    });
    await expect(
      store.writeHall('main', async (tx) => {
        await tx.events.append(changed('undone'));
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(await loggedIds()).toEqual(['kept']);
    expect(store.db.inTransaction).toBe(false);
  });

  it('nests as a savepoint: a caught inner failure undoes only the inner part', async () => {
    await store.writeHall('main', async (tx) => {
      await tx.events.append(changed('outer-before'));
      await tx.writeHall('main', async (inner) => {
        await inner.events.append(changed('inner-kept'));
      });
      await tx
        .writeHall('main', async (inner) => {
          await inner.events.append(changed('inner-undone'));
          throw new Error('inner refused');
        })
        .catch(() => {});
      await tx.events.append(changed('outer-after'));
    });
    expect(await loggedIds()).toEqual(['outer-before', 'inner-kept', 'outer-after']);
  });

  it('lets writers in one at a time, in the order they asked', async () => {
    const steps: string[] = [];
    const writer = (name: string) =>
      store.writeHall('main', async (tx) => {
        steps.push(`${name} begins`);
        await tx.events.append(changed(name));
        await tx.events.lastSeq('main');
        steps.push(`${name} ends`);
      });
    await Promise.all([writer('a'), writer('b'), writer('c')]);
    expect(steps).toEqual(['a begins', 'a ends', 'b begins', 'b ends', 'c begins', 'c ends']);
    expect(await loggedIds()).toEqual(['a', 'b', 'c']);
  });

  it('commits every write without an fsync on the event loop, and puts the connection back to FULL for writes outside writeHall', async () => {
    const level = () => store.db.pragma('synchronous', { simple: true }) as number;
    const durable = level();
    expect(durable).toBeGreaterThan(1); // FULL, for writes outside writeHall (the WAL flush of wal-group-commit.test.ts makes those durable)
    const seen: Record<string, number> = {};
    const derived = store.writeHall(
      'main',
      async (tx) => {
        await tx.events.append(changed('figures'));
        seen.derived = level();
      },
      { derived: true },
    );
    const queued = store.writeHall('main', async (tx) => {
      await tx.events.append(changed('ticket'));
      seen.queued = level();
    });
    await Promise.all([derived, queued]);
    await expect(store.writeHall('main', () => Promise.reject(new Error('refused')), { derived: true })).rejects.toThrow('refused');
    expect(seen).toEqual({ derived: 1, queued: 1 });
    expect(level()).toBe(durable);
    expect(await loggedIds()).toEqual(['figures', 'ticket']);
  });

  it('rolls back a body that waited on a timer, and says why', async () => {
    await expect(
      store.writeHall('main', async (tx) => {
        await tx.events.append(changed('late'));
        await new Promise((resolve) => setTimeout(resolve, 5));
      }),
    ).rejects.toBeInstanceOf(TransactionSpansTurnError);
    expect(await loggedIds()).toEqual([]);
    // the store is usable afterwards
    await store.writeHall('main', async (tx) => void (await tx.events.append(changed('next'))));
    expect(await loggedIds()).toEqual(['next']);
  });
});

describe('changeState over the async store', () => {
  it('publishes only after commit, and never the events of a rolled-back inner part', async () => {
    const seenDuring: number[] = [];
    const inner = (emit: Emit, id: string, fail: boolean) => async () => {
      await emit(changed(id));
      if (fail) throw new Error('inner refused');
    };
    await changeState(ctx, 'main', async (emit, txCtx) => {
      await emit(changed('outer'));
      await changeState(txCtx, 'main', (innerEmit) => inner(innerEmit, 'inner-kept', false)());
      await changeState(txCtx, 'main', (innerEmit) => inner(innerEmit, 'inner-undone', true)()).catch(() => {});
      seenDuring.push(published.length);
    });
    expect(seenDuring).toEqual([0]);
    expect(published.map((e) => (e.data as { id: string }).id)).toEqual(['outer', 'inner-kept']);
    expect(await loggedIds()).toEqual(['outer', 'inner-kept']);
  });

  it('keeps two changeStates started together apart: neither joins the other', async () => {
    const first = changeState(ctx, 'main', async (emit) => {
      await emit(changed('first'));
      throw new Error('first refused');
    });
    const second = changeState(ctx, 'main', async (emit) => void (await emit(changed('second'))));
    await expect(first).rejects.toThrow('first refused');
    await second;
    expect(published.map((e) => (e.data as { id: string }).id)).toEqual(['second']);
    expect(await loggedIds()).toEqual(['second']);
  });
});
