import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfigFile, parseConfig } from '../../../server/config/load-config.js';
import { DEMO_DEVICE_IDS, demoConfig } from '../../../server/config/demo-config.js';
import { testConfig } from '../../helpers/test-config.js';

// The tests break the config on purpose, past what its type allows.
type Mutable = any;

function refusal(mutate: (c: Mutable) => void): string {
  const c = structuredClone(testConfig()) as Mutable;
  mutate(c);
  try {
    parseConfig(c);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
  return expect.fail('the config was accepted');
}

describe('parseConfig', () => {
  it('accepts the test hall and the demo hall', () => {
    expect(parseConfig(testConfig()).halls).toHaveLength(2);
    const demo = parseConfig(demoConfig(Object.fromEntries(DEMO_DEVICE_IDS.map((id) => [id, `${id}-token-0123456789abcdef`]))));
    expect(demo.services.length).toBeGreaterThanOrEqual(8);
  });

  it.each<[string, (c: Mutable) => void, RegExp]>([
    [
      'a missing section',
      (c) => {
        delete c.halls;
      },
      /halls/,
    ],
    [
      'a bad prefix',
      (c) => {
        c.services[2]!.prefix = 'a1';
      },
      /services\[2\]\.prefix/,
    ],
    [
      'a duplicate prefix in one hall',
      (c) => {
        c.services[1]!.prefix = 'A';
      },
      /services\[1\]\.prefix: "A" is already used in hall main/,
    ],
    [
      'a duplicate service id',
      (c) => {
        c.services[1]!.id = 'tax-reg';
      },
      /services\[1\]\.id: duplicate id "tax-reg"/,
    ],
    [
      'an unknown department',
      (c) => {
        c.services[0]!.departmentId = 'nope';
      },
      /services\[0\]\.departmentId: unknown id "nope"/,
    ],
    [
      'a non-positive service time',
      (c) => {
        c.services[0]!.avgServiceMinutes = 0;
      },
      /services\[0\]\.avgServiceMinutes/,
    ],
    [
      'an unknown time zone',
      (c) => {
        c.halls[0]!.timezone = 'Asia/Atlantis';
      },
      /halls\[0\]\.timezone: unknown time zone/,
    ],
    [
      'a bad session time',
      (c) => {
        c.halls[0]!.hours.winter.sessions[0]![0] = '8:30';
      },
      /halls\[0\]\.hours\.winter\.sessions\[0\]\[0\]/,
    ],
    [
      'a bad season start',
      (c) => {
        c.halls[0]!.hours.summer.from = '13-01';
      },
      /halls\[0\]\.hours\.summer\.from/,
    ],
    [
      "a window in another hall's zone",
      (c) => {
        c.windows[0]!.zoneId = 'b1';
      },
      /windows\[0\]\.zoneId: "b1" is not a zone of hall main/,
    ],
    [
      'a window serving an unknown service',
      (c) => {
        c.windows[1]!.serviceIds = ['tax-reg', 'ghost'];
      },
      /windows\[1\]\.serviceIds\[1\]: unknown id "ghost"/,
    ],
    [
      'a duplicate window number',
      (c) => {
        c.windows[1]!.number = 1;
      },
      /windows\[1\]\.number: window number 1 is already used/,
    ],
    [
      'a bad role',
      (c) => {
        c.staff[0]!.role = 'boss';
      },
      /staff\[0\]\.role/,
    ],
    [
      'a short password',
      (c) => {
        c.staff[0]!.password = '123';
      },
      /staff\[0\]\.password/,
    ],
    [
      'a duplicate username',
      (c) => {
        c.staff[1]!.username = 'wangfang';
      },
      /staff\[1\]\.username: duplicate username "wangfang"/,
    ],
    [
      'staff at an unknown window',
      (c) => {
        c.staff[0]!.windowIds = ['w9'];
      },
      /staff\[0\]\.windowIds\[0\]: unknown id "w9"/,
    ],
    [
      'a manager without hall',
      (c) => {
        delete c.staff[5]!.hallId;
      },
      /staff\[5\]\.hallId: required for a manager/,
    ],
    [
      'a short device token',
      (c) => {
        c.devices![0]!.token = 'short';
      },
      /devices\[0\]\.token/,
    ],
    [
      'a device of an unknown kind',
      (c) => {
        c.devices![0]!.kind = 'toaster';
      },
      /devices\[0\]\.kind/,
    ],
    [
      'a device in an unknown hall',
      (c) => {
        c.devices![1]!.hallId = 'ghost';
      },
      /devices\[1\]\.hallId: unknown id "ghost"/,
    ],
    [
      'a policy out of range',
      (c) => {
        c.policy = { priorityBurst: 0 };
      },
      /policy\.priorityBurst/,
    ],
    [
      'a kiosk limit of zero',
      (c) => {
        c.limits = { ticketsPerKioskPerMinute: 0 };
      },
      /limits\.ticketsPerKioskPerMinute/,
    ],
  ])('refuses %s, naming the field', (_what, mutate, message) => {
    expect(refusal(mutate)).toMatch(message);
  });

  it('starts every message with "config field"', () => {
    expect(
      refusal((c) => {
        c.windows[0]!.number = -3;
      }),
    ).toMatch(/^config field windows\[0\]\.number: /);
  });
});

describe('loadConfigFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'hallq-config-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a valid file', () => {
    const file = join(dir, 'ok.json');
    writeFileSync(file, JSON.stringify(testConfig()));
    expect(loadConfigFile(file).services).toHaveLength(4);
  });

  it('says a file is not JSON', () => {
    const file = join(dir, 'bad.json');
    writeFileSync(file, '{ "halls": [');
    expect(() => loadConfigFile(file)).toThrow(/is not valid JSON/);
  });

  it('says a file is missing', () => {
    expect(() => loadConfigFile(join(dir, 'missing.json'))).toThrow(/cannot read config file/);
  });
});
