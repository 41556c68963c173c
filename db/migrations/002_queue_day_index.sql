-- Queues are read per service and business day (a ticket belongs to one day). This index
-- answers "who waits for this service today" and its count from the index alone, where the
-- old (service_id, status, issued_at) one fetched every row to check its day.
-- tickets_hall_day is dropped: UNIQUE (hall_id, business_day, number) already serves it, and
-- each index is one more page written per ticket.
DROP INDEX tickets_queue;
DROP INDEX tickets_hall_day;
CREATE INDEX tickets_queue_day ON tickets(service_id, business_day, status, issued_at);
