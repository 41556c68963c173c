import { defineConfig } from 'vitest/config';
import { LongFirstSequencer } from './tests/helpers/long-first-sequencer.js';
import { DEADLINE_MS } from './tests/helpers/wait-for.js';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    globalSetup: ['tests/helpers/global-setup.ts'],
    // No retries: a test that passes only on a second try is a broken test. Tests wait for the
    // condition they assert (tests/helpers/wait-for.ts), each wait with its own deadline that names
    // what was awaited; these limits only stop a test that hangs. They are sized for a loaded
    // machine (the suite beside `npm run bench` on 2 cores), where a browser or child-process test
    // takes several times as long as on a quiet one, so no test carries a timeout of its own below them.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    retry: 0,
    // expect.poll gives up after 1 s by default: far too short for a busy machine
    expect: { poll: { timeout: DEADLINE_MS } },
    // Test files run in parallel workers; each uses its own temp SQLite file and port 0.
    pool: 'forks',
    maxWorkers: 2,
    sequence: { sequencer: LongFirstSequencer },
  },
});
