import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../../server/config/load-config.js';
import { testConfig } from '../../helpers/test-config.js';

const refused = (edit: (c: ReturnType<typeof testConfig>) => void) => {
  const c = testConfig();
  edit(c);
  return () => parseConfig(c);
};

describe('the config file refuses what the console refuses', () => {
  it("a window serving another hall's service", () => {
    expect(
      refused((c) => {
        c.windows[0]!.serviceIds.push('realty');
      }),
    ).toThrow(/windows\[0\]\.serviceIds\[2\]: "realty" is a service of hall branch, not of hall main/);
  });

  it('staff with an A岗 or B岗 window in another hall than their own', () => {
    expect(
      refused((c) => {
        c.staff[0]!.windowIds = ['w1', 'bw1'];
      }),
    ).toThrow(/staff\[0\]\.windowIds\[1\]: "bw1" is a window of hall branch/);
    expect(
      refused((c) => {
        c.staff[1]!.substituteWindowIds = ['bw1'];
      }),
    ).toThrow(/staff\[1\]\.substituteWindowIds\[0\]/);
  });

  it("an evaluator bound to another hall's window, or to none", () => {
    expect(
      refused((c) => {
        c.devices!.find((d) => d.id === 'ev-w1')!.windowId = 'bw1';
      }),
    ).toThrow(/devices\[3\]\.windowId: "bw1" is a window of hall branch/);
    expect(
      refused((c) => {
        delete c.devices!.find((d) => d.id === 'ev-w1')!.windowId;
      }),
    ).toThrow(/devices\[3\]\.windowId: an evaluator belongs to a window/);
  });

  it('a session that ends before it starts (17:00–08:00), or overlaps the one before', () => {
    expect(
      refused((c) => {
        c.halls[0]!.hours.winter.sessions = [['17:00', '08:00']];
      }),
    ).toThrow(/halls\[0\]\.hours\.winter\.sessions\[0\]: 17:00–08:00 ends before it starts/);
    expect(
      refused((c) => {
        c.halls[0]!.hours.summer.sessions = [
          ['08:30', '12:00'],
          ['11:30', '17:00'],
        ];
      }),
    ).toThrow(/sessions\[1\].*overlaps/);
  });

  it('and still takes the test hall as it is', () => {
    expect(() => parseConfig(testConfig())).not.toThrow(ConfigError);
  });
});
