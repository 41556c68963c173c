import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type PostgresServer } from '../../helpers/postgres-server.js';
import { waitFor } from '../../helpers/wait-for.js';
import { BoardClient, type BoardSubscription } from './board-client.js';
import { CLUSTER_DISPLAY_TOKEN, clusterHallConfig } from './cluster-hall.js';
import { startCluster, type Cluster } from './cluster-fixture.js';
import { clerk, issuer, type Acknowledged, type Called, type NodeChooser } from './cluster-load.js';
import { alertOnAnyQueue, bookByPhone, managerLogin, setGateway } from './cluster-jobs.js';
import { startWebhookSink, type WebhookSink } from './webhook-sink.js';

const ISSUERS = 16;
const WINDOWS = 10;
const TICKETS_PER_ISSUER = 10;
/** bookings made before the kill and after it: one confirmation SMS each */
const BOOKINGS = 6;
/**
 * A killed node's session ends with its socket, so its halls' lead is free at once; another node
 * takes it at its next try (every 2 s), and the alert check runs 1 s after the next event. The
 * bound asserted is the documented one for a node that stops answering (1.6 leases + one try).
 */
const TAKEOVER_BOUND_MS = 10_000;

/**
 * Real server processes on one store, clients spread across them. On PostgreSQL: three nodes. On
 * SQLite: one node (a file has one server), which checks the clients' side of the same scenario —
 * there, the "other node" a board fails over to is the same data dir served again.
 */
const variants = [
  { name: 'one SQLite node', nodes: 1, postgres: false },
  {
    name: 'three nodes on one PostgreSQL',
    nodes: 3,
    // every node's bus gets every hall's events through the event feed (store/postgres/event-feed.ts: LISTEN/NOTIFY)
    postgres: true,
  },
];

/** the preferred node while it is up, else the next live one */
const chooser =
  (cluster: Cluster): NodeChooser =>
  (preferred) => {
    const n = cluster.nodes.length;
    for (let k = 0; k < n; k++) {
      const node = cluster.nodes[(preferred + k) % n]!;
      if (cluster.live().includes(node)) return node;
    }
    return undefined;
  };

const numberOf = (t: { number: string }) => Number(t.number.replace(/^[A-Z]+/, ''));

function expectNumbersUnique(tickets: readonly { number: string }[]): void {
  expect(new Set(tickets.map((t) => t.number)).size, 'no ticket number issued twice').toBe(tickets.length);
}

