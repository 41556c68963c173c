/**
 * PostgreSQL fail-over, measured: a primary and a synchronous streaming replica, two server
 * nodes reaching PostgreSQL through one address (a TCP relay standing in for the virtual IP or
 * HAProxy), kiosks issuing on both. The primary is killed (immediate stop), the replica promoted
 * and the address moved to it at once (what a fail-over manager does after its detection time,
 * which is not counted here); later the new primary restarts (`pg_ctl restart -m fast`). For each
 * outage: seconds until each node issues again, until a board on one node sees a ticket issued on
 * the other (the LISTEN connection), until a node leads the hall again (its scheduled work), the
 * answers that failed meanwhile, and whether any acknowledged ticket is missing afterwards.
 */
import pg from 'pg';
import { BoardClient } from '../../tests/integration/cluster/board-client.js';
import { CLUSTER_DISPLAY_TOKEN, clusterHallConfig } from '../../tests/integration/cluster/cluster-hall.js';
import { LEADER_APPLICATION_NAME } from '../../server/store/postgres/hall-leader.js';
import { startServedServer, type ServedServer } from '../lib/served-server.js';
import { progress } from '../lib/table.js';
import { OutageLoad, type Answer } from './outage-load.js';
import { startPgPair, type PgPair } from './pg-pair.js';
import { startTcpRelay } from '../../tests/helpers/tcp-relay.js';

const NODES = 2;
const KIOSKS_PER_NODE = 2;
/** how long an outage's recovery is waited for before it is written down as "never" */
const GIVE_UP_MS = 60_000;

export interface OutageFigures {
  outage: string;
  /** seconds from the outage's start until PostgreSQL took connections again at the nodes' address */
  databaseBackSeconds: number;
  /** per node: seconds from the outage's start until a ticket was issued there again (null: never) */
  issuingBackSeconds: (number | null)[];
  /** a ticket issued on node 1 once PostgreSQL was back reached the board on node 2 (its LISTEN connection) */
  boardBackSeconds: number | null;
  /** a node holds the hall's leader lock again */
  leaderBackSeconds: number | null;
  /** the answers that were not a ticket, by status and error code */
  failed: Record<string, number>;
  /** answers that were neither a ticket nor a 5xx nor no answer: a kiosk would have been misled */
  wrongAnswers: number;
  acknowledged: number;
  /** acknowledged tickets missing from the database afterwards */
  lost: number;
  /** numbers given twice among the acknowledged tickets */
  duplicateNumbers: number;
}

const seconds = (ms: number | null) => (ms === null ? null : Math.round(ms / 100) / 10);

