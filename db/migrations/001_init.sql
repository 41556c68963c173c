-- Core schema: hall configuration, queue state and the append-only event log.
-- Times are ISO-8601 UTC strings: they sort as text, so range scans use plain indexes.

CREATE TABLE halls (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  timezone TEXT NOT NULL,
  hours_json TEXT NOT NULL,
  policy_json TEXT NOT NULL DEFAULT '{}',
  notice TEXT NOT NULL DEFAULT ''
);

CREATE TABLE zones (
  id TEXT PRIMARY KEY,
  hall_id TEXT NOT NULL REFERENCES halls(id),
  name TEXT NOT NULL
);

CREATE TABLE departments (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL
);

CREATE TABLE services (
  id TEXT PRIMARY KEY,
  hall_id TEXT NOT NULL REFERENCES halls(id),
  department_id TEXT NOT NULL REFERENCES departments(id),
  name TEXT NOT NULL,
  prefix TEXT NOT NULL,
  avg_service_minutes REAL NOT NULL,
  enabled INTEGER NOT NULL DEFAULT 1,
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
  enabled INTEGER NOT NULL DEFAULT 1
);

-- post: 'A' = primary (A岗), 'B' = substitute (B岗)
CREATE TABLE staff_windows (
  staff_id TEXT NOT NULL REFERENCES staff(id),
  window_id TEXT NOT NULL REFERENCES windows(id),
  post TEXT NOT NULL DEFAULT 'A' CHECK (post IN ('A', 'B')),
  PRIMARY KEY (staff_id, window_id)
);
CREATE INDEX staff_windows_window ON staff_windows(window_id);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  staff_id TEXT NOT NULL REFERENCES staff(id),
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL
);

CREATE TABLE devices (
  id TEXT PRIMARY KEY,
  hall_id TEXT NOT NULL REFERENCES halls(id),
  kind TEXT NOT NULL CHECK (kind IN ('kiosk', 'display', 'evaluator', 'agent')),
  token_hash TEXT NOT NULL UNIQUE,
  window_id TEXT,
  zone_id TEXT,
  enabled INTEGER NOT NULL DEFAULT 1,
  last_seen_at TEXT
);

CREATE TABLE device_health (
  id TEXT PRIMARY KEY,
  hall_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  status TEXT NOT NULL,
  last_error TEXT,
  counters_json TEXT NOT NULL DEFAULT '{}',
  updated_at TEXT NOT NULL
);

-- One row per (hall, prefix, business day): the number allocator. Keyed by prefix, not by
-- service, so that a prefix moved to another service can never hand out a number twice.
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
  restored INTEGER NOT NULL DEFAULT 0,
  transferred_from_service_id TEXT,
  transferred_at TEXT,
  appointment_id TEXT,
  slot_start TEXT,
  slot_end TEXT,
  status_token TEXT NOT NULL,
  kiosk_id TEXT,
  UNIQUE (hall_id, business_day, number)
);
-- the queue: waiting tickets of a service in issue order
CREATE INDEX tickets_queue ON tickets(service_id, status, issued_at);
CREATE INDEX tickets_window ON tickets(window_id, status);
CREATE INDEX tickets_hall_day ON tickets(hall_id, business_day);
CREATE INDEX tickets_finished ON tickets(service_id, finished_at) WHERE status = 'done';

-- Every call (and recall) made at a window: feeds the interleave rule and walk-time reports.
CREATE TABLE calls (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  ticket_id TEXT NOT NULL REFERENCES tickets(id),
  window_id TEXT NOT NULL,
  staff_id TEXT,
  queue_class TEXT NOT NULL,
  reason TEXT NOT NULL,
  recall INTEGER NOT NULL DEFAULT 0,
  called_at TEXT NOT NULL
);
CREATE INDEX calls_window ON calls(window_id, id);

CREATE TABLE evaluations (
  ticket_id TEXT PRIMARY KEY REFERENCES tickets(id),
  hall_id TEXT NOT NULL,
  level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
  tags_json TEXT NOT NULL DEFAULT '[]',
  comment TEXT NOT NULL DEFAULT '',
  window_id TEXT,
  staff_id TEXT,
  source TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX evaluations_hall_time ON evaluations(hall_id, created_at);

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  hall_id TEXT,
  actor_type TEXT NOT NULL,
  actor_id TEXT NOT NULL,
  action TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  reason TEXT,
  before_json TEXT,
  after_json TEXT
);
CREATE INDEX audit_log_hall_time ON audit_log(hall_id, at);

-- The event log: one row per committed state change, seq strictly increasing.
CREATE TABLE events (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  hall_id TEXT NOT NULL,
  zone_id TEXT,
  window_id TEXT,
  type TEXT NOT NULL,
  at TEXT NOT NULL,
  data TEXT NOT NULL
);
CREATE INDEX events_hall_seq ON events(hall_id, seq);
CREATE INDEX events_hall_type_at ON events(hall_id, type, at);

-- Whole-hall settings kept as JSON documents (serial buses, addressed hardware, limits).
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value_json TEXT NOT NULL
);
