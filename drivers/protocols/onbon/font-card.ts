/**
 * BX-5K/6K font-card (字库卡) packets, pure: the 14-byte header, the command envelope
 * (CmdGroup Cmd Response Reserved(2) Data), the `A3 06` dynamic-area record, and replies.
 * Multi-byte fields are little-endian.
 */
import { BROADCAST, PC_ADDRESS, type AreaRecord, type BoardCommand, type BoardReply } from './commands.js';
import { wrapFrame } from './framing.js';

const HEADER_LENGTH = 14;
const PROTOCOL_VERSION = 0x02;
const BARCODE_LENGTH = 16;
export const DEVICE_TYPE_ANY = 0xfe;

/** DeviceType byte of each model */
export const FONT_CARD_MODELS: Record<string, number> = {
  '5K1': 0x51,
  '5K2': 0x58,
  '5MK2': 0x53,
  '5MK1': 0x54,
  '6K1': 0x61,
  '6K2': 0x62,
  '6K3': 0x63,
  '6K1-YY': 0x64,
  '6K2-YY': 0x65,
  '6K3-YY': 0x66,
  '6K1-4G': 0x67,
  '6K2-4G': 0x68,
  '6K4': 0x69,
};

export interface FontCardHeader {
  dst: number;
  src: number;
  deviceType: number;
  checkMode: number;
  /** 0: areas and program must not overlap; 1: dynamic areas have priority */
  displayMode: number;
}

export function header(h: FontCardHeader, dataLength: number): Buffer {
  const b = Buffer.alloc(HEADER_LENGTH);
  b.writeUInt16LE(h.dst, 0);
  b.writeUInt16LE(h.src, 2);
  b[8] = h.checkMode;
  b[9] = h.displayMode;
  b[10] = h.deviceType;
  b[11] = PROTOCOL_VERSION;
  b.writeUInt16LE(dataLength, 12);
  return b;
}

/** X and width: bit 15 set = pixels; clear = units of 8 pixels. The host always sends pixels. */
export const encodeXUnit = (px: number): number => 0x8000 | px;
export const decodeXUnit = (value: number): number => (value & 0x8000 ? value & 0x7fff : value * 8);

export function areaRecord(a: AreaRecord): Buffer {
  const b = Buffer.alloc(27);
  b[0] = 0x00; // AreaType: 0 in every official example
  b.writeUInt16LE(encodeXUnit(a.x), 1);
  b.writeUInt16LE(a.y, 3);
  b.writeUInt16LE(encodeXUnit(a.width), 5);
  b.writeUInt16LE(a.height, 7);
  b[9] = a.id;
  b[10] = a.lineSpacing;
  b[11] = a.runMode;
  b.writeUInt16LE(a.timeout, 12);
  b[14] = 0; // SoundMode: none
  b[15] = 0; // ExtendParaLen
  b[16] = a.align;
  b[17] = a.singleLine ? 0x01 : 0x02;
  b[18] = 0x01; // NewLine: manual, lines broken by \n
  b[19] = a.displayMode;
  b[20] = 0x00; // ExitMode
  b[21] = a.speed;
  b[22] = a.stayTime;
  b.writeUInt32LE(a.data.length, 23);
  return Buffer.concat([b, a.data]);
}

function commandData(cmd: BoardCommand): [group: number, code: number, data: Buffer] {
  switch (cmd.kind) {
    case 'ping':
      return [0xa2, 0x00, Buffer.alloc(0)];
    case 'status':
      return [0xa1, 0x02, Buffer.alloc(0)];
    case 'clear':
      return [0xa3, 0x10, Buffer.alloc(0)];
    case 'power':
      return [0xa3, 0x00, Buffer.from([cmd.on ? 0x01 : 0x02])];
    case 'brightness':
      return [0xa3, 0x02, Buffer.from([0x01, cmd.level])];
    case 'areas': {
      const del = cmd.deleteIds === 'all' ? [0xff] : [cmd.deleteIds?.length ?? 0, ...(cmd.deleteIds ?? [])];
      const records = cmd.areas.map(areaRecord);
      const lengths = records.map((r) => {
        const l = Buffer.alloc(2);
        l.writeUInt16LE(r.length);
        return Buffer.concat([l, r]);
      });
      // the first two bytes after the envelope's Response are ProcessMode 0 (keep the area) and a reserved 0
      return [0xa3, 0x06, Buffer.concat([Buffer.from(del), Buffer.from([cmd.areas.length]), ...lengths])];
    }
  }
}

/** The wire bytes of a request. A 0xFFFF broadcast asks for no reply (the card would not give one). */
export function request(dst: number, cmd: BoardCommand, opts: { deviceType?: number; displayMode?: number } = {}): Buffer {
  const [group, code, data] = commandData(cmd);
  const envelope = Buffer.concat([Buffer.from([group, code, dst === BROADCAST ? 0x02 : 0x01, 0x00, 0x00]), data]);
  const h = header({ dst, src: PC_ADDRESS, deviceType: opts.deviceType ?? DEVICE_TYPE_ANY, checkMode: 0, displayMode: opts.displayMode ?? 0 }, envelope.length);
  return wrapFrame(Buffer.concat([h, envelope]));
}

/** A controller's reply: `A0 00` ACK, `A0 01 err` NACK, or the command's own group and code with data. */
export function reply(from: number, group: number, code: number, error: number, data: Buffer = Buffer.alloc(0), deviceType = DEVICE_TYPE_ANY): Buffer {
  const envelope = Buffer.concat([Buffer.from([group, code, error, 0x00, 0x00]), data]);
  return wrapFrame(Buffer.concat([header({ dst: PC_ADDRESS, src: from, deviceType, checkMode: 0, displayMode: 0 }, envelope.length), envelope]));
}

export const ack = (from: number): Buffer => reply(from, 0xa0, 0x00, 0);
export const nack = (from: number, error: number): Buffer => reply(from, 0xa0, 0x01, error);

export interface FontCardPacket {
  header: FontCardHeader;
  /** CmdGroup, Cmd, Response (request) or CmdError (reply), the two reserved bytes, then data */
  group: number;
  command: number;
  flag: number;
  reserved: Buffer;
  data: Buffer;
}

/** Reads the header and envelope of an unescaped, CRC-checked frame body. */
export function parsePacket(body: Buffer): FontCardPacket | { error: string } {
  if (body.length < HEADER_LENGTH) return { error: `header of ${body.length} bytes` };
  if (body[11] !== PROTOCOL_VERSION) return { error: `protocol version ${body[11]} is not 2` };
  const start = HEADER_LENGTH + (body[7]! & 0x01 ? BARCODE_LENGTH : 0);
  const length = body.readUInt16LE(12);
  const envelope = body.subarray(start);
  if (envelope.length !== length) return { error: `DataLen ${length} but ${envelope.length} data bytes` };
  if (length < 5) return { error: `data field of ${length} bytes` };
  return {
    header: { dst: body.readUInt16LE(0), src: body.readUInt16LE(2), deviceType: body[10]!, checkMode: body[8]!, displayMode: body[9]! },
    group: envelope[0]!,
    command: envelope[1]!,
    flag: envelope[2]!,
    reserved: envelope.subarray(3, 5),
    data: envelope.subarray(5),
  };
}

export function parseReply(body: Buffer): BoardReply | { error: string } {
  const p = parsePacket(body);
  if ('error' in p) return p;
  const nackError = p.group === 0xa0 && p.command === 0x01 ? p.flag || 0xff : p.flag;
  return { from: p.header.src, group: p.group, command: p.command, error: nackError, data: p.data };
}
