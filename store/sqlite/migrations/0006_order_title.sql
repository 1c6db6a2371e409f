-- plugpub schema 6. An order keeps the title of the snapshot it ordered,
-- copied from the listing when the order is made (writer.order), so listing
-- orders reads no snapshot JSON: the store never reads a draft's schema;
-- workflow hands it the listed text. This fills the existing orders from
-- their snapshots, once.
-- SQLite cannot add a column only if it is missing, so the table is built
-- again from nothing: running this over a database that has the column
-- already (as the upgrade test's does) gives the same table. Nothing refers
-- to orders, so it can be dropped and renamed.
DROP TABLE IF EXISTS orders_new;
CREATE TABLE orders_new (
	id            INTEGER PRIMARY KEY,
	plugin_id     TEXT    NOT NULL REFERENCES plugins (id),
	consumer      TEXT    NOT NULL REFERENCES users (name),
	submission_id INTEGER NOT NULL REFERENCES submissions (id),
	at            INTEGER NOT NULL,
	-- the ordered snapshot's info.title
	title         TEXT    NOT NULL,
	UNIQUE (plugin_id, consumer)
) STRICT;
INSERT INTO orders_new (id, plugin_id, consumer, submission_id, at, title)
SELECT o.id, o.plugin_id, o.consumer, o.submission_id, o.at,
	coalesce((SELECT json_extract(s.snapshot, '$.info.title') FROM submissions s WHERE s.id = o.submission_id), '')
FROM orders o;
DROP TABLE orders;
ALTER TABLE orders_new RENAME TO orders;
CREATE INDEX orders_consumer ON orders (consumer, id);
