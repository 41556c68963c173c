-- PostgreSQL only (no SQLite twin: one file has one server, whose claims keep their time lease).
-- Which node's session claimed a pending outbox row: the claim key that node holds as an advisory
-- lock on its leader session (server/store/postgres/hall-leader.ts). Once that lock is gone (the
-- node died, was stopped, or lost its connection), any node takes the row over at once instead of
-- waiting out the claim's time lease. Cleared when the row is sent, dropped or fails an attempt.
ALTER TABLE notification_outbox ADD COLUMN claimed_by INTEGER;
ALTER TABLE haocha_outbox ADD COLUMN claimed_by INTEGER;
-- the claimed rows are few (a batch in flight per node): the takeover's scan reads only them
CREATE INDEX notification_outbox_claimed ON notification_outbox(claimed_by) WHERE claimed_by IS NOT NULL;
CREATE INDEX haocha_outbox_claimed ON haocha_outbox(claimed_by) WHERE claimed_by IS NOT NULL;
