import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import type { HallConfig } from '../../../server/config/schema.js';
import { testConfig } from '../../helpers/test-config.js';
import { startChildServer, type ChildServer } from './child-server.js';

/** The test hall, open around the clock (the child runs on the real clock) and with no kiosk limit to speak of. */
export function allDayConfig(): HallConfig {
  const config = testConfig();
  const allDay = { from: '01-01', sessions: [['00:00', '24:00']] as [string, string][] };
  for (const hall of config.halls) hall.hours = { summer: { ...allDay, from: '05-01' }, winter: { ...allDay, from: '10-01' } };
  config.limits = { ticketsPerKioskPerMinute: 10_000 };
  return config;
}

export interface ProcessFixture {
  dir: string;
  configFile: string;
  child: ChildServer | undefined;
  /** the server as a child process on this fixture's config and data */
  serve(): Promise<ChildServer>;
}

/** A temp dir with the all-day config for each test; a child still running afterwards is killed. */
export function useProcessFixture(): ProcessFixture {
  const f: ProcessFixture = {
    dir: '',
    configFile: '',
    child: undefined,
    serve: () => startChildServer(['--config', f.configFile, '--data', join(f.dir, 'data'), '--port', '0', '--host', '127.0.0.1']),
  };
  beforeEach(() => {
    f.dir = mkdtempSync(join(tmpdir(), 'hallq-proc-'));
    f.configFile = join(f.dir, 'hall.json');
    writeFileSync(f.configFile, JSON.stringify(allDayConfig()));
  });
  afterEach(async () => {
    const { child } = f;
    if (child && child.proc.exitCode === null && child.proc.signalCode === null) {
      child.proc.kill('SIGKILL');
      await child.exited;
    }
    f.child = undefined;
    rmSync(f.dir, { recursive: true, force: true });
  });
  return f;
}

/** Takes a ticket; null when it was not acknowledged (refused, or the connection died with the server). */
export async function issue(url: string, token: string): Promise<{ id: string; number: string } | null> {
  try {
    const res = await fetch(`${url}/api/tickets`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ serviceId: 'invoice' }),
    });
    if (res.status !== 201) return null;
    return (await res.json()) as { id: string; number: string };
  } catch {
    return null;
  }
}
