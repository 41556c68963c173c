-- 好差评 pushes to the province's platform wait here until accepted: written (idempotently, one
-- row per rating or follow-up step) as the events commit, sent with back-off, kept after sending
-- so the admin console can show what is pending, sent and failed.
CREATE TABLE haocha_outbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  hall_id TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('rating', 'callback', 'rectified', 'visitor-rating')),
  dedupe_key TEXT NOT NULL UNIQUE,
  payload_json TEXT NOT NULL,
  created_at TEXT NOT NULL,
  next_attempt_at TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
  sent_at TEXT,
  last_error TEXT
);
CREATE INDEX haocha_outbox_due ON haocha_outbox(status, next_attempt_at);
-- how far each hall's event log has been read, so events committed just before a crash are pushed after it
CREATE TABLE haocha_marks (
  hall_id TEXT PRIMARY KEY,
  seq INTEGER NOT NULL
);
