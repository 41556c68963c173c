import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { afterEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../helpers/test-app.js';
import { PASSWORD } from '../../helpers/test-config.js';
import { waitFor } from '../../helpers/wait-for.js';

let app: TestApp;
afterEach(async () => {
  await app?.close();
});

const login = (username: string, password: string) => app.http('POST', '/api/auth/login', { body: { username, password } });

// Each login hashes on threads at nice 10, below every other process: beside a bench a login takes
// seconds, and these tests make 10–40 of them (84 s measured for 21 logins beside two CPU hogs).
const MANY_LOGINS_MS = 300_000;

describe('login limits', { timeout: MANY_LOGINS_MS }, () => {
  it('refuses an account with 429 after 10 wrong passwords, even the right one, until the window has passed', async () => {
    app = await buildTestApp({ limits: { loginFailuresPerAddress: 1000 } });
    for (let i = 0; i < 10; i++) expect((await login('wangfang', `wrong${i}`)).status).toBe(401);
    const refused = await login('wangfang', PASSWORD);
    expect(refused.status).toBe(429);
    expect(refused.body.error.code).toBe('RATE_LIMITED');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await login('liqiang', PASSWORD)).status).toBe(200); // another account is not affected
    app.clock.advanceMinutes(15);
    expect((await login('wangfang', PASSWORD)).status).toBe(200);
  });

  it('refuses an address after 20 failures across accounts, whichever account it tries next', async () => {
    app = await buildTestApp();
    const names = ['wangfang', 'liqiang', 'zhangmin', 'chenjing', 'nobody'];
    for (let i = 0; i < 20; i++) expect((await login(names[i % names.length]!, 'wrong')).status).toBe(401);
    expect((await login('manager', PASSWORD)).status).toBe(429);
  });

  it('keeps counting on a monotonic clock: the wall clock stepped back an hour neither frees nor extends the lock', async () => {
    app = await buildTestApp({ limits: { loginFailuresPerAddress: 1000 } });
    for (let i = 0; i < 10; i++) await login('wangfang', 'wrong');
    app.clock.set(new Date(app.clock.now().getTime() - 3600_000).toISOString());
    expect((await login('wangfang', PASSWORD)).status).toBe(429);
    app.clock.advanceMinutes(15);
    expect((await login('wangfang', PASSWORD)).status).toBe(200);
  });

  it('takes as long for an unknown username as for a known one with a wrong password', async () => {
    app = await buildTestApp({ limits: { loginFailuresPerAddress: 1000, loginFailuresPerAccount: 1000 } });
    const timed = async (username: string) => {
      const t0 = performance.now();
      expect((await login(username, 'wrong-password')).status).toBe(401);
      return performance.now() - t0;
    };
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 7; i++) {
      known.push(await timed('wangfang'));
      unknown.push(await timed(`nobody${i}`));
    }
    // without the dummy hash an unknown name answered in 2–6 ms against 100+ ms. The fastest of each
    // is the work itself: other load on the machine only ever adds to a sample (a median of 7 did not
    // hold beside the bench once: 479 against 80 ms)
    expect(Math.min(...unknown)).toBeGreaterThan(Math.min(...known) * 0.5);
  });
});

/**
 * 8 clients in their own process (as the hall's PCs would be), failing logins as fast as they
 * are answered while on; each 'on'/'off' line on stdin is acknowledged once every client follows it.
 */
const HAMMER = `
const url = process.argv[1];
let on = false, logins = 0, idle = 8, wake = [];
require('node:readline').createInterface({ input: process.stdin }).on('line', (line) => {
  on = line === 'on';
  if (on) { wake.splice(0).forEach((f) => f()); } else if (idle === 8) { console.log('off'); }
});
const one = async (i) => {
  for (;;) {
    if (!on) { if (++idle === 8) console.log('off ' + logins); await new Promise((r) => wake.push(r)); idle--; continue; }
    const res = await fetch(url + '/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: i % 2 ? 'wangfang' : 'nobody' + i, password: 'wrong' }) });
    await res.text();
    if (++logins % 8 === 0) console.log('on ' + logins);
  }
};
idle = 0;
[0, 1, 2, 3, 4, 5, 6, 7].forEach(one);
`;

/** the login clients as a child process; `set` resolves once they follow (with the logins so far) */
function loginClients(url: string) {
  const child = spawn(process.execPath, ['-e', HAMMER, url], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines: string[] = [];
  createInterface({ input: child.stdout }).on('line', (line) => lines.push(line));
  return {
    async set(state: 'on' | 'off'): Promise<number> {
      lines.length = 0;
      child.stdin.write(`${state}\n`);
      const seen = () => lines.find((l) => l.startsWith(state));
      await waitFor(() => seen() !== undefined || child.exitCode !== null, `the login clients to turn ${state}`);
      const line = seen();
      if (!line) throw new Error('the login clients stopped');
      return Number(line.split(' ')[1] ?? 0);
    },
    stop: () => child.kill('SIGKILL'),
  };
}

async function healthLatencies(ms: number, into: number[]): Promise<void> {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    const t0 = performance.now();
    expect((await app.http('GET', '/api/health')).status).toBe(200);
    into.push(performance.now() - t0);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const p99 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.ceil(xs.length * 0.99) - 1]!;

describe('login under load', { timeout: MANY_LOGINS_MS }, () => {
  it('keeps /api/health answering while 8 clients hammer login: its p99 grows less than 50 ms over the same machine without logins', async () => {
    app = await buildTestApp({ limits: { loginFailuresPerAddress: 1_000_000, loginFailuresPerAccount: 1_000_000 } });
    // the health check's own write (made at most every 5 s, and the test's clock stands still) is not what this measures
    await app.http('GET', '/api/health');
    const quiet: number[] = [];
    const loaded: number[] = [];
    const clients = loginClients(app.url);
    let logins = 0;
    try {
      // alternated, so both see the same load from the rest of the machine
      for (let round = 0; round < 3; round++) {
        await healthLatencies(1500, quiet);
        await clients.set('on'); // 8 logins under way
        await healthLatencies(1500, loaded);
        logins = await clients.set('off');
      }
    } finally {
      clients.stop();
    }
    expect(logins).toBeGreaterThan(3 * 8);
    expect(loaded.length).toBeGreaterThan(100);
    // scrypt in the event loop stalled it ~100 ms a login (p99 659 ms). The machine's own load is
    // taken out (the quiet p99 of a busy 2-core test machine is 5–60 ms); on low-priority hash
    // threads the loaded p99 stays within a few ms of it.
    expect(p99(loaded)).toBeLessThan(p99(quiet) + 50);
  });
});
