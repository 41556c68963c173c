import type { Ticket } from '../../../server/domain/model.js';
import type { ContractStore } from './stores.js';
import { NOT_YET_CALLED } from '../../helpers/ticket-fixture.js';

/** the suite's business day and its clock: fixed instants, so it passes whatever day and hour it runs */
export const DAY = '2026-03-02';
export const NEXT_DAY = '2026-03-03';
const T0 = Date.parse('2026-03-02T01:00:00.000Z'); // 09:00 in Shanghai
/** the instant `minutes` after the day's opening */
export const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

/**
 * Two halls: h1 with two zones, three services (C disabled) and three windows; h2 with one of
 * each. Two people (a clerk of h1 at two windows, a city admin) and a kiosk.
 */
export async function seedHalls(s: ContractStore): Promise<void> {
  const hours = JSON.stringify({ weekdays: [{ from: '09:00', to: '17:00' }] });
  await s.exec(
    `INSERT INTO halls (id, name, name_en, address, timezone, hours_json, policy_json, notice) VALUES
    ('h1', '市民中心', 'Civic Centre', '人民路1号', 'Asia/Shanghai', ?, '{"priorityBurst":3}', '带好身份证'),
    ('h2', '东区分厅', '', '', 'Asia/Shanghai', ?, '{}', '')`,
    [hours, hours],
  );
  await s.exec(`INSERT INTO zones (id, hall_id, name, name_en, announce_from) VALUES
    ('z1', 'h1', '一楼', 'Floor 1', '[]'), ('z2', 'h1', '二楼', '', '["z1"]'), ('z9', 'h2', '大厅', '', '[]')`);
  await s.exec(`INSERT INTO departments (id, name, name_en) VALUES ('d2', '税务', 'Tax'), ('d1', '市场监管', '')`);
  await s.exec(`INSERT INTO services (id, hall_id, department_id, name, name_en, prefix, avg_service_minutes, enabled, position, materials) VALUES
    ('s1', 'h1', 'd1', '营业执照', 'Business licence', 'A', 6, TRUE, 0, '身份证'),
    ('s3', 'h1', 'd2', '发票', '', 'C', 4.5, FALSE, 1, ''),
    ('s2', 'h1', 'd2', '税务登记', '', 'B', 10, TRUE, 1, ''),
    ('t1', 'h2', 'd1', '营业执照', '', 'A', 6, TRUE, 0, '')`);
  await s.exec(`INSERT INTO windows (id, hall_id, zone_id, number, name, status) VALUES
    ('w2', 'h1', 'z1', 2, '2号窗口', 'open'), ('w1', 'h1', 'z1', 1, '1号窗口', 'open'), ('w3', 'h1', 'z2', 3, '3号窗口', 'closed'),
    ('v1', 'h2', 'z9', 1, '1号窗口', 'open')`);
  await s.exec(`INSERT INTO window_services (window_id, service_id, position) VALUES
    ('w1', 's1', 0), ('w1', 's2', 1), ('w2', 's2', 0), ('w2', 's1', 1), ('w3', 's3', 0), ('v1', 't1', 0)`);
  await s.exec(`INSERT INTO staff (id, hall_id, name, employee_no, role, username, password_hash, enabled) VALUES
    ('u1', 'h1', '王芳', '0012', 'staff', 'wangfang', 'hash-1', TRUE), ('u0', NULL, '管理员', '', 'admin', 'admin', 'hash-0', FALSE)`);
  await s.exec(`INSERT INTO staff_windows (staff_id, window_id, post) VALUES ('u1', 'w2', 'B'), ('u1', 'w1', 'A')`);
  await s.exec(`INSERT INTO devices (id, hall_id, kind, token_hash, window_id, zone_id, enabled) VALUES
    ('k1', 'h1', 'kiosk', 'tok-k1', NULL, 'z1', TRUE), ('e1', 'h1', 'evaluator', 'tok-e1', 'w1', NULL, FALSE)`);
}

const PREFIX: Record<string, string> = { s1: 'A', s2: 'B', s3: 'C', t1: 'A' };

/** a ticket of h1 (unless told), waiting, issued `minute` after opening */
export function ticket(id: string, serviceId: string, seqNo: number, minute: number, over: Partial<Ticket> = {}): Ticket {
  return {
    id,
    hallId: serviceId === 't1' ? 'h2' : 'h1',
    serviceId,
    businessDay: DAY,
    seqNo,
    number: `${PREFIX[serviceId]}${String(seqNo).padStart(3, '0')}`,
    priority: 'normal',
    status: 'waiting',
    issuedAt: at(minute),
    ...NOT_YET_CALLED,
    statusToken: `tok-${id}`,
    kioskId: null,
    ...over,
  };
}

export async function insertTickets(s: ContractStore, tickets: readonly Ticket[]): Promise<void> {
  for (const t of tickets) await s.write(t.hallId, (tx) => tx.tickets.insert(t));
}
