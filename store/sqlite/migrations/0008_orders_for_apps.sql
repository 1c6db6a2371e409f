-- plugpub schema 8: orders for a mini program (issue 15).
--
-- A consumer registers their mini programs (apps: a 16-digit appId and a
-- name), and an order is for one of them, with a state: pending (申请中)
-- while the plugin's owner decides when its info asks 需审核, approved
-- (已通过), refused (已拒绝, with a reason) or cancelled (已取消 / 退订).
-- Expired (已超时) is computed from time by the workflow; the row says so
-- only once a newer order of the same app takes its place.
--
-- pos numbers each plugin's orders 1, 2, … in the order they are made.
--
-- The orders made before this schema were one per buyer and plugin, for no
-- mini program: they are kept as approved orders with app_id NULL; one
-- such live order per plugin and buyer.
--
-- Events gain the order actions refuse, cancel and expire. SQLite cannot
-- change a CHECK, so both tables are built again and their rows copied;
-- events keep their ids and their append-only triggers.
DROP TABLE IF EXISTS orders_new;
CREATE TABLE orders_new (
	id            INTEGER PRIMARY KEY,
	plugin_id     TEXT    NOT NULL REFERENCES plugins (id),
	consumer      TEXT    NOT NULL REFERENCES users (name),
	submission_id INTEGER NOT NULL REFERENCES submissions (id),
	at            INTEGER NOT NULL,
	title         TEXT    NOT NULL,
	app_id        TEXT             REFERENCES apps (app_id),
	state         TEXT    NOT NULL CHECK (state IN ('pending', 'approved', 'refused', 'expired', 'cancelled')),
	reason        TEXT    NOT NULL DEFAULT '' CHECK (state <> 'refused' OR reason <> ''),
	rev           INTEGER NOT NULL CHECK (rev > 0),
	updated_by    TEXT    NOT NULL,
	updated_at    INTEGER NOT NULL,
	pos           INTEGER NOT NULL CHECK (pos > 0),
	CHECK (app_id IS NOT NULL OR state IN ('approved', 'cancelled'))
) STRICT;

CREATE TABLE IF NOT EXISTS apps (
	app_id     TEXT    NOT NULL PRIMARY KEY CHECK (length(app_id) = 16 AND app_id NOT GLOB '*[^0-9]*'),
	owner      TEXT    NOT NULL REFERENCES users (name),
	name       TEXT    NOT NULL CHECK (name <> ''),
	created_at INTEGER NOT NULL
) STRICT;
CREATE INDEX IF NOT EXISTS apps_owner ON apps (owner, app_id);

INSERT INTO orders_new (id, plugin_id, consumer, submission_id, at, title, app_id, state, reason, rev, updated_by, updated_at, pos)
SELECT id, plugin_id, consumer, submission_id, at, title, NULL, 'approved', '', 1, consumer, at,
	row_number() OVER (PARTITION BY plugin_id ORDER BY id) FROM orders;
DROP TABLE orders;
ALTER TABLE orders_new RENAME TO orders;
CREATE INDEX orders_consumer ON orders (consumer, id);
-- pos is an order's place among its plugin's (1, 2, … in id order, never
-- a gap: orders are not deleted), so that a page of all of them deep in
-- the list is a seek, not an OFFSET
CREATE UNIQUE INDEX orders_plugin_pos ON orders (plugin_id, pos);
CREATE INDEX orders_plugin_state ON orders (plugin_id, state, id, at); -- covering: a page of one state, the counts
-- the pending and expired orders by when made: 已超时 is one range of it,
-- those made before the cutoff (one marked expired was made before an
-- earlier cutoff)
CREATE INDEX orders_plugin_open ON orders (plugin_id, at, id, state) WHERE state IN ('pending', 'expired');
-- one live order per plugin and mini program, and per plugin and buyer
-- for the orders made before mini programs
CREATE UNIQUE INDEX orders_live_app ON orders (plugin_id, app_id) WHERE app_id IS NOT NULL AND state IN ('pending', 'approved');
CREATE UNIQUE INDEX orders_live_buyer ON orders (plugin_id, consumer) WHERE app_id IS NULL AND state = 'approved';

DROP TABLE IF EXISTS events_new;
CREATE TABLE events_new (
	id         INTEGER PRIMARY KEY AUTOINCREMENT,
	at         INTEGER NOT NULL,
	actor      TEXT    NOT NULL,
	plugin_id  TEXT    NOT NULL REFERENCES plugins (id),
	entity     TEXT    NOT NULL CHECK (entity IN ('plugin', 'version', 'submission', 'listing', 'order')),
	key        TEXT    NOT NULL,
	action     TEXT    NOT NULL CHECK (action IN ('create', 'add', 'submit', 'withdraw', 'approve', 'reject', 'return',
		'online', 'offline', 'release', 'supersede', 'hide', 'show', 'order', 'modify', 'refuse', 'cancel', 'expire')),
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
