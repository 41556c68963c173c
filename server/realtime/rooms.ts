import type { HallEvent, SubscribeRequest } from '../contract/events.js';

/**
 * Rooms: `hall:<id>`, `zone:<id>`, `window:<id>`. A subscriber joins the narrowest room it
 * asked for. Ticket events reach every room of the hall, wherever they happen: each one moves a
 * queue count that every board and console shows (a call at a second-floor window shortens a
 * queue the first-floor board lists); boards pick their own zone's calls to display. Other
 * events tied to a window (its status, an evaluation) reach that window's room, its zone's room
 * and the hall room; an event tied to no window or zone (a device's health) reaches every room.
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
  const everyRoom = () => [...rooms, ...layout.zoneIds.map((z) => `zone:${z}`), ...layout.windowIds.map((w) => `window:${w}`)];
  if (event.type.startsWith('ticket.')) return everyRoom();
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
  return everyRoom();
}

/** The same rule as a filter, for replaying the log to one subscriber. */
export function visibleTo(event: HallEvent, sub: SubscribeRequest, layout: HallLayout): boolean {
  return roomsFor(event, layout).includes(roomOf(sub));
}
