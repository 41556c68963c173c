-- The language the booking was made in: its messages (confirmation, reminders, no-show, bar)
-- go out in it. Bookings made before this: Chinese.
ALTER TABLE appointments ADD COLUMN lang TEXT NOT NULL DEFAULT 'zh-CN' CHECK (lang IN ('zh-CN', 'en'));
