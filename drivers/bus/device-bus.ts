/** What the device host needs of a bus, whatever protocol it speaks. */
import type { EventEmitter } from 'node:events';
import type { DeviceLink } from './device-link.js';
import type { BusEvents } from './serial-bus.js';

export interface DeviceBus extends EventEmitter<BusEvents> {
  readonly id: string;
  readonly isOpen: boolean;
  /** declares a device; it is probed as soon as the port is open */
  attach(address: number): DeviceLink;
  link(address: number): DeviceLink | undefined;
  start(): void;
  close(): Promise<void>;
  /** a presence check of a device that is never polled (a board), where the protocol has one */
  heartbeat?(address: number): void;
}
