-- Appointments (预约): slot settings per service, per-hall rules, bookings and booking bars.

CREATE TABLE appointment_slot_settings (
  service_id TEXT PRIMARY KEY REFERENCES services(id),
  slot_minutes INTEGER NOT NULL CHECK (slot_minutes BETWEEN 5 AND 240),
  capacity_per_window INTEGER NOT NULL CHECK (capacity_per_window BETWEEN 0 AND 100)
);

CREATE TABLE appointment_rules (
  hall_id TEXT PRIMARY KEY REFERENCES halls(id),
  rules_json TEXT NOT NULL
);

-- Personal data: the phone in clear (the hall must be able to call or text the visitor) until
-- the retention purge; the ID number only as a keyed hash (to match bars) and its last 4.
CREATE TABLE appointments (
  id TEXT PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  hall_id TEXT NOT NULL REFERENCES halls(id),
  service_id TEXT NOT NULL REFERENCES services(id),
  slot_start TEXT NOT NULL,
  slot_end TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('booked', 'checked_in', 'cancelled', 'no_show')),
  channel TEXT NOT NULL CHECK (channel IN ('online', 'phone', 'onsite')),
  name TEXT NOT NULL,
  phone TEXT NOT NULL,
  phone_hash TEXT NOT NULL,
  id_hash TEXT,
  id_last4 TEXT,
  created_at TEXT NOT NULL,
  created_by TEXT,
  checked_in_at TEXT,
  ticket_id TEXT,
  cancelled_at TEXT,
  no_show_at TEXT,
  purged_at TEXT
);
-- booked count of a slot, and the no-show sweep
CREATE INDEX appointments_slot ON appointments(service_id, slot_start, status);
CREATE INDEX appointments_status_start ON appointments(status, slot_start);
CREATE INDEX appointments_phone ON appointments(phone_hash, status, slot_start);
CREATE INDEX appointments_id ON appointments(id_hash, status, slot_start);

-- A bar covers every phone and ID number seen in the no-shows that caused it.
CREATE TABLE appointment_bars (
  id TEXT PRIMARY KEY,
  hall_id TEXT NOT NULL REFERENCES halls(id),
  phone_masked TEXT NOT NULL,
  no_shows INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  lifted_at TEXT,
  lifted_by TEXT,
  lift_reason TEXT
);
CREATE INDEX appointment_bars_hall ON appointment_bars(hall_id, expires_at);

CREATE TABLE appointment_bar_keys (
  bar_id TEXT NOT NULL REFERENCES appointment_bars(id),
  kind TEXT NOT NULL CHECK (kind IN ('phone', 'id')),
  hash TEXT NOT NULL,
  PRIMARY KEY (bar_id, kind, hash)
);
CREATE INDEX appointment_bar_keys_hash ON appointment_bar_keys(hash, kind);
