-- Import speed: glossary.import_yaml of one generated YAML document
-- (20,000 entries in 15 categories, about 3 aliases, 3 links and 1.5
-- sources per entry) into empty tables, against server-side COPY FROM a
-- file of the very same rows into the same tables (entries' links trigger,
-- foreign keys and cache-invalidation triggers fire in both).
\set n 20000
SET client_min_messages = warning;

CREATE TABLE bench.gen_categories AS
SELECT 'cat-' || c AS slug, 'Category ' || c AS title,
	CASE WHEN c <= 10 THEN 'core' ELSE 'meta' END AS tier, c AS position,
	'Generated category number ' || c || ' for the import benchmark.' AS description
FROM generate_series(1, 15) AS c;

CREATE TABLE bench.gen_entries AS
SELECT i, 'entry-' || i AS slug, 'Term ' || i AS term, 'cat-' || (1 + i % 15) AS category,
	'Generated entry number ' || i || ', a one-sentence summary of about a dozen words.' AS summary,
	'Entry ' || i || ' is explained here in a short paragraph that links to [[entry-' || (1 + (i::bigint * 7919) % :n) ||
	']] and to [[Term ' || (1 + (i::bigint * 104729) % :n) || '|a related term]].' || E'\n\n' ||
	'A second paragraph mentions <G term="entry-' || (1 + (i::bigint * 1299709) % :n) || '">another entry</G>, ' ||
	'as the glossary we model writes its links, and ends here.' AS body,
	date '2026-01-01' + (i % 300) AS updated
FROM generate_series(1, :n) AS i;

CREATE TABLE bench.gen_also AS
SELECT slug AS entry, 'cat-' || (1 + (i + 7) % 15) AS category FROM bench.gen_entries WHERE i % 2 = 0;

-- 2 to 4 aliases, 3 on average
CREATE TABLE bench.gen_aliases AS
SELECT e.slug AS entry, 'alias ' || e.i || '-' || a AS alias
FROM bench.gen_entries e, generate_series(1, 2 + e.i % 3) AS a;

-- 1 or 2 sources
CREATE TABLE bench.gen_sources AS
SELECT e.slug AS entry, s AS position, 'Source ' || s || ' about entry ' || e.i AS title,
	'https://example.org/glossary/' || e.i || '/' || s AS url,
	CASE WHEN s = 1 THEN 'Example Publisher' END AS publisher,
	CASE WHEN s = 1 THEN date '2024-10-28' END AS published
FROM bench.gen_entries e, generate_series(1, 1 + e.i % 2) AS s;

-- the same rows as one YAML document
CREATE TABLE bench.gen_doc AS
WITH al AS (SELECT entry, string_agg(alias, ', ') AS list FROM bench.gen_aliases GROUP BY entry),
src AS (SELECT entry, string_agg(format(E'      - title: %s\n        url: %s\n', title, url) ||
									 CASE WHEN publisher IS NOT NULL
										  THEN format(E'        publisher: %s\n        date: %s\n', publisher, published) ELSE '' END,
									 '' ORDER BY position) AS list
		FROM bench.gen_sources GROUP BY entry)
SELECT E'categories:\n' ||
	(SELECT string_agg(format(E'  - slug: %s\n    title: %s\n    tier: %s\n    position: %s\n    description: %s\n',
							  slug, title, tier, position, description), '' ORDER BY position)
	 FROM bench.gen_categories) ||
	E'entries:\n' ||
	string_agg(format(E'  - slug: %s\n    term: %s\n    category: %s\n%s    aliases: [%s]\n    summary: %s\n    sources:\n%s    updated: %s\n    body: |\n      %s\n',
					  e.slug, e.term, e.category,
					  coalesce(format(E'    also: [%s]\n', x.category), ''),
					  al.list, e.summary, src.list,
					  e.updated, replace(e.body, E'\n', E'\n      ')), '' ORDER BY e.i) AS doc
FROM bench.gen_entries e
	LEFT JOIN bench.gen_also x ON x.entry = e.slug
	JOIN al ON al.entry = e.slug
	JOIN src ON src.entry = e.slug;

SELECT pg_size_pretty(octet_length(doc)::bigint) AS document_size,
	(SELECT count(*) FROM bench.gen_entries) AS entries,
	(SELECT count(*) FROM bench.gen_aliases) AS aliases,
	(SELECT count(*) FROM bench.gen_sources) AS sources,
	(SELECT count(*) FROM bench.gen_also) AS secondary
FROM bench.gen_doc;

-- the COPY files, written by the server into its data directory
SELECT current_setting('data_directory') || '/bench_' AS copydir \gset
\set f :copydir 'categories.copy'
COPY bench.gen_categories (slug, title, tier, position, description) TO :'f';
\set f :copydir 'entries.copy'
COPY bench.gen_entries (slug, term, category, summary, body, updated) TO :'f';
\set f :copydir 'also.copy'
COPY bench.gen_also TO :'f';
\set f :copydir 'aliases.copy'
COPY bench.gen_aliases TO :'f';
\set f :copydir 'sources.copy'
COPY bench.gen_sources TO :'f';

CREATE FUNCTION bench.empty_glossary() RETURNS void LANGUAGE sql AS $$
	TRUNCATE glossary.links, glossary.sources, glossary.aliases, glossary.entry_categories,
		glossary.entries, glossary.categories;
$$;

-- median of 3 runs each, every run into freshly emptied tables
CREATE FUNCTION bench.time_import(kind text) RETURNS double precision LANGUAGE plpgsql AS $$
DECLARE
	t0 timestamptz;
	times double precision[] := '{}';
	r glossary.import_summary;
	dir text := current_setting('data_directory') || '/bench_';
BEGIN
	FOR run IN 1 .. 3 LOOP
		PERFORM bench.empty_glossary();
		t0 := clock_timestamp();
		IF kind = 'import_yaml' THEN
			SELECT * INTO r FROM glossary.import_yaml((SELECT doc FROM bench.gen_doc), 'bench.yaml');
			IF r.entries <> 20000 OR r.warnings <> 0 THEN
				RAISE EXCEPTION 'unexpected import summary %', r;
			END IF;
		ELSE
			EXECUTE format('COPY glossary.categories (slug, title, tier, position, description) FROM %L', dir || 'categories.copy');
			EXECUTE format('COPY glossary.entries (slug, term, category, summary, body, updated) FROM %L', dir || 'entries.copy');
			EXECUTE format('COPY glossary.entry_categories FROM %L', dir || 'also.copy');
			EXECUTE format('COPY glossary.aliases FROM %L', dir || 'aliases.copy');
			EXECUTE format('COPY glossary.sources FROM %L', dir || 'sources.copy');
		END IF;
		times := times || (extract(epoch FROM clock_timestamp() - t0) * 1000)::double precision;
	END LOOP;
	RETURN (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY t) FROM unnest(times) AS t);
END
$$;

SELECT bench.time_import('copy') AS copy_ms \gset
SELECT bench.time_import('import_yaml') AS import_ms \gset
SELECT (SELECT count(*) FROM glossary.entries) AS entries, (SELECT count(*) FROM glossary.aliases) AS aliases,
	(SELECT count(*) FROM glossary.sources) AS sources, (SELECT count(*) FROM glossary.links) AS links;
SELECT bench.report('import_yaml, 20,000 entries (one YAML document)', :import_ms,
					'COPY FROM file of the same rows', :copy_ms, 'within 3x of COPY') \gset

SELECT bench.empty_glossary() \gset
DROP TABLE bench.gen_doc, bench.gen_sources, bench.gen_aliases, bench.gen_also, bench.gen_entries, bench.gen_categories;
