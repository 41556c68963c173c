import type pg from 'pg';

/**
 * A hall with one zone, two services (A, B) and `windows` open windows serving both, written
 * straight into a migrated PostgreSQL database (the admin use-cases do not run on it yet).
 */
export async function seedPgHall(pool: pg.Pool, hallId = 'h1', windows = 2): Promise<{ windowIds: string[] }> {
  const p = hallId === 'h1' ? '' : `${hallId}-`;
  await pool.query(`INSERT INTO halls (id, name, timezone, hours_json) VALUES ($1, '测试大厅', 'Asia/Shanghai', '{}')`, [hallId]);
  await pool.query(`INSERT INTO zones (id, hall_id, name) VALUES ($1, $2, '一楼')`, [`${p}z1`, hallId]);
  await pool.query(`INSERT INTO departments (id, name) VALUES ('d1', '市场监管') ON CONFLICT DO NOTHING`);
  for (const [s, prefix] of [
    ['s1', 'A'],
    ['s2', 'B'],
  ] as const) {
    await pool.query(`INSERT INTO services (id, hall_id, department_id, name, prefix, avg_service_minutes) VALUES ($1, $2, 'd1', $3, $4, 5)`, [
      `${p}${s}`,
      hallId,
      `事项${prefix}`,
      prefix,
    ]);
  }
  const windowIds: string[] = [];
  for (let n = 1; n <= windows; n++) {
    const id = `${p}w${n}`;
    windowIds.push(id);
    await pool.query(`INSERT INTO windows (id, hall_id, zone_id, number, name, status) VALUES ($1, $2, $3, $4, $5, 'open')`, [
      id,
      hallId,
      `${p}z1`,
      n,
      `${n}号窗口`,
    ]);
    await pool.query(`INSERT INTO window_services (window_id, service_id, position) VALUES ($1, $2, 0), ($1, $3, 1)`, [id, `${p}s1`, `${p}s2`]);
  }
  return { windowIds };
}
