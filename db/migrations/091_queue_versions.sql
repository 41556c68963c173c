-- A version per service and business day, moved by every ticket write that can change who
-- waits in that queue or in what order: the in-memory order of each queue part (people-ahead
-- in O(log n), db/repositories/queue-part-index.ts) is used only while its version matches.
CREATE TRIGGER cache_version_queue_insert AFTER INSERT ON tickets
BEGIN
  INSERT INTO cache_versions (name, v) VALUES ('queue:' || NEW.service_id || '|' || NEW.business_day, abs(random() % 9007199254740991))
  ON CONFLICT (name) DO UPDATE SET v = excluded.v;
END;

CREATE TRIGGER cache_version_queue_update AFTER UPDATE ON tickets
WHEN OLD.status IS NOT NEW.status OR OLD.priority IS NOT NEW.priority OR OLD.service_id IS NOT NEW.service_id
  OR OLD.business_day IS NOT NEW.business_day OR OLD.issued_at IS NOT NEW.issued_at OR OLD.seq_no IS NOT NEW.seq_no
BEGIN
  INSERT INTO cache_versions (name, v) VALUES ('queue:' || OLD.service_id || '|' || OLD.business_day, abs(random() % 9007199254740991))
  ON CONFLICT (name) DO UPDATE SET v = excluded.v;
  INSERT INTO cache_versions (name, v) VALUES ('queue:' || NEW.service_id || '|' || NEW.business_day, abs(random() % 9007199254740991))
  ON CONFLICT (name) DO UPDATE SET v = excluded.v;
END;

CREATE TRIGGER cache_version_queue_delete AFTER DELETE ON tickets
BEGIN
  INSERT INTO cache_versions (name, v) VALUES ('queue:' || OLD.service_id || '|' || OLD.business_day, abs(random() % 9007199254740991))
  ON CONFLICT (name) DO UPDATE SET v = excluded.v;
END;
