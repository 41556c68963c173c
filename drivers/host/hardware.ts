/** The `buses` and `hardware` sections of the config (docs/en/configuration.md), as the device host reads them. */
import type { BrightnessStep } from '../led/protocol.js';
import { protocolProblems } from '../protocols/catalog.js';

export interface BusConfig {
  id: string;
  /** a serial port (`/dev/ttyUSB0`, `COM3`, a USB adapter's serial number) or `tcp://host:port` (Onbon Ethernet cards) */
  port: string;
  baudRate?: number;
}

export interface HardwareConfig {
  id: string;
  kind: 'led' | 'keypad' | 'evaluator' | 'printer' | 'voice';
  busId?: string;
  address?: number;
  windowId?: string;
  zoneId?: string;
  kioskId?: string;
  /** lines of an LED board (hall boards; a window strip has 1) */
  lines?: number;
  interface?: string;
  /** driven by this remote device agent (its device id), not by the server's own device host */
  agentId?: string;
  /** LED brightness by local time of day (extension) */
  brightness?: BrightnessStep[];
  /** the device protocol (default hq485); every device of a bus speaks the same one */
  protocol?: string;
  /** Onbon boards: the controller model (sets the header's DeviceType; default the wildcard) */
  model?: string;
  /** Onbon boards: size in pixels */
  width?: number;
  height?: number;
  /** Onbon boards: 16, 24 or 32 (default: the largest that fits a line) */
  fontSize?: number;
  /** Onbon boards: colour of the ticket number and of the rest (red, green, yellow, blue, cyan, magenta, white) */
  numberColor?: string;
  textColor?: string;
}

export interface DeviceHostConfig {
  hallId: string;
  buses: BusConfig[];
  hardware: HardwareConfig[];
  /** the hall's IANA timezone, for the brightness schedule */
  timezone?: string;
}

/** serial devices that this host drives: on a known bus, with an address */
export function busDevices(config: DeviceHostConfig): (HardwareConfig & { busId: string; address: number })[] {
  const buses = new Set(config.buses.map((b) => b.id));
  return config.hardware.flatMap((h) =>
    (h.kind === 'led' || h.kind === 'keypad' || h.kind === 'evaluator') && h.busId && buses.has(h.busId) && h.address !== undefined
      ? [{ ...h, busId: h.busId, address: h.address }]
      : [],
  );
}

/** What in the hardware list the host will not drive, in words for the log. */
export function hardwareProblems(config: Pick<DeviceHostConfig, 'buses' | 'hardware'>): string[] {
  const buses = new Set(config.buses.map((b) => b.id));
  const problems: string[] = [];
  const seen = new Map<string, string>();
  for (const h of config.hardware) {
    if (h.kind !== 'led' && h.kind !== 'keypad' && h.kind !== 'evaluator') continue;
    if (!h.busId || !buses.has(h.busId)) problems.push(`hardware ${h.id}: busId ${h.busId ?? '(none)'} is not one of buses[]`);
    else if (h.address === undefined) problems.push(`hardware ${h.id}: an address is required on bus ${h.busId}`);
    else {
      const key = `${h.busId}/${h.address}`;
      const other = seen.get(key);
      if (other) problems.push(`hardware ${h.id}: address ${h.address} on bus ${h.busId} is already ${other}'s`);
      seen.set(key, h.id);
    }
    if ((h.kind === 'keypad' || h.kind === 'evaluator') && !h.windowId) problems.push(`hardware ${h.id}: a ${h.kind} needs a windowId`);
  }
  for (const p of protocolProblems(config.buses, config.hardware)) problems.push(`${p.field}: ${p.message}`);
  return problems;
}

/** minutes after local midnight in a timezone */
export function localMinuteOfDay(at: Date, timezone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: timezone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return get('hour') * 60 + get('minute');
}
