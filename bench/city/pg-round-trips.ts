/**
 * Round trips to PostgreSQL per use-case, and how long each hall's write lock is held: one full
 * server (every feature) in this process on a throw-away PostgreSQL, a small city's hall, tickets
 * issued and called one at a time over HTTP. Each statement is put down to what sent it (the
 * request, the event feed, the aggregator, …) by its stack. A tool for reading the hot paths:
 * `npx tsx bench/city/pg-round-trips.ts [tickets]`.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import pg from 'pg';
import { FEATURES } from '../../server/features.js';
import { startPostgres } from '../../tests/helpers/postgres-server.js';
import { buildTestApp } from '../../tests/helpers/test-app.js';
import { CITY_PASSWORD, cityConfig, clerkOf, kioskTokenOf, serviceIdsOf, windowIdOf } from './city-config.js';

Error.stackTraceLimit = 60;

const SOURCES: [string, RegExp][] = [
  ['aggregator', /aggregator\.ts/],
  ['event feed', /event-feed\.ts|event-listener\.ts/],
  ['alerts', /alert-engine\.ts|supervision\/live\.ts/],
  ['leader', /hall-leader\.ts/],
  ['haocha/outbox', /haocha|outbox|dispatcher/],
];
const sourceOf = (stack: string): string => SOURCES.find(([, re]) => re.test(stack))?.[0] ?? 'request';

// a statement sent through the pool leaves the sender's stack when it waits for a connection: the pool's caller is kept here
const poolCaller = new AsyncLocalStorage<string>();
const poolQuery = pg.Pool.prototype.query as (...args: unknown[]) => unknown;
(pg.Pool.prototype as unknown as { query: (...args: unknown[]) => unknown }).query = function (this: object, ...args: unknown[]) {
  return poolCaller.run(sourceOf(new Error().stack ?? ''), () => poolQuery.apply(this, args));
};

interface Tally {
  statements: Map<string, number>;
  bySource: Map<string, number>;
  lockMs: number[];
  /** statements sent while the connection held a hall's lock (the COMMIT included) */
  underLock: number;
}
const fresh = (): Tally => ({ statements: new Map(), bySource: new Map(), lockMs: [], underLock: 0 });
let tally = fresh();
const lockedAt = new WeakMap<object, number>();

const original = pg.Client.prototype.query as (...args: unknown[]) => unknown;
(pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown }).query = function (this: object, ...args: unknown[]) {
  const text = typeof args[0] === 'string' ? args[0] : ((args[0] as { text?: string } | undefined)?.text ?? '?');
  const seen = sourceOf(new Error().stack ?? '');
  const source = seen === 'request' ? (poolCaller.getStore() ?? seen) : seen;
  const short = text.replace(/\s+/g, ' ').slice(0, 90);
  tally.statements.set(`${source} · ${short}`, (tally.statements.get(`${source} · ${short}`) ?? 0) + 1);
  tally.bySource.set(source, (tally.bySource.get(source) ?? 0) + 1);
  if (source === 'request' && lockedAt.has(this)) tally.underLock++;
  const result = original.apply(this, args);
  if (result instanceof Promise) {
    if (/pg_advisory_xact_lock\(/.test(text))
      void result.then(
        () => lockedAt.set(this, performance.now()),
        () => {},
      );
    if (/^(COMMIT|ROLLBACK)$/.test(text.trim()))
      void result.then(
        () => {
          const t0 = lockedAt.get(this);
          if (t0 !== undefined) tally.lockMs.push(performance.now() - t0);
          lockedAt.delete(this);
        },
        () => {},
      );
  }
  return result;
};

const settle = () => new Promise((r) => setTimeout(r, 1500));

function report(what: string, n: number, t: Tally): void {
  const total = [...t.bySource.values()].reduce((a, b) => a + b, 0);
  const lock = t.lockMs.reduce((a, b) => a + b, 0);
  console.log(`\n## ${what}: ${n} done, ${(total / n).toFixed(1)} statements each (all sources)`);
  for (const [s, c] of [...t.bySource].sort((a, b) => b[1] - a[1])) console.log(`  ${s}: ${(c / n).toFixed(2)} per use`);
  console.log(`  hall lock: ${t.lockMs.length} transactions, ${(lock / n).toFixed(2)} ms held per use`);
  console.log(`  request statements holding the hall's lock: ${(t.underLock / n).toFixed(2)} per use`);
  for (const [q, c] of [...t.statements].sort((a, b) => b[1] - a[1]).slice(0, 40)) console.log(`   ${(c / n).toFixed(2).padStart(6)}  ${q}`);
}

async function main(): Promise<void> {
  const n = Number(process.argv[2] ?? 60);
  const server = await startPostgres();
  const size = { halls: 2, windowsPerHall: 3, tickets: n };
  const app = await buildTestApp({ database: await server.createDatabase(), config: cityConfig(size, [0, 1]), features: FEATURES });
  try {
    const tokens = [];
    for (let w = 0; w < size.windowsPerHall; w++) {
      const { body } = await app.http('POST', '/api/auth/login', { body: { username: clerkOf(0, w), password: CITY_PASSWORD } });
      tokens.push(body.token as string);
      await app.http('POST', `/api/windows/${windowIdOf(0, w)}/open`, { token: body.token });
    }
    await settle();
    tally = fresh();
    for (let i = 0; i < n; i++) {
      const r = await app.http('POST', '/api/tickets', { token: kioskTokenOf(0), body: { serviceId: serviceIdsOf(0)[i % 2] } });
      if (r.status !== 201) throw new Error(`issue → ${r.status} ${r.text}`);
    }
    await settle();
    report('issue (POST /api/tickets)', n, tally);

    const calls = fresh();
    const skips = fresh();
    for (let i = 0; i < n; i++) {
      tally = calls;
      const r = await app.http('POST', `/api/windows/${windowIdOf(0, 0)}/call-next`, { token: tokens[0], body: {} });
      if (r.status !== 200) throw new Error(`call-next → ${r.status} ${r.text}`);
      tally = skips;
      const s = await app.http('POST', `/api/windows/${windowIdOf(0, 0)}/skip`, { token: tokens[0] });
      if (s.status !== 200) throw new Error(`skip → ${s.status} ${s.text}`);
    }
    await settle();
    report('call-next (background work of both lands in either)', n, calls);
    report('skip', n, skips);

    await settle();
    tally = fresh();
    for (let i = 0; i < n; i++) {
      const r = await app.http('POST', `/api/windows/${windowIdOf(0, 0)}/call-next`, { token: tokens[0], body: {} });
      if (r.status !== 409) throw new Error(`call-next on an empty queue → ${r.status} ${r.text}`);
    }
    report('call-next, no one waiting (QUEUE_EMPTY)', n, tally);
  } finally {
    await app.close();
    server.stop();
  }
}

void main();
