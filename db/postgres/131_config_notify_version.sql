-- PostgreSQL only. The configuration's notification (105) now says the version the commit left:
-- `name version`, once per name and transaction, sent at commit by a deferred trigger that reads
-- the name's last version (a name bumped twice in one transaction gives one payload, which
-- PostgreSQL sends once). A node that already read that version after its own commit keeps its
-- copy instead of reading it all again (server/store/postgres/config-copy.ts). Every node of a
-- city runs the same version: a node started before this migration would read `name version` as
-- a name it does not know.
CREATE OR REPLACE FUNCTION cache_version_bump(key TEXT) RETURNS void LANGUAGE sql AS $$
  INSERT INTO cache_versions (name, v) VALUES (key, floor(random() * 9007199254740991)::bigint)
  ON CONFLICT (name) DO UPDATE SET v = excluded.v;
$$;

CREATE FUNCTION cache_version_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('hallq_config', NEW.name || coalesce(' ' || (SELECT v FROM cache_versions WHERE name = NEW.name), ''));
  RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER cache_version_notify AFTER INSERT OR UPDATE ON cache_versions
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (NEW.name IN ('halls', 'zones', 'departments', 'services') OR NEW.name LIKE 'windows:%')
  EXECUTE FUNCTION cache_version_notify();
