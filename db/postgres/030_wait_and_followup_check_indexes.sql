-- The alert check runs after every burst of events: it counts the tickets past each wait mark
-- per service on this index alone (no ticket row read), and reads only overdue follow-ups,
-- so its cost does not grow with the queue or with the day's bad reviews.
CREATE INDEX tickets_queued_service_issued ON tickets(service_id, issued_at, status) WHERE status IN ('waiting', 'transferred');
CREATE INDEX sup_followups_callback_due ON sup_followups(hall_id, callback_due) WHERE callback_at IS NULL;
CREATE INDEX sup_followups_rectify_due ON sup_followups(hall_id, rectify_due) WHERE rectified_at IS NULL;
