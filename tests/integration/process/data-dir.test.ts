import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createAppointmentsFeature } from '../../../server/appointments/feature.js';
import { HMAC_KEY_FILE, LOCK_FILE } from '../../../server/data-dir.js';
import { DATABASE_FILE, startHallServer } from '../../../server/server.js';
import { buildTestApp, type TestApp } from '../../helpers/test-app.js';
import { testConfig } from '../../helpers/test-config.js';
import { sqliteOnly } from '../../helpers/test-store.js';
import { runChildToExit } from './child-server.js';

let app: TestApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

const mode = (file: string) => statSync(file).mode & 0o777;

/** A tmpfs can be remounted read-only: a real EROFS, which chmod cannot give a root test run. Mounting needs root. */
const roMount = mkdtempSync(join(tmpdir(), 'hallq-ro-'));
let mounted = false;
try {
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=8m', 'tmpfs', roMount], { stdio: 'ignore' });
  mounted = true;
} catch {
  /* not allowed here: the test says so by being skipped */
}
afterAll(() => {
  if (mounted) execFileSync('umount', [roMount]);
  rmSync(roMount, { recursive: true, force: true });
});

/** exit code 2 and one line naming the directory and the reason: no stack */
function expectRefused(run: { code: number | null; stderr: string }, dir: string, reason: RegExp): void {
  expect(run.code).toBe(2);
  expect(run.stderr.trim().split('\n')).toHaveLength(1);
  expect(run.stderr).toContain(`hall-queue: data directory ${dir} `);
  expect(run.stderr).toMatch(reason);
}
const quiet = pino({ level: 'silent' });

describe('the data directory', () => {
  it('is locked: a second server on it is refused with a clear message, in-process and as a process (exit 2)', async () => {
    app = await buildTestApp();
    await expect(startHallServer({ dataDir: app.dataDir, config: testConfig(), port: 0, host: '127.0.0.1', log: quiet, features: [] })).rejects.toThrow(
      /in use by another Hall Queue server \(pid \d+\)/,
    );
    const second = await runChildToExit(['--data', app.dataDir, '--demo', '--port', '0']);
    expect(second.code).toBe(2);
    expect(second.stderr).toMatch(/hall-queue: data directory .* is in use by another Hall Queue server/);
    expect(second.stderr).not.toMatch(/\n\s+at /); // a message, not a stack
    // the first still serves, and once stopped the directory is free again
    expect((await app.http('GET', '/api/health')).status).toBe(200);
    await app.restart();
    expect((await app.http('GET', '/api/health')).status).toBe(200);
  });

  it('a file where the data directory should be stops the start with one line saying so', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hallq-notdir-'));
    try {
      const file = join(dir, 'data');
      writeFileSync(file, 'not a directory');
      expectRefused(await runChildToExit(['--demo', '--data', file, '--port', '0']), file, /is a file, not a directory/);
      expectRefused(
        await runChildToExit(['--demo', '--data', join(file, 'hall'), '--port', '0']),
        join(file, 'hall'),
        /part of its path is a file, not a directory \(ENOTDIR\)/,
      );
      expect(readFileSync(file, 'utf8')).toBe('not a directory');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.skipIf(!mounted)('a read-only file system stops the start with one line, whether the data directory is new or holds a database', async () => {
    const configFile = join(roMount, 'hall.json');
    writeFileSync(configFile, JSON.stringify(testConfig()));
    const used = join(roMount, 'used');
    const earlier = await startHallServer({ dataDir: used, config: testConfig(), port: 0, host: '127.0.0.1', log: quiet, features: [] });
    await earlier.close();
    const database = readFileSync(join(used, DATABASE_FILE));
    execFileSync('mount', ['-o', 'remount,ro', roMount]);
    try {
      expectRefused(await runChildToExit(['--config', configFile, '--data', used, '--port', '0']), used, /read-only file system \(EROFS\)/);
      const fresh = join(roMount, 'new');
      expectRefused(await runChildToExit(['--demo', '--data', fresh, '--port', '0']), fresh, /read-only file system \(EROFS\)/);
      expect(readFileSync(join(used, DATABASE_FILE)).equals(database)).toBe(true);
    } finally {
      execFileSync('mount', ['-o', 'remount,rw', roMount]);
    }
  });

  it('a lock left by a server that died is taken over', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hallq-lock-'));
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    writeFileSync(join(dir, LOCK_FILE), dead.stdout);
    app = await buildTestApp({ dataDir: dir });
    expect(readFileSync(join(dir, LOCK_FILE), 'utf8')).toBe(String(process.pid));
  });

  // SQLite only: the database file's mode, and the key file (on PostgreSQL the nodes share the key in the database)
  it.skipIf(sqliteOnly('file'))('keeps the database and the hash key readable by the service account only, the key outside the database', async () => {
    app = await buildTestApp({ features: [createAppointmentsFeature({ jobIntervalMs: 3_600_000 })] });
    const key = join(app.dataDir, HMAC_KEY_FILE);
    expect(mode(key)).toBe(0o600);
    expect(mode(join(app.dataDir, DATABASE_FILE))).toBe(0o600);
    const wal = join(app.dataDir, `${DATABASE_FILE}-wal`);
    if (existsSync(wal)) expect(mode(wal)).toBe(0o600);
    const inDb = app.server.store.db.prepare("SELECT COUNT(*) AS n FROM settings WHERE key = 'appointments.hashKey'").get() as { n: number };
    expect(inDb.n).toBe(0);
    const before = readFileSync(key, 'utf8');
    await app.restart();
    expect(readFileSync(key, 'utf8')).toBe(before);
  });

  it('moves the key of an older database into the key file, unchanged, so its hashes still match', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hallq-oldkey-'));
    try {
      const first = await startHallServer({ dataDir: dir, config: testConfig(), port: 0, host: '127.0.0.1', log: quiet, features: [] });
      first.sqlite!.db.prepare("INSERT INTO settings (key, value_json) VALUES ('appointments.hashKey', ?)").run(JSON.stringify('b2xkLWtleQ=='));
      await first.close();
      const second = await startHallServer({
        dataDir: dir,
        config: testConfig(),
        port: 0,
        host: '127.0.0.1',
        log: quiet,
        features: [createAppointmentsFeature({ jobIntervalMs: 3_600_000 })],
      });
      expect(readFileSync(join(dir, HMAC_KEY_FILE), 'utf8')).toBe('b2xkLWtleQ==');
      expect(second.sqlite!.db.prepare("SELECT COUNT(*) AS n FROM settings WHERE key = 'appointments.hashKey'").get()).toEqual({ n: 0 });
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
