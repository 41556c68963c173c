import { describe, expect, it } from 'vitest';
import { brightnessAt, hallBoardLines, pushCall, windowStripText } from '../../../drivers/led/protocol.js';
import { isRatingInTime, parseEvalReply } from '../../../drivers/evaluator/protocol.js';
import { parseKeyReply } from '../../../drivers/keypad/protocol.js';
import { hardwareProblems } from '../../../drivers/host/hardware.js';

describe('window strip text', () => {
  it('shows the called number and the window', () => {
    expect(windowStripText({ number: 3, status: 'open', current: 'A012' })).toEqual(['A012 请到3号窗口']);
  });

  it('shows 暂停服务 and the reason on a second line when paused', () => {
    expect(windowStripText({ number: 3, status: 'paused', reason: '午休', current: null }, 2)).toEqual(['暂停服务', '午休']);
  });

  it('shows 暂停服务 when closed and a welcome when open with nobody called', () => {
    expect(windowStripText({ number: 3, status: 'closed' })).toEqual(['暂停服务']);
    expect(windowStripText({ number: 12, status: 'open' })).toEqual(['12号窗口 欢迎办理']);
  });
});

describe('hall board', () => {
  it('lists the newest calls first in its number of lines, blank lines after', () => {
    let calls = pushCall([], { number: 'A001', windowNumber: 1 }, 4);
    calls = pushCall(calls, { number: 'B001', windowNumber: 3 }, 4);
    expect(hallBoardLines(calls, 3)).toEqual(['B001 请到3号窗口', 'A001 请到1号窗口', '']);
  });

  it('moves a recalled number back to the top without a second line for it', () => {
    let calls = pushCall([], { number: 'A001', windowNumber: 1 }, 4);
    calls = pushCall(calls, { number: 'B001', windowNumber: 3 }, 4);
    calls = pushCall(calls, { number: 'A001', windowNumber: 1 }, 4);
    expect(hallBoardLines(calls, 2)).toEqual(['A001 请到1号窗口', 'B001 请到3号窗口']);
  });
});

describe('brightness schedule', () => {
  const schedule = [
    { from: '07:00', level: 12 },
    { from: '19:00', level: 5 },
  ];
  it('is bright by day and dim at night, wrapping over midnight', () => {
    expect(brightnessAt(schedule, 10 * 60)).toBe(12);
    expect(brightnessAt(schedule, 19 * 60)).toBe(5);
    expect(brightnessAt(schedule, 2 * 60)).toBe(5);
    expect(brightnessAt(schedule, 7 * 60)).toBe(12);
  });
});

describe('keypad and evaluator replies', () => {
  it('reads keys, a transfer with its service, and refuses unknown keys', () => {
    expect(parseKeyReply([])).toBeNull();
    expect(parseKeyReply(['KEY', 'NEXT'])).toEqual({ key: 'NEXT' });
    expect(parseKeyReply(['KEY', 'TRANSFER:invoice'])).toEqual({ key: 'TRANSFER', serviceId: 'invoice' });
    expect(parseKeyReply(['KEY', 'DANCE'])).toBe('invalid');
  });

  it('reads a 工号签到 with its employee number and a 签退; an empty or odd number is invalid', () => {
    expect(parseKeyReply(['KEY', 'LOGIN:0201'])).toEqual({ key: 'LOGIN', employeeNo: '0201' });
    expect(parseKeyReply(['KEY', 'LOGOUT'])).toEqual({ key: 'LOGOUT' });
    expect(parseKeyReply(['KEY', 'LOGIN:'])).toBe('invalid');
    expect(parseKeyReply(['KEY', 'LOGIN:12 34'])).toBe('invalid');
  });

  it('reads ratings 1 to 5 only', () => {
    expect(parseEvalReply(['EVAL', '5'])).toBe(5);
    expect(parseEvalReply(['EVAL', '6'])).toBe('invalid');
    expect(parseEvalReply([])).toBeNull();
  });

  it('accepts a rating up to 60 s after the question, not later', () => {
    const asked = new Date('2026-11-23T02:00:00Z');
    expect(isRatingInTime(asked, new Date('2026-11-23T02:01:00Z'))).toBe(true);
    expect(isRatingInTime(asked, new Date('2026-11-23T02:01:00.001Z'))).toBe(false);
  });
});

describe('hardware list checks', () => {
  it('names devices on an unknown bus, without an address, sharing an address, or a keypad without a window', () => {
    const problems = hardwareProblems({
      buses: [{ id: 'bus1', port: '/dev/ttyUSB0' }],
      hardware: [
        { id: 'led-a', kind: 'led', busId: 'bus1', address: 3 },
        { id: 'led-b', kind: 'led', busId: 'bus1', address: 3 },
        { id: 'led-c', kind: 'led', busId: 'bus9', address: 4 },
        { id: 'key-1', kind: 'keypad', busId: 'bus1' },
        { id: 'prn-1', kind: 'printer', interface: 'tcp://192.0.2.10:9100' },
      ],
    });
    expect(problems).toEqual([
      "hardware led-b: address 3 on bus bus1 is already led-a's",
      'hardware led-c: busId bus9 is not one of buses[]',
      'hardware key-1: an address is required on bus bus1',
      'hardware key-1: a keypad needs a windowId',
    ]);
  });
});
