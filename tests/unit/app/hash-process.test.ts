import { execFileSync } from 'node:child_process';
import { scryptSync } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { getPriority } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { HASH_PROCESS_NICE, HashProcess } from '../../../server/app/hash-process.js';

let hasher: HashProcess | undefined;
afterEach(async () => {
  await hasher?.close();
  hasher = undefined;
});

/** nice value of each thread of a process (Linux /proc; field 19 of stat) */
function threadNices(pid: number): number[] {
  return readdirSync(`/proc/${pid}/task`).map((tid) => Number(readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8').split(') ')[1]!.split(' ')[16]));
}

async function until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('HashProcess', () => {
  it('derives the same key as scrypt in the event loop would, for two hashes at once', async () => {
    hasher = new HashProcess(2);
    const [a, b] = await Promise.all([hasher.derive('secret123', 'salt-a', 32), hasher.derive('另一个密码', 'salt-b', 32)]);
    expect(a.equals(scryptSync('secret123', 'salt-a', 32))).toBe(true);
    expect(b.equals(scryptSync('另一个密码', 'salt-b', 32))).toBe(true);
  });

  it.runIf(process.platform === 'linux')("hashes in another process below the server's priority, so logins leave the event loop its CPU", async () => {
    const own = getPriority();
    hasher = new HashProcess(2);
    await Promise.all([hasher.derive('a', 'b', 16), hasher.derive('c', 'd', 16)]);
    const pid = hasher.pid!;
    expect(pid).not.toBe(process.pid);
    // its main thread and the pool threads that ran scrypt
    expect(threadNices(pid).filter((n) => n === HASH_PROCESS_NICE).length).toBeGreaterThanOrEqual(3);
    expect(getPriority()).toBe(own); // the event loop's thread keeps its priority
  });

  it.runIf(process.platform === 'linux')('ends its process once no hash was asked for a while, and starts another for the next', async () => {
    hasher = new HashProcess(1, 200);
    await hasher.derive('a', 'b', 16);
    const first = hasher.pid!;
    await until(() => !existsSync(`/proc/${first}`), 'the idle hashing process to exit');
    expect((await hasher.derive('secret123', 'salt-a', 32)).equals(scryptSync('secret123', 'salt-a', 32))).toBe(true);
    expect(hasher.pid).not.toBe(first);
  });

  it('refuses more hashes at once than its size rather than queueing them unseen', async () => {
    hasher = new HashProcess(1);
    const first = hasher.derive('a', 'b', 16);
    await expect(hasher.derive('c', 'd', 16)).rejects.toThrow(/more than 1 password hashes at once/);
    await first;
  });
});

describe('hashPasswordsForSeeding', () => {
  it('hands back every staff hash to a process that has nothing else to wait for (a new database at start-up)', () => {
    const script = `
      import { hashPasswordsForSeeding } from ${JSON.stringify(new URL('../../../server/app/secrets.ts', import.meta.url).pathname)};
      const hashes = await hashPasswordsForSeeding([{ id: 'a', password: 'x' }, { id: 'b', password: 'y' }, { id: 'c', password: 'z' }]);
      console.log(JSON.stringify([...hashes.keys()]));
    `;
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8', timeout: 60_000 });
    expect(JSON.parse(out.trim())).toEqual(['a', 'b', 'c']);
  });
});
