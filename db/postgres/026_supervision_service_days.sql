-- Twin of SQLite's 126: the half-hour slots' sums per day and service, and per month,
-- service, weekday and hour, kept in the same transaction as the slots.
CREATE TABLE sup_service_days (
  hall_id TEXT NOT NULL,
  business_day TEXT NOT NULL,
  service_id TEXT NOT NULL,
  issued INTEGER NOT NULL DEFAULT 0,
  cancelled INTEGER NOT NULL DEFAULT 0,
  appointments INTEGER NOT NULL DEFAULT 0,
  first_called INTEGER NOT NULL DEFAULT 0,
  served INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (hall_id, business_day, service_id)
);

CREATE TABLE sup_service_month_hours (
  hall_id TEXT NOT NULL,
  month TEXT NOT NULL,
  service_id TEXT NOT NULL,
  weekday INTEGER NOT NULL,
  hour INTEGER NOT NULL,
  issued INTEGER NOT NULL DEFAULT 0,
  cancelled INTEGER NOT NULL DEFAULT 0,
  appointments INTEGER NOT NULL DEFAULT 0,
  first_called INTEGER NOT NULL DEFAULT 0,
  served INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (hall_id, month, service_id, weekday, hour)
);
