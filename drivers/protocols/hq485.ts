/** HQ-485, Hall Queue's own line protocol: boards, keypads and evaluators on one bus. */
import type { DeviceBus } from '../bus/device-bus.js';
import { Priority } from '../bus/priority-queue.js';
import { SerialBus } from '../bus/serial-bus.js';
import { SerialEvaluator } from '../evaluator/serial.js';
import { SerialKeypad } from '../keypad/serial.js';
import { SerialLedBoard } from '../led/serial.js';
import { PROTOCOLS } from './catalog.js';
import type { DeviceProtocol } from './registry.js';

function serialBus(bus: DeviceBus): SerialBus {
  if (!(bus instanceof SerialBus)) throw new Error(`bus ${bus.id} is not an HQ-485 bus`);
  return bus;
}

export const hq485: DeviceProtocol = {
  info: PROTOCOLS.hq485,
  createBus: (b, _devices, timing, log) =>
    new SerialBus({ id: b.id, path: b.port, ...(b.baudRate ? { baudRate: b.baudRate } : {}), ...timing.hq485, log: log.child({ bus: b.id }) }),
  createBoard: (bus, hw) => new SerialLedBoard(serialBus(bus), hw.address, hw.windowId ? Priority.display : Priority.hallBoard),
  createKeypad: (bus, hw) => new SerialKeypad(serialBus(bus), hw.address),
  createEvaluator: (bus, hw) => new SerialEvaluator(serialBus(bus), hw.address),
};
