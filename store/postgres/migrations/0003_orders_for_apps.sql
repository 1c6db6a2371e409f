-- plugpub schema 3 on PostgreSQL: orders for a mini program (issue 15), as
-- SQLite schema 8 has them, with the same CHECKs. The event actions refuse,
-- cancel and expire are schema 2's already.
--
-- A consumer registers their mini programs (apps: a 16-digit appId and a
-- name), and an order is for one of them, with a state: pending (申请中)
-- while the plugin's owner decides when its info asks 需审核, approved
-- (已通过), refused (已拒绝, with a reason) or cancelled (已取消 / 退订).
-- Expired (已超时) is computed from time by the workflow; the row says so
-- only once a newer order of the same app takes its place.
--
-- The orders made before this schema were one per buyer and plugin, for no
-- mini program: they are kept as approved orders with app_id NULL; one
-- such live order per plugin and buyer.
CREATE TABLE apps (
	app_id     text   NOT NULL PRIMARY KEY CHECK (app_id ~ '^[0-9]{16}$'),
	owner      text   NOT NULL REFERENCES users (name),
	name       text   NOT NULL CHECK (name <> ''),
	created_at bigint NOT NULL
);
CREATE INDEX apps_owner ON apps (owner, app_id);

ALTER TABLE orders DROP CONSTRAINT orders_plugin_id_consumer_key;
ALTER TABLE orders
	ADD COLUMN app_id     text   REFERENCES apps (app_id),
	ADD COLUMN state      text   NOT NULL DEFAULT 'approved',
	ADD COLUMN reason     text   NOT NULL DEFAULT '',
	ADD COLUMN rev        bigint NOT NULL DEFAULT 1,
	ADD COLUMN updated_by text   NOT NULL DEFAULT '',
	ADD COLUMN updated_at bigint NOT NULL DEFAULT 0,
	ADD COLUMN pos        bigint;
UPDATE orders SET updated_by = consumer, updated_at = at;
UPDATE orders o SET pos = r.n FROM (SELECT id, row_number() OVER (PARTITION BY plugin_id ORDER BY id) AS n FROM orders) r WHERE r.id = o.id;
ALTER TABLE orders
	ALTER COLUMN pos SET NOT NULL,
	ALTER COLUMN state DROP DEFAULT,
	ALTER COLUMN rev DROP DEFAULT,
	ALTER COLUMN updated_by DROP DEFAULT,
	ALTER COLUMN updated_at DROP DEFAULT,
	ADD CONSTRAINT orders_state_check CHECK (state IN ('pending', 'approved', 'refused', 'expired', 'cancelled')),
	ADD CONSTRAINT orders_reason_check CHECK (state <> 'refused' OR reason <> ''),
	ADD CONSTRAINT orders_rev_check CHECK (rev > 0),
	ADD CONSTRAINT orders_pos_check CHECK (pos > 0),
	ADD CONSTRAINT orders_app_check CHECK (app_id IS NOT NULL OR state IN ('approved', 'cancelled'));
-- pos is an order's place among its plugin's (1, 2, … in id order, never
-- a gap), so that a page of all of them deep in the list is a seek
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
