-- Every hall an audited change touches (a config import, a shared department, the buses), so
-- each hall's manager sees it; audit_log.hall_id keeps the first for older readers.
CREATE TABLE audit_log_halls (
  hall_id TEXT NOT NULL,
  audit_id INTEGER NOT NULL REFERENCES audit_log(id),
  PRIMARY KEY (hall_id, audit_id)
) WITHOUT ROWID;

INSERT INTO audit_log_halls (hall_id, audit_id) SELECT hall_id, id FROM audit_log WHERE hall_id IS NOT NULL;
