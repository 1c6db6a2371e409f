-- plugpub PostgreSQL schema 2: review that helps both sides (issue 16);
-- SQLite's 0009. Notes pinned to fields of a rejected submission
-- (append-only, as events are), claims (认领) one row per submission in
-- review, the decisions' index for the statistics, and the event actions
-- claim, unclaim and note (with the orders' refuse, cancel and expire).
CREATE TABLE IF NOT EXISTS review_notes (
	submission_id bigint NOT NULL REFERENCES submissions (id),
	seq           int    NOT NULL CHECK (seq > 0),
	path          text   NOT NULL CHECK (path <> ''),
	text          text   NOT NULL CHECK (text <> ''),
	author        text   NOT NULL,
	at            bigint NOT NULL,
	PRIMARY KEY (submission_id, seq)
);
CREATE OR REPLACE FUNCTION plugpub_review_notes_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'review notes are append-only' USING ERRCODE = 'P0001';
END $$;
DROP TRIGGER IF EXISTS review_notes_no_update ON review_notes;
CREATE TRIGGER review_notes_no_update BEFORE UPDATE OR DELETE ON review_notes
	FOR EACH ROW EXECUTE FUNCTION plugpub_review_notes_append_only();
DROP TRIGGER IF EXISTS review_notes_no_truncate ON review_notes;
CREATE TRIGGER review_notes_no_truncate BEFORE TRUNCATE ON review_notes
	FOR EACH STATEMENT EXECUTE FUNCTION plugpub_review_notes_append_only();

CREATE TABLE IF NOT EXISTS review_claims (
	submission_id bigint NOT NULL PRIMARY KEY REFERENCES submissions (id),
	claimed_by    text   NOT NULL CHECK (claimed_by <> ''),
	claimed_at    bigint NOT NULL
);
CREATE INDEX IF NOT EXISTS review_claims_live ON review_claims (claimed_at, claimed_by);

CREATE INDEX IF NOT EXISTS submissions_decided ON submissions (reviewed_at, submitted_at, due_at) WHERE reviewed_at IS NOT NULL;

ALTER TABLE events DROP CONSTRAINT IF EXISTS events_action_check;
ALTER TABLE events ADD CONSTRAINT events_action_check CHECK (action IN ('create', 'add', 'submit', 'withdraw', 'approve', 'reject', 'return',
	'online', 'offline', 'release', 'supersede', 'hide', 'show', 'order', 'modify', 'refuse', 'cancel', 'expire',
	'claim', 'unclaim', 'note'));
