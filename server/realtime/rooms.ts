import type { HallEvent, SubscribeRequest } from '../contract/events.js';

/**
 * Rooms: `hall:<id>`, `zone:<id>`, `window:<id>`. A subscriber joins the narrowest room it
 * asked for. An event tied to a window reaches that window's room, its zone's room and the
 * hall room; an event tied to no window or zone (a ticket issued, a device's health) reaches
 * every room of the hall, since queue counts matter on every board.
 */
export function roomOf(sub: Pick<SubscribeRequest, 'hallId' | 'zoneId' | 'windowId'>): string {
  if (sub.windowId) return `window:${sub.windowId}`;
  if (sub.zoneId) return `zone:${sub.zoneId}`;
  return `hall:${sub.hallId}`;
}

export interface HallLayout {
  zoneIds: string[];
  windowIds: string[];
  zoneOfWindow: Map<string, string>;
}

export function roomsFor(event: HallEvent, layout: HallLayout): string[] {
  const rooms = [`hall:${event.hallId}`];
  if (event.windowId) {
    rooms.push(`window:${event.windowId}`);
    const zone = event.zoneId ?? layout.zoneOfWindow.get(event.windowId);
    if (zone) rooms.push(`zone:${zone}`);
    return rooms;
  }
  if (event.zoneId) {
    rooms.push(`zone:${event.zoneId}`);
    return rooms;
  }
  return [...rooms, ...layout.zoneIds.map((z) => `zone:${z}`), ...layout.windowIds.map((w) => `window:${w}`)];
}

/** The same rule as a filter, for replaying the log to one subscriber. */
export function visibleTo(event: HallEvent, sub: SubscribeRequest, layout: HallLayout): boolean {
  return roomsFor(event, layout).includes(roomOf(sub));
}
