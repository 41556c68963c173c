-- Core schema on PostgreSQL: the tables of db/migrations (SQLite) as they stand after its
-- migrations, in PostgreSQL types. Times stay ISO-8601 UTC text as on SQLite: the domain passes
-- them as strings, they sort as text, and a hall moved up from SQLite keeps its values unchanged.

CREATE TABLE halls (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  name_en TEXT NOT NULL DEFAULT '',
  timezone TEXT NOT NULL,
  hours_json JSONB NOT NULL,
  policy_json JSONB NOT NULL DEFAULT '{}',
  notice TEXT NOT NULL DEFAULT ''
);

CREATE TABLE zones (
  id TEXT PRIMARY KEY,
  hall_id TEXT NOT NULL REFERENCES halls(id),
  name TEXT NOT NULL,
  name_en TEXT NOT NULL DEFAULT '',
  announce_from JSONB NOT NULL DEFAULT '[]'
);

CREATE TABLE departments (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  name_en TEXT NOT NULL DEFAULT ''
);

CREATE TABLE services (
  id TEXT PRIMARY KEY,
  hall_id TEXT NOT NULL REFERENCES halls(id),
  department_id TEXT NOT NULL REFERENCES departments(id),
  name TEXT NOT NULL,
  name_en TEXT NOT NULL DEFAULT '',
  prefix TEXT NOT NULL,
  avg_service_minutes DOUBLE PRECISION NOT NULL,
  enabled BOOLEAN NOT NULL DEFAULT TRUE,
  position INTEGER NOT NULL DEFAULT 0,
  materials TEXT NOT NULL DEFAULT ''
);
CREATE INDEX services_hall ON services(hall_id, position);

CREATE TABLE windows (
  id TEXT PRIMARY KEY,
  hall_id TEXT NOT NULL REFERENCES halls(id),
  zone_id TEXT NOT NULL REFERENCES zones(id),
  number INTEGER NOT NULL,
  name TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'closed' CHECK (status IN ('open', 'paused', 'closed')),
  pause_reason TEXT,
  current_ticket_id TEXT,
  staff_id TEXT,
  status_changed_at TEXT,
  UNIQUE (hall_id, number)
);

CREATE TABLE window_services (
  window_id TEXT NOT NULL REFERENCES windows(id),
  service_id TEXT NOT NULL REFERENCES services(id),
  position INTEGER NOT NULL,
  PRIMARY KEY (window_id, service_id)
);
CREATE INDEX window_services_service ON window_services(service_id);

CREATE TABLE staff (
  id TEXT PRIMARY KEY,
  hall_id TEXT REFERENCES halls(id),
  name TEXT NOT NULL,
  employee_no TEXT NOT NULL DEFAULT '',
  role TEXT NOT NULL CHECK (role IN ('staff', 'manager', 'admin')),
  username TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,
  enabled BOOLEAN NOT NULL DEFAULT TRUE
);

-- post: 'A' = primary (A岗), 'B' = substitute (B岗)
CREATE TABLE staff_windows (
  staff_id TEXT NOT NULL REFERENCES staff(id),
  window_id TEXT NOT NULL REFERENCES windows(id),
  post TEXT NOT NULL DEFAULT 'A' CHECK (post IN ('A', 'B')),
  PRIMARY KEY (staff_id, window_id)
);
CREATE INDEX staff_windows_window ON staff_windows(window_id);

