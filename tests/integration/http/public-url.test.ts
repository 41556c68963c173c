import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { printingFeature } from '../../../server/printing/printing-feature.js';
import { buildTestApp, type TestApp } from '../../helpers/test-app.js';
import { TOKENS } from '../../helpers/test-config.js';

let app: TestApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** A logger whose warnings a test can read. */
function recordingLog() {
  const lines: { level: number; msg: string; qrBase?: string }[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(JSON.parse(String(chunk)));
      done();
    },
  });
  return { log: pino({ level: 'info' }, stream), warnings: () => lines.filter((l) => l.level === 40) };
}

describe('the public address of ticket QR codes', () => {
  it("without HALLQ_PUBLIC_URL: a start-up warning names the LAN address used, and the console's field says it is not configured", async () => {
    const rec = recordingLog();
    // '' stands for "not set", whatever this machine's environment holds
    app = await buildTestApp({ log: rec.log, features: [printingFeature({ publicUrl: '', retryMs: 60_000 })] });
    const warning = rec.warnings().find((w) => w.msg.includes('HALLQ_PUBLIC_URL is not set'));
    expect(warning?.qrBase).toMatch(/^http:\/\/[\d.]+:\d+$/);

    const res = await app.http('GET', '/api/admin/public-url', { token: await app.login('manager') });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ publicUrl: warning!.qrBase, configured: false });
    expect((await app.http('GET', '/api/kiosks/kiosk-1/printer', { token: TOKENS.kiosk })).body).toMatchObject({
      publicUrl: warning!.qrBase,
      publicUrlSet: false,
    });
  });

  it("with it set: no warning, the console's field and the kiosk carry the public address", async () => {
    const rec = recordingLog();
    app = await buildTestApp({ log: rec.log, features: [printingFeature({ publicUrl: 'https://queue.example.gov.cn', retryMs: 60_000 })] });
    expect(rec.warnings().filter((w) => w.msg.includes('HALLQ_PUBLIC_URL'))).toEqual([]);
    expect((await app.http('GET', '/api/admin/public-url', { token: await app.login('admin') })).body).toEqual({
      publicUrl: 'https://queue.example.gov.cn',
      configured: true,
    });
    expect((await app.http('GET', '/api/kiosks/kiosk-1/printer', { token: TOKENS.kiosk })).body).toMatchObject({
      publicUrl: 'https://queue.example.gov.cn',
      publicUrlSet: true,
    });
  });

  it('is for managers and admins only', async () => {
    app = await buildTestApp({ features: [printingFeature({ publicUrl: '', retryMs: 60_000 })] });
    expect((await app.http('GET', '/api/admin/public-url', { token: await app.login('wangfang') })).status).toBe(403);
    expect((await app.http('GET', '/api/admin/public-url', { token: TOKENS.kiosk })).status).toBe(403);
    expect((await app.http('GET', '/api/admin/public-url')).status).toBe(401);
  });
});
