import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deviceHostFeature } from '../../../drivers/host/feature.js';
import { buildTestApp, type TestApp } from '../../helpers/test-app.js';
import { testConfig, TOKENS } from '../../helpers/test-config.js';
import { expectError } from '../http/hall-steps.js';

let app: TestApp;
beforeEach(async () => {
  app = await buildTestApp({
    features: [deviceHostFeature()],
    config: {
      ...testConfig(),
      buses: [{ id: 'remote', port: '/dev/null-remote' }],
      hardware: [{ id: 'led-hall', kind: 'led', busId: 'remote', address: 16, zoneId: 'f1', agentId: 'agent-1' }],
    },
  });
});
afterEach(async () => {
  await app.close();
});

const report = (id: string, kind = 'led') => app.http('POST', '/api/device-host/health', { token: TOKENS.agent, body: { id, kind, status: 'online' } });
const snapshotBytes = async () => (await app.http('GET', '/api/halls/main/snapshot', { token: TOKENS.display })).text.length;

describe('device-host health', () => {
  it('accepts health only for hardware the server gives to that agent; 300 made-up ids leave the snapshot as it was', async () => {
    expect((await report('led-hall')).status).toBe(204);
    const before = await snapshotBytes();
    for (let i = 0; i < 300; i++) expectError(await report(`fake-${i}`), 404, 'NOT_FOUND');
    expect(await snapshotBytes()).toBe(before);
    expectError(await report('led-hall', 'printer'), 400, 'VALIDATION');
    const devices = (await app.http('GET', '/api/halls/main/snapshot', { token: TOKENS.display })).body.devices as { id: string }[];
    expect(devices.map((d) => d.id)).toEqual(['led-hall']);
  });
});
