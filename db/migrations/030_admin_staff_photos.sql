-- Staff photos for 工作人员身份公开 (identity shown at the window), kept apart from the staff
-- row so that reading staff for auth never loads image bytes.
CREATE TABLE staff_photos (
  staff_id TEXT PRIMARY KEY REFERENCES staff(id),
  data_url TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
