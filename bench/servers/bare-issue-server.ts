import Database from 'better-sqlite3';
import Fastify from 'fastify';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { processFigures, serveParent } from '../lib/child-side.js';
import { summarize, type LatencySummary } from '../lib/stats.js';

/**
 * The baseline for issuing: a bare Fastify route that does one better-sqlite3 insert
 * transaction with the same durability as the real store (WAL, synchronous=FULL) and answers
 * 201 with the row. What the real server does beyond this is its own cost.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'hallq-bench-bare-'));
const db = new Database(join(dataDir, 'bare.sqlite'));
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.exec('CREATE TABLE tickets (id TEXT PRIMARY KEY, service_id TEXT NOT NULL, seq_no INTEGER NOT NULL, issued_at TEXT NOT NULL, status_token TEXT NOT NULL)');
const insert = db.prepare('INSERT INTO tickets (id, service_id, seq_no, issued_at, status_token) VALUES (?, ?, ?, ?, ?)');
let seqNo = 0;
const issue = db.transaction((serviceId: string) => {
  const row = { id: randomUUID(), serviceId, seqNo: ++seqNo, issuedAt: new Date().toISOString(), statusToken: randomBytes(16).toString('base64url') };
  insert.run(row.id, row.serviceId, row.seqNo, row.issuedAt, row.statusToken);
  return row;
});

const app = Fastify({ logger: false });
app.post<{ Body: { serviceId?: string } }>('/api/tickets', async (request, reply) => reply.status(201).send(issue(request.body.serviceId ?? 'x')));

const starting = app.listen({ port: 0, host: '127.0.0.1' }).then(() => {
  const address = app.server.address();
  return { port: typeof address === 'object' && address ? address.port : 0, ...processFigures() };
});

let closing: Promise<void> | undefined;
/** The disk's floor: back-to-back durable one-row commits, no HTTP (every acknowledgement waits for one). */
function commitLatency(count: number): LatencySummary {
  const samples: number[] = [];
  for (let i = 0; i < count; i++) {
    const t0 = performance.now();
    issue('commit-probe');
    samples.push(performance.now() - t0);
  }
  return summarize(samples);
}

const countTickets = db.prepare("SELECT COUNT(*) AS n FROM tickets WHERE service_id <> 'commit-probe'");
serveParent(
  starting,
  {
    stats: () => ({ ...processFigures(), tickets: (countTickets.get() as { n: number }).n }),
    commitLatency: (count: number) => commitLatency(count),
  },
  () => {
    closing ??= (async () => {
      await app.close();
      db.close();
      rmSync(dataDir, { recursive: true, force: true });
    })();
    return closing;
  },
);
