import { describe, expect, it } from 'vitest';
import { buildFrame, crc16Modbus, decodeGbk, encodeGbk, escapeField, parseFrame, reply, request, splitFields } from '../../../drivers/bus/protocol.js';

describe('CRC-16/MODBUS', () => {
  it('has the check value 4B37 for ASCII 123456789', () => {
    expect(crc16Modbus(Buffer.from('123456789', 'ascii'))).toBe(0x4b37);
  });

  it('is FFFF for no bytes (the initial value)', () => {
    expect(crc16Modbus(Buffer.alloc(0))).toBe(0xffff);
  });
});

describe('escaping', () => {
  it('escapes commas and backslashes', () => {
    expect(escapeField('a,b\\c')).toBe('a\\,b\\\\c');
  });

  it('splits at unescaped commas only and undoes the escaping', () => {
    expect(splitFields('TXT,0,a\\,b\\\\c')).toEqual(['TXT', '0', 'a,b\\c']);
  });

  it('keeps empty fields', () => {
    expect(splitFields('SHOW,,5')).toEqual(['SHOW', '', '5']);
  });
});

describe('GBK', () => {
  it('round-trips hall text', () => {
    const text = '请 A012 号到 3 号窗口办理，暂停服务（午休）';
    expect(decodeGbk(encodeGbk(text))).toBe(text);
  });

  it('encodes a hanzi in two bytes', () => {
    expect([...encodeGbk('窗')]).toHaveLength(2);
  });

  it('survives a GBK trail byte equal to a backslash (0x5C)', () => {
    const hanzi = '俓'; // GBK 81 5C
    expect(encodeGbk(hanzi)[1]).toBe(0x5c);
    const parsed = parseFrame(request(3, 1, 'TXT', '0', `${hanzi}\\,x`));
    expect(parsed).toMatchObject({ ok: true, frame: { fields: ['TXT', '0', `${hanzi}\\,x`] } });
  });
});

describe('frames', () => {
  it('builds a request with address, seq, command and CRC, ending in CR LF', () => {
    const bytes = request(0x03, 0x1a, 'PING');
    const text = bytes.toString('latin1');
    expect(text).toMatch(/^@03,1A,PING\*[0-9A-F]{4}\r\n$/);
    const crc = crc16Modbus(Buffer.from('03,1A,PING', 'latin1'));
    expect(text.slice(12, 16)).toBe(crc.toString(16).toUpperCase().padStart(4, '0'));
  });

  it('builds a reply that echoes the seq', () => {
    expect(reply(0x23, 0xff, 'OK', 'KEY', 'NEXT').toString('latin1')).toMatch(/^!23,FF,OK,KEY,NEXT\*[0-9A-F]{4}\r\n$/);
  });

  it('parses what it builds, GBK text and escapes included', () => {
    const frame = { kind: 'request' as const, address: 16, seq: 7, fields: ['TXT', '2', 'A012 请到3号窗口, 谢谢'] };
    expect(parseFrame(buildFrame(frame))).toEqual({ ok: true, frame });
  });

  it('parses an error reply', () => {
    expect(parseFrame(reply(3, 9, 'ER', 'LINE'))).toEqual({ ok: true, frame: { kind: 'reply', address: 3, seq: 9, fields: ['ER', 'LINE'] } });
  });

  it('rejects a frame whose CRC does not match', () => {
    const good = request(3, 1, 'TXT', '0', '暂停服务');
    const bad = Buffer.from(good);
    bad[8] = bad[8]! ^ 0x01;
    expect(parseFrame(bad)).toMatchObject({ ok: false, reason: 'crc' });
  });

  it('rejects lines that are not frames', () => {
    expect(parseFrame(Buffer.from('hello\r\n'))).toMatchObject({ ok: false, reason: 'format' });
    expect(parseFrame(Buffer.from('@03,01,PING\r\n'))).toMatchObject({ ok: false, reason: 'format' });
    expect(parseFrame(Buffer.from('@03,01,PING*ZZZZ\r\n'))).toMatchObject({ ok: false, reason: 'format' });
  });

  it('rejects a frame with a bad address even when the CRC is right', () => {
    const body = Buffer.from('3,01,PING', 'latin1');
    const crc = crc16Modbus(body).toString(16).toUpperCase().padStart(4, '0');
    expect(parseFrame(Buffer.from(`@3,01,PING*${crc}`, 'latin1'))).toMatchObject({ ok: false, reason: 'format' });
  });

  it('refuses to build a frame with an address or seq out of range', () => {
    expect(() => request(256, 0, 'PING')).toThrow(RangeError);
    expect(() => request(1, -1, 'PING')).toThrow(RangeError);
  });
});
