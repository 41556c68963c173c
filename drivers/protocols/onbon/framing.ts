/**
 * Onbon physical framing, shared by the BX-5K/6K font cards and the 6th generation. Pure.
 *   wire = A5×8 · escape(PHY1) · 5A        PHY1 = header · data · CRC-16/ARC (little-endian)
 * Escaping covers every PHY1 byte, the CRC included: A5→A6 02, A6→A6 01, 5A→5B 02, 5B→5B 01.
 */

const PREAMBLE = 0xa5;
const END = 0x5a;
const PREAMBLE_LENGTH = 8;

/** CRC-16/ARC: poly 0x8005 reflected (0xA001), init 0, no final XOR. "123456789" → 0xBB3D. */
export function crc16Arc(bytes: Uint8Array): number {
  let crc = 0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0xa001 : crc >>> 1;
  }
  return crc;
}

const ESCAPES: Record<number, [number, number]> = { 0xa5: [0xa6, 0x02], 0xa6: [0xa6, 0x01], 0x5a: [0x5b, 0x02], 0x5b: [0x5b, 0x01] };

export function escape(bytes: Uint8Array): Buffer {
  const out: number[] = [];
  for (const byte of bytes) out.push(...(ESCAPES[byte] ?? [byte]));
  return Buffer.from(out);
}

/** Undoes escape(); an A6 or 5B followed by anything but 01/02 is a framing error. */
export function unescape(bytes: Uint8Array): Buffer | { error: string } {
  const out: number[] = [];
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]!;
    if (byte !== 0xa6 && byte !== 0x5b) {
      out.push(byte);
      continue;
    }
    const next = bytes[++i];
    if (next === 0x01) out.push(byte);
    else if (next === 0x02) out.push(byte === 0xa6 ? 0xa5 : 0x5a);
    else return { error: `0x${byte.toString(16)} followed by ${next === undefined ? 'nothing' : `0x${next.toString(16)}`}` };
  }
  return Buffer.from(out);
}

/** The wire bytes for a header and data field: the CRC is appended, then all of it escaped. */
export function wrapFrame(headerAndData: Uint8Array): Buffer {
  const crc = crc16Arc(headerAndData);
  const phy1 = Buffer.concat([headerAndData, Buffer.from([crc & 0xff, crc >>> 8])]);
  return Buffer.concat([Buffer.alloc(PREAMBLE_LENGTH, PREAMBLE), escape(phy1), Buffer.from([END])]);
}

export type Unframed = { ok: true; body: Buffer } | { ok: false; reason: 'crc' | 'format'; detail: string; body?: Buffer };

/**
 * Splits a byte stream into frames (like a parser Transform, but synchronous): any A5 starts
 * a frame, the A5s after it are skipped, the next 5A ends it. Extra trailing 5As (Onbon's own
 * library sends two) fall between frames and are ignored. Each frame comes out unescaped with
 * its CRC checked and removed.
 */
export class FrameReader {
  private collecting = false;
  private inBody = false;
  private bytes: number[] = [];

  push(chunk: Uint8Array): Unframed[] {
    const frames: Unframed[] = [];
    for (const byte of chunk) {
      if (byte === PREAMBLE) {
        if (this.inBody) frames.push({ ok: false, reason: 'format', detail: 'a frame started inside another' });
        this.collecting = true;
        this.inBody = false;
        this.bytes = [];
      } else if (!this.collecting) {
        continue;
      } else if (byte === END) {
        frames.push(checkFrame(Buffer.from(this.bytes)));
        this.collecting = false;
        this.inBody = false;
        this.bytes = [];
      } else {
        this.inBody = true;
        this.bytes.push(byte);
      }
    }
    return frames;
  }
}

function checkFrame(escaped: Buffer): Unframed {
  const phy1 = unescape(escaped);
  if (!Buffer.isBuffer(phy1)) return { ok: false, reason: 'format', detail: `bad escape: ${phy1.error}` };
  if (phy1.length < 3) return { ok: false, reason: 'format', detail: `frame of ${phy1.length} bytes` };
  const body = phy1.subarray(0, -2);
  const sent = phy1.readUInt16LE(phy1.length - 2);
  const expected = crc16Arc(body);
  if (sent !== expected) return { ok: false, reason: 'crc', detail: `CRC ${hex(sent)} != ${hex(expected)}`, body };
  return { ok: true, body };
}

export const hex = (n: number, width = 4): string => n.toString(16).toUpperCase().padStart(width, '0');

/** `A5 A5 …` for logs and test messages */
export const hexBytes = (bytes: Uint8Array): string => [...bytes].map((b) => hex(b, 2)).join(' ');
