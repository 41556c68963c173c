-- A zone's boards and voice also show/announce the calls of these zones (JSON array of zone
-- ids), e.g. the 一楼 board near the kiosks carries 二楼's calls so nobody waiting there misses one.
ALTER TABLE zones ADD COLUMN announce_from TEXT NOT NULL DEFAULT '[]';
