import type { HallConfig } from '../../server/config/schema.js';

/** Who and what the day's actors play with: the hall, its windows' staff, its kiosks and boards. */
export interface DayHall {
  config: HallConfig;
  hallId: string;
  zoneIds: string[];
  windows: { id: string; number: number; username: string; password: string }[];
  manager: { username: string; password: string };
  kioskTokens: string[];
  displayToken: string;
}

export const DAY_PASSWORD = 'rehearsal-day-1234';
export const DAY_DISPLAY_TOKEN = 'day-display-token-0123456789abcdef';
export const dayKioskToken = (i: number): string => `day-kiosk-${i}-token-0123456789abcdef`;
export const DAY_KIOSKS = 4;
/** the LED strip of window n sits at bus address n; the zone boards after them */
export const boardAddress = (zoneIndex: number, windows: number): number => windows + 1 + zoneIndex;

const DEPARTMENTS = [
  ['tax', '税务'],
  ['market', '市场监管'],
  ['social', '人力社保'],
  ['realty', '不动产登记'],
  ['police', '公安户政'],
  ['medical', '医疗保障'],
] as const;
const SERVICE_NAMES = [
  '税务登记',
  '发票领用',
  '营业执照办理',
  '食品经营许可',
  '社保参保登记',
  '养老金业务',
  '不动产登记',
  '抵押登记',
  '户籍业务',
  '身份证办理',
  '医保参保',
  '异地就医备案',
  '出入境证件',
  '公积金提取',
  '车驾管业务',
  '残疾人证办理',
];

/**
 * A busy hall for the day: `windows` windows over two floors, the first few 综合窗口 serving
 * several services, `services` services in six departments, one staff member per window, a
 * manager, kiosks, a display token, and an RS-485 bus (on `busPort`) with an LED strip at every
 * window and a hall board per floor. Open 08:00–18:30 every day, so any date rehearses.
 */
export function dayHallConfig(opts: { windows: number; services: number; busPort?: string; webhookUrl?: string }): HallConfig {
  const services = Array.from({ length: opts.services }, (_, i) => ({
    id: `s${i + 1}`,
    name: SERVICE_NAMES[i % SERVICE_NAMES.length]!,
    prefix: String.fromCharCode(65 + i),
    departmentId: DEPARTMENTS[Math.floor((i * DEPARTMENTS.length) / opts.services)]![0],
    hallId: 'main',
    avgServiceMinutes: 6,
  }));
  const generalists = Math.max(1, Math.round(opts.windows / 5));
  const windows = Array.from({ length: opts.windows }, (_, i) => {
    const n = i + 1;
    // 综合窗口 serve four services; the others one service each, with a second as back-up
    const own = services[i % services.length]!.id;
    const serviceIds =
      i < generalists
        ? Array.from({ length: Math.min(4, services.length) }, (_, k) => services[(i * 3 + k) % services.length]!.id)
        : [...new Set([own, services[(i + 1) % services.length]!.id])];
    return {
      id: `w${n}`,
      number: n,
      name: `${n}号窗口${i < generalists ? ' 综合受理' : ''}`,
      hallId: 'main',
      zoneId: n <= opts.windows / 2 ? 'f1' : 'f2',
      serviceIds,
    };
  });
  const staff = windows.map((w) => ({
    id: `clerk${w.number}`,
    name: `窗口${w.number}工作人员`,
    employeeNo: String(1000 + w.number),
    role: 'staff' as const,
    hallId: 'main',
    username: `clerk${w.number}`,
    password: DAY_PASSWORD,
    windowIds: [w.id],
  }));
  return {
    halls: [
      {
        id: 'main',
        name: '彩排政务服务中心',
        timezone: 'Asia/Shanghai',
        zones: [
          { id: 'f1', name: '一楼' },
          { id: 'f2', name: '二楼' },
        ],
        hours: { summer: { from: '05-01', sessions: [['08:00', '18:30']] }, winter: { from: '10-01', sessions: [['08:00', '18:30']] } },
      },
    ],
    departments: DEPARTMENTS.map(([id, name]) => ({ id, name })),
    services,
    windows,
    staff: [...staff, { id: 'manager', name: '大厅主任', employeeNo: '9001', role: 'manager', hallId: 'main', username: 'manager', password: DAY_PASSWORD }],
    devices: [
      ...Array.from({ length: DAY_KIOSKS }, (_, i) => ({ id: `kiosk-${i}`, kind: 'kiosk' as const, hallId: 'main', token: dayKioskToken(i) })),
      { id: 'board', kind: 'display', hallId: 'main', token: DAY_DISPLAY_TOKEN },
    ],
    ...(opts.busPort
      ? {
          buses: [{ id: 'bus1', port: opts.busPort, baudRate: 115200 }],
          hardware: [
            ...windows.map((w) => ({ id: `led-${w.id}`, kind: 'led' as const, busId: 'bus1', address: w.number, windowId: w.id })),
            ...['f1', 'f2'].map((zoneId, z) => ({
              id: `led-${zoneId}`,
              kind: 'led' as const,
              busId: 'bus1',
              address: boardAddress(z, windows.length),
              zoneId,
              lines: 4,
            })),
            { id: 'prn-kiosk-0', kind: 'printer' as const, interface: 'simulated', kioskId: 'kiosk-0' },
            { id: 'voice-f1', kind: 'voice' as const, zoneId: 'f1', engine: 'simulated' },
            { id: 'voice-f2', kind: 'voice' as const, zoneId: 'f2', engine: 'simulated' },
          ],
        }
      : {}),
    limits: { ticketsPerKioskPerMinute: 10_000 },
  } as HallConfig;
}

