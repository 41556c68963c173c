import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HallLeadership } from '../../../server/store/postgres/hall-leader.js';
import { dispatchOutboxRound, type DueMessage } from '../../../server/store/postgres/outbox-claim.js';
import { PgStore } from '../../../server/store/postgres/pg-store.js';
import { startPostgres, type PostgresServer } from '../../helpers/postgres-server.js';
import { freezableRelay } from '../../helpers/freezable-relay.js';
import { waitFor } from '../../helpers/wait-for.js';

const ROOT = join(import.meta.dirname, '..', '..', '..');
let server: PostgresServer;
let nodes: PgStore[] = [];
const NOW = '2026-03-02T02:00:00.000Z';

beforeAll(async () => {
  server = await startPostgres();
});
afterAll(() => server?.stop());
beforeEach(async () => {
  const url = await server.createDatabase();
  nodes = [await PgStore.open(url, { poolSize: 3 })];
  nodes.push(await PgStore.open(url, { poolSize: 3 }), await PgStore.open(url, { poolSize: 3 }));
});
afterEach(async () => {
  await Promise.all(nodes.map((n) => n.close()));
});

async function queueMessages(pool: pg.Pool, n: number): Promise<void> {
  await pool.query(
    `INSERT INTO notification_outbox (hall_id, kind, dedupe_key, payload_json, due_at, next_attempt_at)
    SELECT 'h1', 'reminder', 'appt-' || i, jsonb_build_object('n', i), $1, $1 FROM generate_series(1, $2) AS i`,
    [NOW, n],
  );
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('scheduled work across nodes', () => {
  it('three dispatchers draining one outbox at once send every notification exactly once', async () => {
    await queueMessages(nodes[0]!.pool, 120);
    const sent: string[] = [];
    await Promise.all(
      nodes.map(async (node) => {
        for (;;) {
          const round = await dispatchOutboxRound(node.pool, 'notification_outbox', NOW, 10, async (m) => {
            await pause(Math.random() * 3);
            sent.push(m.dedupeKey);
            return { sent: true };
          });
          if (round.sent === 0) return;
        }
      }),
    );
    expect(sent.length).toBe(120);
    expect(new Set(sent).size).toBe(120);
    const { rows } = await nodes[0]!.pool.query('SELECT status, COUNT(*)::int AS n FROM notification_outbox GROUP BY status');
    expect(rows).toEqual([{ status: 'sent', n: 120 }]);
  });

  it('what a dispatcher held when its node died is sent by another node', async () => {
    await queueMessages(nodes[0]!.pool, 5);
    let release!: () => void;
    const stuck = new Promise<void>((r) => {
      release = r;
    });
    const claimedByDying: string[] = [];
    const dying = dispatchOutboxRound(nodes[0]!.pool, 'notification_outbox', NOW, 10, async (m) => {
      claimedByDying.push(m.dedupeKey);
      await stuck;
      return { sent: true };
    });
    await waitFor(() => claimedByDying.length === 1, 'the first node to claim the messages');
    // while it holds them, the others pass them over
    expect(await dispatchOutboxRound(nodes[1]!.pool, 'notification_outbox', NOW, 10, async () => ({ sent: true }))).toEqual({ sent: 0, failed: 0 });
    await nodes[2]!.pool.query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE state = 'idle in transaction' AND query LIKE '%FOR UPDATE SKIP LOCKED%'",
    );
    const byOther: DueMessage[] = [];
    await waitFor(async () => {
      await dispatchOutboxRound(nodes[1]!.pool, 'notification_outbox', NOW, 10, async (m) => {
        byOther.push(m);
        return { sent: true };
      });
      return byOther.length === 5;
    }, 'another node to send what the dead one held');
    release();
    await expect(dying).rejects.toThrow();
    expect(byOther.map((m) => m.dedupeKey).sort()).toEqual(['appt-1', 'appt-2', 'appt-3', 'appt-4', 'appt-5']);
    const { rows } = await nodes[0]!.pool.query("SELECT COUNT(*)::int AS n FROM notification_outbox WHERE status = 'sent'");
    expect(rows[0].n).toBe(5);
  });

  it("a node's outbox claims end with its session: another node takes them over at once, and the first one's late outcome changes nothing", async () => {
    await queueMessages(nodes[0]!.pool, 5);
    const until = '2026-03-02T02:10:00.000Z'; // the claims' time lease: far beyond this test
    const first = new HallLeadership(nodes[0]!.url, async () => []);
    const second = new HallLeadership(nodes[1]!.url, async () => []);
    try {
      await first.start(100, 1000);
      await second.start(100, 1000);
      const [keyA, keyB] = [first.claimKey(), second.claimKey()];
      expect(keyA).toEqual(expect.any(Number));
      expect(keyB).toEqual(expect.any(Number));
      expect(keyA).not.toBe(keyB);
      const byFirst = await nodes[0]!.outbox.claimDue(NOW, until, 3, keyA);
      const bySecond = await nodes[1]!.outbox.claimDue(NOW, until, 10, keyB);
      expect(byFirst.map((m) => m.dedupeKey)).toEqual(['appt-1', 'appt-2', 'appt-3']);
      expect(
        bySecond.map((m) => m.dedupeKey),
        "a live node's claims are passed over",
      ).toEqual(['appt-4', 'appt-5']);
      expect(await nodes[1]!.outbox.claimDue(NOW, until, 10, keyB)).toEqual([]);
      // the first node's session ends (a crash, a stop the server noticed, a lost connection): its key is free
      await first.close();
      expect(first.claimKey()).toBeUndefined();
      const takenOver = await nodes[1]!.outbox.claimDue(NOW, until, 10, keyB);
      expect(
        takenOver.map((m) => m.dedupeKey),
        "taken over before the claims' lease ends",
      ).toEqual(['appt-1', 'appt-2', 'appt-3']);
      await nodes[1]!.outbox.markSent(takenOver[0]!.id, NOW);
      // the first node comes back to its batch: its failures must not put back what the second sent or holds
      for (const m of byFirst) await nodes[0]!.outbox.markAttemptFailed(m.id, 'webhook timed out', NOW, keyA);
      const { rows } = await nodes[2]!.pool.query<{ dedupe_key: string; status: string; next_attempt_at: string; same: boolean }>(
        'SELECT dedupe_key, status, next_attempt_at, claimed_by = $1 AS same FROM notification_outbox ORDER BY id',
        [keyB],
      );
      expect(rows.slice(0, 3)).toEqual([
        { dedupe_key: 'appt-1', status: 'sent', next_attempt_at: until, same: null },
        { dedupe_key: 'appt-2', status: 'pending', next_attempt_at: until, same: true },
        { dedupe_key: 'appt-3', status: 'pending', next_attempt_at: until, same: true },
      ]);
    } finally {
      await first.close();
      await second.close();
    }
  });

  it('one node leads each hall; when that node is killed another takes its halls over', async () => {
    const halls = async () => ['h1', 'h2', 'h3'];
    const first = leadWorker(nodes[0]!.url);
    const second = new HallLeadership(nodes[1]!.url, halls);
    try {
      await waitFor(() => first.said().includes('leading h1,h2,h3'), 'the first node to lead every hall');
      await second.start(100);
      expect(second.leading().size).toBe(0);
      first.proc.kill('SIGKILL');
      await waitFor(() => second.leading().size === 3, 'the second node to take every hall over');
      const { rows } = await nodes[2]!.pool.query(
        "SELECT COUNT(DISTINCT pid)::int AS holders, COUNT(*)::int AS locks FROM pg_locks WHERE locktype = 'advisory' AND classid = 2",
      );
      expect(rows[0]).toEqual({ holders: 1, locks: 3 });
    } finally {
      first.proc.kill('SIGKILL');
      await second.close();
    }
  });

  it('a leader that stops answering (SIGSTOP: its socket stays open) loses its halls within the bound, and does no work when it resumes', async () => {
    const [TRY, LEASE] = [250, 625]; // PostgreSQL ends a silent session after 1.6 leases (1 s); the others try every 250 ms
    const { pool } = nodes[0]!;
    await pool.query('CREATE TABLE lead_work (node text, hall text, at timestamptz DEFAULT clock_timestamp(), decided timestamptz)');
    const first = leadWorker(nodes[0]!.url, TRY, LEASE, 'first');
    const second = new HallLeadership(nodes[1]!.url, async () => ['h1', 'h2', 'h3']);
    const work = setInterval(() => {
      for (const hall of second.leading()) void pool.query("INSERT INTO lead_work (node, hall) VALUES ('second', $1)", [hall]).catch(() => {});
    }, 50);
    const worked = async (node: string) => (await pool.query<{ n: number }>('SELECT COUNT(*)::int AS n FROM lead_work WHERE node = $1', [node])).rows[0]!.n;
    try {
      await waitFor(async () => first.said().includes('leading h1,h2,h3') && (await worked('first')) > 0, 'the first node to lead and work');
      await second.start(TRY, LEASE);
      expect(second.leading().size).toBe(0);
      first.proc.kill('SIGSTOP');
      const stoppedAt = performance.now();
      await waitFor(() => second.leading().size === 3, 'the second node to take every hall over');
      const tookMs = performance.now() - stoppedAt;
      const bound = 1.6 * LEASE + TRY;
      console.log(`halls taken over ${Math.round(tookMs)} ms after the leader stopped (bound ${bound} ms from its last heartbeat)`);
      expect(tookMs).toBeLessThan(bound + 2000); // the bound, and room for this loaded machine's timers
      await waitFor(async () => (await worked('second')) > 0, 'the second node to work');
      const heard = first.said().length;
      first.proc.kill('SIGCONT');
      await waitFor(() => first.said().slice(heard).includes('leading \n'), 'the resumed node to notice it leads nothing');
      await pool.query("INSERT INTO lead_work (node, hall) VALUES ('check', 'h1')"); // after anything the resumed node sent
      const { rows } = await pool.query<{ afterTakeover: number }>(
        // decided after the takeover: a row the stopped node had decided on before it was stopped may land later (its
        // query waited in its pool), which the scheduled work allows for (it is safe to run twice)
        `SELECT COUNT(*)::int AS "afterTakeover" FROM lead_work WHERE node = 'first' AND decided > (SELECT MIN(at) FROM lead_work WHERE node = 'second')`,
      );
      expect(rows[0]!.afterTakeover, 'work done by the resumed node after the takeover').toBe(0);
    } finally {
      clearInterval(work);
      first.proc.kill('SIGKILL');
      await second.close();
    }
  });

  it('a leader whose PostgreSQL connection goes silent (a relay that stops passing bytes) stops leading before another node takes over', async () => {
    const [TRY, LEASE] = [250, 625];
    const relay = await freezableRelay(new URL(nodes[0]!.url));
    const halls = async () => ['h1', 'h2', 'h3'];
    const cutOff = new HallLeadership(relay.url, halls);
    const other = new HallLeadership(nodes[1]!.url, halls);
    try {
      await cutOff.start(TRY, LEASE);
      await other.start(TRY, LEASE);
      expect([cutOff.leading().size, other.leading().size]).toEqual([3, 0]);
      relay.cut();
      const frozenAt = performance.now();
      let gaveUpAt: number | undefined;
      await waitFor(() => {
        if (gaveUpAt === undefined && cutOff.leading().size === 0) gaveUpAt = performance.now();
        // never two leaders of a hall at once
        if (other.leading().size > 0) expect(cutOff.leading().size).toBe(0);
        return other.leading().size === 3;
      }, 'the other node to take every hall over');
      const tookMs = performance.now() - frozenAt;
      console.log(
        `cut off: stopped leading after ${Math.round(gaveUpAt! - frozenAt)} ms (lease ${LEASE}), halls taken over after ${Math.round(tookMs)} ms (bound ${1.6 * LEASE + TRY})`,
      );
      expect(tookMs).toBeLessThan(1.6 * LEASE + TRY + 2000);
    } finally {
      await other.close();
      relay.close();
      await cutOff.close();
    }
  });
});

/** lead-worker.ts in a child process: what it says, and the process to kill or stop */
function leadWorker(url: string, tryMs = 100, leaseMs = 5000, name?: string): { proc: ChildProcess; said(): string } {
  const proc = spawn(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'tests/integration/postgres/lead-worker.ts'), url, String(tryMs), String(leaseMs), ...(name ? [name] : [])],
    {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  let said = '';
  proc.stdout!.on('data', (d: Buffer) => {
    said += d.toString();
  });
  return { proc, said: () => said };
}
