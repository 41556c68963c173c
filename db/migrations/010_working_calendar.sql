-- The working calendar of each hall: dates that differ from the weekly rule (public holidays,
-- 调休 swapped working days), the weekly days off, and extended periods open to appointments only.

CREATE TABLE calendar_days (
  hall_id TEXT NOT NULL REFERENCES halls(id),
  date TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('holiday', 'workday')),
  name TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (hall_id, date)
);

-- on_day: 'workdays' (every working day, e.g. the lunch hour) or one local date YYYY-MM-DD
CREATE TABLE calendar_extended_periods (
  id TEXT PRIMARY KEY,
  hall_id TEXT NOT NULL REFERENCES halls(id),
  on_day TEXT NOT NULL,
  from_time TEXT NOT NULL,
  to_time TEXT NOT NULL,
  note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX calendar_extended_hall ON calendar_extended_periods(hall_id, on_day);

-- No row: Saturday and Sunday off (or none for an all-day hall, see working-calendar.ts).
CREATE TABLE calendar_weekly (
  hall_id TEXT PRIMARY KEY REFERENCES halls(id),
  days_off_json TEXT NOT NULL
);
