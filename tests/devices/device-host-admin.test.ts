import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deviceHostFeature } from '../../drivers/host/feature.js';
import { LedSimulator } from '../../drivers/led/simulator.js';
import { adminFeature } from '../../server/admin/admin-feature.js';
import { buildTestApp, type TestApp } from '../helpers/test-app.js';
import { openPtyPair, type PtyPair } from '../helpers/pty-pair.js';
import { waitFor } from '../helpers/wait-for.js';
import { hallWithBus, simulateHall, type SimulatedHall } from './hall-devices.js';

const feature = deviceHostFeature({ bus: { reprobeMs: 300, reopenMs: 100 }, pollMs: 50, healthEveryMs: 200 });

describe('device host and the manager console', () => {
  let pty: PtyPair;
  let sim: SimulatedHall;
  let app: TestApp;
  let admin: string;

  beforeEach(async () => {
    pty = await openPtyPair();
    sim = await simulateHall(pty.b);
    app = await buildTestApp({ config: hallWithBus(pty.a), features: [adminFeature, feature] });
    admin = await app.login('admin');
    await waitFor(() => sim.stripW1.shows()[0] === '暂停服务', 'strip w1 drawn (window closed)');
  });

  afterEach(async () => {
    await app.close();
    await sim.port.close();
    await pty.close();
  });

  it('a hardware test shows the test text on that board only', async () => {
    const res = await app.http('POST', '/api/admin/hardware/led-w1/test', { token: admin });
    expect(res.status).toBe(200);
    await waitFor(() => sim.stripW1.shows()[0] === '测试 TEST 0123456789', 'strip w1 shows the test text');
    expect(sim.stripW3.shows()[0]).not.toContain('测试');
  });

  it('hardware edited in the console is driven without a restart', async () => {
    const moved = sim.port.add(new LedSimulator(4, 1));
    const doc = (await app.http('GET', '/api/admin/hardware', { token: admin })).body;
    const hardware = doc.hardware.map((h: { id: string; address?: number }) => (h.id === 'led-w3' ? { ...h, address: 4 } : h));
    const res = await app.http('PUT', '/api/admin/hardware', { token: admin, body: { buses: doc.buses, hardware } });
    expect(res.status).toBe(200);
    await waitFor(() => moved.shows()[0] === '暂停服务', 'the board at the new address shows window 3');
  });
});
