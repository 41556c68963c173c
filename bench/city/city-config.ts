import type { HallConfig } from '../../server/config/schema.js';

/** How big the generated city is. */
export interface CitySize {
  halls: number;
  windowsPerHall: number;
  /** tickets in the whole day, spread evenly over the halls */
  tickets: number;
}

export const CITY_PASSWORD = 'city-bench-pass-1234';

export const hallIdOf = (h: number): string => `h${String(h + 1).padStart(2, '0')}`;
export const kioskTokenOf = (h: number): string => `city-kiosk-${hallIdOf(h)}-token-0123456789`;
export const clerkOf = (h: number, w: number): string => `${hallIdOf(h)}-clerk${w + 1}`;
export const windowIdOf = (h: number, w: number): string => `${hallIdOf(h)}-w${w + 1}`;
export const serviceIdsOf = (h: number): [string, string] => [`${hallIdOf(h)}-tax`, `${hallIdOf(h)}-invoice`];

/**
 * The city's halls `halls` (indexes) in one config: each open around the clock (the bench runs at any
 * hour), two services (A, B), `windowsPerHall` windows serving both with a clerk posted at each, and
 * a kiosk. A SQLite node gets its group's halls; every PostgreSQL node gets all of them.
 */
export function cityConfig(size: CitySize, halls: readonly number[]): HallConfig {
  const allDay = [['00:00', '24:00']] as [string, string][];
  const windows = halls.flatMap((h) => Array.from({ length: size.windowsPerHall }, (_, w) => ({ h, w })));
  return {
    halls: halls.map((h) => ({
      id: hallIdOf(h),
      name: `第${h + 1}政务服务中心`,
      timezone: 'Asia/Shanghai',
      zones: [{ id: `${hallIdOf(h)}-f1`, name: '一楼' }],
      hours: { summer: { from: '05-01', sessions: allDay }, winter: { from: '10-01', sessions: allDay } },
    })),
    departments: [{ id: 'tax', name: '税务' }],
    services: halls.flatMap((h) => {
      const [tax, invoice] = serviceIdsOf(h);
      return [
        { id: tax, name: '税务登记', prefix: 'A', departmentId: 'tax', hallId: hallIdOf(h), avgServiceMinutes: 5 },
        { id: invoice, name: '发票领用', prefix: 'B', departmentId: 'tax', hallId: hallIdOf(h), avgServiceMinutes: 5 },
      ];
    }),
    windows: windows.map(({ h, w }) => ({
      id: windowIdOf(h, w),
      number: w + 1,
      name: `${w + 1}号窗口`,
      hallId: hallIdOf(h),
      zoneId: `${hallIdOf(h)}-f1`,
      serviceIds: serviceIdsOf(h),
    })),
    staff: windows.map(({ h, w }) => ({
      id: clerkOf(h, w),
      name: `窗口${w + 1}工作人员`,
      employeeNo: String(10_000 + h * 100 + w),
      role: 'staff' as const,
      hallId: hallIdOf(h),
      username: clerkOf(h, w),
      password: CITY_PASSWORD,
      windowIds: [windowIdOf(h, w)],
    })),
    devices: halls.map((h) => ({ id: `${hallIdOf(h)}-kiosk`, kind: 'kiosk' as const, hallId: hallIdOf(h), token: kioskTokenOf(h) })),
    limits: { ticketsPerKioskPerMinute: 10_000 },
  };
}
