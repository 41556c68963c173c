/**
 * Onbon 6th generation (6Q/6E) packets, pure: the 16-byte header, requests
 * `RtnReq CmdGroup Cmd Data` (the reply flag comes first, unlike the font card) and replies
 * `Reserved CmdGroup Cmd Status(2) Error(2) DataLen(2) Data`. The `A7 06` font-area layout
 * rests on Onbon's protocol analyser only (no official document describes it).
 */
import { BROADCAST, PC_ADDRESS, type AreaRecord, type BoardCommand, type BoardReply } from './commands.js';
import { wrapFrame } from './framing.js';

const HEADER_LENGTH = 16;
const PROTOCOL_VERSION = 0xf0;
export const DEVICE_TYPE_ANY_6G = 0xfffe;

export const SIXTH_GEN_MODELS: Record<string, number> = {
  '6QL': 0x0066,
  '6Q1': 0x0166,
  '6Q2': 0x0266,
  '6Q3': 0x0366,
  '6Q2L': 0x0466,
  '6Q3L': 0x0566,
  '6E1': 0x0174,
  '6E2': 0x0274,
  '6E3': 0x0374,
  '6E1X': 0x0474,
  '6E2X': 0x0574,
};

export interface SixthGenHeader {
  dst: number;
  src: number;
  deviceType: number;
}

function header(h: SixthGenHeader, dataLength: number): Buffer {
  const b = Buffer.alloc(HEADER_LENGTH);
  b.writeUInt16LE(h.dst, 0);
  b.writeUInt16LE(h.src, 2);
  b[4] = PROTOCOL_VERSION;
  b.writeUInt16LE(h.deviceType, 6);
  b.writeUInt32LE(dataLength, 12);
  return b;
}

const u16 = (n: number) => {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(n);
  return b;
};
const u32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n);
  return b;
};

/** one `A7 06` font area (analyser layout), AreaDataLen counting the bytes after itself */
export function fontArea(a: AreaRecord): Buffer {
  const body = Buffer.concat([
    Buffer.from([a.id, a.runMode]),
    u16(a.timeout),
    Buffer.from([0x01]),
    u16(0), // RelateAllPro: show alongside every program; no program list
    Buffer.from([0x01]),
    u32(0), // ImmePlay: the board is ours, programs stop; 4 reserved
    Buffer.from([0x00]),
    u16(a.x),
    u16(a.y),
    u16(a.width),
    u16(a.height),
    Buffer.from([0x00]),
    Buffer.alloc(8), // no frame; 8 reserved
    Buffer.from([0x00, a.lineSpacing, a.align, 0x00]),
    Buffer.alloc(6), // layout mode, spacing, align, char spacing
    Buffer.from([a.singleLine ? 0x01 : 0x02, 0x01, a.displayMode, 0x00, a.speed, a.stayTime, 0x00]), // …, SoundFlag none
    u32(a.data.length),
    a.data,
  ]);
  return Buffer.concat([u32(body.length), body]);
}

function deletion(ids: number[] | 'all' | undefined): Buffer {
  return ids === 'all' ? Buffer.from([0xff]) : Buffer.from([ids?.length ?? 0, ...(ids ?? [])]);
}

function commandData(cmd: BoardCommand): [group: number, code: number, data: Buffer] {
  switch (cmd.kind) {
    case 'ping':
    case 'status':
      return [0xa2, 0x00, Buffer.from([0x00, 0x00])];
    case 'clear':
      return [0xa7, 0x01, Buffer.concat([Buffer.alloc(2), deletion('all')])];
    case 'brightness':
      return [0xa2, 0x07, Buffer.concat([u16(0x31), Buffer.from([0x00]), Buffer.alloc(48, cmd.level)])];
    case 'areas':
      return [0xa7, 0x06, Buffer.concat([Buffer.from([0x00]), deletion(cmd.deleteIds), Buffer.from([cmd.areas.length]), ...cmd.areas.map(fontArea)])];
    case 'power':
      throw new Error('the 6th generation has no screen on/off command');
  }
}

export function request(dst: number, cmd: BoardCommand, opts: { deviceType?: number } = {}): Buffer {
  const [group, code, data] = commandData(cmd);
  const envelope = Buffer.concat([Buffer.from([dst === BROADCAST ? 0x00 : 0x01, group, code]), data]);
  return wrapFrame(Buffer.concat([header({ dst, src: PC_ADDRESS, deviceType: opts.deviceType ?? DEVICE_TYPE_ANY_6G }, envelope.length), envelope]));
}

export function reply(from: number, group: number, code: number, error: number, data: Buffer = Buffer.alloc(0)): Buffer {
  const envelope = Buffer.concat([Buffer.from([0x00, group, code]), u16(error ? 1 : 0), u16(error), u16(data.length), data]);
  return wrapFrame(Buffer.concat([header({ dst: PC_ADDRESS, src: from, deviceType: DEVICE_TYPE_ANY_6G }, envelope.length), envelope]));
}

export const ack = (from: number): Buffer => reply(from, 0xa0, 0x00, 0);
export const nack = (from: number, error: number): Buffer => reply(from, 0xa0, 0x01, error);

export interface SixthGenPacket {
  header: SixthGenHeader;
  envelope: Buffer;
}

export function parsePacket(body: Buffer): SixthGenPacket | { error: string } {
  if (body.length < HEADER_LENGTH) return { error: `header of ${body.length} bytes` };
  if (body[4] !== PROTOCOL_VERSION) return { error: `protocol version 0x${body[4]!.toString(16)} is not 0xF0` };
  const length = body.readUInt32LE(12);
  const envelope = body.subarray(HEADER_LENGTH);
  if (envelope.length !== length) return { error: `DataLen ${length} but ${envelope.length} data bytes` };
  if (length < 3) return { error: `data field of ${length} bytes` };
  return { header: { dst: body.readUInt16LE(0), src: body.readUInt16LE(2), deviceType: body.readUInt16LE(6) }, envelope };
}

export function parseReply(body: Buffer): BoardReply | { error: string } {
  const p = parsePacket(body);
  if ('error' in p) return p;
  const e = p.envelope;
  if (e.length < 9) return { error: `reply of ${e.length} bytes` };
  const nacked = (e.readUInt16LE(3) & 0x01) !== 0;
  return { from: p.header.src, group: e[1]!, command: e[2]!, error: nacked ? e.readUInt16LE(5) || 0xff : 0, data: e.subarray(9, 9 + e.readUInt16LE(7)) };
}
