-- A visitor who gives a 差评 may leave a phone number for the callback ('' = none). Personal
-- data: shown to the hall's managers in the follow-up list only.
ALTER TABLE evaluations ADD COLUMN contact TEXT NOT NULL DEFAULT '';
