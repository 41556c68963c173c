import type { HallConfig } from '../../server/config/schema.js';
import { FAMILIES, type OnbonProtocolName } from '../../drivers/protocols/onbon/family.js';
import { OnbonSimPort } from '../../drivers/protocols/onbon/sim-port.js';
import { OnbonSimulator } from '../../drivers/protocols/onbon/simulator.js';
import { testConfig } from '../helpers/test-config.js';

export const ONBON = { stripW1: 1, stripW3: 3, hallBoard: 16 } as const;
const STRIP = { width: 128, height: 16 };
const HALL_BOARD = { width: 192, height: 64 };

/** the test hall with its boards on Onbon controllers: strips at windows 1 and 3, a 4-line hall board of zone f1 */
export function hallWithOnbon(port: string, protocol: OnbonProtocolName = 'onbon-bx6k'): HallConfig {
  return {
    ...testConfig(),
    buses: [{ id: 'leds', port }],
    hardware: [
      { id: 'led-w1', kind: 'led', protocol, busId: 'leds', address: ONBON.stripW1, windowId: 'w1', ...STRIP },
      { id: 'led-w3', kind: 'led', protocol, busId: 'leds', address: ONBON.stripW3, windowId: 'w3', ...STRIP },
      {
        id: 'led-hall',
        kind: 'led',
        protocol,
        busId: 'leds',
        address: ONBON.hallBoard,
        zoneId: 'f1',
        lines: 4,
        ...HALL_BOARD,
        numberColor: 'yellow',
        textColor: 'green',
      },
    ],
  };
}

export interface SimulatedOnbonHall {
  port: OnbonSimPort;
  stripW1: OnbonSimulator;
  stripW3: OnbonSimulator;
  hallBoard: OnbonSimulator;
}

/** the controllers of hallWithOnbon on the far end of a pty (or `tcp:0`) */
export async function simulateOnbonHall(where: string, protocol: OnbonProtocolName = 'onbon-bx6k'): Promise<SimulatedOnbonHall> {
  const port = new OnbonSimPort(where);
  const family = FAMILIES[protocol];
  const hall = {
    port,
    stripW1: port.add(new OnbonSimulator(family, ONBON.stripW1, STRIP)),
    stripW3: port.add(new OnbonSimulator(family, ONBON.stripW3, STRIP)),
    hallBoard: port.add(new OnbonSimulator(family, ONBON.hallBoard, HALL_BOARD)),
  };
  await port.open();
  return hall;
}
