-- Tickets per window, business day and status, kept by triggers in the writing transaction: the
-- console's "today at this window" corner reads a few rows instead of the hall's whole day.
CREATE TABLE window_day_counts (
  window_id TEXT NOT NULL,
  business_day TEXT NOT NULL,
  status TEXT NOT NULL,
  n INTEGER NOT NULL,
  PRIMARY KEY (window_id, business_day, status)
) WITHOUT ROWID;

INSERT INTO window_day_counts (window_id, business_day, status, n)
SELECT window_id, business_day, status, COUNT(*) FROM tickets WHERE window_id IS NOT NULL GROUP BY window_id, business_day, status;

CREATE TRIGGER tickets_window_counts_insert AFTER INSERT ON tickets
WHEN NEW.window_id IS NOT NULL
BEGIN
  INSERT INTO window_day_counts (window_id, business_day, status, n) VALUES (NEW.window_id, NEW.business_day, NEW.status, 1)
  ON CONFLICT (window_id, business_day, status) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER tickets_window_counts_update AFTER UPDATE OF status, window_id, business_day ON tickets
WHEN (OLD.window_id IS NOT NULL OR NEW.window_id IS NOT NULL)
  AND (OLD.status IS NOT NEW.status OR OLD.window_id IS NOT NEW.window_id OR OLD.business_day IS NOT NEW.business_day)
BEGIN
  UPDATE window_day_counts SET n = n - 1
  WHERE OLD.window_id IS NOT NULL AND window_id = OLD.window_id AND business_day = OLD.business_day AND status = OLD.status;
  INSERT INTO window_day_counts (window_id, business_day, status, n)
  SELECT NEW.window_id, NEW.business_day, NEW.status, 1 WHERE NEW.window_id IS NOT NULL
  ON CONFLICT (window_id, business_day, status) DO UPDATE SET n = n + 1;
END;

CREATE TRIGGER tickets_window_counts_delete AFTER DELETE ON tickets
WHEN OLD.window_id IS NOT NULL
BEGIN
  UPDATE window_day_counts SET n = n - 1 WHERE window_id = OLD.window_id AND business_day = OLD.business_day AND status = OLD.status;
END;
