-- /api/health writes here: "db ok" must mean a write can be committed (a full disk answered
-- every write with 500 while the health check, a read, said ok).
CREATE TABLE health_probe (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  at TEXT NOT NULL,
  pad BLOB
);
