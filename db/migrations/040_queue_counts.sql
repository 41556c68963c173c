-- Waiting counts per service and business day (a row only while someone waits), kept by triggers in the writing transaction:
-- boards, kiosks, LED strips and "people ahead" read a row instead of counting the queue, so
-- an event costs the same with 3,000 people waiting as with none.
-- queued: waiting or transferred; priority: those of them with priority; transfers: the
-- transferred ones without priority (the classes of domain/next-ticket).
CREATE TABLE queue_counts (
  service_id TEXT NOT NULL,
  business_day TEXT NOT NULL,
  queued INTEGER NOT NULL DEFAULT 0,
  priority INTEGER NOT NULL DEFAULT 0,
  transfers INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (service_id, business_day)
) WITHOUT ROWID;

INSERT INTO queue_counts (service_id, business_day, queued, priority, transfers)
SELECT service_id, business_day, COUNT(*), SUM(priority = 'priority'), SUM(priority <> 'priority' AND status = 'transferred')
FROM tickets WHERE status IN ('waiting', 'transferred') GROUP BY service_id, business_day;

CREATE TRIGGER tickets_queue_counts_insert AFTER INSERT ON tickets
WHEN NEW.status IN ('waiting', 'transferred')
BEGIN
  INSERT INTO queue_counts (service_id, business_day, queued, priority, transfers)
  VALUES (NEW.service_id, NEW.business_day, 1, NEW.priority = 'priority', NEW.priority <> 'priority' AND NEW.status = 'transferred')
  ON CONFLICT (service_id, business_day) DO UPDATE SET queued = queued + 1,
    priority = priority + excluded.priority, transfers = transfers + excluded.transfers;
END;

CREATE TRIGGER tickets_queue_counts_update AFTER UPDATE OF status, priority, service_id, business_day ON tickets
WHEN OLD.status IN ('waiting', 'transferred') OR NEW.status IN ('waiting', 'transferred')
BEGIN
  UPDATE queue_counts SET queued = queued - 1, priority = priority - (OLD.priority = 'priority'),
    transfers = transfers - (OLD.priority <> 'priority' AND OLD.status = 'transferred')
  WHERE service_id = OLD.service_id AND business_day = OLD.business_day AND OLD.status IN ('waiting', 'transferred');
  DELETE FROM queue_counts WHERE service_id = OLD.service_id AND business_day = OLD.business_day AND queued = 0;
  INSERT INTO queue_counts (service_id, business_day, queued, priority, transfers)
  SELECT NEW.service_id, NEW.business_day, 1, NEW.priority = 'priority', NEW.priority <> 'priority' AND NEW.status = 'transferred'
  WHERE NEW.status IN ('waiting', 'transferred')
  ON CONFLICT (service_id, business_day) DO UPDATE SET queued = queued + 1,
    priority = priority + excluded.priority, transfers = transfers + excluded.transfers;
END;

CREATE TRIGGER tickets_queue_counts_delete AFTER DELETE ON tickets
WHEN OLD.status IN ('waiting', 'transferred')
BEGIN
  UPDATE queue_counts SET queued = queued - 1, priority = priority - (OLD.priority = 'priority'),
    transfers = transfers - (OLD.priority <> 'priority' AND OLD.status = 'transferred')
  WHERE service_id = OLD.service_id AND business_day = OLD.business_day;
  DELETE FROM queue_counts WHERE service_id = OLD.service_id AND business_day = OLD.business_day AND queued = 0;
END;

-- The queue split by class, each part in call order: "call next" reads the head of each part
-- and "people ahead" counts within one part, from the index alone.
DROP INDEX tickets_queue_day;
CREATE INDEX tickets_queue_class ON tickets(service_id, business_day, status, priority, issued_at, seq_no);
-- Appointment check-ins (few) jump their class once their slot begins: read apart.
CREATE INDEX tickets_queue_slotted ON tickets(service_id, business_day)
  WHERE slot_start IS NOT NULL AND status IN ('waiting', 'transferred');
-- Queued tickets by issue time, any day: the supervision check reads only those waiting past
-- its first mark.
CREATE INDEX tickets_queued_issued ON tickets(issued_at) WHERE status IN ('waiting', 'transferred');
