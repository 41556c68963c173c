/**
 * The device protocols the host speaks, as data: which kinds of device each drives, over
 * what, at which addresses, and the config checks that follow. Pure (the server's config
 * validation and admin API use it); the runtime side is registry.ts.
 */
import { COLOUR_NAMES, FONT_SIZES } from './onbon/area-text.js';
import { FONT_CARD_MODELS } from './onbon/font-card.js';
import { SIXTH_GEN_MODELS } from './onbon/sixth-gen.js';

export const PROTOCOL_NAMES = ['hq485', 'onbon-bx5k', 'onbon-bx6k', 'onbon-bx6'] as const;
export type ProtocolName = (typeof PROTOCOL_NAMES)[number];
export const DEFAULT_PROTOCOL: ProtocolName = 'hq485';

export type BusKind = 'led' | 'keypad' | 'evaluator';

export interface ProtocolInfo {
  name: ProtocolName;
  label: string;
  kinds: BusKind[];
  transports: ('serial' | 'tcp')[];
  address: { min: number; max: number; default?: number };
  /** `model` values; empty when the protocol has none */
  models: string[];
  /** hardware fields an LED board of this protocol reads, besides id/kind/busId/address/windowId/zoneId/lines */
  boardFields: string[];
  baudRates: number[];
}

const ONBON_FIELDS = ['protocol', 'model', 'width', 'height', 'fontSize', 'numberColor', 'textColor'];

export const PROTOCOLS: Record<ProtocolName, ProtocolInfo> = {
  hq485: {
    name: 'hq485',
    label: 'HQ-485',
    kinds: ['led', 'keypad', 'evaluator'],
    transports: ['serial'],
    address: { min: 0, max: 254 },
    models: [],
    boardFields: ['brightness'],
    baudRates: [9600],
  },
  'onbon-bx5k': {
    name: 'onbon-bx5k',
    label: '仰邦 BX-5K',
    kinds: ['led'],
    transports: ['serial', 'tcp'],
    address: { min: 0, max: 0xfffe, default: 1 },
    models: Object.keys(FONT_CARD_MODELS).filter((m) => m.startsWith('5')),
    boardFields: [...ONBON_FIELDS, 'brightness'],
    baudRates: [9600, 57600],
  },
  'onbon-bx6k': {
    name: 'onbon-bx6k',
    label: '仰邦 BX-6K',
    kinds: ['led'],
    transports: ['serial', 'tcp'],
    address: { min: 0, max: 0xfffe, default: 1 },
    models: Object.keys(FONT_CARD_MODELS).filter((m) => m.startsWith('6')),
    boardFields: [...ONBON_FIELDS, 'brightness'],
    baudRates: [9600, 57600],
  },
  'onbon-bx6': {
    name: 'onbon-bx6',
    label: '仰邦 6Q/6E',
    kinds: ['led'],
    transports: ['tcp', 'serial'],
    address: { min: 0, max: 0xfffe, default: 0xfffe },
    models: Object.keys(SIXTH_GEN_MODELS),
    boardFields: [...ONBON_FIELDS, 'brightness'],
    baudRates: [57600, 9600],
  },
};

export const isProtocolName = (name: unknown): name is ProtocolName => PROTOCOL_NAMES.includes(name as ProtocolName);
export const protocolOf = (hw: { protocol?: unknown }): string => (typeof hw.protocol === 'string' ? hw.protocol : DEFAULT_PROTOCOL);

export interface ConfigProblem {
  field: string;
  message: string;
}

interface BusItem {
  id: string;
  port: string;
}
interface HardwareItem {
  id: string;
  kind: string;
  busId?: string | undefined;
  address?: number | undefined;
  protocol?: unknown;
  model?: unknown;
  width?: unknown;
  height?: unknown;
  fontSize?: unknown;
  numberColor?: unknown;
  textColor?: unknown;
}

const TCP_PORT = /^tcp:\/\//;

function boardProblems(h: HardwareItem, info: ProtocolInfo, field: (f: string) => string): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  if (h.model !== undefined && !info.models.includes(h.model as string))
    problems.push({ field: field('model'), message: `unknown ${info.label} model "${String(h.model)}" (one of ${info.models.join(', ')})` });
  for (const side of ['width', 'height'] as const) {
    const v = h[side];
    if (!Number.isInteger(v) || (v as number) < 8 || (v as number) > 4096)
      problems.push({ field: field(side), message: `an ${info.label} board needs its ${side} in pixels (8–4096)` });
  }
  if (h.fontSize !== undefined && !FONT_SIZES.includes(h.fontSize as 16))
    problems.push({ field: field('fontSize'), message: `must be one of ${FONT_SIZES.join(', ')}` });
  for (const c of ['numberColor', 'textColor'] as const) {
    if (h[c] !== undefined && !COLOUR_NAMES.includes(h[c] as 'red')) problems.push({ field: field(c), message: `must be one of ${COLOUR_NAMES.join(', ')}` });
  }
  return problems;
}

/**
 * Protocol rules of the `buses`/`hardware` lists: a known protocol that drives this kind of
 * device, an address in its range, an Onbon board's size, and one protocol per bus (RS-485
 * framings differ: a board would take the other protocol's frames for noise, or worse).
 */
export function protocolProblems(buses: readonly BusItem[], hardware: readonly HardwareItem[]): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const busProtocol = new Map<string, { protocol: string; by: string }>();
  hardware.forEach((h, i) => {
    const field = (f: string) => `hardware[${i}].${f}`;
    if (h.kind !== 'led' && h.kind !== 'keypad' && h.kind !== 'evaluator') return;
    const name = protocolOf(h);
    if (!isProtocolName(name)) {
      problems.push({ field: field('protocol'), message: `unknown protocol "${name}" (one of ${PROTOCOL_NAMES.join(', ')})` });
      return;
    }
    const info = PROTOCOLS[name];
    if (!info.kinds.includes(h.kind)) problems.push({ field: field('kind'), message: `${name} drives ${info.kinds.join(', ')}, not a ${h.kind}` });
    if (h.address !== undefined && (h.address < info.address.min || h.address > info.address.max)) {
      problems.push({ field: field('address'), message: `${name} addresses are ${info.address.min}–${info.address.max}` });
    }
    if (h.kind === 'led' && name !== 'hq485') problems.push(...boardProblems(h, info, field));
    if (!h.busId) return;
    const owner = busProtocol.get(h.busId);
    if (owner && owner.protocol !== name) {
      problems.push({
        field: field('protocol'),
        message: `bus ${h.busId} carries ${owner.protocol} (${owner.by}); a bus carries devices of one protocol, so ${name} needs a bus of its own`,
      });
    } else if (!owner) {
      busProtocol.set(h.busId, { protocol: name, by: h.id });
      const b = buses.findIndex((bus) => bus.id === h.busId);
      if (b >= 0 && TCP_PORT.test(buses[b]!.port) && !info.transports.includes('tcp'))
        problems.push({ field: `buses[${b}].port`, message: `${name} runs over a serial port, not ${buses[b]!.port}` });
    }
  });
  return problems;
}

/** the protocol of a bus: its devices' (checked to be one by protocolProblems) */
export function busProtocolOf(busId: string, hardware: readonly HardwareItem[]): ProtocolName {
  const name = protocolOf(hardware.find((h) => h.busId === busId && h.kind !== 'printer' && h.kind !== 'voice') ?? {});
  return isProtocolName(name) ? name : DEFAULT_PROTOCOL;
}
