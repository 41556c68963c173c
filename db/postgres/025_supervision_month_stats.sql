-- Twin of SQLite's 125: report figures per calendar month (month = 'YYYY-MM'), the sums of the
-- day rows of sup_day_stats, kept in the same transaction. Copied from SQLite with the day rows.
CREATE TABLE sup_month_stats (
  hall_id TEXT NOT NULL,
  month TEXT NOT NULL,
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
  wait_hist BYTEA,
  walk_hist BYTEA,
  service_hist BYTEA,
  PRIMARY KEY (hall_id, month, window_id, staff_id, service_id)
);
