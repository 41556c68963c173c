-- The per-day counts SQLite keeps with triggers (040_queue_counts, 041_window_day_counts), kept
-- the same way here in the writing transaction, so boards and "people ahead" read a row instead of
-- counting the queue.

CREATE TABLE queue_counts (
  service_id TEXT NOT NULL,
  business_day TEXT NOT NULL,
  queued INTEGER NOT NULL DEFAULT 0,
  priority INTEGER NOT NULL DEFAULT 0,
  transfers INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (service_id, business_day)
);

CREATE FUNCTION tickets_queue_counts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' AND OLD.status IN ('waiting', 'transferred') THEN
    UPDATE queue_counts SET queued = queued - 1, priority = priority - (OLD.priority = 'priority')::int,
      transfers = transfers - (OLD.priority <> 'priority' AND OLD.status = 'transferred')::int
    WHERE service_id = OLD.service_id AND business_day = OLD.business_day;
    DELETE FROM queue_counts WHERE service_id = OLD.service_id AND business_day = OLD.business_day AND queued = 0;
  END IF;
  IF TG_OP <> 'DELETE' AND NEW.status IN ('waiting', 'transferred') THEN
    INSERT INTO queue_counts AS q (service_id, business_day, queued, priority, transfers)
    VALUES (NEW.service_id, NEW.business_day, 1, (NEW.priority = 'priority')::int,
      (NEW.priority <> 'priority' AND NEW.status = 'transferred')::int)
    ON CONFLICT (service_id, business_day) DO UPDATE SET queued = q.queued + 1,
      priority = q.priority + excluded.priority, transfers = q.transfers + excluded.transfers;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER tickets_queue_counts AFTER INSERT OR DELETE OR UPDATE OF status, priority, service_id, business_day
  ON tickets FOR EACH ROW EXECUTE FUNCTION tickets_queue_counts();

CREATE TABLE window_day_counts (
  window_id TEXT NOT NULL,
  business_day TEXT NOT NULL,
  status TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (window_id, business_day, status)
);

CREATE FUNCTION tickets_window_counts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.status IS NOT DISTINCT FROM NEW.status AND OLD.window_id IS NOT DISTINCT FROM NEW.window_id
    AND OLD.business_day IS NOT DISTINCT FROM NEW.business_day THEN
    RETURN NULL;
  END IF;
  IF TG_OP <> 'INSERT' AND OLD.window_id IS NOT NULL THEN
    UPDATE window_day_counts SET n = n - 1
    WHERE window_id = OLD.window_id AND business_day = OLD.business_day AND status = OLD.status;
  END IF;
  IF TG_OP <> 'DELETE' AND NEW.window_id IS NOT NULL THEN
    INSERT INTO window_day_counts AS c (window_id, business_day, status, n) VALUES (NEW.window_id, NEW.business_day, NEW.status, 1)
    ON CONFLICT (window_id, business_day, status) DO UPDATE SET n = c.n + 1;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER tickets_window_counts AFTER INSERT OR DELETE OR UPDATE OF status, window_id, business_day
  ON tickets FOR EACH ROW EXECUTE FUNCTION tickets_window_counts();