CREATE TABLE staff_photos (
  staff_id TEXT PRIMARY KEY REFERENCES staff(id),
  data_url TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  staff_id TEXT NOT NULL REFERENCES staff(id),
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
CREATE INDEX sessions_expires ON sessions(expires_at);
CREATE INDEX sessions_staff ON sessions(staff_id);

CREATE TABLE devices (
  id TEXT PRIMARY KEY,
  hall_id TEXT NOT NULL REFERENCES halls(id),
  kind TEXT NOT NULL CHECK (kind IN ('kiosk', 'display', 'evaluator', 'agent')),
  token_hash TEXT NOT NULL UNIQUE,
  window_id TEXT,
  zone_id TEXT,
  enabled BOOLEAN NOT NULL DEFAULT TRUE,
  last_seen_at TEXT
);

CREATE TABLE device_health (
  id TEXT PRIMARY KEY,
  hall_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  status TEXT NOT NULL,
  last_error TEXT,
  counters_json JSONB NOT NULL DEFAULT '{}',
  updated_at TEXT NOT NULL
);

-- The number allocator, bumped in the issuing transaction: keyed by prefix, not by service, so
-- that a prefix moved to another service can never hand out a number twice.
CREATE TABLE ticket_counters (
  hall_id TEXT NOT NULL,
  prefix TEXT NOT NULL,
  business_day TEXT NOT NULL,
  last_seq INTEGER NOT NULL,
  PRIMARY KEY (hall_id, prefix, business_day)
);

CREATE TABLE tickets (
  id TEXT PRIMARY KEY,
  hall_id TEXT NOT NULL REFERENCES halls(id),
  service_id TEXT NOT NULL REFERENCES services(id),
  business_day TEXT NOT NULL,
  seq_no INTEGER NOT NULL,
  number TEXT NOT NULL,
  priority TEXT NOT NULL DEFAULT 'normal' CHECK (priority IN ('normal', 'priority')),
  status TEXT NOT NULL CHECK (status IN ('waiting', 'called', 'serving', 'done', 'no_show', 'transferred', 'cancelled')),
  issued_at TEXT NOT NULL,
  called_at TEXT,
  started_at TEXT,
  finished_at TEXT,
  window_id TEXT,
  staff_id TEXT,
  call_count INTEGER NOT NULL DEFAULT 0,
  restored BOOLEAN NOT NULL DEFAULT FALSE,
  transferred_from_service_id TEXT,
  transferred_at TEXT,
  appointment_id TEXT,
  slot_start TEXT,
  slot_end TEXT,
  status_token TEXT NOT NULL,
  kiosk_id TEXT,
  UNIQUE (hall_id, business_day, number)
);
-- the queue split by class, each part in call order (as tickets_queue_class on SQLite)
CREATE INDEX tickets_queue_class ON tickets(service_id, business_day, status, priority, issued_at, seq_no);
CREATE INDEX tickets_queue_slotted ON tickets(service_id, business_day)
  WHERE slot_start IS NOT NULL AND status IN ('waiting', 'transferred');
CREATE INDEX tickets_queued_issued ON tickets(issued_at) WHERE status IN ('waiting', 'transferred');
CREATE INDEX tickets_window ON tickets(window_id, status);
CREATE INDEX tickets_finished ON tickets(service_id, finished_at) WHERE status = 'done';

CREATE TABLE calls (
  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  ticket_id TEXT NOT NULL REFERENCES tickets(id),
  window_id TEXT NOT NULL,
  staff_id TEXT,
  queue_class TEXT NOT NULL,
  reason TEXT NOT NULL,
  recall BOOLEAN NOT NULL DEFAULT FALSE,
  called_at TEXT NOT NULL
);
CREATE INDEX calls_window ON calls(window_id, id);

CREATE TABLE evaluations (
  ticket_id TEXT PRIMARY KEY REFERENCES tickets(id),
  hall_id TEXT NOT NULL,
  level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
  tags_json JSONB NOT NULL DEFAULT '[]',
  comment TEXT NOT NULL DEFAULT '',
  contact TEXT NOT NULL DEFAULT '',
  window_id TEXT,
  staff_id TEXT,
  source TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX evaluations_hall_time ON evaluations(hall_id, created_at);

CREATE TABLE audit_log (
  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  at TEXT NOT NULL,
  hall_id TEXT,
  actor_type TEXT NOT NULL,
  actor_id TEXT NOT NULL,
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  reason TEXT,
  before_json JSONB,
  after_json JSONB
);
CREATE INDEX audit_log_hall_time ON audit_log(hall_id, at);

-- The event log. seq counts per hall (hall_event_seq, bumped under the hall's advisory lock in the
-- writing transaction), so a hall's events commit in seq order with no holes: a SEQUENCE would let
-- a transaction holding a lower number commit after one holding a higher, and replay would skip it.
CREATE TABLE events (
  hall_id TEXT NOT NULL,
  seq BIGINT NOT NULL,
  zone_id TEXT,
  window_id TEXT,
  type TEXT NOT NULL,
  at TEXT NOT NULL,
  data JSONB NOT NULL,
  PRIMARY KEY (hall_id, seq)
);
CREATE INDEX events_hall_type_at ON events(hall_id, type, at);

CREATE TABLE hall_event_seq (
  hall_id TEXT PRIMARY KEY,
  last_seq BIGINT NOT NULL
);

-- Whole-installation settings kept as JSON documents (serial buses, addressed hardware, limits).
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value_json JSONB NOT NULL
);

CREATE TABLE health_probe (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  at TEXT NOT NULL,
  pad BYTEA
);
