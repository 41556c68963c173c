-- Twin of SQLite's 120: tickets_window is read by no query.
DROP INDEX IF EXISTS tickets_window;
