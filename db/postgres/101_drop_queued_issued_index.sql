-- Twin of SQLite's 171: tickets_queued_issued is read by no query.
DROP INDEX IF EXISTS tickets_queued_issued;
