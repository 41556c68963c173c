import { describe, expect, it } from 'vitest';
import { applyEvent, bannerCall, callsOfZone, fromSnapshot, RECENT_CALLS, windowsOfZone, type BoardState } from '../../../display-ui/shared/board-state.js';
import type { SnapshotDto } from '../../../server/contract/dto.js';
import type { HallEvent, HallEventDataMap, HallEventType } from '../../../server/contract/events.js';

const AT = '2026-11-23T02:00:00.000Z';

function snapshot(): SnapshotDto {
  return {
    seq: 10,
    hallId: 'main',
    hallName: '市政务服务中心',
    windows: [
      { id: 'w1', number: 1, name: '1号窗口', zoneId: 'f1', status: 'open', staffName: '王芳', staffEmployeeNo: '0101' },
      { id: 'w2', number: 2, name: '2号窗口', zoneId: 'f1', status: 'closed' },
      { id: 'w4', number: 4, name: '4号窗口', zoneId: 'f2', status: 'open', current: { id: 't9', number: 'C001', status: 'serving' } },
    ],
    queues: [
      { serviceId: 'tax-reg', waiting: 2, estimatedWaitMinutes: 16 },
      { serviceId: 'invoice', waiting: 0, estimatedWaitMinutes: 0 },
    ],
    recentCalls: [{ number: 'C001', windowNumber: 4, windowId: 'w4', at: AT }],
    devices: [],
  };
}

let seq = 10;
function event<T extends HallEventType>(type: T, data: HallEventDataMap[T], extra: { windowId?: string } = {}): HallEvent {
  return { seq: ++seq, type, at: AT, hallId: 'main', data, ...extra } as HallEvent;
}

const called = (number: string, windowId = 'w1', windowNumber = 1, recall = false) =>
  event('ticket.called', { ticketId: `t-${number}`, number, serviceId: 'tax-reg', windowId, windowNumber, recall, zoneId: 'f1' }, { windowId });