describe.each(variants)('a cluster of server processes: $name', { timeout: 300_000 }, ({ nodes, postgres }) => {
  let pgServer: PostgresServer | undefined;
  let cluster: Cluster | undefined;
  const boards: BoardClient[] = [];
  let sink: WebhookSink | undefined;

  beforeAll(async () => {
    if (postgres) pgServer = await startPostgres();
  }, 120_000);
  afterAll(() => pgServer?.stop());
  afterEach(async () => {
    for (const b of boards.splice(0)) b.close();
    await cluster?.stop();
    cluster = undefined;
    await sink?.close();
    sink = undefined;
  });

  const start = async () =>
    (cluster = await startCluster({
      config: clusterHallConfig(WINDOWS),
      nodes,
      ...(pgServer ? { databaseUrl: await pgServer.createDatabase() } : {}),
      // every node's outbox dispatcher (and appointment jobs) runs every 300 ms, not every 30 s
      env: { HALLQ_APPOINTMENT_JOBS_MS: '300' },
    }));

  /** a board on `node`; while `held()` it keeps knocking at that node's first address (as a slow reconnect would) */
  const board = async (c: Cluster, node: number, held = () => false) => {
    const firstUrl = c.nodes[node]!.url;
    const b = new BoardClient(CLUSTER_DISPLAY_TOKEN, 'main', () => (held() ? firstUrl : (chooser(c)(node)?.url ?? firstUrl)));
    boards.push(b);
    await b.connect();
    return b;
  };

  /** 16 kiosks issue 10 tickets each, 10 windows call them all (each call on the next node in turn), a board watches on node 1 */
  const acrossNodes = async () => {
    const c = await start();
    const node = chooser(c);
    const boardOnFirst = await board(c, 0);
    const startSeq = boardOnFirst.seq;
    const acked: Acknowledged[] = [];
    const called: Called[] = [];
    let issuing = ISSUERS;
    const issuers = Array.from({ length: ISSUERS }, (_, i) =>
      issuer(i, node, acked, () => false, TICKETS_PER_ISSUER).finally(() => {
        issuing -= 1;
      }),
    );
    const clerks = Array.from({ length: WINDOWS }, (_, i) => clerk(i + 1, nodes, node, called, () => issuing === 0));
    await Promise.all([...issuers, ...clerks]);
    return { c, boardOnFirst, startSeq, acked, called, stored: await c.storedEvents('main') };
  };

  it('16 issuers and 10 windows across the nodes: no number given twice, no ticket called twice', async () => {
    const { acked, called, stored } = await acrossNodes();
    expect(acked).toHaveLength(ISSUERS * TICKETS_PER_ISSUER);
    expect(new Set(acked.map((t) => t.node)).size, 'tickets issued on every node').toBe(nodes);
    expectNumbersUnique(acked);
    // nothing failed, so each prefix's numbers run 1..n
    for (const prefix of ['A', 'B']) {
      const numbers = acked.filter((t) => t.number.startsWith(prefix)).map(numberOf);
      expect(numbers.sort((a, b) => a - b)).toEqual(numbers.map((_, i) => i + 1));
    }
    // every ticket called once, by one window on one node
    expect(called.map((t) => t.id).sort()).toEqual(acked.map((t) => t.id).sort());
    expect(new Set(called.map((t) => t.node)).size, 'calls made on every node').toBe(nodes);
    const calledInLog = stored.filter((e) => e.type === 'ticket.called').map((e) => e.ticketId);
    expect(new Set(calledInLog).size, 'one ticket.called per ticket in the log').toBe(calledInLog.length);
  });

  it('a board on node 1 receives every event the other nodes write, calls included, in seq order', async () => {
    const { boardOnFirst, startSeq, called, stored } = await acrossNodes();
    const lastSeq = stored.at(-1)!.seq;
    await waitFor(
      () => boardOnFirst.seq >= lastSeq,
      () => `the board to reach seq ${lastSeq} (at ${boardOnFirst.seq})`,
    );
    expect(boardOnFirst.events.map((e) => e.seq)).toEqual(stored.filter((e) => e.seq > startSeq).map((e) => e.seq));
    const seenCalls = new Set(boardOnFirst.events.filter((e) => e.type === 'ticket.called').map((e) => e.data.ticketId));
    // every call, whichever node made it (on one node: that node's own), reached the board on node 1
    for (let other = Math.min(1, nodes - 1); other < nodes; other++) {
      const callsThere = called.filter((t) => t.node === other);
      expect(callsThere.length, `calls made on node ${other + 1}`).toBeGreaterThan(0);
      for (const t of callsThere) expect(seenCalls.has(t.id), `${t.number} called on node ${other + 1}`).toBe(true);
    }
  });

  it('SIGKILL of the leading node under load: no acknowledged ticket lost, its board replays on another node what it missed, its scheduled work goes on elsewhere, each notification sent once', async () => {
    const c = await start();
    const node = chooser(c);
    sink = await startWebhookSink();
    const manager = await managerLogin(c.nodes[0]!.url);
    await setGateway(c.nodes[0]!.url, manager, sink.smsUrl);
    // the hall's scheduled work runs on its leader: that is the node to kill
    const victim = c.store === 'postgres' ? await c.leaderOf('main') : 0;
    expect(victim, 'a node leads the hall').toBeDefined();
    if (victim === undefined) return;
    // bookings on every node: each queues a confirmation that every node's dispatcher may claim
    const bookedBefore = await bookByPhone((k) => c.nodes[k % nodes]!.url, manager, BOOKINGS, 0);
    await waitFor(
      () => sink!.sms().length >= BOOKINGS,
      () => `the confirmations of the bookings made before the kill (${sink!.sms().length} sent)`,
    );
    const victimUrl = c.nodes[victim]!.url;
    let boardHeld = true;
    const boardOnVictim = await board(c, victim, () => boardHeld);
    const startSeq = boardOnVictim.seq;

    const acked: Acknowledged[] = [];
    const called: Called[] = [];
    let stopping = false;
    const issuers = Array.from({ length: ISSUERS }, (_, i) => issuer(i, node, acked, () => stopping));
    const clerks = Array.from({ length: WINDOWS }, (_, i) => clerk(i + 1, nodes, node, called, () => stopping));
    const load = Promise.all([...issuers, ...clerks]);
    load.catch(() => undefined); // awaited below; a failing client must not count as unhandled meanwhile
    let failover: BoardSubscription;
    let bookedAfter: string[] | undefined;
    try {
      await waitFor(
        () => acked.filter((t) => t.node === victim).length >= 40 && called.length >= 20,
        () => `tickets acknowledged by the node to kill (${acked.length} in all)`,
        120_000,
      );
      const subscriptions = boardOnVictim.subscriptions.length;
      await c.kill(victim);
      const ackedAtKill = acked.length;
      // one SQLite file has one server: the board's "other node" is the same store served again (its time counts from then)
      if (c.store === 'sqlite') await c.restart(victim);
      const killedAt = performance.now();
      const survivor = chooser(c)(victim)!;
      // the work only a leader does: the alert check, set off by the load's events; its alert is POSTed as it is raised
      await alertOnAnyQueue(survivor.url, manager, sink.alertsUrl);
      const raised = waitFor(() => sink!.alerts().some((a) => a.alert.kind === 'queue'), 'a queue alert raised after the kill', 60_000).then(
        () => performance.now() - killedAt,
      );
      raised.catch(() => undefined); // awaited below
      bookedAfter = await bookByPhone((k) => chooser(c)(victim + 1 + k)!.url, manager, BOOKINGS, BOOKINGS);
      // the board stays away while 30 tickets are issued without it (each issuer had at most one request in flight at the kill)
      await waitFor(
        () => acked.length >= ackedAtKill + ISSUERS + 30,
        () => `issuing to go on after the kill (${acked.length - ackedAtKill} since)`,
        120_000,
      );
      boardHeld = false;
      failover = await boardOnVictim.subscribedMoreThan(subscriptions);
      if (c.store === 'postgres') expect(failover.url).not.toBe(victimUrl);
      expect(failover.sinceSeq).toBeGreaterThan(startSeq);
      expect(failover.ack).toMatchObject({ ok: true, replayed: expect.any(Number) });
      expect((failover.ack as { replayed: number }).replayed, 'events replayed to the board').toBeGreaterThanOrEqual(30);
      const ackedAtFailover = acked.length;
      await waitFor(
        () => acked.length >= ackedAtFailover + 30,
        () => `issuing to go on after the board came back (${acked.length - ackedAtFailover} since)`,
        120_000,
      );
      const tookMs = await raised;
      console.log(`${c.store}: an alert raised ${Math.round(tookMs)} ms after the leading node was killed`);
      expect(tookMs, 'scheduled work back within the bound').toBeLessThan(TAKEOVER_BOUND_MS);
    } finally {
      stopping = true;
      await load;
    }

    const stored = new Map((await c.storedTickets()).map((t) => [t.id, t.number]));
    for (const t of acked) expect(stored.get(t.id), `${t.number}, acknowledged by node ${t.node + 1}`).toBe(t.number);
    expectNumbersUnique([...stored.values()].map((number) => ({ number })));
    const events = await c.storedEvents('main');
    const calledInLog = events.filter((e) => e.type === 'ticket.called').map((e) => e.ticketId);
    expect(new Set(calledInLog).size, 'one ticket.called per ticket in the log').toBe(calledInLog.length);

    // the replay is the log right after the board's seq, with nothing left out (read from the log: no other node's feed needed)
    const replayed = failover.replay.map((e) => e.seq);
    expect(replayed.length).toBeGreaterThanOrEqual(30);
    expect(replayed).toEqual(events.filter((e) => e.seq > failover.sinceSeq! && e.seq <= replayed.at(-1)!).map((e) => e.seq));
    // the board holds every event of the hall since it started, once each, in seq order: live, then replayed, then live again
    const lastSeq = events.at(-1)!.seq;
    await waitFor(
      () => boardOnVictim.seq >= lastSeq,
      () => `the board to reach seq ${lastSeq} (at ${boardOnVictim.seq})`,
    );
    expect(boardOnVictim.events.map((e) => e.seq)).toEqual(events.filter((e) => e.seq > startSeq).map((e) => e.seq));

    // every booking's confirmation reached the gateway once, whichever node's dispatcher sent it
    const codes = [...bookedBefore, ...bookedAfter!];
    await waitFor(
      () => sink!.sms().length >= codes.length,
      () => `every confirmation to be sent (${sink!.sms().length} of ${codes.length})`,
    );
    const sms = sink.sms();
    expect(sms.map((n) => n.kind)).toEqual(codes.map(() => 'confirmation'));
    expect(sms.map((n) => n.appointment.code).sort(), 'one confirmation per booking').toEqual(codes.sort());
    expect(new Set(sms.map((n) => n.id)).size, 'no outbox message sent twice').toBe(sms.length);
    // no alert was POSTed twice
    const posted = sink.alerts().map((a) => a.alert.id as number);
    expect(new Set(posted).size, 'no alert POSTed twice').toBe(posted.length);
  });
});
