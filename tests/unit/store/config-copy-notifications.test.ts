/**
 * Which notifications make a node's configuration copy read again (server/store/postgres/config-copy.ts):
 * a notification naming the version the node already read costs nothing; one naming another version,
 * or none, is never missed — also when it comes while a read is on its way.
 */
import { describe, expect, it } from 'vitest';
import { PgConfigCopy, type Loaded } from '../../../server/store/postgres/config-copy.js';

/** reads on the pool (no transaction): `load` answers with the value and version the database has */
function node() {
  const copy = new PgConfigCopy();
  copy.follow();
  const db = { query: () => undefined };
  const database = { value: 'A', v: 1 };
  let loads = 0;
  /** runs meanwhile the read is on its way, as a notification arriving then */
  let during: (() => void) | undefined;
  const load = async (): Promise<Loaded<string>> => {
    loads++;
    const answer = { value: database.value, names: ['services'], versions: [database.v] };
    during?.();
    during = undefined;
    return answer;
  };
  return {
    copy,
    database,
    read: () => copy.read(db, 'service:s1', ['services'], load),
    loads: () => loads,
    whileReading: (fn: () => void) => void (during = fn),
  };
}

describe("a node's copy of the configuration and its notifications", () => {
  it('keeps what it read when the notification names that version, and reads again when it names another or none', async () => {
    const n = node();
    expect(await n.read()).toBe('A');
    n.copy.moved('services', 1); // the commit the read saw
    expect(await n.read()).toBe('A');
    expect(n.loads()).toBe(1);

    n.database.value = 'B';
    n.database.v = 2;
    n.copy.moved('services', 2);
    expect(await n.read()).toBe('B');
    expect(n.loads()).toBe(2);

    n.database.value = 'C';
    n.database.v = 3;
    n.copy.moved('services'); // a payload without a version
    expect(await n.read()).toBe('C');
    n.copy.moved('zones', 7); // another name: nothing to read again
    expect(await n.read()).toBe('C');
    expect(n.loads()).toBe(3);
  });

  it('a notification arriving while a read is on its way: kept when it names the version read, read again when it names a newer one', async () => {
    const n = node();
    n.whileReading(() => n.copy.moved('services', 1));
    expect(await n.read()).toBe('A');
    expect(await n.read()).toBe('A');
    expect(n.loads()).toBe(1);

    // the read saw version 2; a commit leaving 3 is heard before the read comes back
    n.database.value = 'B';
    n.database.v = 2;
    n.copy.moved('services', 2);
    n.whileReading(() => {
      n.database.value = 'C';
      n.database.v = 3;
      n.copy.moved('services', 3);
    });
    expect(await n.read()).toBe('B');
    expect(await n.read()).toBe('C');
    expect(n.loads()).toBe(3);
  });

  it('reads again after the notifications stopped, and after they came back', async () => {
    const n = node();
    await n.read();
    n.copy.unfollow();
    await n.read();
    expect(n.loads()).toBe(2);
    n.copy.follow();
    await n.read();
    await n.read();
    expect(n.loads()).toBe(3);
  });
});
