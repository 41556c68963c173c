import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createAppointmentsFeature } from '../../../server/appointments/feature.js';
import { HMAC_KEY_FILE, LOCK_FILE } from '../../../server/data-dir.js';
import { DATABASE_FILE, startHallServer } from '../../../server/server.js';
import { buildTestApp, type TestApp } from '../../helpers/test-app.js';
import { testConfig } from '../../helpers/test-config.js';
import { runChildToExit } from './child-server.js';

let app: TestApp | undefined;
afterEach(async () => { await app?.close(); app = undefined; });

const mode = (file: string) => statSync(file).mode & 0o777;
const quiet = pino({ level: 'silent' });

describe('the data directory', () => {
  it('is locked: a second server on it is refused with a clear message, in-process and as a process (exit 2)', async () => {
    app = await buildTestApp();
    await expect(startHallServer({ dataDir: app.dataDir, config: testConfig(), port: 0, host: '127.0.0.1', log: quiet, features: [] }))
      .rejects.toThrow(/in use by another Hall Queue server \(pid \d+\)/);
    const second = await runChildToExit(['--data', app.dataDir, '--demo', '--port', '0']);
    expect(second.code).toBe(2);
    expect(second.stderr).toMatch(/hall-queue: data directory .* is in use by another Hall Queue server/);
    expect(second.stderr).not.toMatch(/\n\s+at /); // a message, not a stack
    // the first still serves, and once stopped the directory is free again
    expect((await app.http('GET', '/api/health')).status).toBe(200);
    await app.restart();
    expect((await app.http('GET', '/api/health')).status).toBe(200);
  });

  it('a lock left by a server that died is taken over', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hallq-lock-'));
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    writeFileSync(join(dir, LOCK_FILE), dead.stdout);
    app = await buildTestApp({ dataDir: dir });
    expect(readFileSync(join(dir, LOCK_FILE), 'utf8')).toBe(String(process.pid));
  });

  it('keeps the database and the hash key readable by the service account only, the key outside the database', async () => {
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
      first.store.db.prepare("INSERT INTO settings (key, value_json) VALUES ('appointments.hashKey', ?)").run(JSON.stringify('b2xkLWtleQ=='));
      await first.close();
      const second = await startHallServer({ dataDir: dir, config: testConfig(), port: 0, host: '127.0.0.1', log: quiet, features: [createAppointmentsFeature({ jobIntervalMs: 3_600_000 })] });
      expect(readFileSync(join(dir, HMAC_KEY_FILE), 'utf8')).toBe('b2xkLWtleQ==');
      expect(second.store.db.prepare("SELECT COUNT(*) AS n FROM settings WHERE key = 'appointments.hashKey'").get()).toEqual({ n: 0 });
      await second.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
