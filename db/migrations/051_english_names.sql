-- Optional English names, shown by the kiosk and the phone page in English mode ('' = none:
-- the Chinese name is shown).
ALTER TABLE halls ADD COLUMN name_en TEXT NOT NULL DEFAULT '';
ALTER TABLE zones ADD COLUMN name_en TEXT NOT NULL DEFAULT '';
ALTER TABLE departments ADD COLUMN name_en TEXT NOT NULL DEFAULT '';
ALTER TABLE services ADD COLUMN name_en TEXT NOT NULL DEFAULT '';
