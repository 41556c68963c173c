import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../helpers/test-app.js';
import { testConfig, TOKENS } from '../../helpers/test-config.js';

/** A small tmpfs is a disk that really fills up; mounting one needs root (CI containers, this machine). */
const mountPoint = mkdtempSync(join(tmpdir(), 'hallq-full-'));
let mounted = false;
try {
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', mountPoint], { stdio: 'ignore' });
  mounted = true;
} catch {
  /* not allowed here: the test says so by being skipped */
}

let app: TestApp;
beforeAll(async () => {
  if (!mounted) return;
  const dataDir = join(mountPoint, 'data');
  mkdirSync(dataDir);
  const config = testConfig();
  config.limits = { ticketsPerKioskPerMinute: 10_000 };
  app = await buildTestApp({ dataDir, config });
});
afterAll(async () => {
  if (mounted) {
    await app?.stop();
    execFileSync('umount', [mountPoint]);
  }
  rmSync(mountPoint, { recursive: true, force: true });
});

describe.skipIf(!mounted)('a full disk', () => {
  it('answers writes with 507 STORAGE_FULL (a message staff can read), and the health check says db: full', async () => {
    expect((await app.http('GET', '/api/health')).body).toMatchObject({ status: 'ok', db: 'ok' });
    // fill the disk to the last byte
    try {
      writeFileSync(join(mountPoint, 'filler'), Buffer.alloc(8 * 1024 * 1024));
    } catch {
      /* ENOSPC: full */
    }
    let refused: { status: number; body: any } | undefined;
    for (let i = 0; i < 2000 && !refused; i++) {
      const res = await app.http('POST', '/api/tickets', { token: TOKENS.kiosk, body: { serviceId: 'invoice' } });
      if (res.status !== 201) refused = res;
    }
    expect(refused?.status).toBe(507);
    expect(refused?.body.error).toEqual({ code: 'STORAGE_FULL', message: expect.stringContaining('存储空间已满') });
    const health = await app.http('GET', '/api/health');
    expect(health.status).toBe(503);
    expect(health.body).toMatchObject({ status: 'degraded', db: 'full' });
    // room again: writes and health recover without a restart
    rmSync(join(mountPoint, 'filler'));
    expect((await app.http('POST', '/api/tickets', { token: TOKENS.kiosk, body: { serviceId: 'invoice' } })).status).toBe(201);
    expect((await app.http('GET', '/api/health')).body).toMatchObject({ db: 'ok' });
  });
});
