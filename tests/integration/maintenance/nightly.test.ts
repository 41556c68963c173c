import Database from 'better-sqlite3';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createMaintenanceFeature } from '../../../server/maintenance/maintenance-feature.js';
import { createSupervisionFeature } from '../../../server/supervision/feature.js';
import { buildTestApp, type TestApp } from '../../helpers/test-app.js';
import { sqliteOnly } from '../../helpers/test-store.js';
import { MONDAY_10AM, TOKENS } from '../../helpers/test-config.js';
import { waitFor } from '../../helpers/wait-for.js';

let app: TestApp | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** 02:31 in Beijing on the day `days` after Monday 2026-11-23. */
const nightAfter = (days: number) => new Date(Date.parse('2026-11-23T18:31:00Z') + (days - 1) * 86_400_000).toISOString();

// SQLite only: the backup is a copy of the SQLite file (PostgreSQL is backed up with its own tools)
describe.skipIf(sqliteOnly('backup'))('nightly backup', () => {
  it("writes one backup a night after the hour, in the hall's time, and keeps only the newest days", async () => {
    // 01:00 on Tuesday 24th in Beijing (17:00 UTC the day before): not yet time
    app = await buildTestApp({ now: '2026-11-23T17:00:00Z', features: [createMaintenanceFeature({ checkEveryMs: 20, keepDays: 2, eventRetentionDays: 0 })] });
    const dir = join(app.dataDir, 'backups');
    const nightly = () =>
      existsSync(dir)
        ? readdirSync(dir)
            .filter((f) => f.endsWith('.sqlite'))
            .sort()
        : [];
    // nothing to wait for when nothing must happen: the job looks every 20 ms, so 300 ms gives it about 15 chances
    // to be wrong on a quiet machine; a loaded one gives it fewer, which can only let this check pass, never fail it
    await new Promise((r) => setTimeout(r, 300));
    expect(nightly()).toEqual([]);

    // an old backup of an earlier night, that must go
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'hall-queue-2026-11-20.sqlite'), '');
    app.clock.set(nightAfter(1)); // 02:31 Tuesday 24th, Beijing
    await waitFor(() => nightly().includes('hall-queue-2026-11-24.sqlite'), "the 24th's backup");
    expect(nightly()).not.toContain('hall-queue-2026-11-20.sqlite');

    app.clock.set(nightAfter(2));
    await waitFor(() => nightly().includes('hall-queue-2026-11-25.sqlite'), "the 25th's backup");
    await waitFor(() => nightly().length === 2, 'pruning to 2 nights');
    expect(nightly()).toEqual(['hall-queue-2026-11-24.sqlite', 'hall-queue-2026-11-25.sqlite']);
    const copy = new Database(join(dir, 'hall-queue-2026-11-25.sqlite'), { readonly: true });
    expect(copy.prepare("SELECT COUNT(*) FROM devices WHERE id = 'kiosk-1'").pluck().get()).toBe(1);
    copy.close();
  });
});

// SQLite only: events are archived out of the SQLite file; on PostgreSQL maintenance is off
describe.skipIf(sqliteOnly('archive'))('event-log retention', () => {
  it('moves events past the retention to the archive once the reports have counted them, and the window report still reads them', async () => {
    app = await buildTestApp({
      now: MONDAY_10AM,
      features: [createSupervisionFeature(), createMaintenanceFeature({ checkEveryMs: 20, keepDays: 0, eventRetentionDays: 30 })],
    });
    const db = app.server.store.db;
    const zhangmin = await app.login('zhangmin');
    const manager = await app.login('manager');
    expect((await app.http('POST', '/api/tickets', { token: TOKENS.kiosk, body: { serviceId: 'invoice' } })).status).toBe(201);
    for (const action of ['open', 'call-next', 'start', 'finish']) {
      expect((await app.http('POST', `/api/windows/w3/${action}`, { token: zhangmin })).status).toBe(200);
    }
    const report = (token: string) => app!.http('GET', '/api/reports/windows?hallId=main&from=2026-11-23T00:00:00Z&to=2026-11-24T00:00:00Z', { token });
    const before = await report(manager);
    expect(before.status).toBe(200);
    const lastSeq = db.prepare("SELECT MAX(seq) FROM events WHERE hall_id = 'main'").pluck().get() as number;
    await waitFor(
      () => ((db.prepare("SELECT last_seq FROM sup_progress WHERE name = 'aggregates:main'").pluck().get() as number | undefined) ?? 0) >= lastSeq,
      'the aggregator to count every event',
    );
    expect(db.prepare('SELECT COUNT(*) FROM events').pluck().get()).toBeGreaterThan(0); // within 30 days: nothing moved yet

    app.clock.set(nightAfter(32)); // 02:31, 32 days later
    await waitFor(() => db.prepare("SELECT COUNT(*) FROM events WHERE at < '2026-11-24'").pluck().get() === 0, "the day's events to leave the live log");
    expect(readdirSync(join(app.dataDir, 'archive'))).toEqual(['events-2026.sqlite']);
    const after = await report(await app.login('manager')); // the first session has expired meanwhile
    expect(after.body).toEqual(before.body);
  });
});
