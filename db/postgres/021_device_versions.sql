-- Twin of SQLite's 121: a version for the devices table (last_seen_at left out).
INSERT INTO cache_versions (name, v) VALUES ('devices', 0) ON CONFLICT (name) DO NOTHING;

CREATE TRIGGER cache_version_devices AFTER INSERT OR DELETE OR UPDATE OF id, hall_id, kind, token_hash, window_id, zone_id, enabled
  ON devices FOR EACH STATEMENT EXECUTE FUNCTION cache_version_of_table('devices');
