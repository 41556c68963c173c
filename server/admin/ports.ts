/**
 * The storage ports of the administration, as the SQLite repositories (db/repositories/admin-*)
 * speak them today: synchronous. The PostgreSQL repositories (server/store/postgres/admin-*)
 * satisfy `AsyncPort<…>` of the same interfaces (checked in pg-store.ts).
 */
import type { AuditRow, DeviceRecord, StaffRecord } from '../../db/repositories/admin-people-repository.js';
import type { HallRecord } from '../../db/repositories/admin-hall-repository.js';
import type { WindowRecord } from '../../db/repositories/admin-service-repository.js';
import type { Service } from '../domain/model.js';

/** halls, zones and departments */
export interface AdminHallPort {
  halls(): HallRecord[];
  hall(id: string): HallRecord | undefined;
  saveHall(h: HallRecord): void;
  /** true when nothing (services, windows, devices, staff, tickets) belongs to the hall */
  hallIsEmpty(id: string): boolean;
  deleteHall(id: string): void;
  saveZone(z: { id: string; hallId: string; name: string; nameEn?: string; announceFrom?: readonly string[] }): void;
  windowsInZone(id: string): number;
  deleteZone(id: string): void;
  saveDepartment(d: { id: string; name: string; nameEn?: string }): void;
  servicesOfDepartment(id: string): number;
  deleteDepartment(id: string): void;
}

/** services, windows, what each window serves and who sits at it */
export interface AdminServicePort {
  saveService(s: Service): void;
  nextPosition(hallId: string): number;
  /** tickets that ever belonged to the service (they keep it in reports, so it cannot go) */
  ticketsOfService(id: string): number;
  /** the service and every window's link to it, together */
  deleteService(id: string): void;
  /** the window and the services it serves (in this order), together */
  saveWindow(w: WindowRecord, serviceIds: readonly string[]): void;
  windowStaff(windowId: string): { staffId: string; post: 'A' | 'B' }[];
  setWindowStaff(windowId: string, staff: readonly { staffId: string; post: 'A' | 'B' }[]): void;
  deleteWindow(id: string): void;
}

/** staff, their windows and photos, devices, and the audit trail's reads */
export interface AdminPeoplePort {
  /** a null passwordHash keeps the person's own (a new person gets an unusable one) */
  saveStaff(s: StaffRecord, passwordHash: string | null): void;
  setStaffWindows(staffId: string, windows: readonly { windowId: string; post: 'A' | 'B' }[]): void;
  setPassword(staffId: string, passwordHash: string): void;
  /** logs the person out everywhere (disabled, password reset, removed) */
  endSessions(staffId: string): void;
  /** the person with their sessions, windows and photo, together */
  deleteStaff(id: string): void;
  photo(staffId: string): string | undefined;
  setPhoto(staffId: string, dataUrl: string | null, at: string): void;
  devices(): (DeviceRecord & { lastSeenAt: string | null })[];
  /** a new device needs a token hash; an existing one keeps its own when tokenHash is null */
  saveDevice(d: DeviceRecord, tokenHash: string | null): void;
  setDeviceToken(id: string, tokenHash: string): void;
  setDeviceEnabled(id: string, enabled: boolean): void;
  deleteDevice(id: string): void;
  /** newest first; hallId lists every entry that touched the hall */
  audit(filter: { hallId?: string | undefined; entity?: string | undefined; limit: number }): AuditRow[];
}
