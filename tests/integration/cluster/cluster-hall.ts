import type { HallConfig } from '../../../server/config/schema.js';

export const CLUSTER_PASSWORD = 'cluster-pass-1234';
export const CLUSTER_DISPLAY_TOKEN = 'cluster-display-token-0123456789';
export const clusterKioskToken = (i: number): string => `cluster-kiosk-${i}-token-0123456789`;
export const CLUSTER_KIOSKS = 4;
export const CLUSTER_MANAGER = 'director';
export const CLUSTER_SERVICES = ['tax', 'invoice'] as const;
/** a service no window serves: a ticket of it waits until the test ends (the alert check then always finds someone waiting) */
export const UNSERVED_SERVICE = 'license';

/**
 * One hall open around the clock (the nodes run on the real clock), two services (A, B) and
 * one no window serves (C),
 * `windows` windows serving both, a clerk posted at each (`clerk1`…), the hall's manager, kiosks with no rate limit
 * to speak of, and a board. Same file for every node.
 */
export function clusterHallConfig(windows: number): HallConfig {
  const allDay = [['00:00', '24:00']] as [string, string][];
  const ids = Array.from({ length: windows }, (_, i) => `w${i + 1}`);
  return {
    halls: [
      {
        id: 'main',
        name: '市政务服务中心',
        timezone: 'Asia/Shanghai',
        zones: [{ id: 'f1', name: '一楼' }],
        hours: { summer: { from: '05-01', sessions: allDay }, winter: { from: '10-01', sessions: allDay } },
      },
    ],
    departments: [{ id: 'tax', name: '税务' }],
    services: [
      { id: 'tax', name: '税务登记', prefix: 'A', departmentId: 'tax', hallId: 'main', avgServiceMinutes: 5 },
      { id: 'invoice', name: '发票领用', prefix: 'B', departmentId: 'tax', hallId: 'main', avgServiceMinutes: 5 },
      { id: UNSERVED_SERVICE, name: '证照办理', prefix: 'C', departmentId: 'tax', hallId: 'main', avgServiceMinutes: 5 },
    ],
    windows: ids.map((id, i) => ({ id, number: i + 1, name: `${i + 1}号窗口`, hallId: 'main', zoneId: 'f1', serviceIds: [...CLUSTER_SERVICES] })),
    staff: [
      ...ids.map((id, i) => ({
        id: `clerk${i + 1}`,
        name: `窗口${i + 1}工作人员`,
        employeeNo: String(1001 + i),
        role: 'staff' as const,
        hallId: 'main',
        username: `clerk${i + 1}`,
        password: CLUSTER_PASSWORD,
        windowIds: [id],
      })),
      { id: 'director', name: '中心主任', employeeNo: '9001', role: 'manager' as const, hallId: 'main', username: CLUSTER_MANAGER, password: CLUSTER_PASSWORD },
    ],
    devices: [
      ...Array.from({ length: CLUSTER_KIOSKS }, (_, i) => ({ id: `kiosk-${i}`, kind: 'kiosk' as const, hallId: 'main', token: clusterKioskToken(i) })),
      { id: 'board', kind: 'display' as const, hallId: 'main', token: CLUSTER_DISPLAY_TOKEN },
    ],
    limits: { ticketsPerKioskPerMinute: 10_000 },
  };
}
