import { describe, expect, it } from 'vitest';
import { encodeGbk } from '../../../drivers/bus/protocol.js';
import { AREA_DEFAULTS, BROADCAST_ANSWERED } from '../../../drivers/protocols/onbon/commands.js';
import * as fontCard from '../../../drivers/protocols/onbon/font-card.js';
import { crc16Arc, escape, FrameReader, unescape } from '../../../drivers/protocols/onbon/framing.js';
import * as sixthGen from '../../../drivers/protocols/onbon/sixth-gen.js';

const bytes = (hex: string) => Buffer.from(hex.replace(/\s+/g, ''), 'hex');
const PRE = 'A5A5A5A5A5A5A5A5';

describe('Onbon framing', () => {
  it('computes CRC-16/ARC (check value of "123456789" is 0xBB3D)', () => {
    expect(crc16Arc(Buffer.from('123456789'))).toBe(0xbb3d);
  });

  it('escapes A5 A6 5A 5B and undoes it', () => {
    const raw = bytes('A5 A6 5A 5B 00 41');
    expect(escape(raw)).toEqual(bytes('A602 A601 5B02 5B01 00 41'));
    expect(unescape(escape(raw))).toEqual(raw);
  });

  it('refuses an A6 or 5B not followed by 01/02', () => {
    expect(unescape(bytes('00 A6 03'))).toHaveProperty('error');
    expect(unescape(bytes('5B'))).toHaveProperty('error');
  });

  it('reads frames with nine A5s, two trailing 5As, split across chunks', () => {
    const ack = bytes(`A5 ${PRE} 0080FEFF000000000000FE020500A000000000 14AC 5A 5A`);
    const reader = new FrameReader();
    expect(reader.push(ack.subarray(0, 10))).toEqual([]);
    const frames = reader.push(ack.subarray(10));
    expect(frames).toHaveLength(1);
    expect(frames[0]).toMatchObject({ ok: true });
  });

  it('reports a bad CRC', () => {
    const [frame] = new FrameReader().push(bytes(`${PRE} 0080FEFF000000000000FE020500A000000000 14AD 5A`));
    expect(frame).toMatchObject({ ok: false, reason: 'crc' });
  });
});

describe('BX-5K/6K font-card frames, byte for byte', () => {
  it('the 欢迎光临 dynamic area on a 128×32 6K3 (CRC 3C 49)', () => {
    const text = encodeGbk('欢迎光临');
    expect(text).toEqual(bytes('BB B6 D3 AD B9 E2 C1 D9'));
    const frame = fontCard.request(BROADCAST_ANSWERED, { kind: 'areas', areas: [{ ...AREA_DEFAULTS, id: 0, x: 0, y: 0, width: 128, height: 32, data: text }] });
    expect(frame).toEqual(
      bytes(`${PRE} FEFF 0080 000000 00 00 00 FE 02 2C00
      A3 06 01 00 00 00 01 2300 00 0080 0000 8080 2000 00 00 00 0A00 00 00 00 02 01 01 00 02 0A 08000000 BBB6D3ADB9E2C1D9 3C49 5A`),
    );
  });

  it('ping (68 F8), status (2D 40) and clear (51 F8) to address 1', () => {
    expect(fontCard.request(1, { kind: 'ping' })).toEqual(bytes(`${PRE} 0100 0080 000000 00 00 00 FE 02 0500 A2 00 01 0000 68F8 5A`));
    expect(fontCard.request(1, { kind: 'status' })).toEqual(bytes(`${PRE} 0100 0080 000000 00 00 00 FE 02 0500 A1 02 01 0000 2D40 5A`));
    expect(fontCard.request(1, { kind: 'clear' })).toEqual(bytes(`${PRE} 0100 0080 000000 00 00 00 FE 02 0500 A3 10 01 0000 51F8 5A`));
  });

  it('ACK (14 AC) and NACK 5 (05 51) as the controller sends them, and read back', () => {
    const ack = fontCard.ack(BROADCAST_ANSWERED);
    expect(ack).toEqual(bytes(`${PRE} 0080 FEFF 000000 00 00 00 FE 02 0500 A0 00 00 0000 14AC 5A`));
    const nack = fontCard.nack(BROADCAST_ANSWERED, 5);
    expect(nack).toEqual(bytes(`${PRE} 0080 FEFF 000000 00 00 00 FE 02 0500 A0 01 05 0000 0551 5A`));
    const [frame] = new FrameReader().push(nack);
    expect(frame?.ok && fontCard.parseReply(frame.body)).toMatchObject({ from: 0xfffe, error: 5 });
  });

  it('escapes a destination of 0x005A inside the header (constructed example, CRC 1F D1)', () => {
    expect(fontCard.request(0x5a, { kind: 'ping' })).toEqual(bytes(`${PRE} 5B02 00 0080 000000 00 00 00 FE 02 0500 A2 00 01 0000 1FD1 5A`));
  });

  it('escapes GB2312 trail bytes A5/A6 and ASCII Z and [ in area text, and the simulator reads them back', () => {
    const text = encodeGbk('芝害Z[');
    expect(text).toEqual(bytes('D6A5 BAA6 5A 5B'));
    const frame = fontCard.request(1, { kind: 'areas', areas: [{ ...AREA_DEFAULTS, id: 2, x: 0, y: 16, width: 64, height: 16, data: text }] });
    const wire = frame.subarray(8, -1);
    expect(wire.includes(0xa5)).toBe(false);
    expect(wire.includes(0x5a)).toBe(false);
    expect(wire.includes(bytes('D6A602 BAA601 5B02 5B01'))).toBe(true);
  });
});

describe('6th-generation frames, byte for byte', () => {
  it('the ping to the wildcard address (C6 86)', () => {
    expect(sixthGen.request(0xfffe, { kind: 'ping' })).toEqual(bytes(`${PRE} FEFF 0080 F0 00 FEFF 00000000 05000000 01 A2 00 0000 C686 5A`));
  });

  it('an ACK and a NACK read back with their error code', () => {
    const read = (frame: Buffer) => {
      const [f] = new FrameReader().push(frame);
      return f?.ok ? sixthGen.parseReply(f.body) : f;
    };
    expect(read(sixthGen.ack(3))).toMatchObject({ from: 3, error: 0 });
    expect(read(sixthGen.nack(3, 18))).toMatchObject({ from: 3, error: 18 });
  });
});
