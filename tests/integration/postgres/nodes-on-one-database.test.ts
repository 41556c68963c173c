/**
 * Two server nodes in this process on one throw-away PostgreSQL, as a city runs them behind a
 * load balancer: a board on either node sees every event of its hall, whichever node committed
 * it, once and in seq order; a hall's scheduled work runs on its leader only, and on the other
 * node once the leader is gone; a notification goes out once though both nodes see its event.
 */
import pgClient from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { HallEvent } from '../../../server/contract/events.js';
import { adminFeature } from '../../../server/admin/admin-feature.js';
import { createAppointmentsFeature, type AppointmentsFeature } from '../../../server/appointments/feature.js';
import type { HallServer } from '../../../server/server.js';
import { createSupervisionFeature } from '../../../server/supervision/feature.js';
import { startPostgres, type PostgresServer } from '../../helpers/postgres-server.js';
import { RecordingNotifier } from '../../helpers/recording-notifier.js';
import { buildTestApp, type TestApp } from '../../helpers/test-app.js';
import { testConfig, TOKENS } from '../../helpers/test-config.js';
import type { HallConfig } from '../../../server/config/schema.js';
import type { Feature } from '../../../server/features.js';
import { createVoiceFeature } from '../../../server/voice/voice-feature.js';
import { waitFor } from '../../helpers/wait-for.js';
import { bj, ROOMY } from '../appointments/steps.js';
import { act, issue } from '../http/hall-steps.js';
import { listen } from '../realtime/realtime-steps.js';

let pg: PostgresServer;
beforeAll(async () => {
  pg = await startPostgres();
}, 120_000);
afterAll(() => pg?.stop());

interface Node {
  app: TestApp<HallServer>;
  appointments: AppointmentsFeature;
  notifier: RecordingNotifier;
  /** keys of the alerts this node delivered */
  alerts: string[];
  /** what reached this node's in-process bus, for hall main */
  bus: HallEvent[];
}

const nodes: Node[] = [];
afterEach(async () => {
  await Promise.all(nodes.splice(0).map((n) => n.app.close()));
});

async function node(database: string, more: { config?: HallConfig; features?: Feature[] } = {}): Promise<Node> {
  const notifier = new RecordingNotifier();
  const alerts: string[] = [];
  const appointments = createAppointmentsFeature({ jobIntervalMs: 3_600_000, notifier, phoneCodeNotifier: notifier });
  const supervision = createSupervisionFeature({ checkIntervalMs: 200, debounceMs: 50, sinkFor: () => ({ send: async (a) => void alerts.push(a.key) }) });
  const app = await buildTestApp({
    database,
    features: [adminFeature, appointments, supervision, ...(more.features ?? [])],
    limits: ROOMY,
    leaderTryMs: 200,
    ...(more.config ? { config: more.config } : {}),
  });
  const bus: HallEvent[] = [];
  app.server.ctx.bus.subscribe((e) => {
    if (e.hallId === 'main') bus.push(e);
  });
  const n = { app, appointments, notifier, alerts, bus };
  nodes.push(n);
  return n;
}

/** node A first (it takes the lead of every hall), then node B */
async function twoNodes(): Promise<[Node, Node, string]> {
  const database = await pg.createDatabase();
  const a = await node(database);
  return [a, await node(database), database];
}

const seqs = (events: readonly HallEvent[]) => events.map((e) => e.seq);
const leads = (n: Node, hallId: string) => n.app.server.ctx.leads!(hallId);

