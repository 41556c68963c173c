-- A year's report grouped ~50,000 half-hour rows of sup_service_slots twice (per day and
-- service for the daily chart, per weekday and hour for the heatmap). Their sums, kept by
-- the aggregator in the same transaction as the slot rows: per day and service, and per
-- calendar month (month = 'YYYY-MM'), service, weekday (0 = Sunday, as in the slots) and hour.
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
) WITHOUT ROWID;

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
) WITHOUT ROWID;

INSERT INTO sup_service_days
SELECT hall_id, business_day, service_id, SUM(issued), SUM(cancelled), SUM(appointments), SUM(first_called), SUM(served)
FROM sup_service_slots GROUP BY hall_id, business_day, service_id;

INSERT INTO sup_service_month_hours
SELECT hall_id, substr(business_day, 1, 7), service_id, weekday, slot / 2, SUM(issued), SUM(cancelled), SUM(appointments), SUM(first_called), SUM(served)
FROM sup_service_slots GROUP BY hall_id, substr(business_day, 1, 7), service_id, weekday, slot / 2;