describe('board state', () => {
  it('starts from the snapshot; snapshot calls are marked seq 0 (never flashed or spoken)', () => {
    const s = fromSnapshot(snapshot());
    expect(s.seq).toBe(10);
    expect(s.recentCalls).toEqual([{ number: 'C001', windowNumber: 4, windowId: 'w4', at: AT, recall: false, seq: 0, ended: false }]);
    expect(s.windows[2]?.current).toEqual({ number: 'C001', status: 'serving' });
  });

  it('a call puts the number on its window, first in the recent calls, and takes one from the queue', () => {
    const s = applyEvent(fromSnapshot(snapshot()), called('A001'));
    expect(s.windows[0]?.current).toEqual({ number: 'A001', status: 'called' });
    expect(s.recentCalls[0]).toMatchObject({ number: 'A001', windowNumber: 1, recall: false, seq: s.seq });
    expect(s.queues.find((q) => q.serviceId === 'tax-reg')?.waiting).toBe(1);
  });

  it('a recall moves the call back to the top without a duplicate and leaves the queue alone', () => {
    let s = applyEvent(fromSnapshot(snapshot()), called('A001'));
    s = applyEvent(s, called('A002', 'w2', 2));
    s = applyEvent(s, called('A001', 'w1', 1, true));
    expect(s.recentCalls.map((c) => [c.number, c.recall])).toEqual([
      ['A001', true],
      ['A002', false],
      ['C001', false],
    ]);
    expect(s.queues.find((q) => q.serviceId === 'tax-reg')?.waiting).toBe(0);
  });

  it('keeps at most RECENT_CALLS calls', () => {
    let s: BoardState = fromSnapshot(snapshot());
    for (let i = 1; i <= 40; i++) s = applyEvent(s, called(`A${String(i).padStart(3, '0')}`));
    expect(s.recentCalls).toHaveLength(RECENT_CALLS);
    expect(s.recentCalls[0]?.number).toBe('A040');
  });

  it('follows the ticket at a window: started, finished, skipped, transferred', () => {
    let s = applyEvent(fromSnapshot(snapshot()), called('A001'));
    const base = { ticketId: 't-A001', number: 'A001', serviceId: 'tax-reg', windowId: 'w1', windowNumber: 1 };
    s = applyEvent(s, event('ticket.started', base, { windowId: 'w1' }));
    expect(s.windows[0]?.current?.status).toBe('serving');
    s = applyEvent(s, event('ticket.finished', base, { windowId: 'w1' }));
    expect(s.windows[0]?.current?.status).toBe('done');
    s = applyEvent(s, event('ticket.skipped', base, { windowId: 'w1' }));
    expect(s.windows[0]?.current?.status).toBe('no_show');
    s = applyEvent(s, event('ticket.transferred', { ...base, serviceId: 'invoice', fromServiceId: 'tax-reg', toServiceId: 'invoice' }, { windowId: 'w1' }));
    expect(s.windows[0]?.current?.status).toBe('transferred');
    expect(s.queues.find((q) => q.serviceId === 'invoice')?.waiting).toBe(1);
  });

  it("counts issued, restored and cancelled tickets in their service's queue, never below zero", () => {
    let s = fromSnapshot(snapshot());
    s = applyEvent(s, event('ticket.issued', { ticketId: 'x', number: 'B001', serviceId: 'invoice' }));
    s = applyEvent(s, event('ticket.restored', { ticketId: 'y', number: 'B002', serviceId: 'invoice' }));
    expect(s.queues.find((q) => q.serviceId === 'invoice')?.waiting).toBe(2);
    for (let i = 0; i < 3; i++) s = applyEvent(s, event('ticket.cancelled', { ticketId: 'x', number: 'B001', serviceId: 'invoice' }));
    expect(s.queues.find((q) => q.serviceId === 'invoice')?.waiting).toBe(0);
  });

  it('shows a pause with its reason, and keeps the employee number only while the same staff member is on duty', () => {
    let s = fromSnapshot(snapshot());
    s = applyEvent(s, event('window.status', { windowId: 'w1', windowNumber: 1, status: 'paused', reason: '午休', staffName: '王芳' }));
    expect(s.windows[0]).toMatchObject({ status: 'paused', reason: '午休', staffName: '王芳', staffEmployeeNo: '0101' });
    s = applyEvent(s, event('window.status', { windowId: 'w1', windowNumber: 1, status: 'open', staffName: '李强' }));
    expect(s.windows[0]).toMatchObject({ status: 'open', staffName: '李强' });
    expect(s.windows[0]?.reason).toBeUndefined();
    expect(s.windows[0]?.staffEmployeeNo).toBeUndefined();
  });

  it("a zone's board lists only its windows and their calls, in window order", () => {
    let s = applyEvent(fromSnapshot(snapshot()), called('A001'));
    s = applyEvent(s, called('C002', 'w4', 4));
    expect(windowsOfZone(s, 'f1').map((w) => w.id)).toEqual(['w1', 'w2']);
    expect(callsOfZone(s, 'f1').map((c) => c.number)).toEqual(['A001']);
    expect(callsOfZone(s, null).map((c) => c.number)).toEqual(['C002', 'A001', 'C001']);
  });

  it('an event it does not show only moves the seq on', () => {
    const before = fromSnapshot(snapshot());
    const after = applyEvent(before, event('device.health', { id: 'voice-f1', kind: 'voice', status: 'degraded' }));
    expect(after).toEqual({ ...before, seq: after.seq });
  });

  it('lists a recalled ticket of the snapshot once, and marks calls no longer at their window as ended', () => {
    const snap = snapshot();
    snap.recentCalls = [
      { number: 'C001', windowNumber: 4, windowId: 'w4', at: AT },
      { number: 'A009', windowNumber: 1, windowId: 'w1', at: AT },
      { number: 'C001', windowNumber: 4, windowId: 'w4', at: AT },
    ];
    const s = fromSnapshot(snap);
    expect(s.recentCalls.map((c) => [c.number, c.ended])).toEqual([
      ['C001', false],
      ['A009', true],
    ]);
    expect(bannerCall(s.recentCalls)?.number).toBe('C001');
  });

  it('a skipped or finished ticket leaves the banner to the newest call still at its window', () => {
    let s = applyEvent(fromSnapshot(snapshot()), called('A001'));
    s = applyEvent(s, called('A001', 'w1', 1, true));
    expect(bannerCall(s.recentCalls)?.number).toBe('A001');
    s = applyEvent(s, event('ticket.skipped', { ticketId: 't-A001', number: 'A001', serviceId: 'tax-reg', windowId: 'w1', windowNumber: 1 }));
    expect(bannerCall(s.recentCalls)?.number).toBe('C001');
    s = applyEvent(s, event('ticket.finished', { ticketId: 't9', number: 'C001', serviceId: 'license', windowId: 'w4', windowNumber: 4 }));
    expect(bannerCall(s.recentCalls)).toBeUndefined();
    expect(s.recentCalls.map((c) => c.number)).toEqual(['A001', 'C001']);
  });

  it('a window calling its next ticket ends its previous call', () => {
    let s = applyEvent(fromSnapshot(snapshot()), called('A001'));
    s = applyEvent(s, called('A002'));
    expect(s.recentCalls.map((c) => [c.number, c.ended])).toEqual([
      ['A002', false],
      ['A001', true],
      ['C001', false],
    ]);
  });
});
