import { describe, expect, it } from 'vitest';
import { TOKENS } from '../../helpers/test-config.js';
import { startChildServer } from './child-server.js';
import { issue, useProcessFixture } from './process-fixture.js';
import { join } from 'node:path';

const f = useProcessFixture();
const GRACE_MS = 10_000;

describe('load shedding in the server process', { timeout: 120_000 }, () => {
  it('does not refuse requests after the machine starved the process (a late but idle loop is not overload)', async () => {
    f.child = await startChildServer(['--config', f.configFile, '--data', join(f.dir, 'data'), '--port', '0', '--host', '127.0.0.1'], {
      HALLQ_SHED_EVENT_LOOP_DELAY_MS: '300',
    });
    const servingSince = Date.now();
    expect((await issue(f.child.url, TOKENS.kiosk))?.number).toBe('B001');
    // the start-up grace has to be over for shedding to be possible at all
    while (Date.now() - servingSince < GRACE_MS + 500) await new Promise((r) => setTimeout(r, 250));
    // stopped for 2 s, as a machine with far more work than cores does to a process
    f.child.proc.kill('SIGSTOP');
    await new Promise((r) => setTimeout(r, 2000));
    f.child.proc.kill('SIGCONT');
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await fetch(`${f.child.url}/api/health`)).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200]);
    const metrics = await (await fetch(`${f.child.url}/metrics`)).text();
    expect(metrics).toMatch(/^hallq_http_shed_total 0$/m);
  });
});
