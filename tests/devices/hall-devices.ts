import type { HallConfig } from '../../server/config/schema.js';
import { SimPort } from '../../drivers/bus/sim-port.js';
import { EvaluatorSimulator } from '../../drivers/evaluator/simulator.js';
import { KeypadSimulator } from '../../drivers/keypad/simulator.js';
import { LedSimulator } from '../../drivers/led/simulator.js';
import { testConfig } from '../helpers/test-config.js';

export const ADDRESS = { stripW1: 1, stripW3: 3, hallBoard: 16, keypadW1: 35, evaluatorW1: 67 } as const;

/** the test hall with one RS-485 bus: strips at windows 1 and 3, a hall board of zone f1, window 1's keypad and evaluator */
export function hallWithBus(port: string): HallConfig {
  return {
    ...testConfig(),
    buses: [{ id: 'bus1', port, baudRate: 9600 }],
    hardware: [
      { id: 'led-w1', kind: 'led', busId: 'bus1', address: ADDRESS.stripW1, windowId: 'w1' },
      { id: 'led-w3', kind: 'led', busId: 'bus1', address: ADDRESS.stripW3, windowId: 'w3' },
      { id: 'led-hall', kind: 'led', busId: 'bus1', address: ADDRESS.hallBoard, zoneId: 'f1', lines: 4 },
      { id: 'key-w1', kind: 'keypad', busId: 'bus1', address: ADDRESS.keypadW1, windowId: 'w1' },
      { id: 'eval-w1', kind: 'evaluator', busId: 'bus1', address: ADDRESS.evaluatorW1, windowId: 'w1' },
    ],
  };
}

export interface SimulatedHall {
  port: SimPort;
  stripW1: LedSimulator;
  stripW3: LedSimulator;
  hallBoard: LedSimulator;
  keypad: KeypadSimulator;
  evaluator: EvaluatorSimulator;
}

/** the devices of hallWithBus, simulated on the far end of the pty */
export async function simulateHall(path: string): Promise<SimulatedHall> {
  const port = new SimPort(path);
  const hall = {
    port,
    stripW1: port.add(new LedSimulator(ADDRESS.stripW1, 1)),
    stripW3: port.add(new LedSimulator(ADDRESS.stripW3, 1)),
    hallBoard: port.add(new LedSimulator(ADDRESS.hallBoard, 4)),
    keypad: port.add(new KeypadSimulator(ADDRESS.keypadW1)),
    evaluator: port.add(new EvaluatorSimulator(ADDRESS.evaluatorW1)),
  };
  await port.open();
  return hall;
}
