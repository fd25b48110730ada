-- The glossary shipped in data/ loads cleanly: every link resolves, every
-- category is some entry's primary category, and a second load raises no
-- warning.  Counts are checked for consistency, not hard-coded, so the
-- content can grow.
\getenv abs_srcdir PG_ABS_SRCDIR
\set datadir :abs_srcdir '/../data'
\set categories :datadir '/categories.yaml'
\set entries :datadir '/entries'

SELECT categories > 0 AS has_categories, entries, warnings
FROM glossary.import_yaml(pg_read_file(:'categories'), 'data/categories.yaml');

-- files load one by one, so a link to a file not loaded yet warns: quiet here
SET client_min_messages = error;
CREATE TEMP TABLE first_load AS
SELECT f, s.*
FROM pg_ls_dir(:'entries') AS f,
	LATERAL glossary.import_markdown(regexp_replace(f, '\.mdx?$', ''),
									 pg_read_file(:'entries' || '/' || f), 'data/entries/' || f) AS s
WHERE f ~ '\.mdx?$';
RESET client_min_messages;

-- counts agree: one entry per file, the summaries match the tables
SELECT count(*) >= 60 AS at_least_60_entries,
	count(*) = (SELECT count(*) FROM glossary.entries) AS one_entry_per_file,
	sum(aliases) = (SELECT count(*) FROM glossary.aliases) AS aliases_counted,
	sum(sources) = (SELECT count(*) FROM glossary.sources) AS sources_counted,
	sum(links) = (SELECT count(*) FROM glossary.links) AS links_counted
FROM first_load;

-- every entry has a summary, one to three sources, and links to others
SELECT slug, (SELECT count(*) FROM glossary.sources s WHERE s.entry = e.slug) AS sources
FROM glossary.entries e
WHERE (SELECT count(*) FROM glossary.sources s WHERE s.entry = e.slug) NOT BETWEEN 1 AND 3;
SELECT slug AS entry_without_links FROM glossary.entries e
WHERE NOT EXISTS (SELECT FROM glossary.links l WHERE l.entry = e.slug);
-- most entries have aliases
SELECT count(DISTINCT entry) * 2 >= (SELECT count(*) FROM glossary.entries) AS most_have_aliases
FROM glossary.aliases;

-- every link resolves
SELECT entry, target FROM glossary.links WHERE glossary.resolve(target) IS NULL ORDER BY 1, 2;
-- every category is used as a primary category
SELECT slug AS unused_category FROM glossary.categories c
WHERE NOT EXISTS (SELECT FROM glossary.entries e WHERE e.category = c.slug);

-- loading everything again, now that every entry exists: no warning at all
SELECT count(*) = (SELECT count(*) FROM first_load) AS all_files, sum(s.warnings) AS warnings
FROM pg_ls_dir(:'entries') AS f,
	LATERAL glossary.import_markdown(regexp_replace(f, '\.mdx?$', ''),
									 pg_read_file(:'entries' || '/' || f), 'data/entries/' || f) AS s
WHERE f ~ '\.mdx?$';

-- the shipped glossary survives export and re-import unchanged
SELECT glossary.export_yaml() AS shipped \gset
DELETE FROM glossary.entries;
DELETE FROM glossary.categories;
SELECT entries = (SELECT count(*) FROM first_load) AS all_entries, warnings
FROM glossary.import_yaml(:'shipped', 'export of data/');
SELECT glossary.export_yaml() = :'shipped' AS same_export;

DELETE FROM glossary.entries;
DELETE FROM glossary.categories;
