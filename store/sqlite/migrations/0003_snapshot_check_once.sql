-- plugpub schema 3. A snapshot is now checked as JSON once, not twice:
-- 提交申请 copies it from the draft row, whose json_valid CHECK has already
-- read it, and any other snapshot is written by EncodeDraft, which cannot
-- produce anything else. Checking it again was the largest single cost of
-- submitting a big guide (2 ms of 6 for 200 components × 20 props;
-- BenchmarkSubmit). Removing a CHECK changes nothing stored, which is the
-- case SQLite documents for editing the schema text in place
-- (https://www.sqlite.org/lang_altertable.html#otheralter) rather than
-- rebuilding a table that other tables refer to. The table below is the
-- only change, and the trigger that keeps a snapshot immutable stays.
PRAGMA writable_schema = ON;
UPDATE sqlite_schema
SET sql = replace(sql, 'snapshot     TEXT    NOT NULL CHECK (json_valid(snapshot)),', 'snapshot     TEXT    NOT NULL,')
WHERE type = 'table' AND name = 'submissions';
-- Any schema change bumps the schema cookie, so that every connection,
-- in this process or another, reads the schema again.
CREATE TABLE plugpub_schema_bump (x INTEGER) STRICT;
DROP TABLE plugpub_schema_bump;
PRAGMA writable_schema = RESET;
