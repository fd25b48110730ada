-- Label resolution (issue 3): resolve() over 1,000,000 labels against 10,000
-- entries and 30,000 aliases, compared with the best plain-SQL equivalent over
-- an indexed key table, and with lower() as the floor of one C call per row;
-- suggest() per call against a pg_trgm nearest-neighbour query.
-- All comparisons run in one backend without parallel workers (a parallel
-- worker builds its own label index: per-backend cost, reported separately).
\set ON_ERROR_STOP 1
SET max_parallel_workers_per_gather = 0;
SET client_min_messages = warning;

-- a pronounceable word per number (22^3 = 10648 distinct)
CREATE FUNCTION bench.word(n integer) RETURNS text LANGUAGE sql IMMUTABLE RETURN
	(ARRAY['ka','lo','mi','ne','ru','ta','vo','zi','ber','dan','fel','gor','hun','jal','kor','lin','mar','nos','pel','qui','sar','tor'])[n % 22 + 1] ||
	(ARRAY['ba','de','fi','go','hu','ja','ke','li','mo','nu','pa','re','si','to','vu','wa','xe','yo','zu','bra','cle','dro'])[(n / 22) % 22 + 1] ||
	(ARRAY['n','r','s','t','x','l','m','k','d','p','ck','nd','rt','st','lm','ng','sk','mp','nt','rd','ft','lt'])[(n / 484) % 22 + 1];

INSERT INTO glossary.categories (slug, title) VALUES ('bench', 'Bench');
CREATE TABLE bench.gen AS
	SELECT i, initcap(bench.word(i)) || '-' || bench.word((i * 37) % 10000)
		|| CASE WHEN i % 3 = 0 THEN ' model' ELSE '' END AS term
	FROM generate_series(1, 10000) i;
INSERT INTO glossary.entries (slug, term, category, summary)
	SELECT DISTINCT ON (s) s, term, 'bench', 'Summary of ' || term || '.'
	FROM (SELECT lower(regexp_replace(term, '[^a-zA-Z0-9]+', '-', 'g')) AS s, term FROM bench.gen) g;
INSERT INTO glossary.aliases (entry, alias)
	SELECT DISTINCT e.slug, a FROM glossary.entries e
	CROSS JOIN LATERAL (VALUES
		(upper(left(bench.word(length(e.slug) * 7 + ascii(e.slug)), 2)) || (abs(hashtext(e.slug)) % 100000)::text),
		(split_part(e.slug, '-', 1) || ' ' || bench.word(abs(hashtext(e.slug)) % 10000) || 'er'),
		('the ' || lower(e.term) || ' method')) v(a)
	WHERE e.category = 'bench';
SELECT count(*) AS entries FROM glossary.entries;
SELECT count(*) AS aliases FROM glossary.aliases;

-- 1,000,000 labels: 20% terms as written, 10% slugs in capitals, 10% aliases,
-- 10% aliases with underscores, 10% plurals, 10% words run together, 30% misses
CREATE TABLE bench.labels AS
	WITH e AS (SELECT row_number() OVER (ORDER BY slug) AS n, slug, term FROM glossary.entries WHERE category = 'bench'),
	a AS (SELECT row_number() OVER (ORDER BY entry, alias) AS n, alias FROM glossary.aliases)
	SELECT g, CASE g % 10
		WHEN 0 THEN e.term WHEN 1 THEN e.term
		WHEN 2 THEN upper(e.slug)
		WHEN 3 THEN lower(a.alias)
		WHEN 4 THEN replace(a.alias, ' ', '_')
		WHEN 5 THEN e.term || 's'
		WHEN 6 THEN replace(lower(e.term), '-', '')
		ELSE 'unknown ' || bench.word(g % 9973) || ' ' || (g % 1000)::text END AS label
	FROM generate_series(1, 1000000) g
	JOIN e ON e.n = g % 9001 + 1
	JOIN a ON a.n = g % 29989 + 1;
ANALYZE bench.labels;

