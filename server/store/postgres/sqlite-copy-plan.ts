/**
 * What `hall-queue migrate --from-sqlite` copies of one hall, parents before children. `rows`
 * selects the hall's rows in the SQLite file (`?` is the hall id); `shared` tables may already
 * hold the row in the city database (another hall brought it), which is then kept; `newKeys`
 * tables take fresh identity keys there (the city's ids are not the PC's), inserted in the PC's
 * order so "newest first" reads stay right.
 *
 * Not copied: queue_counts, window_day_counts and cache_versions (the triggers rebuild or bump them),
 * sessions (staff sign in again), health_probe, events already moved to the event archive
 * file (reports read the copied aggregates), and audit_log_halls: audit entries take new keys,
 * so a copied entry is listed under the hall it was recorded for (audit_log.hall_id) only.
 */
export interface CopyStep {
  table: string;
  rows: string;
  shared?: boolean;
  newKeys?: boolean;
}

const ofHall = 'hall_id = ?';
const hallServices = 'service_id IN (SELECT id FROM services WHERE hall_id = ?)';

export const COPY_PLAN: readonly CopyStep[] = [
  { table: 'halls', rows: 'id = ?' },
  { table: 'departments', rows: 'id IN (SELECT department_id FROM services WHERE hall_id = ?)', shared: true },
  { table: 'zones', rows: ofHall },
  { table: 'services', rows: ofHall },
  { table: 'windows', rows: ofHall },
  { table: 'window_services', rows: 'window_id IN (SELECT id FROM windows WHERE hall_id = ?)' },
  { table: 'staff', rows: ofHall },
  // the installation's own accounts (no hall): kept only where the city has no such username
  { table: 'staff', rows: 'hall_id IS NULL AND ? IS NOT NULL', shared: true },
  { table: 'staff_windows', rows: 'staff_id IN (SELECT id FROM staff WHERE hall_id = ?)' },
  { table: 'staff_photos', rows: 'staff_id IN (SELECT id FROM staff WHERE hall_id = ?)' },
  { table: 'devices', rows: ofHall },
  { table: 'device_health', rows: ofHall },
  { table: 'settings', rows: '? IS NOT NULL', shared: true },
  { table: 'calendar_days', rows: ofHall },
  { table: 'calendar_extended_periods', rows: ofHall },
  { table: 'calendar_weekly', rows: ofHall },
  { table: 'ticket_counters', rows: ofHall },
  { table: 'tickets', rows: ofHall },
  { table: 'calls', rows: 'ticket_id IN (SELECT id FROM tickets WHERE hall_id = ?)', newKeys: true },
  { table: 'evaluations', rows: ofHall },
  { table: 'audit_log', rows: ofHall, newKeys: true },
  { table: 'events', rows: ofHall },
  { table: 'appointment_slot_settings', rows: hallServices },
  { table: 'appointment_rules', rows: ofHall },
  { table: 'appointments', rows: ofHall },
  { table: 'appointment_bars', rows: ofHall },
  { table: 'appointment_bar_keys', rows: 'bar_id IN (SELECT id FROM appointment_bars WHERE hall_id = ?)' },
  { table: 'phone_codes', rows: ofHall, newKeys: true },
  { table: 'notification_outbox', rows: ofHall, newKeys: true },
  { table: 'haocha_outbox', rows: ofHall, newKeys: true },
  { table: 'haocha_marks', rows: ofHall },
  // the aggregator's mark of the hall: seqs are kept, so it stays valid
  { table: 'sup_progress', rows: "name = 'aggregates:' || ?" },
  { table: 'sup_visits', rows: ofHall },
  { table: 'sup_service_slots', rows: ofHall },
  { table: 'sup_service_days', rows: ofHall },
  { table: 'sup_service_month_hours', rows: ofHall },
  { table: 'sup_day_stats', rows: ofHall },
  { table: 'sup_month_stats', rows: ofHall },
  { table: 'sup_window_time', rows: ofHall },
  { table: 'sup_window_state', rows: ofHall },
  { table: 'sup_alerts', rows: ofHall, newKeys: true },
  { table: 'sup_followups', rows: ofHall },
  { table: 'sup_settings', rows: ofHall },
];

/** SQLite tables deliberately left behind (see above), so that a new table must be placed in one list or the other */
export const NOT_COPIED: readonly string[] = [
  'queue_counts',
  'window_day_counts',
  'cache_versions',
  'sessions',
  'health_probe',
  'audit_log_halls',
  'schema_migrations',
  'sqlite_sequence',
];