async function until<T>(check: () => Promise<T | undefined> | T | undefined, since: number): Promise<number | null> {
  while (performance.now() - since < GIVE_UP_MS) {
    try {
      if (await check()) return performance.now() - since;
    } catch {
      /* the database is still away */
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return null;
}

async function leaderHeld(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  client.on('error', () => {});
  try {
    await client.connect();
    const { rows } = await client.query(
      `SELECT 1 FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory' AND l.granted AND a.application_name LIKE $1`,
      [`${LEADER_APPLICATION_NAME} %`],
    );
    return rows.length > 0;
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * When `node` issued again: the answer to the first ticket requested after its last failed
 * request of the outage (0 when none failed), ms after `t0`.
 */
function issuingBack(answers: readonly Answer[], node: number, t0: number): number | null {
  const mine = answers.filter((a) => a.node === node && a.answeredAt >= t0);
  const lastFailure = mine.findLast((a) => a.status !== 201);
  if (!lastFailure) return 0;
  const back = mine.find((a) => a.status === 201 && a.sentAt > lastFailure.sentAt);
  return back ? back.answeredAt - t0 : null;
}

/** runs one outage under load: `cause()` starts it (and ends it, for a fail-over: promote and move the address) */
async function outage(name: string, load: OutageLoad, board: BoardClient, dbUrl: () => string, cause: () => Promise<void>): Promise<OutageFigures> {
  const from = load.answers.length;
  const t0 = performance.now();
  progress(`${name}: under way`);
  await cause();
  const dbBack = performance.now();
  progress(`${name}: PostgreSQL back after ${seconds(dbBack - t0)} s; waiting for the nodes`);
  const [issuing, boardBack, leaderBack] = await Promise.all([
    Promise.all(Array.from({ length: NODES }, (_, node) => until(() => load.firstIssuedAfter(node, dbBack), t0))),
    until(() => {
      const onFirst = new Set(load.answers.filter((a) => a.node === 0 && a.sentAt >= dbBack && a.ticket).map((a) => a.ticket!.id));
      return board.events.some((e) => e.type === 'ticket.issued' && onFirst.has(e.data.ticketId as string));
    }, t0),
    until(() => leaderHeld(dbUrl()), t0),
  ]);
  await new Promise((r) => setTimeout(r, 1000)); // a second of issuing after every node is back
  const answers = load.answers.slice(from);
  return {
    outage: name,
    ...(await outcome(answers, dbUrl())),
    databaseBackSeconds: seconds(dbBack - t0)!,
    issuingBackSeconds: issuing.map((ok, node) => (ok === null ? null : seconds(issuingBack(answers, node, t0)))),
    boardBackSeconds: seconds(boardBack),
    leaderBackSeconds: seconds(leaderBack),
  };
}

async function outcome(answers: Answer[], dbUrl: string) {
  const failed: Record<string, number> = {};
  let wrongAnswers = 0;
  for (const a of answers.filter((x) => x.status !== 201)) {
    const key = `${a.status}${a.code ? ' ' + a.code : ''}`;
    failed[key] = (failed[key] ?? 0) + 1;
    if (a.status !== 0 && a.status < 500) wrongAnswers++;
  }
  const tickets = answers.flatMap((a) => (a.ticket ? [a.ticket] : []));
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string }>('SELECT id FROM tickets WHERE id = ANY($1::text[])', [tickets.map((t) => t.id)]);
    return {
      failed,
      wrongAnswers,
      acknowledged: tickets.length,
      lost: tickets.length - rows.length,
      duplicateNumbers: tickets.length - new Set(tickets.map((t) => t.number)).size,
    };
  } finally {
    await client.end();
  }
}

/** a fail-over manager's detection time (Patroni's ttl, keepalived's checks): the primary stays dead this long before the promotion */
const DETECTION_MS = 10_000;

/** two nodes on a primary and its replica; `outages` run one after the other under load */
async function onPair(
  synchronous: boolean,
  entry: 'built' | 'source',
  outages: (pair: PgPair, moveTo: (port: number) => void) => [string, () => Promise<void>, number][],
): Promise<OutageFigures[]> {
  progress(`fail-over: a primary and ${synchronous ? 'a synchronous' : 'an asynchronous'} streaming replica`);
  const pair = await startPgPair({ synchronous });
  const proxy = await startTcpRelay(pair.primary.port);
  const viaProxy = pair.urlOn(proxy.port, pair.database);
  const servers: ServedServer[] = [];
  const load = new OutageLoad();
  let board: BoardClient | undefined;
  try {
    const config = clusterHallConfig(2);
    servers.push(await startServedServer({ config, args: ['--database', viaProxy], entry }));
    servers.push(await startServedServer({ config, args: ['--database', viaProxy], entry }));
    board = new BoardClient(CLUSTER_DISPLAY_TOKEN, 'main', () => servers[1]!.url);
    await board.connect();
    load.start(
      servers.map((s) => s.url),
      KIOSKS_PER_NODE,
    );
    await new Promise((r) => setTimeout(r, 2000));
    const figures: OutageFigures[] = [];
    for (const [name, cause, dbPort] of outages(pair, (port) => proxy.switchTo(port))) {
      figures.push(await outage(name, load, board, () => pair.urlOn(dbPort, pair.database), cause));
    }
    return figures;
  } finally {
    await load.stop();
    board?.close();
    await Promise.all(servers.map((s) => s.stop()));
    await proxy.close();
    await pair.stop();
  }
}

/** a fail-over: the primary killed, `delayMs` later the replica promoted and the address moved to it */
const failover = (pair: PgPair, moveTo: (port: number) => void, delayMs: number) => async () => {
  await pair.primary.crash();
  await new Promise((r) => setTimeout(r, delayMs));
  await pair.replica.promote();
  moveTo(pair.replica.port);
};

/**
 * The whole measurement. Synchronous replication: a fail-over promoted at once (what the nodes
 * add to the manager's time), one promoted after a detection time, then a restart of the new
 * primary. Asynchronous replication: a fail-over promoted at once (what it may lose).
 */
export async function measureFailover(entry: 'built' | 'source' = 'built'): Promise<OutageFigures[]> {
  const synchronous = await onPair(true, entry, (pair, moveTo) => [
    ['fail-over, promoted at once (synchronous)', failover(pair, moveTo, 0), pair.replica.port],

    ['PostgreSQL restart (-m fast)', () => pair.replica.restart(), pair.replica.port],
  ]);
  const detected = await onPair(true, entry, (pair, moveTo) => [
    [`fail-over, promoted after ${DETECTION_MS / 1000} s (synchronous)`, failover(pair, moveTo, DETECTION_MS), pair.replica.port],
  ]);
  const asynchronous = await onPair(false, entry, (pair, moveTo) => [
    ['fail-over, promoted at once (asynchronous)', failover(pair, moveTo, 0), pair.replica.port],
  ]);
  return [...synchronous, ...detected, ...asynchronous];
}