-- The plain-SQL equivalent: the key in SQL, a table of every key (written
-- labels and the same variants) with the entry at its best level, NULL when
-- ambiguous, a unique btree on the key, and the joined-words probe on a miss.
CREATE FUNCTION bench.sql_key(label text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURN
	btrim(regexp_replace(lower(normalize(label, NFKC)), '[-_[:space:]‐‑‒–—―−]+', ' ', 'g'), ' "''`.,;:!?*');

CREATE FUNCTION bench.build_sql_keys() RETURNS bigint LANGUAGE plpgsql AS $$
BEGIN
	DROP TABLE IF EXISTS bench.label_keys;
	CREATE TABLE bench.label_keys AS
	WITH w AS (SELECT entry, level, bench.sql_key(label) AS key FROM glossary.labels),
	all_keys AS (
		SELECT key, level, entry FROM w WHERE key <> ''
		UNION SELECT replace(key, ' ', ''), 4, entry FROM w WHERE key LIKE '% %'
		UNION SELECT key || 's', 4, entry FROM w WHERE key ~ '[a-z]$' AND key !~ 's$'
		UNION SELECT left(key, -1), 4, entry FROM w WHERE key ~ '[^s]s$'
	), best AS (SELECT key, min(level) AS lv FROM all_keys GROUP BY key)
	SELECT b.key, CASE WHEN count(DISTINCT a.entry) = 1 THEN min(a.entry) END AS slug
	FROM best b JOIN all_keys a ON a.key = b.key AND a.level = b.lv GROUP BY b.key;
	CREATE UNIQUE INDEX ON bench.label_keys (key);
	ANALYZE bench.label_keys;
	RETURN (SELECT count(*) FROM bench.label_keys);
END $$;
SELECT bench.build_sql_keys() AS sql_keys;

-- time to rebuild the label index after a change (invalidation + first call)
-- bench.measure's setup for the rows that time an index build: a change to
-- every entry is more than an in-place update takes, so the next call
-- builds the label index anew (the change itself is not timed)
\set full_change '''UPDATE glossary.entries SET summary = summary'''

-- same answers?  (the SQL variants are a subset of the C ones)
SELECT count(*) FILTER (WHERE r IS NOT NULL) AS resolved_c,
	count(*) FILTER (WHERE s IS NOT NULL) AS resolved_sql,
	count(*) FILTER (WHERE r IS DISTINCT FROM s) AS differ
FROM (SELECT glossary.resolve(label) AS r,
	(SELECT CASE WHEN a.key IS NOT NULL THEN a.slug ELSE
		(SELECT b.slug FROM bench.label_keys b WHERE b.key = replace(bench.sql_key(label), ' ', '')) END
	 FROM (SELECT) x LEFT JOIN bench.label_keys a ON a.key = bench.sql_key(label)) AS s
	FROM bench.labels WHERE g % 97 = 0) t;

SELECT glossary.resolve('warm up');
SELECT bench.report('resolve() build of the label index (50k labels)',
	bench.measure('SELECT glossary.resolve(''x'')', 5, :full_change),
	'plain SQL: build the key table + btree', bench.measure('SELECT bench.build_sql_keys()', 3),
	'(one-off per backend)');

SELECT bench.measure('SELECT count(glossary.resolve(label)) FROM bench.labels') AS c_ms \gset
SELECT bench.measure('SELECT count(lower(label)) FROM bench.labels') AS lower_ms \gset
SELECT bench.measure($q$
	SELECT count(CASE WHEN a.key IS NOT NULL THEN a.slug ELSE b.slug END)
	FROM (SELECT bench.sql_key(label) AS k FROM bench.labels) l
	LEFT JOIN bench.label_keys a ON a.key = l.k
	LEFT JOIN bench.label_keys b ON a.key IS NULL AND b.key = replace(l.k, ' ', '')$q$) AS sql_join_ms \gset
SET enable_hashjoin = off;
SET enable_mergejoin = off;
SELECT bench.measure($q$
	SELECT count(CASE WHEN a.key IS NOT NULL THEN a.slug ELSE b.slug END)
	FROM (SELECT bench.sql_key(label) AS k FROM bench.labels) l
	LEFT JOIN bench.label_keys a ON a.key = l.k
	LEFT JOIN bench.label_keys b ON a.key IS NULL AND b.key = replace(l.k, ' ', '')$q$) AS sql_lateral_ms \gset
RESET enable_hashjoin;
RESET enable_mergejoin;

SELECT entries, labels, keys, pg_size_pretty(memory) AS index_memory FROM glossary.label_index_stats();
SELECT bench.report('resolve() on 1M labels', :c_ms,
	'plain SQL, index probe per row (nested loop)', :sql_lateral_ms, '>= 10x faster');
SELECT bench.report('resolve() on 1M labels', :c_ms,
	'plain SQL, planner''s choice (hash join)', :sql_join_ms, '>= 10x faster');
SELECT bench.report('resolve() on 1M labels', :c_ms,
	'lower(label) on 1M labels', :lower_ms, 'within 3x');

-- suggest(): 200 typos (transposition, deletion, insertion, doubled
-- separator removed), median per call, against pg_trgm KNN on the keys
CREATE TABLE bench.trgm_keys AS SELECT DISTINCT key FROM glossary.labels WHERE key <> '';
CREATE INDEX ON bench.trgm_keys USING gist (key gist_trgm_ops);
ANALYZE bench.trgm_keys;
CREATE TABLE bench.typos AS
	SELECT n, CASE n % 4
		WHEN 0 THEN left(t, 3) || substr(t, 5, 1) || substr(t, 4, 1) || substr(t, 6)
		WHEN 1 THEN left(t, 4) || substr(t, 6)
		WHEN 2 THEN left(t, 5) || 'x' || substr(t, 6)
		ELSE replace(t, '-', '') END AS q
	FROM (SELECT row_number() OVER (ORDER BY slug) AS n, lower(term) AS t
		  FROM glossary.entries WHERE category = 'bench' ORDER BY slug LIMIT 200) s;

\set typos 'ARRAY(SELECT q FROM bench.typos ORDER BY n)'

SELECT count(*) FILTER (WHERE found) AS typos_found, count(*) AS typos
FROM (SELECT EXISTS (SELECT FROM glossary.suggest(q) s JOIN glossary.entries e ON e.slug = s.slug
	WHERE lower(e.term) = (SELECT lower(term) FROM glossary.entries ORDER BY slug OFFSET n - 1 LIMIT 1)) AS found
	FROM bench.typos) t;
SELECT count(*) FROM glossary.suggest('warm up');
SELECT bench.report('suggest() first call after a change (index + fuzzy index build)',
	bench.measure('SELECT count(*) FROM glossary.suggest(''x'')', 5, :full_change),
	'resolve() first call after a change (index build)', bench.measure('SELECT glossary.resolve(''x'')', 5, :full_change),
	'(one-off per backend)');
SELECT entries, labels, keys, pg_size_pretty(memory) AS index_and_fuzzy_memory FROM glossary.label_index_stats();
SELECT bench.median_per_call('SELECT count(*) FROM glossary.suggest($1, 5)', :typos) AS sug_ms \gset
SELECT bench.median_per_call('SELECT count(*) FROM (SELECT key FROM bench.trgm_keys ORDER BY key <-> $1 LIMIT 5) k', :typos) AS trgm_ms \gset
SELECT bench.report('suggest() median per call', :sug_ms,
	'pg_trgm KNN (GiST, ORDER BY key <-> q LIMIT 5)', :trgm_ms, 'median < 1 ms');
