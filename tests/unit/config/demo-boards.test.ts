import { describe, expect, it } from 'vitest';
import { PROTOCOL_NAMES } from '../../../drivers/protocols/catalog.js';
import { withDemoBoards } from '../../../server/config/demo-boards.js';
import { demoConfig, DEMO_DEVICE_IDS } from '../../../server/config/demo-config.js';
import { parseConfig } from '../../../server/config/load-config.js';

const demo = () => demoConfig(Object.fromEntries(DEMO_DEVICE_IDS.map((id) => [id, `${id}-token-0123456789abcdef`])));

describe('the demo hall switched to real or simulated LED boards', () => {
  it('has no boards unless HALLQ_DEMO_LED_PORT names a port', () => {
    expect(withDemoBoards(demo(), {})).toEqual(demo());
  });

  for (const protocol of PROTOCOL_NAMES) {
    it(`drives five window strips and a hall board over ${protocol}, and the config is valid`, () => {
      const config = parseConfig(withDemoBoards(demo(), { HALLQ_DEMO_LED_PORT: 'COM3', HALLQ_DEMO_LED_PROTOCOL: protocol }));
      expect(config.buses).toEqual([{ id: 'leds', port: 'COM3' }]);
      const leds = config.hardware!.filter((h) => h.kind === 'led');
      expect(leds.map((h) => h.id)).toEqual(['led-w1', 'led-w2', 'led-w3', 'led-w4', 'led-w5', 'led-f1']);
      expect(leds.every((h) => (h.protocol ?? 'hq485') === protocol)).toBe(true);
    });
  }

  it('refuses an unknown protocol, naming the variable', () => {
    expect(() => withDemoBoards(demo(), { HALLQ_DEMO_LED_PORT: '/tmp/ttyA', HALLQ_DEMO_LED_PROTOCOL: 'bx9' })).toThrow(
      /HALLQ_DEMO_LED_PROTOCOL: unknown protocol "bx9"/,
    );
  });

  it('refuses a config file that mixes protocols on one bus, naming the field', () => {
    const mixed = withDemoBoards(demo(), { HALLQ_DEMO_LED_PORT: '/tmp/ttyA', HALLQ_DEMO_LED_PROTOCOL: 'onbon-bx6k' });
    mixed.hardware!.push({ id: 'key-w1', kind: 'keypad', busId: 'leds', address: 35, windowId: 'w1' });
    expect(() => parseConfig(mixed)).toThrow(/config field hardware\[\d+\]\.protocol: bus leds carries onbon-bx6k/);
  });
});
