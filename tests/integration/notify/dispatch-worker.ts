/**
 * A server process's notification dispatcher on a shared data dir, for the two-process test:
 * says "ready", waits for "go" on stdin, dispatches rounds until one sends nothing, then says
 * "sent N" (or "error …"). argv: SQLITE_FILE GATEWAY_URL
 */
import { createInterface } from 'node:readline';
import pino from 'pino';
import { openDatabase } from '../../../db/database.js';
import { SqliteOutboxRepository } from '../../../db/repositories/outbox-repository.js';
import { toAsyncPort } from '../../../db/sqlite-feature-stores.js';
import { systemClock } from '../../../server/app/context.js';
import { dispatchDue } from '../../../server/notify/outbox-dispatcher.js';
import { WebhookNotifier } from '../../../server/notify/webhook-notifier.js';

const [file, url] = process.argv.slice(2) as [string, string];
const db = openDatabase(file);
const notifier = new WebhookNotifier(url);
const deps = {
  outbox: toAsyncPort(new SqliteOutboxRepository(db)),
  clock: systemClock,
  log: pino({ level: 'silent' }),
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
};

process.stdout.write('ready\n');
for await (const line of createInterface({ input: process.stdin })) {
  if (line !== 'go') continue;
  try {
    let sent = 0;
    for (let r = await dispatchDue(deps, 4); r.sent > 0; r = await dispatchDue(deps, 4)) sent += r.sent;
    process.stdout.write(`sent ${sent}\n`);
  } catch (error) {
    process.stdout.write(`error ${(error as Error).message}\n`);
  }
  break;
}
db.close();
process.exit(0);
