-- Notifications wait here until delivered: written in the transaction that causes them, sent
-- by the outbox dispatcher with back-off, so a restart or a gateway outage loses none.
CREATE TABLE notification_outbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  hall_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  -- one message per (appointment, kind): a re-run job never sends twice
  dedupe_key TEXT NOT NULL UNIQUE,
  appointment_id TEXT,
  payload_json TEXT NOT NULL,
  due_at TEXT NOT NULL,
  next_attempt_at TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'dropped', 'failed')),
  sent_at TEXT,
  last_error TEXT
);
CREATE INDEX notification_outbox_due ON notification_outbox(status, next_attempt_at);
CREATE INDEX notification_outbox_appointment ON notification_outbox(appointment_id, status);
