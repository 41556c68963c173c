/**
 * Two processes on one data dir (here: two connections to one SQLite file, each with its own
 * dispatcher) send the notification outbox and the 好差评 queue together: a gateway stand-in over
 * real HTTP, slow enough that both dispatchers are mid-batch at once, receives every message
 * exactly once.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../db/database.js';
import { HaochaRepository } from '../../../db/repositories/haocha-repository.js';
import { SqliteOutboxRepository } from '../../../db/repositories/outbox-repository.js';
import { toAsyncPort } from '../../../db/sqlite-feature-stores.js';
import { openSqliteStore } from '../../../db/sqlite-store.js';
import { systemClock, type AppContext } from '../../../server/app/context.js';
import { HaochaPush } from '../../../server/haocha/haocha-push.js';
import { dispatchDue } from '../../../server/notify/outbox-dispatcher.js';
import { WebhookNotifier } from '../../../server/notify/webhook-notifier.js';

/** the gateway: counts each idempotency key, answers 200 after `delayMs` */
function gateway(delayMs: number) {
  const deliveries = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const key = String(req.headers['idempotency-key']);
      deliveries.set(key, (deliveries.get(key) ?? 0) + 1);
      setTimeout(() => res.writeHead(200).end('{}'), delayMs);
    });
  });
  return { deliveries, server };
}