describe('several nodes on one PostgreSQL', () => {
  it('a board on node A gets every event of its hall committed on A and on B, once, in seq order, without gaps', async () => {
    const [a, b] = await twoNodes();
    const boardA = await listen(a.app.socket(TOKENS.display));
    const boardB = await listen(b.app.socket(TOKENS.display));
    expect((await boardA.subscribe({ hallId: 'main' })).ok).toBe(true);
    expect((await boardB.subscribe({ hallId: 'main' })).ok).toBe(true);
    const start = (await a.app.server.store.events.since('main', 0, 10_000)).at(-1)?.seq ?? 0;

    // both nodes issue at once; a window on each node calls
    const tickets = await Promise.all(Array.from({ length: 16 }, (_, i) => issue(i % 2 ? b.app : a.app, i % 3 ? 'tax-reg' : 'invoice')));
    const [wangfang, liqiang] = [await b.app.login('wangfang'), await a.app.login('liqiang')];
    await act(b.app, wangfang, 'w1', 'open');
    await act(a.app, liqiang, 'w2', 'open');
    const called = [await act(b.app, wangfang, 'w1', 'call-next'), await act(a.app, liqiang, 'w2', 'call-next')];

    const log = (await a.app.server.store.events.since('main', start, 10_000)).map((e) => e.seq);
    expect(log).toEqual(Array.from({ length: log.length }, (_, i) => start + 1 + i));
    for (const n of [a, b]) {
      await waitFor(
        () => (n.bus.at(-1)?.seq ?? 0) >= log.at(-1)!,
        () => `the bus to reach seq ${log.at(-1)} (at ${n.bus.at(-1)?.seq})`,
      );
      expect(seqs(n.bus.filter((e) => e.seq > start)), 'every event of the hall reaches the bus once, in seq order').toEqual(log);
    }

    const issuedIds = (board: typeof boardA) => board.events.filter((e) => e.type === 'ticket.issued').map((e) => (e.data as { ticketId: string }).ticketId);
    for (const board of [boardA, boardB]) {
      await waitFor(
        () => issuedIds(board).length >= 16 && board.events.filter((e) => e.type === 'ticket.called').length >= 2,
        () => `16 issues and 2 calls on the board (got ${board.events.map((e) => e.type).join(', ')})`,
      );
      const s = seqs(board.events);
      expect(
        s.every((x, i) => i === 0 || x > s[i - 1]!),
        `in seq order: ${s.join(',')}`,
      ).toBe(true);
      expect(issuedIds(board).sort()).toEqual(tickets.map((t) => t.id).sort());
    }
    expect(boardA.events.filter((e) => e.type === 'ticket.called').map((e) => (e.data as { ticketId: string }).ticketId)).toEqual(
      called.map((c) => c.ticket.id),
    );
    expect(seqs(boardA.events), 'both boards see the same events').toEqual(seqs(boardB.events));
  });

  it("a checked-in visitor's turn-soon message is enqueued and sent once, though both nodes see the call", async () => {
    const [a, b] = await twoNodes();
    const admin = await b.app.login('admin');
    const booking = await b.app.http('POST', '/api/appointments', {
      token: admin,
      body: { serviceId: 'tax-reg', start: bj('2026-11-23', '10:30'), name: '张三', phone: '13812345678', channel: 'phone' },
    });
    expect(booking.status, booking.text).toBe(201);
    for (const n of [a, b]) n.app.clock.set(bj('2026-11-23', '10:20'));
    const checkIn = await b.app.http('POST', `/api/appointments/${booking.body.code}/check-in`, { token: TOKENS.kiosk });
    expect(checkIn.status, checkIn.text).toBe(201);
    // node A hears the check-in's ticket too, and checks the queue for turn-soon as B does
    await waitFor(() => a.bus.some((e) => e.type === 'ticket.issued' && e.data.ticketId === checkIn.body.ticket.id), 'the check-in on node A');

    const sent = () => [...a.notifier.sent, ...b.notifier.sent].filter((n) => n.kind !== 'phone-code').map((n) => n.kind);
    await waitFor(
      async () => {
        await Promise.all([a.appointments.runJobs(), b.appointments.runJobs()]);
        return sent().includes('turn-soon');
      },
      () => `the turn-soon message (sent: ${sent().join(', ')})`,
    );
    await Promise.all([a.appointments.runJobs(), b.appointments.runJobs()]);
    expect(sent().filter((k) => k === 'turn-soon')).toHaveLength(1);
    expect(sent().length, `nothing sent twice: ${sent().join(', ')}`).toBe(new Set(sent()).size);
  });

  it("a hall's alert checks and appointment jobs run on its leader only, and on the other node once the leader is closed", async () => {
    const [a, b] = await twoNodes();
    expect([leads(a, 'main'), leads(b, 'main'), leads(a, 'branch'), leads(b, 'branch')]).toEqual([true, false, true, false]);

    const admin = await b.app.login('admin');
    const settings = await b.app.http('PUT', '/api/supervision/halls/main/alert-settings', { token: admin, body: { queueLength: 1 } });
    expect(settings.status, settings.text).toBe(200);
    const booking = await b.app.http('POST', '/api/appointments', {
      token: admin,
      body: { serviceId: 'tax-reg', start: bj('2026-11-23', '10:30'), name: '张三', phone: '13812345678', channel: 'phone' },
    });
    expect(booking.status, booking.text).toBe(201);

    // a queue with no window open: the leader (A) raises the alert, though the tickets were issued on B
    await issue(b.app, 'tax-reg');
    await issue(b.app, 'tax-reg');
    await waitFor(
      () => a.alerts.includes('queue:tax-reg'),
      () => `the alert on node A (A: ${a.alerts.join()}; B: ${b.alerts.join()})`,
    );
    // the booking is overdue: B's jobs leave it to the leader
    for (const n of [a, b]) n.app.clock.set(bj('2026-11-23', '11:15'));
    expect((await b.appointments.runJobs()).noShows).toBe(0);

    await a.app.close();
    nodes.splice(nodes.indexOf(a), 1);
    await waitFor(() => leads(b, 'main') && leads(b, 'branch'), 'node B to take over the halls of the closed node');
    expect((await b.appointments.runJobs()).noShows).toBe(1);
    await issue(b.app, 'invoice');
    await issue(b.app, 'invoice');
    await waitFor(
      () => b.alerts.includes('queue:invoice'),
      () => `the alert on node B (B: ${b.alerts.join()})`,
    );
    expect(b.alerts).not.toContain('queue:tax-reg'); // raised once, by A, and still active
  });

  it("after PostgreSQL drops the nodes' LISTEN connections, what was committed meanwhile still reaches the other node, in order", async () => {
    const [a, b, database] = await twoNodes();
    const name = new URL(database).pathname.slice(1);
    const admin = new pgClient.Client({ connectionString: pg.url });
    await admin.connect();
    try {
      // no new connection while the listeners are cut: B's issue below commits on a pooled one, never notified to A
      await admin.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS false`);
      const cut = await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND query LIKE 'LISTEN hall_events%'", [name]);
      expect(cut.rowCount).toBe(2);
      const missed = await issue(b.app, 'tax-reg');
      await admin.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`);
      const after = await issue(b.app, 'invoice');
      const issued = () => a.bus.filter((e) => e.type === 'ticket.issued').map((e) => e.data.ticketId);
      await waitFor(
        () => issued().length >= 2,
        () => `both tickets on node A (got ${issued().join()})`,
      );
      expect(issued()).toEqual([missed.id, after.id]);
      const s = seqs(a.bus);
      expect(s).toEqual(Array.from({ length: s.length }, (_, i) => s[0]! + i));
    } finally {
      await admin.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`);
      await admin.end();
    }
  });

  it("a call made on node B is spoken once, by the voice of the hall's leader", async () => {
    const config = testConfig();
    config.hardware = [{ id: 'voice-f1', kind: 'voice', zoneId: 'f1', engine: 'simulated' }];
    const database = await pg.createDatabase();
    const [voiceA, voiceB] = [createVoiceFeature(), createVoiceFeature()];
    const a = await node(database, { config, features: [voiceA] });
    const b = await node(database, { config, features: [voiceB] });
    expect([leads(a, 'main'), leads(b, 'main')]).toEqual([true, false]);
    await issue(b.app, 'tax-reg');
    const wangfang = await b.app.login('wangfang');
    await act(b.app, wangfang, 'w1', 'open');
    const called = await act(b.app, wangfang, 'w1', 'call-next');
    await waitFor(() => voiceA.announcer('f1')!.history().length >= 1, 'the call spoken on node A');
    await waitFor(() => b.bus.some((e) => e.type === 'ticket.called'), 'the call on node B');
    await voiceB.announcer('f1')!.idle();
    expect(
      voiceA
        .announcer('f1')!
        .history()
        .map((h) => h.number),
    ).toEqual([called.ticket.number]);
    expect(voiceB.announcer('f1')!.history()).toEqual([]);
  });

  it("boards of two halls written interleaved on both nodes: each snapshot is at its own hall's last seq, each replay gap-free in that hall's seq", async () => {
    const [a, b] = await twoNodes();
    const admin = await a.app.login('admin'); // one session for both nodes: it is in the database
    const logOf = async (hallId: string, after = 0) => seqs(await a.app.server.store.events.since(hallId, after, 10_000));
    // the main hall writes more than the branch, so the city's highest seq is not the branch's
    for (let i = 0; i < 6; i++) await issue(i % 2 ? b.app : a.app, 'tax-reg');
    await issue(b.app, 'realty', { token: admin });
    const branchBoard = await listen(a.app.socket(admin));
    expect((await branchBoard.subscribe({ hallId: 'branch' })).ok).toBe(true);
    const snapshotSeq = branchBoard.snapshots.at(-1)!.seq;
    expect(snapshotSeq, "the snapshot's seq is the branch's last").toBe((await logOf('branch')).at(-1));

    for (let i = 0; i < 8; i++) await Promise.all([issue(i % 2 ? a.app : b.app, 'tax-reg'), issue(i % 2 ? b.app : a.app, 'realty', { token: admin })]);
    const after = await logOf('branch', snapshotSeq);
    expect(after, "the branch's log goes on from the snapshot without a gap").toEqual(Array.from({ length: after.length }, (_, i) => snapshotSeq + 1 + i));
    await waitFor(
      () => (branchBoard.events.at(-1)?.seq ?? 0) >= after.at(-1)!,
      () => `the branch board to reach seq ${after.at(-1)} (at ${branchBoard.lastSeq()})`,
    );
    expect(seqs(branchBoard.events), 'live: every event of the branch after the snapshot, once, in its own seq').toEqual(after);
    expect(branchBoard.events.filter((e) => e.type === 'ticket.issued')).toHaveLength(8);

    // a board of the branch coming back on the other node with a seq of its own hall gets exactly what follows it
    const back = await listen(b.app.socket(admin));
    const since = after[2]!;
    expect(await back.subscribe({ hallId: 'branch', sinceSeq: since })).toEqual({ ok: true, replayed: after.length - 3 });
    expect(back.snapshots).toEqual([]);
    expect(seqs(back.events)).toEqual(after.slice(3));
    expect(back.events.every((e) => e.hallId === 'branch')).toBe(true);
  });

  it('a board subscribing on node A with sinceSeq while node B issues gets each missed and each new event once, in order', async () => {
    const [a, b] = await twoNodes();
    const start = (await a.app.server.store.events.since('main', 0, 10_000)).at(-1)?.seq ?? 0;
    const tickets: { id: string }[] = [];
    const issuing = (async () => {
      for (let i = 0; i < 30; i++) tickets.push(await issue(b.app, i % 2 ? 'tax-reg' : 'invoice'));
    })();
    await waitFor(() => tickets.length >= 5, 'the first tickets');
    const board = await listen(a.app.socket(TOKENS.display));
    expect((await board.subscribe({ hallId: 'main', sinceSeq: start })).ok).toBe(true);
    await issuing;
    const ids = () => board.events.filter((e) => e.type === 'ticket.issued').map((e) => (e.data as { ticketId: string }).ticketId);
    await waitFor(
      () => ids().length >= 30,
      () => `30 tickets on the board (got ${ids().length})`,
    );
    const s = seqs(board.events);
    expect(
      s.every((x, i) => i === 0 || x > s[i - 1]!),
      `once each, in seq order: ${s.join(',')}`,
    ).toBe(true);
    expect(ids()).toEqual(tickets.map((t) => t.id));
  });
});
