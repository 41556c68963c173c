import type { TicketDto, WindowDto } from '../server/contract/dto.js';
import { api } from '../ui-common/api.js';

/** What the window console reads and does, over the HTTP API (docs/en/api.md). */
export interface QueueEntry {
  id: string;
  number: string;
  serviceId: string;
  issuedAt: string;
  waitedMinutes: number;
  queueClass: string;
}

export interface TodayCounts {
  served: number;
  noShow: number;
  serving: number;
}

export interface HallFacts {
  id: string;
  name: string;
  timezone: string;
  services: { id: string; name: string; prefix: string; enabled: boolean }[];
  windows: { id: string; number: number; name: string; zoneId: string; serviceIds: string[] }[];
}

export type WindowAction = 'call-next' | 'recall' | 'start' | 'finish' | 'skip' | 'transfer' | 'pause' | 'resume' | 'open' | 'close';

export const getWindow = (token: string, id: string) => api<WindowDto>(`/api/windows/${encodeURIComponent(id)}`, { token });
export const getQueue = (token: string, id: string) => api<QueueEntry[]>(`/api/windows/${encodeURIComponent(id)}/queue`, { token });
export const getToday = (token: string, id: string) => api<TodayCounts>(`/api/windows/${encodeURIComponent(id)}/today`, { token });
export const getTicket = (token: string, id: string) => api<TicketDto>(`/api/tickets/${encodeURIComponent(id)}`, { token });
export const getHall = (token: string, id: string) => api<HallFacts>(`/api/halls/${encodeURIComponent(id)}`, { token });

/** Runs one window action; ticket actions answer {ticket}, status actions {window}. */
export function windowAction(token: string, windowId: string, action: WindowAction, body?: object) {
  return api<{ ticket?: TicketDto; window?: WindowDto }>(`/api/windows/${encodeURIComponent(windowId)}/${action}`, {
    token,
    method: 'POST',
    ...(body ? { body } : {}),
  });
}

export function restoreTicket(token: string, ticketId: string, reason?: string) {
  return api<{ ticket: TicketDto }>(`/api/tickets/${encodeURIComponent(ticketId)}/restore`, { token, body: reason ? { reason } : {} });
}

/** Prints a ticket again on the printer of the kiosk it was taken at (marked 补打). */
export function reprintTicket(token: string, ticketId: string) {
  return api<{ ticketId: string; number: string; printerId: string; printed: true }>(`/api/tickets/${encodeURIComponent(ticketId)}/reprint`, {
    token,
    body: {},
  });
}
