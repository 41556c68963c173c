-- Supervision (电子监察) and reports: figures pre-aggregated from the event log as events
-- commit, so that reports never scan raw events. Durations are tenths of a minute.

-- How far each aggregator has read the event log: applying an event and moving this mark
-- happen in one transaction, so an event is counted exactly once.
CREATE TABLE sup_progress (
  name TEXT PRIMARY KEY,
  last_seq INTEGER NOT NULL
);

-- One row per call of a ticket at a window (a visit). A transferred or restored ticket is
-- called again: a second visit. Waits count on the ticket's first call only (issue → call).
CREATE TABLE sup_visits (
  ticket_id TEXT NOT NULL,
  visit_no INTEGER NOT NULL,
  hall_id TEXT NOT NULL,
  business_day TEXT NOT NULL,
  service_id TEXT NOT NULL,
  window_id TEXT NOT NULL,
  staff_id TEXT NOT NULL DEFAULT '',
  called_at TEXT NOT NULL,
  call_slot INTEGER NOT NULL,
  first_call INTEGER NOT NULL,
  wait_t INTEGER,
  started_at TEXT,
  walk_t INTEGER,
  finished_at TEXT,
  finish_slot INTEGER,
  service_t INTEGER,
  outcome TEXT NOT NULL DEFAULT 'called' CHECK (outcome IN ('called', 'serving', 'done', 'no_show', 'transferred')),
  eval_level INTEGER,
  PRIMARY KEY (ticket_id, visit_no)
);
-- covering the report's scans: a range of days, grouped by window and staff
CREATE INDEX sup_visits_report ON sup_visits(hall_id, business_day, window_id, staff_id, service_id, outcome, first_call, wait_t, walk_t, service_t, eval_level);

-- Issued and cancelled tickets per service and half-hour slot of the hall's local day.
CREATE TABLE sup_service_slots (
  hall_id TEXT NOT NULL,
  business_day TEXT NOT NULL,
  service_id TEXT NOT NULL,
  slot INTEGER NOT NULL,
  weekday INTEGER NOT NULL,
  issued INTEGER NOT NULL DEFAULT 0,
  cancelled INTEGER NOT NULL DEFAULT 0,
  appointments INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (hall_id, business_day, service_id, slot)
);
CREATE INDEX sup_service_slots_weekday ON sup_service_slots(hall_id, weekday, business_day);

-- Seconds a window was signed in (open or paused), paused, and busy with a ticket, per day and staff.
CREATE TABLE sup_window_time (
  hall_id TEXT NOT NULL,
  business_day TEXT NOT NULL,
  window_id TEXT NOT NULL,
  staff_id TEXT NOT NULL DEFAULT '',
  open_s REAL NOT NULL DEFAULT 0,
  paused_s REAL NOT NULL DEFAULT 0,
  busy_s REAL NOT NULL DEFAULT 0,
  PRIMARY KEY (hall_id, business_day, window_id, staff_id)
);

-- The running state each window's time accounting continues from.
CREATE TABLE sup_window_state (
  window_id TEXT PRIMARY KEY,
  hall_id TEXT NOT NULL,
  status TEXT NOT NULL,
  since TEXT NOT NULL,
  staff_id TEXT NOT NULL DEFAULT '',
  busy_since TEXT,
  free_since TEXT
);

CREATE TABLE sup_alerts (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  hall_id TEXT NOT NULL,
  key TEXT NOT NULL,
  kind TEXT NOT NULL,
  level INTEGER NOT NULL,
  subject_type TEXT NOT NULL,
  subject_id TEXT NOT NULL,
  message TEXT NOT NULL,
  data_json TEXT NOT NULL DEFAULT '{}',
  raised_at TEXT NOT NULL,
  resolved_at TEXT,
  ack_by TEXT,
  ack_at TEXT,
  ack_note TEXT
);
-- one unresolved alert per condition
CREATE UNIQUE INDEX sup_alerts_active ON sup_alerts(hall_id, key) WHERE resolved_at IS NULL;
CREATE INDEX sup_alerts_time ON sup_alerts(hall_id, raised_at);

-- 差评整改: one follow-up per bad evaluation; due dates are local dates (working days).
CREATE TABLE sup_followups (
  ticket_id TEXT PRIMARY KEY,
  hall_id TEXT NOT NULL,
  number TEXT NOT NULL,
  level INTEGER NOT NULL,
  service_id TEXT,
  window_id TEXT,
  staff_id TEXT,
  tags_json TEXT NOT NULL DEFAULT '[]',
  created_at TEXT NOT NULL,
  callback_due TEXT NOT NULL,
  rectify_due TEXT NOT NULL,
  callback_at TEXT,
  callback_by TEXT,
  callback_note TEXT,
  rectified_at TEXT,
  rectified_by TEXT,
  rectify_note TEXT,
  visitor_level INTEGER,
  visitor_rated_at TEXT
);
CREATE INDEX sup_followups_hall ON sup_followups(hall_id, created_at);

-- Per-hall supervision settings (score weights, alert thresholds) as JSON documents.
CREATE TABLE sup_settings (
  hall_id TEXT NOT NULL,
  key TEXT NOT NULL,
  value_json TEXT NOT NULL,
  PRIMARY KEY (hall_id, key)
);
