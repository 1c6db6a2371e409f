-- plugpub schema 2. The gram index keeps the title, the intro and the
-- description apart, as the trigram index does, so that search can list the
-- listings with the query in their title first, then in their intro, then
-- in their description, each in plugin id order, by walking the indexes and
-- stopping at the end of the page instead of ranking every match. It is
-- rebuilt from market_fts, which holds the same text of the same (shown)
-- listings; plugpub_grams and plugpub_fold are the Go functions the store
-- indexes new listings with (search.go).
DROP TABLE market_grams;
CREATE VIRTUAL TABLE market_grams USING fts5(title, intro, description, folded UNINDEXED, tokenize = 'unicode61 remove_diacritics 0');
INSERT INTO market_grams (rowid, title, intro, description, folded)
	SELECT rowid, plugpub_grams(title), plugpub_grams(intro), plugpub_grams(description),
		plugpub_fold(title || char(10) || intro || char(10) || description)
	FROM market_fts;
