import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { FEATURES } from '../../server/features.js';
import { startHallServer, type HallServer } from '../../server/server.js';
import { benchHallConfig } from '../lib/bench-hall.js';
import { processFigures, serveParent } from '../lib/child-side.js';

/**
 * The real Hall Queue server in its own process (bench/lib/child.ts starts it): the bench hall on
 * a fresh temp dir, logs at `warn`. Core only, unless HALLQ_BENCH_FEATURES=1 adds every feature.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'hallq-bench-'));
let server: HallServer | undefined;

const starting = startHallServer({
  dataDir, config: benchHallConfig(), port: 0, host: '127.0.0.1', log: pino({ level: 'warn' }),
  features: process.env.HALLQ_BENCH_FEATURES === '1' ? FEATURES : [],
}).then((s) => {
  server = s;
  return { port: s.port, url: s.url, ...processFigures() };
});

let closing: Promise<void> | undefined;
serveParent(starting, {
  stats: () => ({
    ...processFigures(), sockets: server?.gateway.io.engine.clientsCount ?? 0,
    tickets: (server?.store.db.prepare('SELECT COUNT(*) AS n FROM tickets').get() as { n: number } | undefined)?.n ?? 0,
  }),
}, () => {
  closing ??= (async () => {
    await server?.close();
    rmSync(dataDir, { recursive: true, force: true });
  })();
  return closing;
});
