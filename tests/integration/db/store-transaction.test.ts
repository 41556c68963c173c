import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore, type SqliteStore } from '../../../db/sqlite-store.js';

let dir: string;
let store: SqliteStore;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hallq-tx-'));
  store = openSqliteStore(join(dir, 'hall.sqlite'));
  store.db.exec('CREATE TABLE marks (name TEXT)');
});
afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

const mark = (name: string) => store.db.prepare('INSERT INTO marks (name) VALUES (?)').run(name);
const marks = () => store.db.prepare('SELECT name FROM marks ORDER BY rowid').pluck().all();

describe('store.syncTransaction()', () => {
  it('commits what it ran and returns its result', () => {
    expect(store.syncTransaction(() => (mark('a'), 42))).toBe(42);
    expect(marks()).toEqual(['a']);
    expect(store.db.inTransaction).toBe(false);
  });

  it('undoes everything when the work throws', () => {
    expect(() =>
      store.syncTransaction(() => {
        mark('a');
        throw new Error('refused');
      }),
    ).toThrow('refused');
    expect(marks()).toEqual([]);
    expect(store.db.inTransaction).toBe(false);
  });

  it('inside another, undoes only its own part when it throws (one ticket of a group commit refused)', () => {
    store.syncTransaction(() => {
      mark('a');
      expect(() =>
        store.syncTransaction(() => {
          mark('b');
          throw new Error('refused');
        }),
      ).toThrow('refused');
      store.syncTransaction(() => mark('c'));
    });
    expect(marks()).toEqual(['a', 'c']);
  });

  it('refuses work that returns a promise, and keeps none of it', () => {
    expect(() => store.syncTransaction(() => (mark('a'), Promise.resolve()))).toThrow(/promise/);
    expect(marks()).toEqual([]);
  });
});
