/** The two Onbon card families behind one face: how a request, a reply and an ACK/NACK are built. */
import { BROADCAST_ANSWERED, type BoardCommand, type BoardReply } from './commands.js';
import { decodeFontCardRequest, decodeSixthGenRequest, type Decoded } from './decode-request.js';
import * as fontCard from './font-card.js';
import * as sixthGen from './sixth-gen.js';

export interface OnbonFamily {
  request(dst: number, cmd: BoardCommand, deviceType?: number): Buffer;
  parseReply(body: Buffer): BoardReply | { error: string };
  decodeRequest(body: Buffer): Decoded;
  ack(from: number): Buffer;
  nack(from: number, error: number): Buffer;
  /** the reply to a status query: on/off, brightness, dynamic areas */
  status(from: number, state: { on: boolean; brightness: number; areaIds: number[] }): Buffer;
  /** DeviceType of each model name */
  models: Record<string, number>;
  /** dynamic areas a card holds, and bytes of text per area */
  maxAreas: number;
  maxAreaBytes: number;
  /** the screen on/off command exists */
  power: boolean;
}

function fontCardStatus(from: number, s: { on: boolean; brightness: number; areaIds: number[] }): Buffer {
  const data = Buffer.concat([
    Buffer.from([s.on ? 1 : 2, s.brightness]),
    Buffer.alloc(8),
    Buffer.from([0]),
    Buffer.from('    ', 'latin1'),
    Buffer.from([0, 0, s.areaIds.length, ...s.areaIds]),
    Buffer.alloc(16),
    Buffer.alloc(12),
  ]);
  return fontCard.reply(from, 0xa1, 0x02, 0, data);
}

const fontCardFamily = (models: string[], maxAreas: number, maxAreaBytes: number): OnbonFamily => ({
  // DisplayMode 1 on area writes: a hall's board often keeps its own program, and the call must show over it
  request: (dst, cmd, deviceType) =>
    fontCard.request(dst, cmd, { ...(deviceType === undefined ? {} : { deviceType }), displayMode: cmd.kind === 'areas' ? 1 : 0 }),
  parseReply: fontCard.parseReply,
  decodeRequest: decodeFontCardRequest,
  ack: fontCard.ack,
  nack: fontCard.nack,
  status: fontCardStatus,
  models: Object.fromEntries(models.map((m) => [m, fontCard.FONT_CARD_MODELS[m]!])),
  maxAreas,
  maxAreaBytes,
  power: true,
});

export type OnbonProtocolName = 'onbon-bx5k' | 'onbon-bx6k' | 'onbon-bx6';

export const FAMILIES: Record<OnbonProtocolName, OnbonFamily> = {
  'onbon-bx5k': fontCardFamily(['5K1', '5K2', '5MK1', '5MK2'], 8, 512),
  'onbon-bx6k': fontCardFamily(['6K1', '6K2', '6K3', '6K1-YY', '6K2-YY', '6K3-YY', '6K1-4G', '6K2-4G', '6K4'], 5, 1024),
  'onbon-bx6': {
    request: (dst, cmd, deviceType) => sixthGen.request(dst, cmd, deviceType === undefined ? {} : { deviceType }),
    parseReply: sixthGen.parseReply,
    decodeRequest: decodeSixthGenRequest,
    ack: sixthGen.ack,
    nack: sixthGen.nack,
    status: (from) => sixthGen.ack(from),
    models: sixthGen.SIXTH_GEN_MODELS,
    // [U] the sources give no area limits for the 6G font area; the font card's 6K limits are assumed
    maxAreas: 5,
    maxAreaBytes: 1024,
    power: false,
  },
};

/** whether a reply comes from the board asked (the broadcast-2 address answers as itself) */
export const replyIsFrom = (reply: BoardReply, address: number): boolean =>
  reply.from === address || address === BROADCAST_ANSWERED || reply.from === BROADCAST_ANSWERED;
