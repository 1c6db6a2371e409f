-- plugpub schema 5. The plugins list filters on a plugin's id, name and
-- owner, and the review queue on its id and name, as a case-insensitive
-- substring (LIKE '%q%', which folds ASCII letters only). Testing each of
-- 10,000 names cost 2 ms a statement, and a filtered page 10 to 20 ms
-- (BenchmarkFilteredPage). Two indexes of the id and the name answer it
-- from the matches alone, each exactly, with no row to confirm:
--   plugin_grams: every character and every pair of adjacent characters
--     of both texts (lower() folds ASCII letters only, as LIKE does), one
--     row per gram and plugin: a filter of one or two characters is one
--     gram.
--   plugin_trigrams: the same texts in an FTS5 trigram index, which
--     matches a phrase of three characters or more exactly as a substring
--     (case_sensitive 1, as the texts are folded already).
-- The owner is not indexed: it is a user (a foreign key), so the store
-- asks the few users instead (read.go).
-- Triggers keep both in step with every write of a plugin row, from any
-- writer; plugin_gram_rows is the one definition of the grams that they
-- and this migration share.

-- It starts from nothing, so that running it over a database that has
-- these already (as the upgrade test's does) builds them afresh.
DROP TRIGGER IF EXISTS plugins_filter_insert;
DROP TRIGGER IF EXISTS plugins_filter_forget;
DROP TRIGGER IF EXISTS plugins_filter_update;
DROP TRIGGER IF EXISTS plugins_filter_delete;
DROP VIEW IF EXISTS plugin_gram_rows;
DROP TABLE IF EXISTS plugin_grams;
DROP TABLE IF EXISTS plugin_trigrams;

CREATE TABLE plugin_grams (
	gram      TEXT NOT NULL,
	plugin_id TEXT NOT NULL,
	PRIMARY KEY (gram, plugin_id)
) STRICT, WITHOUT ROWID;

-- The grams of every plugin: t is its two texts, j numbers the characters
-- of each (key 0, 1, … of a list of length(text) zeros), as a trigger may
-- not use WITH. A WHERE on plugin_id reaches the one plugins row.
CREATE VIEW plugin_gram_rows AS
SELECT DISTINCT p.id AS plugin_id, substr(t.value, j.key + 1, w.len) AS gram
FROM plugins p,
	json_each(json_array(p.id, lower(p.name))) t,
	json_each('[' || rtrim(replace(hex(zeroblob(length(t.value))), '00', '0,'), ',') || ']') j,
	(SELECT 1 AS len UNION ALL SELECT 2) w
WHERE j.key + w.len <= length(t.value);

CREATE VIRTUAL TABLE plugin_trigrams USING fts5(id, name, tokenize = 'trigram case_sensitive 1');

INSERT INTO plugin_grams (gram, plugin_id) SELECT gram, plugin_id FROM plugin_gram_rows;
INSERT INTO plugin_trigrams (rowid, id, name) SELECT CAST(id AS INTEGER), id, lower(name) FROM plugins;

CREATE TRIGGER plugins_filter_insert AFTER INSERT ON plugins
BEGIN
	INSERT INTO plugin_grams (gram, plugin_id) SELECT gram, plugin_id FROM plugin_gram_rows WHERE plugin_id = NEW.id;
	INSERT INTO plugin_trigrams (rowid, id, name) VALUES (CAST(NEW.id AS INTEGER), NEW.id, lower(NEW.name));
END;
-- Before a change the view still shows the old grams, which are exactly
-- the rows to delete (found by their key, not by a scan).
CREATE TRIGGER plugins_filter_forget BEFORE UPDATE OF id, name ON plugins
BEGIN
	DELETE FROM plugin_grams WHERE plugin_id = OLD.id AND gram IN (SELECT gram FROM plugin_gram_rows WHERE plugin_id = OLD.id);
	DELETE FROM plugin_trigrams WHERE rowid = CAST(OLD.id AS INTEGER);
END;
CREATE TRIGGER plugins_filter_update AFTER UPDATE OF id, name ON plugins
BEGIN
	INSERT INTO plugin_grams (gram, plugin_id) SELECT gram, plugin_id FROM plugin_gram_rows WHERE plugin_id = NEW.id;
	INSERT INTO plugin_trigrams (rowid, id, name) VALUES (CAST(NEW.id AS INTEGER), NEW.id, lower(NEW.name));
END;
CREATE TRIGGER plugins_filter_delete BEFORE DELETE ON plugins
BEGIN
	DELETE FROM plugin_grams WHERE plugin_id = OLD.id AND gram IN (SELECT gram FROM plugin_gram_rows WHERE plugin_id = OLD.id);
	DELETE FROM plugin_trigrams WHERE rowid = CAST(OLD.id AS INTEGER);
END;
