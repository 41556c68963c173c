import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../../server/server.js';
import { TOKENS } from '../../helpers/test-config.js';
import { waitFor } from '../../helpers/wait-for.js';
import { startChildServer } from './child-server.js';
import { useProcessFixture } from './process-fixture.js';

const f = useProcessFixture();
const ROOT = join(import.meta.dirname, '..', '..', '..');

/** `npm run backup` / `npm run restore` as a real process: exit code and what it printed. */
function runCli(...args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'server/maintenance/cli.ts', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  proc.stdout.on('data', (d) => {
    out += String(d);
  });
  proc.stderr.on('data', (d) => {
    err += String(d);
  });
  return new Promise((resolve) => proc.once('exit', (code) => resolve({ code, out, err })));
}

interface Issued {
  id: string;
  number: string;
  statusToken: string;
}

async function take(url: string, token: string): Promise<Issued | 'refused'> {
  const res = await fetch(`${url}/api/tickets`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ serviceId: 'invoice' }),
  });
  return res.status === 201 ? ((await res.json()) as Issued) : 'refused';
}

describe('backup and restore of a running hall', { timeout: 180_000 }, () => {
  it('a backup taken while tickets are being issued restores into a fresh directory with every ticket acknowledged before it', async () => {
    f.child = await f.serve();
    const url = f.child.url;
    const acked: Issued[] = [];
    let refused = 0;
    let stop = false;
    const worker = async (token: string) => {
      while (!stop) {
        const t = await take(url, token);
        if (t === 'refused') refused++;
        else acked.push(t);
      }
    };
    const workers = Array.from({ length: 6 }, (_, i) => worker(i % 2 ? TOKENS.kiosk : TOKENS.kiosk2));
    await waitFor(
      () => acked.length >= 100,
      () => `100 tickets acknowledged (got ${acked.length})`,
      60_000,
    );

    const beforeBackup = [...acked];
    const backupFile = join(f.dir, 'backup.sqlite');
    const backup = await runCli('backup', '--data', join(f.dir, 'data'), '--to', backupFile);
    const duringBackup = acked.length - beforeBackup.length;
    stop = true;
    await Promise.all(workers);
    expect(backup.err).toBe('');
    expect(backup.code).toBe(0);
    expect(backup.out).toContain(`backup written: ${backupFile}`);
    expect(refused).toBe(0); // issuing never stopped for the backup
    f.child.proc.kill('SIGTERM');
    expect(await f.child.exited).toBe(0);

    const restoredDir = join(f.dir, 'restored');
    const restore = await runCli('restore', '--data', restoredDir, '--from', backupFile);
    expect(restore.code, restore.err).toBe(0);

    const inBackup = new Database(backupFile, { readonly: true });
    const count = inBackup.prepare("SELECT COUNT(*) FROM tickets WHERE service_id = 'invoice'").pluck().get() as number;
    inBackup.close();
    expect(count).toBeGreaterThanOrEqual(beforeBackup.length);
    expect(count).toBeLessThanOrEqual(beforeBackup.length + duringBackup + 6);

    f.child = await startChildServer(['--config', f.configFile, '--data', restoredDir, '--port', '0', '--host', '127.0.0.1']);
    for (const t of beforeBackup) {
      const res = await fetch(`${f.child.url}/api/tickets/${t.id}/status?token=${encodeURIComponent(t.statusToken)}`);
      expect(res.status, `${t.number} was acknowledged before the backup`).toBe(200);
      expect(((await res.json()) as { number: string }).number).toBe(t.number);
    }
    // numbering goes on from the backup's last ticket: no number is given twice
    const next = await take(f.child.url, TOKENS.kiosk);
    expect(next !== 'refused' && next.number).toBe(`B${String(count + 1).padStart(3, '0')}`);
  });

  it('restore refuses while a server has the database open, and changes nothing', async () => {
    f.child = await f.serve();
    const dataDir = join(f.dir, 'data');
    const backupFile = join(f.dir, 'b.sqlite');
    expect((await runCli('backup', '--data', dataDir, '--to', backupFile)).code).toBe(0);
    const restore = await runCli('restore', '--data', dataDir, '--from', backupFile);
    expect(restore.code).toBe(1);
    expect(restore.err).toContain('in use: stop the server first');
    expect((await fetch(`${f.child.url}/api/health`)).status).toBe(200);
    const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
    expect(db.prepare('SELECT COUNT(*) FROM halls').pluck().get()).toBeGreaterThan(0);
    db.close();
  });
});
