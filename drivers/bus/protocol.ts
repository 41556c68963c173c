/**
 * HQ-485 line frames (docs/en/devices.md), pure: no I/O.
 *   request  @AA,SS,CMD[,ARG…]*CCCC\r\n
 *   reply    !AA,SS,OK[,ARG…]*CCCC\r\n  or  !AA,SS,ER,<code>*CCCC\r\n
 * Text is GBK; a comma inside a field is `\,`, a backslash `\\`.
 */
import iconv from 'iconv-lite';

export const BROADCAST_ADDRESS = 0xff;

export type FrameKind = 'request' | 'reply';

export interface Frame {
  kind: FrameKind;
  /** device address 0–255 (FF = broadcast) */
  address: number;
  /** sequence number 0–255; a reply echoes its request's */
  seq: number;
  /** CMD then its arguments (request) or OK/ER then arguments (reply), unescaped */
  fields: string[];
}

export type ParseResult = { ok: true; frame: Frame } | { ok: false; reason: 'format' | 'crc'; detail: string };

const START: Record<FrameKind, string> = { request: '@', reply: '!' };

/** CRC-16/MODBUS: poly 0xA001 reflected, init 0xFFFF. CRC of ASCII "123456789" is 0x4B37. */
export function crc16Modbus(bytes: Uint8Array): number {
  let crc = 0xffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0xa001 : crc >>> 1;
  }
  return crc;
}

export function escapeField(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/,/g, '\\,');
}

/** Splits at commas that are not escaped and undoes the escaping. */
export function splitFields(body: string): string[] {
  const fields: string[] = [];
  let current = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch === '\\' && i + 1 < body.length) {
      current += body[++i];
    } else if (ch === ',') {
      fields.push(current);
      current = '';
    } else {
      current += ch;
    }
  }
  fields.push(current);
  return fields;
}

const hex = (n: number, width: number) => n.toString(16).toUpperCase().padStart(width, '0');

export function encodeGbk(text: string): Buffer {
  return iconv.encode(text, 'gbk');
}

export function decodeGbk(bytes: Buffer): string {
  return iconv.decode(bytes, 'gbk');
}

/** The bytes of a frame, CR LF included. */
export function buildFrame(frame: Frame): Buffer {
  if (!Number.isInteger(frame.address) || frame.address < 0 || frame.address > 0xff) throw new RangeError(`address must be 0-255, got ${frame.address}`);
  if (!Number.isInteger(frame.seq) || frame.seq < 0 || frame.seq > 0xff) throw new RangeError(`seq must be 0-255, got ${frame.seq}`);
  if (frame.fields.length === 0) throw new RangeError('a frame needs a command or a status');
  const body = encodeGbk([hex(frame.address, 2), hex(frame.seq, 2), ...frame.fields.map(escapeField)].join(','));
  return Buffer.concat([Buffer.from(START[frame.kind], 'latin1'), body, Buffer.from(`*${hex(crc16Modbus(body), 4)}\r\n`, 'latin1')]);
}

export const request = (address: number, seq: number, command: string, ...args: string[]): Buffer =>
  buildFrame({ kind: 'request', address, seq, fields: [command, ...args] });

export const reply = (address: number, seq: number, ...fields: string[]): Buffer =>
  buildFrame({ kind: 'reply', address, seq, fields: fields.length ? fields : ['OK'] });

/**
 * Parses one line (with or without its CR LF). The CRC is checked on the raw bytes before any
 * decoding; the body is decoded from GBK before splitting, because a GBK trail byte may be 0x5C.
 */
export function parseFrame(line: Buffer): ParseResult {
  let end = line.length;
  while (end > 0 && (line[end - 1] === 0x0a || line[end - 1] === 0x0d)) end--;
  const first = line[0];
  const kind: FrameKind | undefined = first === 0x40 ? 'request' : first === 0x21 ? 'reply' : undefined;
  if (!kind) return { ok: false, reason: 'format', detail: 'a frame starts with @ or !' };
  const star = line.lastIndexOf(0x2a, end - 1);
  if (star < 1 || end - star !== 5) return { ok: false, reason: 'format', detail: 'a frame ends with *CCCC' };
  const crcText = line.subarray(star + 1, end).toString('latin1');
  if (!/^[0-9A-Fa-f]{4}$/.test(crcText)) return { ok: false, reason: 'format', detail: `bad CRC digits ${crcText}` };
  const body = line.subarray(1, star);
  const expected = crc16Modbus(body);
  if (parseInt(crcText, 16) !== expected) return { ok: false, reason: 'crc', detail: `CRC ${crcText} != ${hex(expected, 4)}` };
  const fields = splitFields(decodeGbk(body));
  const [aa, ss, ...rest] = fields;
  if (!aa || !ss || !/^[0-9A-Fa-f]{2}$/.test(aa) || !/^[0-9A-Fa-f]{2}$/.test(ss)) {
    return { ok: false, reason: 'format', detail: 'address and seq are two hex digits each' };
  }
  if (rest.length === 0 || rest[0] === '') return { ok: false, reason: 'format', detail: 'missing command or status' };
  return { ok: true, frame: { kind, address: parseInt(aa, 16), seq: parseInt(ss, 16), fields: rest } };
}
