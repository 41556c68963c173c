-- A version for the devices table (see 090_cache_versions): the device behind a bearer token is
-- read on every kiosk, board and evaluator request, so it is kept in memory while this matches.
-- last_seen_at is left out: it moves once a minute per device and says nothing about access.
INSERT INTO cache_versions (name, v) VALUES ('devices', 0) ON CONFLICT (name) DO NOTHING;

CREATE TRIGGER cache_version_devices_insert AFTER INSERT ON devices
BEGIN
  UPDATE cache_versions SET v = abs(random() % 9007199254740991) WHERE name = 'devices';
END;

CREATE TRIGGER cache_version_devices_update AFTER UPDATE OF id, hall_id, kind, token_hash, window_id, zone_id, enabled ON devices
BEGIN
  UPDATE cache_versions SET v = abs(random() % 9007199254740991) WHERE name = 'devices';
END;

CREATE TRIGGER cache_version_devices_delete AFTER DELETE ON devices
BEGIN
  UPDATE cache_versions SET v = abs(random() % 9007199254740991) WHERE name = 'devices';
END;