const log = pino({ level: 'silent' });
const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '../../..');
const MESSAGES = 24;
let dir: string;
let gw: ReturnType<typeof gateway>;
let url: string;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'hallq-two-dispatchers-'));
  openSqliteStore(join(dir, 'hall.sqlite')).close(); // the schema
  gw = gateway(40);
  await new Promise<void>((resolve) => gw.server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(gw.server.address() as AddressInfo).port}/gateway`;
});
afterEach(async () => {
  await new Promise((resolve) => gw.server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

/** runs each dispatcher's rounds side by side until a round of each sends nothing */
async function drain(rounds: (() => Promise<{ sent: number }>)[]): Promise<number[]> {
  return Promise.all(
    rounds.map(async (round) => {
      let sent = 0;
      for (let r = await round(); r.sent > 0; r = await round()) sent += r.sent;
      return sent;
    }),
  );
}

describe('two dispatchers on one database', () => {
  it('deliver every notification once, each taking its own share', async () => {
    const processes = [openDatabase(join(dir, 'hall.sqlite')), openDatabase(join(dir, 'hall.sqlite'))];
    try {
      const outbox = new SqliteOutboxRepository(processes[0]!);
      for (let i = 0; i < MESSAGES; i++)
        outbox.enqueue({
          hallId: 'main',
          kind: 'reminder',
          dedupeKey: `a${i}:reminder`,
          appointmentId: `a${i}`,
          payload: {},
          dueAt: '2026-03-02T01:00:00.000Z',
        });
      const notifier = new WebhookNotifier(url);
      const dispatchers = processes.map((db) => ({
        outbox: toAsyncPort(new SqliteOutboxRepository(db)),
        clock: systemClock,
        log,
        notifierFor: () => notifier,
        compose: (m: { id: number; hallId: string }) => ({
          id: m.id,
          kind: 'reminder' as const,
          hallId: m.hallId,
          hallName: '市民中心',
          to: { name: '', phone: '' },
          lang: 'zh-CN' as const,
          text: '提醒',
        }),
      }));
      const shares = await drain(dispatchers.map((d) => () => dispatchDue(d, 4)));

      expect(gw.deliveries.size).toBe(MESSAGES);
      expect([...gw.deliveries.values()].every((n) => n === 1)).toBe(true);
      expect(shares[0]! + shares[1]!).toBe(MESSAGES);
      expect(
        shares.every((n) => n > 0),
        'both dispatchers sent a share',
      ).toBe(true);
      expect(outbox.all('main').every((m) => m.status === 'sent' && m.attempts === 1)).toBe(true);
    } finally {
      for (const db of processes) db.close();
    }
  });

  it('push every 好差评 rating once, each taking its own share', async () => {
    const processes = [openDatabase(join(dir, 'hall.sqlite')), openDatabase(join(dir, 'hall.sqlite'))];
    try {
      const queue = new HaochaRepository(processes[0]!);
      for (let i = 0; i < MESSAGES; i++) {
        const payload = {
          id: `rating:t${i}`,
          kind: 'rating',
          occurredAt: '2026-03-02T01:00:00.000Z',
          hall: { id: 'main', code: 'main', name: '市民中心' },
          ticket: { id: `t${i}`, number: 'A001' },
          service: null,
          window: null,
          staff: null,
        };
        queue.enqueue({ hallId: 'main', kind: 'rating', dedupeKey: payload.id, payload, createdAt: payload.occurredAt });
      }
      // dispatch reads nothing of the context but its clock, nor of the follow-ups
      const ctx = { clock: systemClock } as AppContext;
      const pushers = processes.map(
        (db) => new HaochaPush(ctx, toAsyncPort(new HaochaRepository(db)), undefined, () => Promise.resolve({ url, halls: {} }), log),
      );
      const shares = await drain(pushers.map((p) => () => p.dispatch(4)));

      expect(gw.deliveries.size).toBe(MESSAGES);
      expect([...gw.deliveries.values()].every((n) => n === 1)).toBe(true);
      expect(shares[0]! + shares[1]!).toBe(MESSAGES);
      expect(
        shares.every((n) => n > 0),
        'both pushers sent a share',
      ).toBe(true);
      expect(queue.counts('main')).toMatchObject({ sent: MESSAGES });
    } finally {
      for (const db of processes) db.close();
    }
  });

  it('in two server processes on one data dir, deliver every notification once', async () => {
    const file = join(dir, 'hall.sqlite');
    const db = openDatabase(file);
    const outbox = new SqliteOutboxRepository(db);
    for (let i = 0; i < 60; i++)
      outbox.enqueue({ hallId: 'main', kind: 'reminder', dedupeKey: `p${i}:reminder`, appointmentId: `p${i}`, payload: {}, dueAt: '2026-03-02T01:00:00.000Z' });
    const workers = [0, 1].map(() => {
      const child = spawn(process.execPath, ['--import', 'tsx', join(HERE, 'dispatch-worker.ts'), file, url], {
        cwd: ROOT,
        stdio: ['pipe', 'pipe', 'inherit'],
      });
      let said = '';
      const saidLine = (prefix: RegExp) =>
        new Promise<string>((resolve, reject) => {
          const check = () => {
            const line = said.split('\n').find((l) => prefix.test(l));
            if (line) resolve(line);
          };
          child.stdout.on('data', (d: Buffer) => {
            said += d.toString();
            check();
          });
          child.on('exit', () => (check(), reject(new Error(`worker exited saying: ${said}`))));
        });
      return { child, ready: saidLine(/^ready/), done: saidLine(/^(sent|error)/) };
    });
    try {
      await Promise.all(workers.map((w) => w.ready));
      for (const w of workers) w.child.stdin.write('go\n');
      const said = await Promise.all(workers.map((w) => w.done));
      const shares = said.map((line) => {
        expect(line).toMatch(/^sent \d+$/);
        return Number(line.slice(5));
      });
      expect(gw.deliveries.size).toBe(60);
      expect([...gw.deliveries.values()].every((n) => n === 1)).toBe(true);
      expect(shares[0]! + shares[1]!).toBe(60);
      expect(
        shares.every((n) => n > 0),
        'both processes sent a share',
      ).toBe(true);
      expect(outbox.all('main').every((m) => m.status === 'sent' && m.attempts === 1)).toBe(true);
    } finally {
      for (const w of workers) w.child.kill('SIGKILL');
      db.close();
    }
  });
});
