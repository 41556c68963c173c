import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HallConfig } from '../../../server/config/schema.js';
import { DATABASE_FILE } from '../../../server/server.js';
import { TOKENS, testConfig } from '../../helpers/test-config.js';
import { startChildServer, type ChildServer } from './child-server.js';

/** The test hall, open around the clock (the child runs on the real clock) and with no kiosk limit to speak of. */
function allDayConfig(): HallConfig {
  const config = testConfig();
  const allDay = { from: '01-01', sessions: [['00:00', '24:00']] as [string, string][] };
  for (const hall of config.halls) hall.hours = { summer: { ...allDay, from: '05-01' }, winter: { ...allDay, from: '10-01' } };
  config.limits = { ticketsPerKioskPerMinute: 10_000 };
  return config;
}

let dir: string;
let configFile: string;
let child: ChildServer | undefined;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hallq-proc-'));
  configFile = join(dir, 'hall.json');
  writeFileSync(configFile, JSON.stringify(allDayConfig()));
});
afterEach(async () => {
  if (child && child.proc.exitCode === null && child.proc.signalCode === null) {
    child.proc.kill('SIGKILL');
    await child.exited;
  }
  child = undefined;
  rmSync(dir, { recursive: true, force: true });
});

const serve = () => startChildServer(['--config', configFile, '--data', join(dir, 'data'), '--port', '0', '--host', '127.0.0.1']);

async function issue(url: string, token: string): Promise<{ id: string; number: string } | null> {
  try {
    const res = await fetch(`${url}/api/tickets`, {
      method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ serviceId: 'invoice' }),
    });
    if (res.status !== 201) return null;
    return (await res.json()) as { id: string; number: string };
  } catch {
    return null; // the connection died with the server: not acknowledged
  }
}

// A child process starts in ~2 s on a quiet machine; a loaded CI box can take many times that.
describe('the server process: crash safety', { timeout: 120_000 }, () => {
  it('loses no acknowledged ticket when killed with SIGKILL during concurrent issuing', async () => {
    child = await serve();
    const acked: { id: string; number: string }[] = [];
    let killed = false;
    // Every 201 that arrives counts as acknowledged, even one that lands just after the kill.
    const worker = async (token: string) => {
      while (!killed) {
        const t = await issue(child!.url, token);
        if (!t) return;
        acked.push(t);
      }
    };
    const workers = Array.from({ length: 8 }, (_, i) => worker(i % 2 ? TOKENS.kiosk : TOKENS.kiosk2));
    while (acked.length < 150) await new Promise((r) => setTimeout(r, 5));
    child.proc.kill('SIGKILL');
    killed = true;
    expect(await child.exited).toBe('SIGKILL');
    await Promise.all(workers);

    const db = new Database(join(dir, 'data', DATABASE_FILE));
    const rows = db.prepare("SELECT id, number, seq_no FROM tickets WHERE service_id = 'invoice' ORDER BY seq_no").all() as { id: string; number: string; seq_no: number }[];
    db.close();
    const stored = new Map(rows.map((r) => [r.id, r.number]));
    for (const t of acked) expect(stored.get(t.id), `${t.number} was acknowledged`).toBe(t.number);
    // numbers run 1..n with no gap and no duplicate
    expect(rows.map((r) => r.seq_no)).toEqual(rows.map((_, i) => i + 1));
    expect(new Set(rows.map((r) => r.number)).size).toBe(rows.length);

    child = await serve();
    const next = await issue(child.url, TOKENS.kiosk);
    expect(next?.number).toBe(`B${String(rows.length + 1).padStart(3, '0')}`);
  });
});
