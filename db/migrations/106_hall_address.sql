-- The hall's street address: booking pages and booking messages say where to go ('' = none given).
ALTER TABLE halls ADD COLUMN address TEXT NOT NULL DEFAULT '';
