import { describe, expect, it } from 'vitest';
import type { HallEvent } from '../../../server/contract/events.js';
import { roomOf, roomsFor, visibleTo, type HallLayout } from '../../../server/realtime/rooms.js';

const LAYOUT: HallLayout = {
  zoneIds: ['f1', 'f2'],
  windowIds: ['w1', 'w2', 'w4'],
  zoneOfWindow: new Map([
    ['w1', 'f1'],
    ['w2', 'f1'],
    ['w4', 'f2'],
  ]),
};

const event = (over: Partial<HallEvent>): HallEvent =>
  ({
    seq: 1,
    type: 'ticket.issued',
    at: '2026-11-23T02:00:00.000Z',
    hallId: 'main',
    data: { ticketId: 't', number: 'A001', serviceId: 's' },
    ...over,
  }) as HallEvent;

describe('roomOf', () => {
  it('joins the narrowest room asked for', () => {
    expect(roomOf({ hallId: 'main' })).toBe('hall:main');
    expect(roomOf({ hallId: 'main', zoneId: 'f1' })).toBe('zone:f1');
    expect(roomOf({ hallId: 'main', zoneId: 'f1', windowId: 'w1' })).toBe('window:w1');
  });
});

describe('roomsFor / visibleTo', () => {
  it("sends a window's status to the hall, that window and its zone only", () => {
    const e = event({ type: 'window.status', windowId: 'w1' } as Partial<HallEvent>);
    expect(roomsFor(e, LAYOUT).sort()).toEqual(['hall:main', 'window:w1', 'zone:f1']);
    expect(visibleTo(e, { hallId: 'main', windowId: 'w2' }, LAYOUT)).toBe(false);
    expect(visibleTo(e, { hallId: 'main', zoneId: 'f2' }, LAYOUT)).toBe(false);
    expect(visibleTo(e, { hallId: 'main', zoneId: 'f1' }, LAYOUT)).toBe(true);
  });

  it('sends a call at any window to every room: it shortens a queue every board shows', () => {
    const e = event({ type: 'ticket.called', windowId: 'w4', zoneId: 'f2' } as Partial<HallEvent>);
    expect(roomsFor(e, LAYOUT).sort()).toEqual(['hall:main', 'window:w1', 'window:w2', 'window:w4', 'zone:f1', 'zone:f2']);
    expect(visibleTo(e, { hallId: 'main', zoneId: 'f1' }, LAYOUT)).toBe(true);
    expect(visibleTo(e, { hallId: 'main', windowId: 'w1' }, LAYOUT)).toBe(true);
  });

  it("uses the event's own zone when it carries one", () => {
    const e = event({ type: 'window.status', windowId: 'w9', zoneId: 'f2' } as Partial<HallEvent>);
    expect(roomsFor(e, LAYOUT).sort()).toEqual(['hall:main', 'window:w9', 'zone:f2']);
  });

  it('sends a zone event to the hall and that zone', () => {
    expect(roomsFor(event({ type: 'device.health', zoneId: 'f2' } as Partial<HallEvent>), LAYOUT).sort()).toEqual(['hall:main', 'zone:f2']);
  });

  it('sends an event tied to no window or zone (a ticket issued) to every room of the hall', () => {
    const e = event({});
    expect(roomsFor(e, LAYOUT).sort()).toEqual(['hall:main', 'window:w1', 'window:w2', 'window:w4', 'zone:f1', 'zone:f2']);
    for (const sub of [{ hallId: 'main' }, { hallId: 'main', zoneId: 'f2' }, { hallId: 'main', windowId: 'w4' }]) {
      expect(visibleTo(e, sub, LAYOUT)).toBe(true);
    }
  });
});
