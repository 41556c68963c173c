-- tickets_queued_issued (issued_at, waiting tickets only) is read by no query since the alert
-- check counts on tickets_queued_service_issued (130). Every issued ticket still wrote an entry
-- for it, and every call removed one.
DROP INDEX IF EXISTS tickets_queued_issued;
