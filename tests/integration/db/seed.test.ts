import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../db/database.js';
import { seedDatabase } from '../../../server/config/seed.js';
import { configDifferences, databaseIds } from '../../../server/config/config-differences.js';
import { openSqliteStore } from '../../../db/sqlite-store.js';
import { sqliteFeatureStores } from '../../../db/sqlite-feature-stores.js';
import { PASSWORD, TOKENS, testConfig } from '../../helpers/test-config.js';

let dir: string;
let db: Db;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hallq-seed-'));
  db = openDatabase(join(dir, 'hall.sqlite'));
  seedDatabase(db, testConfig());
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('seeding a new database from the config', () => {
  it('stores passwords and device tokens hashed, never in clear', () => {
    const staff = db.prepare('SELECT password_hash FROM staff').all() as { password_hash: string }[];
    expect(staff).toHaveLength(8);
    for (const s of staff) {
      expect(s.password_hash).toMatch(/^scrypt\$/);
      expect(s.password_hash).not.toContain(PASSWORD);
    }
    const everything = JSON.stringify(db.prepare('SELECT * FROM devices').all()) + JSON.stringify(db.prepare('SELECT * FROM staff').all());
    for (const token of Object.values(TOKENS)) expect(everything).not.toContain(token);
    expect(everything).not.toContain(PASSWORD);
  });

  it("records A岗 and B岗 posts and the window's service order", () => {
    const posts = db.prepare("SELECT staff_id, window_id, post FROM staff_windows WHERE window_id = 'w1' ORDER BY post").all();
    expect(posts).toEqual([
      { staff_id: 's1', window_id: 'w1', post: 'A' },
      { staff_id: 's2', window_id: 'w1', post: 'B' },
    ]);
    const order = db.prepare("SELECT service_id FROM window_services WHERE window_id = 'w1' ORDER BY position").all();
    expect(order).toEqual([{ service_id: 'tax-reg' }, { service_id: 'license' }]);
  });
});

describe('configDifferences', () => {
  const idsOf = async () => {
    db.close();
    const store = openSqliteStore(join(dir, 'hall.sqlite'));
    db = store.db;
    return await databaseIds(store, sqliteFeatureStores(store.db, dir));
  };

  it('is empty for the config the database was made from', async () => {
    expect(configDifferences(await idsOf(), testConfig())).toEqual([]);
  });

  it('names what the config has that the database has not, and the reverse', async () => {
    const config = testConfig();
    config.services.push({ id: 'new-svc', name: '新事项', prefix: 'N', departmentId: 'tax', hallId: 'main', avgServiceMinutes: 5 });
    config.windows = config.windows.filter((w) => w.id !== 'w4');
    config.staff = config.staff.filter((s) => s.id !== 's4');
    expect(configDifferences(await idsOf(), config)).toEqual(
      expect.arrayContaining([
        'service new-svc is in the config but not in the database',
        'window w4 is in the database but not in the config',
        'staff s4 is in the database but not in the config',
      ]),
    );
  });
});
