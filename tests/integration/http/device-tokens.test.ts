import { afterEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../helpers/test-app.js';
import { TOKENS } from '../../helpers/test-config.js';
import { sqliteOnly } from '../../helpers/test-store.js';

let app: TestApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

const services = (a: TestApp, token: string) => a.http('GET', '/api/halls/main/services', { token });

describe('device tokens', () => {
  it.skipIf(sqliteOnly('handle'))('follow every change of the devices table, whatever wrote it, from the next request on', async () => {
    const a = (app = await buildTestApp());
    const db = a.server.store.db;
    expect((await services(a, TOKENS.kiosk)).status).toBe(200);
    db.prepare("UPDATE devices SET enabled = 0 WHERE id = 'kiosk-1'").run();
    expect((await services(a, TOKENS.kiosk)).status).toBe(401);
    db.prepare("UPDATE devices SET enabled = 1 WHERE id = 'kiosk-1'").run();
    expect((await services(a, TOKENS.kiosk)).status).toBe(200);
    db.prepare("UPDATE devices SET token_hash = 'retired' WHERE id = 'kiosk-1'").run();
    expect((await services(a, TOKENS.kiosk)).status).toBe(401);
    expect((await services(a, TOKENS.kiosk2)).status).toBe(200);
    db.prepare("DELETE FROM devices WHERE id = 'kiosk-2'").run();
    expect((await services(a, TOKENS.kiosk2)).status).toBe(401);
  });

  it("record a device's last request once a minute, not on every request", async () => {
    const a = (app = await buildTestApp());
    const seen = async () => (await a.server.stores.adminPeople.devices()).find((d) => d.id === 'kiosk-1')?.lastSeenAt;
    const t0 = a.clock.now().getTime();
    expect((await services(a, TOKENS.kiosk)).status).toBe(200);
    expect(await seen()).toBe(new Date(t0).toISOString());
    a.clock.set(new Date(t0 + 30_000).toISOString());
    expect((await services(a, TOKENS.kiosk)).status).toBe(200);
    expect(await seen()).toBe(new Date(t0).toISOString());
    a.clock.set(new Date(t0 + 61_000).toISOString());
    expect((await services(a, TOKENS.kiosk)).status).toBe(200);
    expect(await seen()).toBe(new Date(t0 + 61_000).toISOString());
    a.clock.set(new Date(t0 + 90_000).toISOString());
    expect((await services(a, TOKENS.kiosk)).status).toBe(200);
    expect(await seen()).toBe(new Date(t0 + 61_000).toISOString());
  });
});
