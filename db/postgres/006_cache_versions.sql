-- Versions of what a server keeps in memory (SQLite: 090_cache_versions): hall configuration, each
-- hall's windows, the working calendar, each service's recent service times. Every write gives
-- the name a new random version inside the writing transaction; a node compares one row with the
-- version its copy was built at — which is also how a node learns that another node changed it.

CREATE TABLE cache_versions (
  name TEXT PRIMARY KEY,
  v BIGINT NOT NULL
);

INSERT INTO cache_versions (name, v) VALUES ('calendar', 0), ('departments', 0), ('halls', 0), ('services', 0), ('zones', 0);

CREATE FUNCTION cache_version_bump(key TEXT) RETURNS void LANGUAGE sql AS $$
  INSERT INTO cache_versions (name, v) VALUES (key, floor(random() * 9007199254740991)::bigint)
  ON CONFLICT (name) DO UPDATE SET v = excluded.v;
$$;

-- configuration tables: one bump per statement (TG_ARGV[0] is the name)
CREATE FUNCTION cache_version_of_table() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM cache_version_bump(TG_ARGV[0]);
  RETURN NULL;
END $$;

CREATE TRIGGER cache_version_halls AFTER INSERT OR UPDATE OR DELETE ON halls FOR EACH STATEMENT EXECUTE FUNCTION cache_version_of_table('halls');
CREATE TRIGGER cache_version_zones AFTER INSERT OR UPDATE OR DELETE ON zones FOR EACH STATEMENT EXECUTE FUNCTION cache_version_of_table('zones');
CREATE TRIGGER cache_version_departments AFTER INSERT OR UPDATE OR DELETE ON departments FOR EACH STATEMENT EXECUTE FUNCTION cache_version_of_table('departments');
CREATE TRIGGER cache_version_services AFTER INSERT OR UPDATE OR DELETE ON services FOR EACH STATEMENT EXECUTE FUNCTION cache_version_of_table('services');
CREATE TRIGGER cache_version_calendar_days AFTER INSERT OR UPDATE OR DELETE ON calendar_days FOR EACH STATEMENT EXECUTE FUNCTION cache_version_of_table('calendar');
CREATE TRIGGER cache_version_calendar_extended AFTER INSERT OR UPDATE OR DELETE ON calendar_extended_periods FOR EACH STATEMENT EXECUTE FUNCTION cache_version_of_table('calendar');
CREATE TRIGGER cache_version_calendar_weekly AFTER INSERT OR UPDATE OR DELETE ON calendar_weekly FOR EACH STATEMENT EXECUTE FUNCTION cache_version_of_table('calendar');

-- a hall's windows (their state changes with every call) and the services each one serves
CREATE FUNCTION cache_version_windows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN PERFORM cache_version_bump('windows:' || OLD.hall_id); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM cache_version_bump('windows:' || NEW.hall_id); END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER cache_version_windows AFTER INSERT OR UPDATE OR DELETE ON windows FOR EACH ROW EXECUTE FUNCTION cache_version_windows();

CREATE FUNCTION cache_version_window_services() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    PERFORM cache_version_bump('windows:' || coalesce((SELECT hall_id FROM windows WHERE id = OLD.window_id), ''));
  END IF;
  IF TG_OP <> 'DELETE' THEN
    PERFORM cache_version_bump('windows:' || coalesce((SELECT hall_id FROM windows WHERE id = NEW.window_id), ''));
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER cache_version_window_services AFTER INSERT OR UPDATE OR DELETE ON window_services FOR EACH ROW EXECUTE FUNCTION cache_version_window_services();

-- a service's mean service time changes only when one of its tickets is finished
CREATE FUNCTION cache_version_service_times() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM cache_version_bump('service-times:' || NEW.service_id);
  RETURN NULL;
END $$;
CREATE TRIGGER cache_version_service_times AFTER UPDATE OF status ON tickets FOR EACH ROW
  WHEN (NEW.status = 'done' AND OLD.status IS DISTINCT FROM 'done') EXECUTE FUNCTION cache_version_service_times();
