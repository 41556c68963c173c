/**
 * The reverse of the host's requests, for the simulators: frame body → the command it carries.
 * Every field the reference defines is read (sound, extension and barcode blocks are skipped
 * by their lengths), so a frame the host builds wrongly fails here.
 */
import { ByteReader } from './byte-reader.js';
import { AREA_DEFAULTS, BROADCAST, type AreaRecord, type BoardCommand } from './commands.js';
import { decodeXUnit, parsePacket as parseFontCard } from './font-card.js';
import { parsePacket as parseSixthGen } from './sixth-gen.js';

export interface DecodedRequest {
  dst: number;
  deviceType: number;
  wantsReply: boolean;
  group: number;
  code: number;
  /** undefined: a command the simulator does not know (it answers NACK 2) */
  command: BoardCommand | undefined;
}

export type Decoded = DecodedRequest | { error: string };

function deletion(r: ByteReader): number[] | 'all' {
  const n = r.u8();
  return n === 0xff ? 'all' : [...r.take(n)];
}

function fontCardArea(r: ByteReader): AreaRecord {
  r.u8(); // AreaType
  const x = decodeXUnit(r.u16()),
    y = r.u16(),
    width = decodeXUnit(r.u16()),
    height = r.u16();
  const id = r.u8(),
    lineSpacing = r.u8(),
    runMode = r.u8(),
    timeout = r.u16();
  const sound = r.u8();
  if (sound !== 0) r.take(3);
  if (sound === 2) r.take(r.u32());
  r.take(r.u8()); // ExtendParaLen bytes: TypeSetting, spacing
  const align = r.u8(),
    singleLine = r.u8() === 0x01;
  r.u8(); // NewLine
  const displayMode = r.u8();
  r.u8(); // ExitMode
  const speed = r.u8(),
    stayTime = r.u8();
  const data = Buffer.from(r.take(r.u32()));
  return { id, x, y, width, height, lineSpacing, runMode, timeout, align, singleLine, displayMode, speed, stayTime, data };
}

function fontCardCommand(group: number, code: number, data: Buffer): BoardCommand | undefined {
  const r = new ByteReader(data);
  const key = (group << 8) | code;
  if (key === 0xa200) return { kind: 'ping' };
  if (key === 0xa102) return { kind: 'status' };
  if (key === 0xa310) return { kind: 'clear' };
  if (key === 0xa300) return { kind: 'power', on: r.u8() === 0x01 };
  if (key === 0xa302) {
    r.u8();
    return { kind: 'brightness', level: r.u8() };
  }
  if (key !== 0xa306) return undefined;
  const deleteIds = deletion(r);
  const areas: AreaRecord[] = [];
  for (let n = r.u8(); n > 0; n--) {
    const record = r.take(r.u16());
    const inner = new ByteReader(Buffer.from(record));
    areas.push(fontCardArea(inner));
    if (inner.left !== 0) throw new RangeError(`AreaDataLen ${record.length} leaves ${inner.left} bytes unread`);
  }
  return { kind: 'areas', areas, deleteIds };
}

export function decodeFontCardRequest(body: Buffer): Decoded {
  const p = parseFontCard(body);
  if ('error' in p) return p;
  try {
    const command = fontCardCommand(p.group, p.command, p.data);
    return {
      dst: p.header.dst,
      deviceType: p.header.deviceType,
      wantsReply: p.flag === 0x01 && p.header.dst !== BROADCAST,
      group: p.group,
      code: p.command,
      command,
    };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

function sixthGenArea(r: ByteReader): AreaRecord {
  const id = r.u8(),
    runMode = r.u8(),
    timeout = r.u16();
  r.u8(); // RelateAllPro
  r.take(2 * r.u16()); // related programs
  r.u8();
  r.take(4);
  r.u8(); // ImmePlay, reserved, AreaType
  const x = r.u16(),
    y = r.u16(),
    width = r.u16(),
    height = r.u16();
  if (r.u8() !== 0) throw new RangeError('area frames are not supported');
  r.take(8);
  r.u8();
  const lineSpacing = r.u8(),
    align = r.u8();
  r.u8();
  r.take(6);
  const singleLine = r.u8() === 0x01;
  r.u8();
  const displayMode = r.u8();
  r.u8();
  const speed = r.u8(),
    stayTime = r.u8();
  const sound = r.u8();
  if (sound !== 0) {
    r.take(12);
    r.take(r.u8());
  }
  if (sound === 2) r.take(r.u32());
  const data = Buffer.from(r.take(r.u32()));
  return { ...AREA_DEFAULTS, id, x, y, width, height, lineSpacing, runMode, timeout, align, singleLine, displayMode, speed, stayTime, data };
}

function sixthGenCommand(group: number, code: number, data: Buffer): BoardCommand | undefined {
  const r = new ByteReader(data);
  const key = (group << 8) | code;
  if (key === 0xa200) return { kind: 'ping' };
  if (key === 0xa207) {
    r.u16();
    r.u8();
    return { kind: 'brightness', level: r.u8() };
  }
  if (key === 0xa701) {
    r.take(2);
    const ids = deletion(r);
    return ids === 'all' ? { kind: 'clear' } : { kind: 'areas', areas: [], deleteIds: ids };
  }
  if (key !== 0xa706) return undefined;
  r.u8(); // SaveOnPowerOff
  const deleteIds = deletion(r);
  const areas: AreaRecord[] = [];
  for (let n = r.u8(); n > 0; n--) {
    const inner = new ByteReader(Buffer.from(r.take(r.u32())));
    areas.push(sixthGenArea(inner));
    if (inner.left !== 0) throw new RangeError(`AreaDataLen leaves ${inner.left} bytes unread`);
  }
  return { kind: 'areas', areas, deleteIds };
}

export function decodeSixthGenRequest(body: Buffer): Decoded {
  const p = parseSixthGen(body);
  if ('error' in p) return p;
  const e = p.envelope;
  try {
    const command = sixthGenCommand(e[1]!, e[2]!, e.subarray(3));
    return { dst: p.header.dst, deviceType: p.header.deviceType, wantsReply: e[0] === 0x01 && p.header.dst !== BROADCAST, group: e[1]!, code: e[2]!, command };
  } catch (error) {
    return { error: (error as Error).message };
  }
}
