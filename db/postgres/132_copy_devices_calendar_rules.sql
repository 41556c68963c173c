-- PostgreSQL only. Device tokens, the working calendar and the appointment rules join each node's
-- copy of the configuration (server/store/postgres/config-copy.ts): every device request read its
-- token's row, every issue the calendar, every call the hall's appointment rules. `devices` (021)
-- and `calendar` (006) have versions already; the rules get one, and all three are now notified
-- at commit as the halls, services and windows are (131), so a device revoked on one node is
-- refused on the others within the notification's delay.
INSERT INTO cache_versions (name, v) VALUES ('appointment-rules', 0) ON CONFLICT (name) DO NOTHING;

CREATE TRIGGER cache_version_appointment_rules AFTER INSERT OR UPDATE OR DELETE ON appointment_rules
  FOR EACH STATEMENT EXECUTE FUNCTION cache_version_of_table('appointment-rules');

DROP TRIGGER cache_version_notify ON cache_versions;
CREATE CONSTRAINT TRIGGER cache_version_notify AFTER INSERT OR UPDATE ON cache_versions
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW
  WHEN (NEW.name IN ('halls', 'zones', 'departments', 'services', 'devices', 'calendar', 'appointment-rules') OR NEW.name LIKE 'windows:%')
  EXECUTE FUNCTION cache_version_notify();
