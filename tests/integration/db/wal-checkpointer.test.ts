import { randomBytes } from 'node:crypto';
import { mkdtempSync, openSync, readSync, closeSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../db/database.js';
import { startWalCheckpointer, type WalCheckpointer } from '../../../db/wal-checkpointer.js';
import { waitFor } from '../../helpers/wait-for.js';

let dir: string;
let db: Db;
let checkpointer: WalCheckpointer | undefined;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hallq-checkpoint-'));
  db = openDatabase(join(dir, 'hall.sqlite'));
  db.exec('CREATE TABLE filler (id INTEGER PRIMARY KEY, body BLOB NOT NULL)');
});
afterEach(async () => {
  await checkpointer?.stop();
  checkpointer = undefined;
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const insert = (rows: number) => {
  const stmt = db.prepare('INSERT INTO filler (body) VALUES (?)');
  db.transaction(() => {
    for (let i = 0; i < rows; i++) stmt.run(randomBytes(1000));
  }).immediate();
};

/** the log's checkpoint sequence (bytes 12–15 of its header): it moves each time a writer starts the log over */
function logGeneration(file: string): number {
  const fd = openSync(`${file}-wal`, 'r');
  try {
    const header = Buffer.alloc(16);
    readSync(fd, header, 0, 16, 0);
    return header.readUInt32BE(12);
  } finally {
    closeSync(fd);
  }
}

const count = () => (db.prepare('SELECT COUNT(*) AS n FROM filler').get() as { n: number }).n;

describe('the checkpoint worker', () => {
  it('copies the log into the database file and starts the log over, while the server connection never checkpoints', async () => {
    const file = db.name;
    checkpointer = startWalCheckpointer(db, { everyMs: 10, restartAtFrames: 50 });
    const fileBefore = statSync(file).size;
    // the schema's migrations are in the log already: the log may not grow past them by more than a round or two
    const walBefore = statSync(`${file}-wal`).size;
    let walHigh = 0;
    for (let round = 0; round < 5; round++) {
      insert(300); // about 80 pages of log
      const generation = logGeneration(file);
      // a small write after each check: the log starts over (and its header moves) when a writer finds it all copied
      await waitFor(
        () => {
          insert(1);
          return logGeneration(file) !== generation;
        },
        `the log to start over in round ${String(round + 1)}`,
      );
      walHigh = Math.max(walHigh, statSync(`${file}-wal`).size);
    }
    expect(statSync(file).size, 'the rows reached the database file itself').toBeGreaterThan(fileBefore + 1_000_000);
    // without the worker this connection would never checkpoint: 1,500 rows (~400 pages) would all stay in the log
    expect(walHigh, 'the log is reused, not grown').toBeLessThan(walBefore + 2 * 80 * 4120);
    expect(count()).toBeGreaterThanOrEqual(1500);
  });

  it('hands checkpoints back to the server connection when the worker cannot work', async () => {
    const file = db.name;
    // the worker opens the file by name: moved away, it is not there to open
    renameSync(file, `${file}.moved`);
    let failure: Error | undefined;
    checkpointer = startWalCheckpointer(db, { onFailure: (err) => (failure = err) });
    await waitFor(() => failure !== undefined, 'the worker to report its failure');
    expect(db.pragma('wal_autocheckpoint', { simple: true }), "SQLite's own checkpoints are back").toBe(1000);
    renameSync(`${file}.moved`, file);
    insert(10);
    expect(count()).toBe(10);
  });
});
