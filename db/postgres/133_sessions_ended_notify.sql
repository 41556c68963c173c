-- PostgreSQL only. A node's open sockets follow the tokens they were opened with: a staff session
-- deleted (logout, the expiry sweep, a password changed, its person disabled or deleted: every one
-- of those deletes the session's row) and a device revoked, rotated or deleted (`devices`, 021 and
-- 132) are notified on `hallq_config` at commit, as the configuration is, and every node drops the
-- sockets whose token no longer opens anything (server/store/postgres/token-recheck.ts). Sessions
-- get a name of their own, moved by deletes only (a login moves nothing), and only by those that
-- delete a row: a statement trigger over its transition table, so a sweep that finds nothing
-- expired notifies no one.
INSERT INTO cache_versions (name, v) VALUES ('sessions', 0) ON CONFLICT (name) DO NOTHING;

CREATE FUNCTION cache_version_sessions_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM ended) THEN PERFORM cache_version_bump('sessions'); END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER cache_version_sessions AFTER DELETE ON sessions
  REFERENCING OLD TABLE AS ended FOR EACH STATEMENT EXECUTE FUNCTION cache_version_sessions_deleted();

DROP TRIGGER cache_version_notify ON cache_versions;
CREATE CONSTRAINT TRIGGER cache_version_notify AFTER INSERT OR UPDATE ON cache_versions
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (NEW.name IN ('halls', 'zones', 'departments', 'services', 'devices', 'calendar', 'appointment-rules', 'sessions') OR NEW.name LIKE 'windows:%')
  EXECUTE FUNCTION cache_version_notify();
