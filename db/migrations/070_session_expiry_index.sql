-- Expired sessions are swept every minute: find them by expiry, not by a full scan.
CREATE INDEX sessions_expires ON sessions(expires_at);
CREATE INDEX sessions_staff ON sessions(staff_id);
