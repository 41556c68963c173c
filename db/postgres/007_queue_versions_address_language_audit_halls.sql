-- Twins of SQLite's 091 (queue versions), 105 (booking language), 106 (hall address) and
-- 110 (every hall an audited change touches).

CREATE FUNCTION cache_version_queue() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN PERFORM cache_version_bump('queue:' || OLD.service_id || '|' || OLD.business_day); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM cache_version_bump('queue:' || NEW.service_id || '|' || NEW.business_day); END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER cache_version_queue_insert AFTER INSERT OR DELETE ON tickets FOR EACH ROW EXECUTE FUNCTION cache_version_queue();
CREATE TRIGGER cache_version_queue_update AFTER UPDATE ON tickets FOR EACH ROW
  WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.priority IS DISTINCT FROM NEW.priority OR OLD.service_id IS DISTINCT FROM NEW.service_id
    OR OLD.business_day IS DISTINCT FROM NEW.business_day OR OLD.issued_at IS DISTINCT FROM NEW.issued_at OR OLD.seq_no IS DISTINCT FROM NEW.seq_no)
  EXECUTE FUNCTION cache_version_queue();

ALTER TABLE appointments ADD COLUMN lang TEXT NOT NULL DEFAULT 'zh-CN' CHECK (lang IN ('zh-CN', 'en'));

ALTER TABLE halls ADD COLUMN address TEXT NOT NULL DEFAULT '';

CREATE TABLE audit_log_halls (
  hall_id TEXT NOT NULL,
  audit_id BIGINT NOT NULL REFERENCES audit_log(id),
  PRIMARY KEY (hall_id, audit_id)
);
