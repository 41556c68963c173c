import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HallConfig } from '../../../server/config/schema.js';
import { TOKENS, testConfig } from '../../helpers/test-config.js';
import { runChildToExit, startChildServer, startChildUntilLog, type ChildServer } from './child-server.js';

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
describe('the server process: start and stop', { timeout: 120_000 }, () => {
  it('answers the health check, exits 0 on SIGTERM and SIGINT, and keeps its data', async () => {
    child = await serve();
    expect(await (await fetch(`${child.url}/api/health`)).json()).toMatchObject({ status: 'ok', db: 'ok' });
    const t = await issue(child.url, TOKENS.kiosk);
    expect(t?.number).toBe('B001');
    child.proc.kill('SIGTERM');
    expect(await child.exited).toBe(0);
    child = await serve();
    expect((await issue(child.url, TOKENS.kiosk))?.number).toBe('B002');
    child.proc.kill('SIGINT');
    expect(await child.exited).toBe(0);
  });

  it('exits 0 when stopped while still starting, and starts normally afterwards', async () => {
    const starting = await startChildUntilLog(['--config', configFile, '--data', join(dir, 'data'), '--port', '0'], 'new database seeded from config');
    starting.proc.kill('SIGTERM');
    expect(await starting.exited).toBe(0);
    child = await serve();
    expect((await issue(child.url, TOKENS.kiosk))?.number).toBe('B001');
  });

  it('refuses a config that does not validate: exit code 2 and a message naming the field', async () => {
    const bad = allDayConfig();
    bad.services[1]!.prefix = 'A';
    writeFileSync(configFile, JSON.stringify(bad));
    const result = await runChildToExit(['--config', configFile, '--data', join(dir, 'data'), '--port', '0']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('services[1].prefix');
  });

  it('refuses a missing config file and a bad port with exit code 2', async () => {
    const missing = await runChildToExit(['--config', join(dir, 'nope.json'), '--data', join(dir, 'data')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope.json');
    const badPort = await runChildToExit(['--config', configFile, '--data', join(dir, 'data'), '--port', 'eighty']);
    expect(badPort.code).toBe(2);
    expect(badPort.stderr).toContain('--port');
  });
});
