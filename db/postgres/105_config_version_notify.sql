-- PostgreSQL only (no SQLite twin: one process there learns of its own writes from a TEMP trigger).
-- Each node keeps a copy of the halls, zones, departments, services and windows, checked against
-- cache_versions (server/store/postgres/config-copy.ts). A bump of one of those names now also
-- notifies every node at commit (not at all on rollback), so a node's reads outside a write follow
-- another node's change within the notification's delay; a write checks the versions itself.
CREATE OR REPLACE FUNCTION cache_version_bump(key TEXT) RETURNS void LANGUAGE sql AS $$
  INSERT INTO cache_versions (name, v) VALUES (key, floor(random() * 9007199254740991)::bigint)
  ON CONFLICT (name) DO UPDATE SET v = excluded.v;
  SELECT pg_notify('hallq_config', key)
  WHERE key IN ('halls', 'zones', 'departments', 'services') OR key LIKE 'windows:%';
$$;
