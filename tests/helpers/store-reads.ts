import type { AuditRow } from '../../db/repositories/admin-people-repository.js';
import type { HallServer } from '../../server/server.js';
import type { TestApp } from './test-app.js';

/**
 * What a test checks in the store, read through the server's own ports, so that the test runs
 * the same on SQLite and on PostgreSQL (no SQL in tests).
 */

/** the audit entries of one action, newest first */
export async function auditOf(app: TestApp<HallServer>, action: string, entityId?: string): Promise<AuditRow[]> {
  const rows = await app.server.stores.adminPeople.audit({ limit: 10_000 });
  return rows.filter((r) => r.action === action && (entityId === undefined || r.entityId === entityId)).sort((a, b) => b.id - a.id);
}

/** the hall's appointments, every day (oldest slot first) */
export async function appointmentsOf(app: TestApp<HallServer>, hallId = 'main') {
  return await app.server.stores.appointments.inRange(hallId, '0000', '9999');
}
