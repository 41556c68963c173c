import { performance } from 'node:perf_hooks';
import type { HallConfig } from '../server/config/schema.js';
import { startServedServer } from './lib/served-server.js';
import { printTable, printTargets, progress } from './lib/table.js';
import { summarize } from './lib/stats.js';
import { atMost } from './lib/targets.js';
import type { BenchSuite } from './suites.js';

const PASSWORD = 'bench-admin-1';
const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const prefix = (i: number) => (i < 26 ? letters[i]! : letters[Math.floor(i / 26) - 1]! + letters[i % 26]!);

/** A large city hall: 3 floors, 66 departments, ~320 services; 120 windows, 300 staff, 150 devices. */
function cityHallConfig(): HallConfig {
  const hours = {
    summer: { from: '05-01', sessions: [['00:00', '24:00']] as [string, string][] },
    winter: { from: '10-01', sessions: [['00:00', '24:00']] as [string, string][] },
  };
  const zones = ['f1', 'f2', 'f3'].map((id, i) => ({ id, name: `${i + 1}楼` }));
  const departments = Array.from({ length: 66 }, (_, i) => ({ id: `d${i}`, name: `部门${i}` }));
  const services = Array.from({ length: 320 }, (_, i) => ({
    id: `s${i}`,
    name: `事项${i}`,
    prefix: prefix(i),
    departmentId: `d${i % 66}`,
    hallId: 'main',
    avgServiceMinutes: 5 + (i % 20),
    materials: '身份证原件；申请表一份',
  }));
  const windows = Array.from({ length: 120 }, (_, i) => ({
    id: `w${i}`,
    number: i + 1,
    name: `${i + 1}号窗口`,
    hallId: 'main',
    zoneId: zones[i % 3]!.id,
    serviceIds: [0, 1, 2, 3, 4].map((k) => `s${(i * 3 + k) % 320}`),
  }));
  const staff: HallConfig['staff'] = Array.from({ length: 300 }, (_, i) => ({
    id: `p${i}`,
    name: `员工${i}`,
    employeeNo: String(1000 + i),
    role: 'staff' as const,
    username: `user${i}`,
    password: PASSWORD,
    windowIds: [`w${i % 120}`],
    substituteWindowIds: [`w${(i + 1) % 120}`],
  }));
  staff.push({ id: 'admin', name: '管理员', employeeNo: '9999', role: 'admin', username: 'admin', password: PASSWORD });
  const devices = Array.from({ length: 150 }, (_, i) => ({
    id: `dev${i}`,
    kind: (i % 3 === 0 ? 'kiosk' : 'display') as 'kiosk' | 'display',
    hallId: 'main',
    token: `bench-device-token-${String(i).padStart(4, '0')}-0123`,
  }));
  return { halls: [{ id: 'main', name: '市政务服务中心', timezone: 'Asia/Shanghai', zones, hours }], departments, services, windows, staff, devices };
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const result = await fn();
  return [result, performance.now() - t0];
}

/** Import/export of a city-scale configuration and the latency of one console edit, on a real server. */
export const adminConfigSuite: BenchSuite = {
  name: 'admin-config',
  async run() {
    progress('admin-config: seeding a city hall (300 staff passwords to hash)');
    const server = await startServedServer({ config: cityHallConfig(), startTimeoutMs: 300_000 });
    try {
      const http = async (method: string, path: string, token?: string, body?: unknown) => {
        const res = await fetch(server.url + path, {
          method,
          headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
          ...(body ? { body: JSON.stringify(body) } : {}),
        });
        const text = await res.text();
        if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 200)}`);
        return JSON.parse(text) as any;
      };
      const { token } = await http('POST', '/api/auth/login', undefined, { username: 'admin', password: PASSWORD });
      const [file, exportMs] = await timed(() => http('GET', '/api/admin/config/export', token));
      const [, previewMs] = await timed(() => http('POST', '/api/admin/config/import', token, file));
      file.services[7].name = '改名事项';
      file.windows[3].serviceIds.reverse();
      const [applied, applyMs] = await timed(() => http('POST', '/api/admin/config/import?apply=true', token, file));
      const edits: number[] = [];
      for (let i = 0; i < 100; i += 1)
        edits.push((await timed(() => http('PATCH', `/api/admin/services/s${i}`, token, { avgServiceMinutes: 6 + (i % 5) })))[1]);
      const overview = (await timed(() => http('GET', '/api/admin/halls/main', token)))[1];
      const edit = summarize(edits);
      const figures = {
        services: file.services.length,
        windows: file.windows.length,
        staff: file.staff.length,
        devices: file.devices.length,
        exportKb: Math.round(JSON.stringify(file).length / 1024),
        exportMs: Math.round(exportMs),
        previewMs: Math.round(previewMs),
        applyMs: Math.round(applyMs),
        appliedChanges: applied.changes.length,
        hallOverviewMs: Math.round(overview),
        serviceEditMs: edit,
      };
      printTable(
        'admin-config: city-scale configuration (320 services, 120 windows, 301 staff, 150 devices)',
        ['figure', 'value'],
        [
          ['export (ms)', figures.exportMs],
          ['export size (KB)', figures.exportKb],
          ['import preview, no change (ms)', figures.previewMs],
          ['import apply, 2 changes (ms)', figures.applyMs],
          ['hall overview GET (ms)', figures.hallOverviewMs],
          ['service edit p50 / p99 (ms, n=100)', `${edit.p50} / ${edit.p99}`],
        ],
      );
      const targets = [
        atMost('export of a city hall ≤ 1000 ms', figures.exportMs, 1000),
        atMost('import apply of a city hall ≤ 3000 ms', figures.applyMs, 3000),
        atMost('one console edit p99 ≤ 100 ms', edit.p99, 100),
      ];
      printTargets(targets);
      return { ...figures, targets };
    } finally {
      await server.stop();
    }
  },
};
