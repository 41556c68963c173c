import type { DeviceKind, Role, WindowStatus } from '../../server/contract/dto.js';
import { api } from '../../ui-common/api.js';

/** The shapes of /api/admin/halls/:hallId as the console uses them. */
export interface ServiceRow {
  id: string;
  hallId: string;
  name: string;
  nameEn?: string;
  prefix: string;
  departmentId: string;
  avgServiceMinutes: number;
  enabled: boolean;
  materials: string;
  position: number;
}
export interface WindowRow {
  id: string;
  hallId: string;
  zoneId: string;
  number: number;
  name: string;
  serviceIds: string[];
  primaryStaffIds: string[];
  substituteStaffIds: string[];
  status: WindowStatus;
}
export interface StaffRow {
  id: string;
  hallId: string | null;
  name: string;
  employeeNo: string;
  role: Role;
  username: string;
  enabled: boolean;
  windowIds: string[];
  substituteWindowIds: string[];
  hasPhoto: boolean;
}
export interface DeviceRow {
  id: string;
  hallId: string;
  kind: DeviceKind;
  windowId: string | null;
  zoneId: string | null;
  enabled: boolean;
  lastSeenAt: string | null;
  health?: { status: string; lastError: string | null };
}
export interface HallRow {
  id: string;
  name: string;
  nameEn?: string;
  timezone: string;
  hours: unknown;
  policy: Record<string, unknown>;
  notice: string;
  address: string;
}
export interface Overview {
  hall: HallRow;
  effectivePolicy: {
    priorityBurst: number;
    ageLimitMinutes: number;
    voiceTemplate: string;
    waitAlertMinutes: [number, number, number];
    callNextFinishesCurrent: boolean;
  };
  zones: { id: string; name: string; nameEn?: string; announceFrom?: string[] }[];
  departments: { id: string; name: string; nameEn?: string }[];
  services: ServiceRow[];
  windows: WindowRow[];
  staff: StaffRow[];
  devices: DeviceRow[];
}

export type Call = <T = unknown>(method: string, path: string, body?: unknown) => Promise<T>;

export function caller(token: string): Call {
  return (method, path, body) => api(path, { token, method, ...(body !== undefined ? { body } : {}) });
}
