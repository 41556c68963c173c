-- A year's report summed some ten thousand day rows of sup_day_stats. The same figures per
-- calendar month (month = 'YYYY-MM'), kept by the aggregator in the transaction that writes
-- the day rows: a range reads its whole months here and only the days at its ends from day rows.
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
  wait_hist BLOB,
  walk_hist BLOB,
  service_hist BLOB,
  PRIMARY KEY (hall_id, month, window_id, staff_id, service_id)
) WITHOUT ROWID;

-- the months already summed in day rows (events may since have gone to the archive: no rebuild from the log)
INSERT INTO sup_month_stats
SELECT hall_id, substr(business_day, 1, 7), window_id, staff_id, service_id, SUM(called), SUM(served), SUM(no_show), SUM(transferred),
  SUM(e1), SUM(e2), SUM(e3), SUM(e4), SUM(e5), hist_sum(wait_hist), hist_sum(walk_hist), hist_sum(service_hist)
FROM sup_day_stats GROUP BY hall_id, substr(business_day, 1, 7), window_id, staff_id, service_id;
