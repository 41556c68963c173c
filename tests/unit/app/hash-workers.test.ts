import { scryptSync } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { getPriority } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { HASH_THREAD_NICE, HashWorkers } from '../../../server/app/hash-workers.js';

let workers: HashWorkers | undefined;
afterEach(async () => {
  await workers?.close();
  workers = undefined;
});

/** nice value of each thread of this process (Linux /proc; field 19 of stat) */
function threadNices(): number[] {
  return readdirSync('/proc/self/task').map((tid) => Number(readFileSync(`/proc/self/task/${tid}/stat`, 'utf8').split(') ')[1]!.split(' ')[16]));
}

describe('HashWorkers', () => {
  it('derives the same key as scrypt in the event loop would, for two hashes at once', async () => {
    workers = new HashWorkers(2);
    const [a, b] = await Promise.all([workers.derive('secret123', 'salt-a', 32), workers.derive('另一个密码', 'salt-b', 32)]);
    expect(a.equals(scryptSync('secret123', 'salt-a', 32))).toBe(true);
    expect(b.equals(scryptSync('另一个密码', 'salt-b', 32))).toBe(true);
  });

  it.runIf(process.platform === 'linux')("hashes on threads below the server's priority, so logins leave the event loop its CPU", async () => {
    const before = threadNices().filter((n) => n === HASH_THREAD_NICE).length;
    const own = getPriority();
    workers = new HashWorkers(2);
    await Promise.all([workers.derive('a', 'b', 16), workers.derive('c', 'd', 16)]);
    expect(threadNices().filter((n) => n === HASH_THREAD_NICE).length - before).toBe(2);
    expect(getPriority()).toBe(own); // the event loop's thread keeps its priority
  });

  it('refuses more hashes at once than its size rather than queueing them unseen', async () => {
    workers = new HashWorkers(1);
    const first = workers.derive('a', 'b', 16);
    await expect(workers.derive('c', 'd', 16)).rejects.toThrow(/more than 1 password hashes at once/);
    await first;
  });
});
