import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { adminFeature } from '../../../server/admin/admin-feature.js';
import { buildTestApp, type TestApp } from '../../helpers/test-app.js';

let app: TestApp;
let admin: string;
beforeEach(async () => {
  app = await buildTestApp({ features: [adminFeature] });
  admin = await app.login('admin');
});
afterEach(() => app.close());

const onbonStrip = { id: 'led-w1', kind: 'led', protocol: 'onbon-bx6k', model: '6K1', busId: 'bus2', address: 1, windowId: 'w1', width: 128, height: 16 };
const doc = {
  buses: [
    { id: 'bus1', port: '/dev/ttyUSB0', baudRate: 9600 },
    { id: 'bus2', port: 'COM3' },
    { id: 'eth', port: 'tcp://192.0.2.20:5005' },
  ],
  hardware: [
    { id: 'led-w3', kind: 'led', busId: 'bus1', address: 3, windowId: 'w3' },
    { id: 'key-w3', kind: 'keypad', busId: 'bus1', address: 35, windowId: 'w3' },
    onbonStrip,
    {
      id: 'led-hall',
      kind: 'led',
      protocol: 'onbon-bx6',
      busId: 'eth',
      address: 65534,
      zoneId: 'f1',
      lines: 4,
      width: 192,
      height: 64,
      numberColor: 'yellow',
      textColor: 'white',
    },
  ],
};

const refusal = async (body: unknown) => {
  const res = await app.http('PUT', '/api/admin/hardware', { token: admin, body });
  expect(res.status).toBe(400);
  return res.body.error.message as string;
};

describe('hardware protocols in the console', () => {
  it('lists the protocols a board may speak, with what each drives', async () => {
    const res = await app.http('GET', '/api/admin/hardware/protocols', { token: await app.login('manager') });
    expect(res.status).toBe(200);
    expect(res.body.default).toBe('hq485');
    expect(res.body.protocols.map((p: { name: string }) => p.name)).toEqual(['hq485', 'onbon-bx5k', 'onbon-bx6k', 'onbon-bx6']);
    expect(res.body.protocols.find((p: { name: string }) => p.name === 'onbon-bx6k')).toMatchObject({
      kinds: ['led'],
      models: expect.arrayContaining(['6K1', '6K3']),
    });
  });

  it("lists the serial ports of the server's machine for the port picker (admins only)", async () => {
    const res = await app.http('GET', '/api/admin/hardware/ports', { token: admin });
    expect(res.status).toBe(200);
    expect(Array.isArray(res.body)).toBe(true);
    for (const port of res.body) expect(typeof port.path).toBe('string');
    expect((await app.http('GET', '/api/admin/hardware/ports', { token: await app.login('manager') })).status).toBe(403);
  });

  it('saves HQ-485 and Onbon buses side by side', async () => {
    expect((await app.http('PUT', '/api/admin/hardware', { token: admin, body: doc })).status).toBe(200);
    expect((await app.http('GET', '/api/admin/hardware', { token: admin })).body).toEqual(doc);
  });

  it('refuses two protocols on one bus, naming the field, and keeps what was saved', async () => {
    await app.http('PUT', '/api/admin/hardware', { token: admin, body: doc });
    const mixed = structuredClone(doc);
    mixed.hardware.push({ ...onbonStrip, id: 'led-w4', busId: 'bus1', address: 4, windowId: 'w4' });
    expect(await refusal(mixed)).toMatch(/hardware\[4\]\.protocol: bus bus1 carries hq485 \(led-w3\)/);
    expect((await app.http('GET', '/api/admin/hardware', { token: admin })).body).toEqual(doc);
  });

  it('refuses an unknown protocol, a keypad on Onbon, a board without its size, an unknown model or colour', async () => {
    const withItem = (item: Record<string, unknown>) => ({ ...doc, hardware: [...doc.hardware.slice(0, 3), item] });
    expect(await refusal(withItem({ ...onbonStrip, id: 'x', address: 2, protocol: 'bx9' }))).toContain('hardware[3].protocol: unknown protocol "bx9"');
    expect(await refusal(withItem({ id: 'k', kind: 'keypad', protocol: 'onbon-bx6k', busId: 'bus2', address: 2, windowId: 'w1' }))).toContain(
      'hardware[3].kind',
    );
    const { width: _w, ...sizeless } = onbonStrip;
    expect(await refusal(withItem({ ...sizeless, id: 'x', address: 2 }))).toContain('hardware[3].width');
    expect(await refusal(withItem({ ...onbonStrip, id: 'x', address: 2, model: '5K1' }))).toContain('hardware[3].model');
    expect(await refusal(withItem({ ...onbonStrip, id: 'x', address: 2, textColor: 'pink' }))).toContain('hardware[3].textColor');
    expect(await refusal(withItem({ id: 'x', kind: 'led', busId: 'bus1', address: 300, windowId: 'w4' }))).toContain(
      'hardware[3].address: hq485 addresses are 0–254',
    );
  });
});
