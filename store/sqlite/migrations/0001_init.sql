-- plugpub schema 1. Every table is STRICT and every state column is checked,
-- so a bug or a hand edit cannot store a value the workflow does not know.
-- Times are INTEGER unix milliseconds UTC. rev is the row version that
-- compare-and-set updates check; it starts at 1.

-- Marks the file as ours, so Open can tell a plugpub database from any other
-- SQLite file ("PLPB").
PRAGMA application_id = 1347178562;

CREATE TABLE users (
	name  TEXT NOT NULL PRIMARY KEY CHECK (length(name) BETWEEN 1 AND 64),
	-- a comma list of roles, such as "developer,reviewer"
	roles TEXT NOT NULL CHECK (roles <> '' AND
		trim(replace(replace(replace(roles, 'developer', ''), 'reviewer', ''), 'consumer', ''), ',') = ''),
	buyer TEXT NOT NULL DEFAULT '' CHECK (buyer IN ('', 'personal', 'enterprise'))
) STRICT;

CREATE TABLE plugins (
	-- 16 digits not starting with 0: the market search index uses it as an integer rowid
	id         TEXT    NOT NULL PRIMARY KEY CHECK (length(id) = 16 AND id NOT GLOB '*[^0-9]*' AND substr(id, 1, 1) <> '0'),
	name       TEXT    NOT NULL,
	owner      TEXT    NOT NULL REFERENCES users (name),
	created_at INTEGER NOT NULL,
	rev        INTEGER NOT NULL CHECK (rev > 0),
	updated_by TEXT    NOT NULL,
	updated_at INTEGER NOT NULL
) STRICT;
CREATE INDEX plugins_owner ON plugins (owner, id);

CREATE TABLE versions (
	plugin_id    TEXT    NOT NULL REFERENCES plugins (id),
	major        INTEGER NOT NULL CHECK (major BETWEEN 0 AND 999),
	minor        INTEGER NOT NULL CHECK (minor BETWEEN 0 AND 999),
	patch        INTEGER NOT NULL CHECK (patch BETWEEN 0 AND 999),
	state        TEXT    NOT NULL CHECK (state IN ('dev', 'auditing', 'approved', 'rejected', 'online', 'offline')),
	reason       TEXT    NOT NULL DEFAULT '',
	submitted_by TEXT    NOT NULL DEFAULT '',
	created_at   INTEGER NOT NULL,
	rev          INTEGER NOT NULL CHECK (rev > 0),
	updated_by   TEXT    NOT NULL,
	updated_at   INTEGER NOT NULL,
	PRIMARY KEY (plugin_id, major, minor, patch)
) STRICT;
-- The design's "at most one version in review" and "one online version" hold
-- even against a buggy or hand-made change.
CREATE UNIQUE INDEX versions_one_in_review ON versions (plugin_id) WHERE state IN ('auditing', 'approved', 'rejected');
CREATE UNIQUE INDEX versions_one_online ON versions (plugin_id) WHERE state = 'online';

CREATE TABLE drafts (
	plugin_id  TEXT    NOT NULL PRIMARY KEY REFERENCES plugins (id),
	body       TEXT    NOT NULL CHECK (json_valid(body)), -- workflow.MarshalDraft
	rev        INTEGER NOT NULL CHECK (rev > 0),
	updated_by TEXT    NOT NULL,
	updated_at INTEGER NOT NULL
) STRICT;

CREATE TABLE logos (
	ref  TEXT NOT NULL PRIMARY KEY CHECK (ref GLOB 'sha256:*' AND length(ref) = 71),
	mime TEXT NOT NULL CHECK (mime IN ('image/png', 'image/jpeg')),
	data BLOB NOT NULL CHECK (length(data) BETWEEN 1 AND 2097152)
) STRICT;

