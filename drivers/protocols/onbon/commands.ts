/** What the host asks of an Onbon board, independent of the card family's bytes. */

/** one dynamic area: where it is and what it shows (text already encoded, control codes included) */
export interface AreaRecord {
  /** dynamic-area id, from 0 */
  id: number;
  /** pixels */
  x: number;
  y: number;
  width: number;
  height: number;
  /** bits 1:0 left/right/centre (00/01/10), bits 3:2 top/bottom/middle (00/01/10) */
  align: number;
  singleLine: boolean;
  /** 0 loop, 1 play once and hold, 2 loop and drop the area when not refreshed within timeout */
  runMode: number;
  /** seconds */
  timeout: number;
  /** 0x01 static, 0x02 type-out, 0x03–0x06 move left/right/up/down */
  displayMode: number;
  /** 0 fastest … 0x18 slowest */
  speed: number;
  /** font card: units of 0.5 s */
  stayTime: number;
  lineSpacing: number;
  data: Buffer;
}

/** the values of the reference's worked 欢迎光临 frame; a board changes only what it must */
export const AREA_DEFAULTS: Omit<AreaRecord, 'id' | 'x' | 'y' | 'width' | 'height' | 'data'> = {
  align: 0x00,
  singleLine: false,
  runMode: 0,
  timeout: 10,
  displayMode: 0x01,
  speed: 0x02,
  stayTime: 0x0a,
  lineSpacing: 0,
};

/** fully centred, as a one-line strip wants it */
export const ALIGN_CENTRE = 0x0a;

export type BoardCommand =
  | { kind: 'ping' }
  | { kind: 'status' }
  | { kind: 'clear' }
  | { kind: 'brightness'; level: number }
  | { kind: 'power'; on: boolean }
  /** replaces the listed areas (by id) after deleting `deleteIds` ('all' = every dynamic area) */
  | { kind: 'areas'; areas: AreaRecord[]; deleteIds?: number[] | 'all' };

/** a reply: error 0 is an ACK, anything else a NACK with that code */
export interface BoardReply {
  /** the controller's address as it put it in the reply */
  from: number;
  group: number;
  command: number;
  error: number;
  data: Buffer;
}

export const BROADCAST = 0xffff;
/** broadcast-2: every controller answers, with this address */
export const BROADCAST_ANSWERED = 0xfffe;
export const PC_ADDRESS = 0x8000;

/** CmdError codes (font card; the 6th generation adds 17–19) */
export const ERROR_NAMES: Record<number, string> = {
  0: 'OK',
  1: 'bad command group',
  2: 'unknown command',
  3: 'busy',
  4: 'out of memory',
  5: 'CRC error',
  6: 'file missing',
  7: 'flash error',
  8: 'download error',
  9: 'bad file name',
  10: 'bad file type',
  11: 'file CRC error',
  12: 'font missing',
  13: 'controller type mismatch',
  14: 'bad date/time',
  15: 'file exists',
  16: 'bad block number',
  17: 'controller type mismatch (6G)',
  18: 'bad screen parameters',
  19: 'bad controller id',
};

export const errorName = (code: number): string => ERROR_NAMES[code] ?? `error ${code}`;
