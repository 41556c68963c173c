import { writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TOKENS } from '../../helpers/test-config.js';
import { runChildToExit, startChildUntilLog } from './child-server.js';
import { allDayConfig, issue, useProcessFixture } from './process-fixture.js';

const f = useProcessFixture();

// A child process starts in ~2 s on a quiet machine; a loaded CI box can take many times that.
describe('the server process: start and stop', { timeout: 120_000 }, () => {
  it('answers the health check, exits 0 on SIGTERM and SIGINT, and keeps its data', async () => {
    f.child = await f.serve();
    expect(await (await fetch(`${f.child.url}/api/health`)).json()).toMatchObject({ status: 'ok', db: 'ok' });
    const t = await issue(f.child.url, TOKENS.kiosk);
    expect(t?.number).toBe('B001');
    f.child.proc.kill('SIGTERM');
    expect(await f.child.exited).toBe(0);
    f.child = await f.serve();
    expect((await issue(f.child.url, TOKENS.kiosk))?.number).toBe('B002');
    f.child.proc.kill('SIGINT');
    expect(await f.child.exited).toBe(0);
  });

  it('stops within seconds while a client holds a request half-sent (Node alone would wait a minute for its headers)', async () => {
    f.child = await f.serve();
    const { port } = new URL(f.child.url);
    const stuck = connect(Number(port), '127.0.0.1');
    const cut = new Promise<void>((resolve) => stuck.once('close', () => resolve()));
    stuck.on('error', () => {});
    await new Promise<void>((resolve) => stuck.once('connect', () => resolve()));
    stuck.write('GET /api/health HTTP/1.1\r\nHost: hall\r\n'); // the blank line that ends the headers never comes
    const asked = Date.now();
    f.child.proc.kill('SIGTERM');
    expect(await f.child.exited).toBe(0);
    await cut;
    expect(Date.now() - asked).toBeLessThan(30_000);
  });

  it('exits 0 when stopped while still starting, and starts normally afterwards', async () => {
    const starting = await startChildUntilLog(['--config', f.configFile, '--data', join(f.dir, 'data'), '--port', '0'], 'new database seeded from config');
    starting.proc.kill('SIGTERM');
    expect(await starting.exited).toBe(0);
    f.child = await f.serve();
    expect((await issue(f.child.url, TOKENS.kiosk))?.number).toBe('B001');
  });

  it('refuses a config that does not validate: exit code 2 and a message naming the field', async () => {
    const bad = allDayConfig();
    bad.services[1]!.prefix = 'A';
    writeFileSync(f.configFile, JSON.stringify(bad));
    const result = await runChildToExit(['--config', f.configFile, '--data', join(f.dir, 'data'), '--port', '0']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('services[1].prefix');
  });

  it('refuses a missing config file and a bad port with exit code 2', async () => {
    const missing = await runChildToExit(['--config', join(f.dir, 'nope.json'), '--data', join(f.dir, 'data')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('nope.json');
    const badPort = await runChildToExit(['--config', f.configFile, '--data', join(f.dir, 'data'), '--port', 'eighty']);
    expect(badPort.code).toBe(2);
    expect(badPort.stderr).toContain('--port');
  });
});