CREATE TABLE submissions (
	id           INTEGER PRIMARY KEY AUTOINCREMENT, -- never reused, so an old id in the log stays unambiguous
	plugin_id    TEXT    NOT NULL REFERENCES plugins (id),
	version      TEXT    NOT NULL,
	state        TEXT    NOT NULL CHECK (state IN ('in_review', 'withdrawn', 'approved', 'rejected', 'listed', 'superseded')),
	snapshot     TEXT    NOT NULL CHECK (json_valid(snapshot)), -- immutable: updates never write it
	submitted_by TEXT    NOT NULL,
	submitted_at INTEGER NOT NULL,
	due_at       INTEGER NOT NULL,
	reviewer     TEXT    NOT NULL DEFAULT '',
	reviewed_at  INTEGER, -- NULL until reviewed
	reason       TEXT    NOT NULL DEFAULT '',
	rev          INTEGER NOT NULL CHECK (rev > 0),
	updated_by   TEXT    NOT NULL,
	updated_at   INTEGER NOT NULL
) STRICT;
CREATE INDEX submissions_plugin ON submissions (plugin_id, id DESC);
CREATE INDEX submissions_queue ON submissions (due_at, id) WHERE state = 'in_review';
CREATE INDEX submissions_open ON submissions (plugin_id, id) WHERE state IN ('in_review', 'approved', 'listed');
CREATE UNIQUE INDEX submissions_one_in_review ON submissions (plugin_id) WHERE state = 'in_review';
CREATE UNIQUE INDEX submissions_one_listed ON submissions (plugin_id) WHERE state = 'listed';
-- The snapshot is what a reviewer approved; nothing may change it afterwards.
CREATE TRIGGER submissions_snapshot_immutable BEFORE UPDATE OF snapshot ON submissions
WHEN NEW.snapshot IS NOT OLD.snapshot
BEGIN
	SELECT RAISE(ABORT, 'a submission snapshot is immutable');
END;

CREATE TABLE listings (
	plugin_id     TEXT    NOT NULL PRIMARY KEY REFERENCES plugins (id),
	submission_id INTEGER NOT NULL REFERENCES submissions (id),
	visibility    TEXT    NOT NULL CHECK (visibility IN ('shown', 'hidden')),
	listed_at     INTEGER NOT NULL,
	-- copied from the listed snapshot, so market lists need no JSON
	title         TEXT    NOT NULL,
	intro         TEXT    NOT NULL,
	buyers        TEXT    NOT NULL,
	rev           INTEGER NOT NULL CHECK (rev > 0),
	updated_by    TEXT    NOT NULL,
	updated_at    INTEGER NOT NULL
) STRICT;

CREATE TABLE orders (
	id            INTEGER PRIMARY KEY,
	plugin_id     TEXT    NOT NULL REFERENCES plugins (id),
	consumer      TEXT    NOT NULL REFERENCES users (name),
	submission_id INTEGER NOT NULL REFERENCES submissions (id),
	at            INTEGER NOT NULL,
	UNIQUE (plugin_id, consumer)
) STRICT;
CREATE INDEX orders_consumer ON orders (consumer, id);

CREATE TABLE events (
	id         INTEGER PRIMARY KEY AUTOINCREMENT,
	at         INTEGER NOT NULL,
	actor      TEXT    NOT NULL,
	plugin_id  TEXT    NOT NULL REFERENCES plugins (id),
	entity     TEXT    NOT NULL CHECK (entity IN ('plugin', 'version', 'submission', 'listing', 'order')),
	key        TEXT    NOT NULL,
	action     TEXT    NOT NULL CHECK (action IN ('create', 'add', 'submit', 'withdraw', 'approve', 'reject', 'return',
		'online', 'offline', 'release', 'supersede', 'hide', 'show', 'order', 'modify')),
	from_state TEXT    NOT NULL,
	to_state   TEXT    NOT NULL,
	reason     TEXT    NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX events_plugin ON events (plugin_id, id);
CREATE TRIGGER events_no_update BEFORE UPDATE ON events
BEGIN
	SELECT RAISE(ABORT, 'events are append-only');
END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
BEGIN
	SELECT RAISE(ABORT, 'events are append-only');
END;

-- Market search holds only listed and shown plugins; rowid is the plugin id.
-- Trigram finds any substring of 3 or more characters in any script.
CREATE VIRTUAL TABLE market_fts USING fts5(title, intro, description, tokenize = 'trigram');
-- Trigram cannot match 1 or 2 characters, and Chinese queries are often
-- that short (车牌), so every 1- and 2-character gram is indexed as a token too;
-- folded is the lowercased text, to confirm a short query really is a substring.
CREATE VIRTUAL TABLE market_grams USING fts5(grams, folded UNINDEXED, tokenize = 'unicode61 remove_diacritics 0');
