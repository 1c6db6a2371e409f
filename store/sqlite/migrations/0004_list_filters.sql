-- plugpub schema 4. Every list filters as it is typed into (Page.Filter),
-- and the filter reads who submitted and who reviewed, which a submission
-- row stores after its snapshot: reaching them walks the snapshot's
-- overflow pages, about 20 µs a row, so filtering the review queue's 1,418
-- rows took 40 ms and 发布管理's 2,000 of one plugin 30 ms. These indexes
-- hold every column the two filters read, in the lists' order, so a filter
-- reads an index alone and the table only for the rows of the page
-- (BenchmarkFilteredPage). They replace the two indexes they start with.
CREATE INDEX IF NOT EXISTS submissions_queue_filter ON submissions (due_at, id, plugin_id, version, submitted_by) WHERE state = 'in_review';
DROP INDEX IF EXISTS submissions_queue;
CREATE INDEX IF NOT EXISTS submissions_plugin_filter ON submissions (plugin_id, id DESC, version, state, submitted_by, reviewer);
DROP INDEX IF EXISTS submissions_plugin;
