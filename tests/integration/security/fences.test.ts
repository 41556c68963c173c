import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { adminFeature } from '../../../server/admin/admin-feature.js';
import { buildTestApp, type TestApp } from '../../helpers/test-app.js';
import { testConfig, TOKENS } from '../../helpers/test-config.js';
import { expectError } from '../http/hall-steps.js';

let app: TestApp;
beforeEach(async () => {
  app = await buildTestApp({
    features: [adminFeature],
    config: {
      ...testConfig(),
      buses: [{ id: 'bus1', port: '/dev/ttyUSB-none' }],
      hardware: [
        { id: 'led-main', kind: 'led', busId: 'bus1', address: 1, zoneId: 'f1', agentId: 'agent-1' },
        { id: 'led-branch', kind: 'led', busId: 'bus1', address: 2, zoneId: 'b1', agentId: 'agent-1' },
      ],
    },
  });
});
afterEach(async () => {
  await app.close();
});

describe('hall fences', () => {
  it("GET /api/windows/:id answers only within the caller's hall", async () => {
    expectError(await app.http('GET', '/api/windows/w1', { token: TOKENS.otherKiosk }), 403, 'FORBIDDEN');
    expectError(await app.http('GET', '/api/windows/bw1', { token: await app.login('manager') }), 403, 'FORBIDDEN');
    expect((await app.http('GET', '/api/windows/w1', { token: TOKENS.display })).status).toBe(200);
  });

  it("GET /api/admin/hardware shows a manager only their own hall's hardware; the admin all of it", async () => {
    const mine = await app.http('GET', '/api/admin/hardware', { token: await app.login('manager') });
    expect(mine.body.hardware.map((h: { id: string }) => h.id)).toEqual(['led-main']);
    expect(mine.body.buses.map((b: { id: string }) => b.id)).toEqual(['bus1']);
    const all = await app.http('GET', '/api/admin/hardware', { token: await app.login('admin') });
    expect(all.body.hardware.map((h: { id: string }) => h.id)).toEqual(['led-main', 'led-branch']);
  });
});

describe('the voice program', () => {
  it('cannot be set from the console: the server would run it', async () => {
    const admin = await app.login('admin');
    const doc = (await app.http('GET', '/api/admin/hardware', { token: admin })).body;
    const res = await app.http('PUT', '/api/admin/hardware', {
      token: admin,
      body: { ...doc, hardware: [...doc.hardware, { id: 'voice-f1', kind: 'voice', zoneId: 'f1', engine: 'espeak', command: '/bin/sh' }] },
    });
    expect(expectError(res, 400, 'VALIDATION')).toContain('command');
    expect((await app.http('GET', '/api/admin/hardware', { token: admin })).body.hardware).toHaveLength(2);
  });
});
