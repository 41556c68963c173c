import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Db } from './database.js';

export interface WalCheckpointerOptions {
  /** how often the worker copies what the log holds into the database file */
  everyMs?: number;
  /** past this many frames in the log, the worker also starts the log over (RESTART) */
  restartAtFrames?: number;
  /** the worker failed or stopped by itself: the connection checkpoints on its own again */
  onFailure?: (error: Error) => void;
}

export interface WalCheckpointer {
  stop(): Promise<void>;
}

/** SQLite's own default: a checkpoint when a commit leaves 1,000 pages in the log */
const SQLITE_AUTOCHECKPOINT = 1000;

/**
 * Runs in the worker, as plain CommonJS (the worker evaluates it; no build step, no TypeScript).
 * PASSIVE copies committed pages without ever making the writer wait. A log that never empties
 * (a writer always busy) would grow without end, so past `restartAtFrames` a RESTART follows: it
 * holds the writer back only while it copies the last few pages, and gives up within its busy
 * timeout rather than wait long.
 */
const WORKER_SOURCE = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 50');
db.pragma('synchronous = ' + workerData.synchronous);
const checkpoint = () => {
  try {
    const [passive] = db.pragma('wal_checkpoint(PASSIVE)');
    if (passive.log >= workerData.restartAtFrames) db.pragma('wal_checkpoint(RESTART)');
  } catch (error) {
    if (error && error.code === 'SQLITE_BUSY') return;
    clearInterval(timer);
    db.close();
    throw error;
  }
};
const timer = setInterval(checkpoint, workerData.everyMs);
parentPort.on('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

/**
 * Moves the copying of the write-ahead log into the database file (a checkpoint: reads of the
 * log, writes and an fsync of the database file) off the event loop, onto a worker thread with
 * its own connection. On the server's connection a checkpoint ran inside the commit that
 * crossed 1,000 pages: every few hundred tickets, one request paid for all of them, and the
 * loop did nothing else meanwhile. Durability is unchanged: every commit still syncs the log
 * before it is acknowledged; a checkpoint only moves pages already safe there.
 */
export function startWalCheckpointer(db: Db, opts: WalCheckpointerOptions = {}): WalCheckpointer {
  const synchronous = db.pragma('synchronous', { simple: true }) as number;
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      driver: createRequire(import.meta.url).resolve('better-sqlite3'),
      file: db.name,
      synchronous,
      everyMs: opts.everyMs ?? 100,
      restartAtFrames: opts.restartAtFrames ?? 4096,
    },
  });
  worker.unref();
  db.pragma('wal_autocheckpoint = 0');
  let stopping = false;
  let failed = false;
  const takeBack = (error: Error) => {
    if (failed || !db.open) return;
    failed = true;
    db.pragma(`wal_autocheckpoint = ${SQLITE_AUTOCHECKPOINT}`);
    opts.onFailure?.(error);
  };
  worker.on('error', takeBack);
  const exited = new Promise<void>((resolve) => {
    worker.on('exit', (code) => {
      if (!stopping && code !== 0) takeBack(new Error(`the checkpoint worker exited with code ${String(code)}`));
      resolve();
    });
  });
  return {
    async stop() {
      if (stopping) return await exited;
      stopping = true;
      worker.postMessage('stop');
      await exited;
    },
  };
}
