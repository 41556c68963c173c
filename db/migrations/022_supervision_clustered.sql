-- Report range scans read whole days of a hall: keeping these rows clustered by their key
-- (WITHOUT ROWID) turns a year's scan into one sequential read instead of an index lookup per row.

CREATE TABLE sup_service_slots_c (
  hall_id TEXT NOT NULL,
  business_day TEXT NOT NULL,
  service_id TEXT NOT NULL,
  slot INTEGER NOT NULL,
  weekday INTEGER NOT NULL,
  issued INTEGER NOT NULL DEFAULT 0,
  cancelled INTEGER NOT NULL DEFAULT 0,
  appointments INTEGER NOT NULL DEFAULT 0,
  first_called INTEGER NOT NULL DEFAULT 0,
  served INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (hall_id, business_day, service_id, slot)
) WITHOUT ROWID;
INSERT INTO sup_service_slots_c SELECT hall_id, business_day, service_id, slot, weekday, issued, cancelled, appointments, first_called, served FROM sup_service_slots;
DROP TABLE sup_service_slots;
ALTER TABLE sup_service_slots_c RENAME TO sup_service_slots;

CREATE TABLE sup_day_stats_c (
  hall_id TEXT NOT NULL,
  business_day TEXT NOT NULL,
  window_id TEXT NOT NULL,
  staff_id TEXT NOT NULL DEFAULT '',
  service_id TEXT NOT NULL,
  called INTEGER NOT NULL DEFAULT 0,
  served INTEGER NOT NULL DEFAULT 0,
  no_show INTEGER NOT NULL DEFAULT 0,
  transferred INTEGER NOT NULL DEFAULT 0,
  e1 INTEGER NOT NULL DEFAULT 0,
  e2 INTEGER NOT NULL DEFAULT 0,
  e3 INTEGER NOT NULL DEFAULT 0,
  e4 INTEGER NOT NULL DEFAULT 0,
  e5 INTEGER NOT NULL DEFAULT 0,
  wait_hist BLOB,
  walk_hist BLOB,
  service_hist BLOB,
  PRIMARY KEY (hall_id, business_day, window_id, staff_id, service_id)
) WITHOUT ROWID;
INSERT INTO sup_day_stats_c SELECT * FROM sup_day_stats;
DROP TABLE sup_day_stats;
ALTER TABLE sup_day_stats_c RENAME TO sup_day_stats;
