/** Onbon LED controllers (BX-5K/6K font cards, 6Q/6E) as device-host protocols: LED boards only. */
import { FrameBus, type FrameCodec } from '../../bus/frame-bus.js';
import type { DeviceBus } from '../../bus/device-bus.js';
import { PROTOCOLS } from '../catalog.js';
import type { AddressedHardware, DeviceProtocol } from '../registry.js';
import { fontFor, type ColourName, type FontSize } from './area-text.js';
import { OnbonBoard } from './board.js';
import type { BoardCommand, BoardReply } from './commands.js';
import { FAMILIES, replyIsFrom, type OnbonFamily, type OnbonProtocolName } from './family.js';
import { FrameReader } from './framing.js';
import { scriptBoards, simulateOnbon } from './sim-console.js';

export type OnbonBus = FrameBus<BoardCommand, BoardReply>;

export function onbonCodec(family: OnbonFamily, deviceTypes: ReadonlyMap<number, number> = new Map()): FrameCodec<BoardCommand, BoardReply> {
  return {
    encode: (address, command) => family.request(address, command, deviceTypes.get(address)),
    decoder() {
      const reader = new FrameReader();
      return {
        push: (chunk) =>
          reader.push(chunk).map((f) => {
            if (!f.ok) return f;
            const reply = family.parseReply(f.body);
            // a reply that cannot be read has a string error; a NACK has a numeric one
            return typeof reply.error === 'string'
              ? { ok: false as const, reason: 'format' as const, detail: reply.error }
              : { ok: true as const, reply: reply as BoardReply };
          }),
      };
    },
    probe: { kind: 'ping' },
    isFrom: replyIsFrom,
  };
}

function onbonBus(bus: DeviceBus): OnbonBus {
  if (!(bus instanceof FrameBus)) throw new Error(`bus ${bus.id} is not an Onbon bus`);
  return bus as OnbonBus;
}

/** the board's look from its hardware entry: number red and text green unless told */
function style(hw: AddressedHardware) {
  return {
    numberColor: (hw.numberColor ?? 'red') as ColourName,
    textColor: (hw.textColor ?? 'green') as ColourName,
    fontSize: (hw.fontSize as FontSize | undefined) ?? fontFor(Math.floor((hw.height ?? 16) / (hw.lines ?? 1))),
  };
}

export function onbonProtocol(name: OnbonProtocolName): DeviceProtocol {
  const family = FAMILIES[name];
  const info = PROTOCOLS[name];
  return {
    info,
    async simulateBoards(where, boards, baudRate, out) {
      const { sims, port } = await simulateOnbon(
        where,
        boards.map((b) => ({ ...b, protocol: name })),
        baudRate,
        out,
      );
      return { where: port.tcpPort ? `${where} (TCP ${port.tcpPort})` : where, script: (line) => scriptBoards(line, sims, out), close: () => port.close() };
    },
    createBus(b, devices, timing, log) {
      const deviceTypes = new Map(
        devices.flatMap((d) => (d.model && family.models[d.model] !== undefined ? [[d.address, family.models[d.model]!] as const] : [])),
      );
      return new FrameBus(onbonCodec(family, deviceTypes), {
        id: b.id,
        port: b.port,
        baudRates: b.baudRate ? [b.baudRate] : info.baudRates,
        ...timing.onbon,
        log: log.child({ bus: b.id, protocol: name }),
      });
    },
    createBoard: (bus, hw, timing, log) =>
      new OnbonBoard(onbonBus(bus), {
        address: hw.address,
        width: hw.width ?? 128,
        height: hw.height ?? 16,
        lines: hw.lines ?? 1,
        style: style(hw),
        maxAreas: family.maxAreas,
        ...(timing.onbon?.refreshMs !== undefined ? { refreshMs: timing.onbon.refreshMs } : {}),
        log: log.child({ device: hw.id }),
      }),
  };
}
