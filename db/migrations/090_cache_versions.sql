-- Versions of what the server keeps in memory: hall configuration, each hall's windows, the
-- working calendar and each service's recent service times. Every write, from any code path and
-- inside the writing transaction, gives the name a new random version; a reader compares one
-- indexed row with the version its copy was built at. Random rather than counted: a rolled-back
-- change restores the old version, and a later change must not reuse the rolled-back one's.
CREATE TABLE cache_versions (
  name TEXT PRIMARY KEY,
  v INTEGER NOT NULL
) WITHOUT ROWID;

INSERT INTO cache_versions (name, v) VALUES ('calendar', 0), ('departments', 0), ('halls', 0), ('services', 0), ('zones', 0);

CREATE TRIGGER cache_version_halls_insert AFTER INSERT ON halls
BEGIN
  UPDATE cache_versions SET v = abs(random() % 9007199254740991) WHERE name = 'halls';
END;

CREATE TRIGGER cache_version_halls_update AFTER UPDATE ON halls
BEGIN
  UPDATE cache_versions SET v = abs(random() % 9007199254740991) WHERE name = 'halls';
END;

CREATE TRIGGER cache_version_halls_delete AFTER DELETE ON halls
BEGIN
  UPDATE cache_versions SET v = abs(random() % 9007199254740991) WHERE name = 'halls';
END;

CREATE TRIGGER cache_version_zones_insert AFTER INSERT ON zones
BEGIN
  UPDATE cache_versions SET v = abs(random() % 9007199254740991) WHERE name = 'zones';
END;

CREATE TRIGGER cache_version_zones_update AFTER UPDATE ON zones
BEGIN
  UPDATE cache_versions SET v = abs(random() % 9007199254740991) WHERE name = 'zones';
END;

CREATE TRIGGER cache_version_zones_delete AFTER DELETE ON zones
BEGIN
  UPDATE cache_versions SET v = abs(random() % 9007199254740991) WHERE name = 'zones';
END;

CREATE TRIGGER cache_version_departments_insert AFTER INSERT ON departments
BEGIN
  UPDATE cache_versions SET v = abs(random() % 9007199254740991) WHERE name = 'departments';
END;

CREATE TRIGGER cache_version_departments_update AFTER UPDATE ON departments
BEGIN
  UPDATE cache_versions SET v = abs(random() % 9007199254740991) WHERE name = 'departments';
END;

CREATE TRIGGER cache_version_departments_delete AFTER DELETE ON departments
BEGIN
  UPDATE cache_versions SET v = abs(random() % 9007199254740991) WHERE name = 'departments';
END;

CREATE TRIGGER cache_version_services_insert AFTER INSERT ON services
BEGIN
  UPDATE cache_versions SET v = abs(random() % 9007199254740991) WHERE name = 'services';
END;

CREATE TRIGGER cache_version_services_update AFTER UPDATE ON services
BEGIN
  UPDATE cache_versions SET v = abs(random() % 9007199254740991) WHERE name = 'services';
END;

CREATE TRIGGER cache_version_services_delete AFTER DELETE ON services
BEGIN
  UPDATE cache_versions SET v = abs(random() % 9007199254740991) WHERE name = 'services';
END;

CREATE TRIGGER cache_version_calendar_days_insert AFTER INSERT ON calendar_days
BEGIN
  UPDATE cache_versions SET v = abs(random() % 9007199254740991) WHERE name = 'calendar';
END;

CREATE TRIGGER cache_version_calendar_days_update AFTER UPDATE ON calendar_days
BEGIN
  UPDATE cache_versions SET v = abs(random() % 9007199254740991) WHERE name = 'calendar';
END;

CREATE TRIGGER cache_version_calendar_days_delete AFTER DELETE ON calendar_days
BEGIN
  UPDATE cache_versions SET v = abs(random() % 9007199254740991) WHERE name = 'calendar';
END;

CREATE TRIGGER cache_version_calendar_extended_periods_insert AFTER INSERT ON calendar_extended_periods
BEGIN
  UPDATE cache_versions SET v = abs(random() % 9007199254740991) WHERE name = 'calendar';
END;

