-- Online bookings confirm the phone with an SMS code; a no-show bar counts only confirmed phones
-- (anyone could otherwise book with a stranger's number and get them barred). Bookings taken by
-- staff (phone, onsite) count as confirmed: staff spoke to the person.
ALTER TABLE appointments ADD COLUMN phone_confirmed INTEGER NOT NULL DEFAULT 0;
UPDATE appointments SET phone_confirmed = 1 WHERE channel != 'online';

-- SMS confirmation codes: only a keyed hash of phone and code is kept
CREATE TABLE phone_codes (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  hall_id TEXT NOT NULL REFERENCES halls(id),
  phone_hash TEXT NOT NULL,
  code_hash TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  used_at TEXT
);
CREATE INDEX phone_codes_phone ON phone_codes(hall_id, phone_hash, created_at);
