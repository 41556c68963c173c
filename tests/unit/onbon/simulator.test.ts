import { describe, expect, it } from 'vitest';
import { encodeAreaText } from '../../../drivers/protocols/onbon/area-text.js';
import { AREA_DEFAULTS, type BoardCommand } from '../../../drivers/protocols/onbon/commands.js';
import { FAMILIES } from '../../../drivers/protocols/onbon/family.js';
import { FrameReader } from '../../../drivers/protocols/onbon/framing.js';
import { OnbonSimulator } from '../../../drivers/protocols/onbon/simulator.js';

const style = { fontSize: 16 as const, numberColor: 'red' as const, textColor: 'green' as const };
const area = (id: number, y: number, text: string) => ({ ...AREA_DEFAULTS, id, x: 0, y, width: 128, height: 16, data: encodeAreaText([text], style) });

/** frame → simulator → the reply read back by the host's side */
function exchange(sim: OnbonSimulator, frame: Buffer) {
  const [unframed] = new FrameReader().push(frame);
  const reply = sim.handle(unframed!);
  if (!reply) return undefined;
  const [back] = new FrameReader().push(reply);
  return back?.ok ? sim.family.parseReply(back.body) : back;
}

for (const name of ['onbon-bx5k', 'onbon-bx6k', 'onbon-bx6'] as const) {
  describe(`${name} simulator decodes every frame the driver sends`, () => {
    const family = FAMILIES[name];
    const commands: BoardCommand[] = [
      { kind: 'ping' },
      { kind: 'status' },
      { kind: 'clear' },
      { kind: 'brightness', level: 7 },
      { kind: 'areas', areas: [area(0, 0, 'A001 请到1号窗口'), area(1, 16, '芝害Z[\\')], deleteIds: 'all' },
      { kind: 'areas', areas: [area(1, 16, 'B002 请到2号窗口')], deleteIds: [0] },
      ...(family.power ? [{ kind: 'power', on: false } as const] : []),
    ];

    it('answers each with an ACK and carries it out', () => {
      const sim = new OnbonSimulator(family, 3);
      for (const command of commands) expect(exchange(sim, family.request(3, command)), command.kind).toMatchObject({ error: 0 });
      expect(sim.received.map((r) => r.command?.kind)).toEqual(commands.map((c) => (name === 'onbon-bx6' && c.kind === 'status' ? 'ping' : c.kind)));
      expect(sim.shows()).toEqual(['B002 请到2号窗口']);
      expect(sim.colours(1)).toEqual([1, 2]);
      expect(sim.brightness).toBe(7);
    });

    it('keeps text whose bytes needed escaping', () => {
      const sim = new OnbonSimulator(family, 3);
      exchange(sim, family.request(3, { kind: 'areas', areas: [area(0, 0, '芝害Z['), area(1, 16, '抓 a\\b')] }));
      expect(sim.shows()).toEqual(['芝害Z[', '抓 a＼b']);
    });

    it('ignores frames for another address and never answers a broadcast', () => {
      const sim = new OnbonSimulator(family, 3);
      expect(exchange(sim, family.request(4, { kind: 'ping' }))).toBeUndefined();
      expect(exchange(sim, family.request(0xffff, { kind: 'areas', areas: [area(0, 0, '全体')] }))).toBeUndefined();
      expect(sim.shows()).toEqual(['全体']);
    });

    it('answers NACK 5 to a bad CRC, NACK 4 past the area limit, and the scripted NACK', () => {
      const sim = new OnbonSimulator(family, 3);
      const frame = Buffer.from(family.request(3, { kind: 'ping' }));
      frame.writeUInt8(frame.readUInt8(frame.length - 2) ^ 0x01, frame.length - 2);
      expect(exchange(sim, frame)).toMatchObject({ error: 5 });
      const tooMany = Array.from({ length: family.maxAreas + 1 }, (_, i) => ({ ...area(i, 0, `${i}`), height: 1, y: i }));
      expect(exchange(sim, family.request(3, { kind: 'areas', areas: tooMany }))).toMatchObject({ error: 4 });
      sim.nackNext = 1;
      expect(exchange(sim, family.request(3, { kind: 'ping' }))).toMatchObject({ error: 3 });
      expect(exchange(sim, family.request(3, { kind: 'ping' }))).toMatchObject({ error: 0 });
    });

    it('says nothing while silent', () => {
      const sim = new OnbonSimulator(family, 3);
      sim.silent = true;
      expect(exchange(sim, family.request(3, { kind: 'ping' }))).toBeUndefined();
    });
  });
}

describe('font-card area records', () => {
  it('are sent with DisplayMode 1, so the areas show over a program the board keeps', () => {
    const body = (frame: Buffer) => {
      const [f] = new FrameReader().push(frame);
      return f?.ok ? f.body : Buffer.alloc(0);
    };
    expect(body(FAMILIES['onbon-bx6k'].request(1, { kind: 'areas', areas: [area(0, 0, 'A001')] }))[9]).toBe(1);
    expect(body(FAMILIES['onbon-bx6k'].request(1, { kind: 'ping' }))[9]).toBe(0);
  });

  it('reads X and width in units of 8 pixels when bit 15 is clear (18 00 = 192 px)', async () => {
    const { decodeXUnit } = await import('../../../drivers/protocols/onbon/font-card.js');
    expect(decodeXUnit(0x0018)).toBe(192);
    expect(decodeXUnit(0x8080)).toBe(128);
  });

  it('puts the ticket number in its colour and the rest in the text colour', () => {
    expect(encodeAreaText(['A012 请到3号窗口'], style).toString('latin1').startsWith('\\FO000\\C1A012\\C2 ')).toBe(true);
    expect(
      encodeAreaText(['暂停服务', '午休'], { ...style, fontSize: 32 })
        .toString('latin1')
        .startsWith('\\FO002\\C2'),
    ).toBe(true);
  });
});
