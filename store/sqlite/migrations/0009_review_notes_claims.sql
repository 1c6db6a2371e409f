-- plugpub schema 9: review that helps both sides (issue 16).
--
-- A reviewer's notes pinned to fields of a rejected submission: written
-- with the 驳回 and never changed, so the table is append-only as events are.
-- A claim (认领) on a submission in review: one row per submission, written
-- in the transaction that bumps the submission's rev, deleted when the
-- claim is given up or the review ends. Whether a claim is still live (it
-- lapses after two hours) is computed from claimed_at by whoever reads it.
-- Events gain the actions claim, unclaim and note (and keep the orders'
-- refuse, cancel and expire of schema 8): SQLite cannot change a CHECK, so
-- the table is built again and its rows copied, keeping ids and triggers.
-- Everything here can run again over a database that has it (the upgrade
-- test does).
CREATE TABLE IF NOT EXISTS review_notes (
	submission_id INTEGER NOT NULL REFERENCES submissions (id),
	seq           INTEGER NOT NULL CHECK (seq > 0),
	path          TEXT    NOT NULL CHECK (path <> ''),
	text          TEXT    NOT NULL CHECK (text <> ''),
	author        TEXT    NOT NULL,
	at            INTEGER NOT NULL,
	PRIMARY KEY (submission_id, seq)
) STRICT, WITHOUT ROWID;
DROP TRIGGER IF EXISTS review_notes_no_update;
CREATE TRIGGER review_notes_no_update BEFORE UPDATE ON review_notes
BEGIN
	SELECT RAISE(ABORT, 'review notes are append-only');
END;
DROP TRIGGER IF EXISTS review_notes_no_delete;
CREATE TRIGGER review_notes_no_delete BEFORE DELETE ON review_notes
BEGIN
	SELECT RAISE(ABORT, 'review notes are append-only');
END;

CREATE TABLE IF NOT EXISTS review_claims (
	submission_id INTEGER NOT NULL PRIMARY KEY REFERENCES submissions (id),
	claimed_by    TEXT    NOT NULL CHECK (claimed_by <> ''),
	claimed_at    INTEGER NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS review_claims_live ON review_claims (claimed_at, claimed_by);

-- the statistics' decisions of the last days, read from the index alone
CREATE INDEX IF NOT EXISTS submissions_decided ON submissions (reviewed_at, submitted_at, due_at) WHERE reviewed_at IS NOT NULL;

DROP TABLE IF EXISTS events_new;
CREATE TABLE events_new (
	id         INTEGER PRIMARY KEY AUTOINCREMENT,
	at         INTEGER NOT NULL,
	actor      TEXT    NOT NULL,
	plugin_id  TEXT    NOT NULL REFERENCES plugins (id),
	entity     TEXT    NOT NULL CHECK (entity IN ('plugin', 'version', 'submission', 'listing', 'order')),
	key        TEXT    NOT NULL,
	action     TEXT    NOT NULL CHECK (action IN ('create', 'add', 'submit', 'withdraw', 'approve', 'reject', 'return',
		'online', 'offline', 'release', 'supersede', 'hide', 'show', 'order', 'modify', 'refuse', 'cancel', 'expire',
		'claim', 'unclaim', 'note')),
	from_state TEXT    NOT NULL,
	to_state   TEXT    NOT NULL,
	reason     TEXT    NOT NULL DEFAULT ''
) STRICT;
INSERT INTO events_new SELECT id, at, actor, plugin_id, entity, key, action, from_state, to_state, reason FROM events;
DROP TABLE events;
ALTER TABLE events_new RENAME TO events;
CREATE INDEX events_plugin ON events (plugin_id, id);
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
BEGIN
	SELECT RAISE(ABORT, 'events are append-only');
END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
BEGIN
	SELECT RAISE(ABORT, 'events are append-only');
END;
