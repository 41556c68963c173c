-- tickets_window (window_id, status) is read by no query: a window's ticket is
-- windows.current_ticket_id, its day's counts are window_day_counts. Every issued ticket still
-- wrote an entry for it (under a NULL window), and every call, start and finish moved one.
DROP INDEX IF EXISTS tickets_window;