CREATE TRIGGER cache_version_calendar_extended_periods_update AFTER UPDATE ON calendar_extended_periods
BEGIN
  UPDATE cache_versions SET v = abs(random() % 9007199254740991) WHERE name = 'calendar';
END;

CREATE TRIGGER cache_version_calendar_extended_periods_delete AFTER DELETE ON calendar_extended_periods
BEGIN
  UPDATE cache_versions SET v = abs(random() % 9007199254740991) WHERE name = 'calendar';
END;

CREATE TRIGGER cache_version_calendar_weekly_insert AFTER INSERT ON calendar_weekly
BEGIN
  UPDATE cache_versions SET v = abs(random() % 9007199254740991) WHERE name = 'calendar';
END;

CREATE TRIGGER cache_version_calendar_weekly_update AFTER UPDATE ON calendar_weekly
BEGIN
  UPDATE cache_versions SET v = abs(random() % 9007199254740991) WHERE name = 'calendar';
END;

CREATE TRIGGER cache_version_calendar_weekly_delete AFTER DELETE ON calendar_weekly
BEGIN
  UPDATE cache_versions SET v = abs(random() % 9007199254740991) WHERE name = 'calendar';
END;

-- a hall's windows (their state changes with every call) and the services each one serves

CREATE TRIGGER cache_version_windows_insert AFTER INSERT ON windows
BEGIN
  INSERT INTO cache_versions (name, v) VALUES ('windows:' || NEW.hall_id, abs(random() % 9007199254740991))
  ON CONFLICT (name) DO UPDATE SET v = excluded.v;
END;

CREATE TRIGGER cache_version_windows_update AFTER UPDATE ON windows
BEGIN
  INSERT INTO cache_versions (name, v) VALUES ('windows:' || OLD.hall_id, abs(random() % 9007199254740991))
  ON CONFLICT (name) DO UPDATE SET v = excluded.v;
  INSERT INTO cache_versions (name, v) VALUES ('windows:' || NEW.hall_id, abs(random() % 9007199254740991))
  ON CONFLICT (name) DO UPDATE SET v = excluded.v;
END;

CREATE TRIGGER cache_version_windows_delete AFTER DELETE ON windows
BEGIN
  INSERT INTO cache_versions (name, v) VALUES ('windows:' || OLD.hall_id, abs(random() % 9007199254740991))
  ON CONFLICT (name) DO UPDATE SET v = excluded.v;
END;

CREATE TRIGGER cache_version_window_services_insert AFTER INSERT ON window_services
BEGIN
  INSERT INTO cache_versions (name, v) VALUES ('windows:' || coalesce((SELECT hall_id FROM windows WHERE id = NEW.window_id), ''), abs(random() % 9007199254740991))
  ON CONFLICT (name) DO UPDATE SET v = excluded.v;
END;

CREATE TRIGGER cache_version_window_services_update AFTER UPDATE ON window_services
BEGIN
  INSERT INTO cache_versions (name, v) VALUES ('windows:' || coalesce((SELECT hall_id FROM windows WHERE id = OLD.window_id), ''), abs(random() % 9007199254740991))
  ON CONFLICT (name) DO UPDATE SET v = excluded.v;
  INSERT INTO cache_versions (name, v) VALUES ('windows:' || coalesce((SELECT hall_id FROM windows WHERE id = NEW.window_id), ''), abs(random() % 9007199254740991))
  ON CONFLICT (name) DO UPDATE SET v = excluded.v;
END;

CREATE TRIGGER cache_version_window_services_delete AFTER DELETE ON window_services
BEGIN
  INSERT INTO cache_versions (name, v) VALUES ('windows:' || coalesce((SELECT hall_id FROM windows WHERE id = OLD.window_id), ''), abs(random() % 9007199254740991))
  ON CONFLICT (name) DO UPDATE SET v = excluded.v;
END;

-- a service's mean service time changes only when one of its tickets is finished
CREATE TRIGGER cache_version_service_times AFTER UPDATE OF status ON tickets
WHEN NEW.status = 'done' AND OLD.status IS NOT 'done'
BEGIN
  INSERT INTO cache_versions (name, v) VALUES ('service-times:' || NEW.service_id, abs(random() % 9007199254740991))
  ON CONFLICT (name) DO UPDATE SET v = excluded.v;
END;
