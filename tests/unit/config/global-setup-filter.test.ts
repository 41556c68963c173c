import { describe, expect, it } from 'vitest';
import { mayRunBrowserTests } from '../../helpers/global-setup.js';

describe('mayRunBrowserTests (test runner: whether to build the UI)', () => {
  it.each<[string[], boolean]>([
    [['run'], true],
    [['run', '--reporter', 'dot'], true],
    [['run', 'tests'], true],
    [['run', 'tests/'], true],
    [['run', 'tests/e2e'], true],
    [['run', 'tests/e2e/kiosk.test.ts'], true],
    [['run', 'kiosk'], true],
    [['run', 'tests/unit', 'tests/e2e/boards.test.ts'], true],
    [['run', 'tests/unit'], false],
    [['run', './tests/unit/domain', 'tests/integration/http/'], false],
    [['run', 'tests/integration/realtime/subscribe.test.ts'], false],
  ])('%j → %s', (args, expected) => {
    expect(mayRunBrowserTests(args)).toBe(expected);
  });
});
