import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../../server/server.js';
import { TOKENS } from '../../helpers/test-config.js';
import { waitFor } from '../../helpers/wait-for.js';
import { issue, useProcessFixture } from './process-fixture.js';

const f = useProcessFixture();

// A child process starts in ~2 s on a quiet machine; a loaded CI box can take many times that.
describe('the server process: crash safety', { timeout: 120_000 }, () => {
  it('loses no acknowledged ticket when killed with SIGKILL during concurrent issuing', async () => {
    f.child = await f.serve();
    const acked: { id: string; number: string }[] = [];
    let killed = false;
    // Every 201 that arrives counts as acknowledged, even one that lands just after the kill.
    const worker = async (token: string) => {
      while (!killed) {
        const t = await issue(f.child!.url, token);
        if (!t) return;
        acked.push(t);
      }
    };
    const workers = Array.from({ length: 8 }, (_, i) => worker(i % 2 ? TOKENS.kiosk : TOKENS.kiosk2));
    await waitFor(
      () => acked.length >= 150,
      () => `150 tickets acknowledged (got ${acked.length})`,
      60_000,
    );
    f.child.proc.kill('SIGKILL');
    killed = true;
    expect(await f.child.exited).toBe('SIGKILL');
    await Promise.all(workers);

    const db = new Database(join(f.dir, 'data', DATABASE_FILE));
    const rows = db.prepare("SELECT id, number, seq_no FROM tickets WHERE service_id = 'invoice' ORDER BY seq_no").all() as {
      id: string;
      number: string;
      seq_no: number;
    }[];
    db.close();
    const stored = new Map(rows.map((r) => [r.id, r.number]));
    for (const t of acked) expect(stored.get(t.id), `${t.number} was acknowledged`).toBe(t.number);
    // numbers run 1..n with no gap and no duplicate
    expect(rows.map((r) => r.seq_no)).toEqual(rows.map((_, i) => i + 1));
    expect(new Set(rows.map((r) => r.number)).size).toBe(rows.length);

    f.child = await f.serve();
    const next = await issue(f.child.url, TOKENS.kiosk);
    expect(next?.number).toBe(`B${String(rows.length + 1).padStart(3, '0')}`);
  });
});