/** The generated day's hall, with its credentials. */
export function generatedDayHall(config: HallConfig): DayHall {
  return {
    config,
    hallId: 'main',
    zoneIds: ['f1', 'f2'],
    windows: config.windows.map((w) => ({ id: w.id, number: w.number, username: `clerk${w.number}`, password: DAY_PASSWORD })),
    manager: { username: 'manager', password: DAY_PASSWORD },
    kioskTokens: Array.from({ length: DAY_KIOSKS }, (_, i) => dayKioskToken(i)),
    displayToken: DAY_DISPLAY_TOKEN,
  };
}

/**
 * A hall's own config, to rehearse its day before opening: its first hall (or `hallId`), each
 * window played by a staff member posted there (A岗 first), its manager, kiosks and a display.
 * Its buses and hardware are left out: a rehearsal does not drive the hall's real devices.
 */
export function dayHallFromConfig(full: HallConfig, hallId = full.halls[0]?.id): DayHall {
  const hall = full.halls.find((h) => h.id === hallId);
  if (!hall) throw new Error(`the config has no hall ${hallId}`);
  const { buses: _buses, hardware: _hardware, ...rest } = full;
  const config = { ...rest, limits: { ...full.limits, ticketsPerKioskPerMinute: 10_000 } } as HallConfig;
  const withPassword = full.staff.filter((s) => s.hallId === hall.id && typeof (s as { password?: unknown }).password === 'string');
  const windows = full.windows
    .filter((w) => w.hallId === hall.id)
    .map((w) => {
      const clerk =
        withPassword.find((s) => s.windowIds?.includes(w.id)) ??
        withPassword.find((s) => (s as { substituteWindowIds?: string[] }).substituteWindowIds?.includes(w.id));
      if (!clerk) throw new Error(`window ${w.id}: no staff member with a password is posted there`);
      return { id: w.id, number: w.number, username: clerk.username, password: (clerk as { password: string }).password };
    });
  const manager = withPassword.find((s) => s.role === 'manager');
  const devices = (full.devices ?? []).filter((d) => d.hallId === hall.id);
  const kioskTokens = devices.filter((d) => d.kind === 'kiosk').map((d) => d.token);
  const display = devices.find((d) => d.kind === 'display');
  if (!manager) throw new Error(`hall ${hall.id}: no manager with a password`);
  if (kioskTokens.length === 0 || !display) throw new Error(`hall ${hall.id}: a rehearsal needs a kiosk and a display device`);
  return {
    config,
    hallId: hall.id,
    zoneIds: hall.zones.map((z) => z.id),
    windows,
    manager: { username: manager.username, password: (manager as { password: string }).password },
    kioskTokens,
    displayToken: display.token,
  };
}
