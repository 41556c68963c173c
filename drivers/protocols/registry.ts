/**
 * The device protocols the host can drive, each one module: its bus (framing, timing) and its
 * devices. Adding a protocol = a module exporting a DeviceProtocol + a line here + its entry
 * in catalog.ts (the config checks and the admin form read that).
 */
import type { Logger } from 'pino';
import type { DeviceBus } from '../bus/device-bus.js';
import type { SerialEvaluator } from '../evaluator/serial.js';
import type { BusConfig, HardwareConfig } from '../host/hardware.js';
import type { SerialKeypad } from '../keypad/serial.js';
import type { LedBoard } from '../led/protocol.js';
import type { ProtocolInfo, ProtocolName } from './catalog.js';
import { hq485 } from './hq485.js';
import { onbonProtocol } from './onbon/protocol.js';

export interface BusTiming {
  /** reply timeout per try, ms */
  timeoutMs?: number;
  retries?: number;
  reprobeMs?: number;
  reopenMs?: number;
}

/** timing overrides per protocol family (tests, slow lines) */
export interface ProtocolTiming {
  hq485?: BusTiming;
  /** Onbon boards: refreshMs is the least time between two writes of a board's text */
  onbon?: BusTiming & { refreshMs?: number };
}

export type AddressedHardware = HardwareConfig & { busId: string; address: number };

/** one LED board for a protocol's simulator */
export interface BoardSimSpec {
  label: string;
  address: number;
  width: number;
  height: number;
  lines: number;
}

export interface SimulatedBoards {
  /** where they listen, as a person would connect to it */
  where: string;
  /** a tester's line from stdin (e.g. `silent`); false when it means nothing to these boards */
  script(line: string): boolean;
  close(): Promise<void>;
}

export interface DeviceProtocol {
  info: ProtocolInfo;
  /**
   * `npm run sim`: this protocol's LED boards on the device end of a serial port (or `tcp:PORT`),
   * printing what they show. HQ-485's simulators (boards, keypads, evaluators) live in sim-cli.
   */
  simulateBoards?(where: string, boards: BoardSimSpec[], baudRate: number, out: (line: string) => void): Promise<SimulatedBoards>;
  createBus(bus: BusConfig, devices: readonly AddressedHardware[], timing: ProtocolTiming, log: Logger): DeviceBus;
  createBoard(bus: DeviceBus, hw: AddressedHardware, timing: ProtocolTiming, log: Logger): LedBoard & { counters?: Record<string, number> };
  createKeypad?(bus: DeviceBus, hw: AddressedHardware): SerialKeypad;
  createEvaluator?(bus: DeviceBus, hw: AddressedHardware): SerialEvaluator;
}

export const REGISTRY: Record<ProtocolName, DeviceProtocol> = {
  hq485,
  'onbon-bx5k': onbonProtocol('onbon-bx5k'),
  'onbon-bx6k': onbonProtocol('onbon-bx6k'),
  'onbon-bx6': onbonProtocol('onbon-bx6'),
};
