-- Memory stays flat over many calls in one session: resolve, mentions and
-- classify_release are called 100,000 times, then 200,000 times, autolink
-- (which finds the entry whose body it was given) 500,000 and then
-- 1,000,000 times in one query (the other
-- set-returning functions 20,000 and 40,000 times), each measured inside
-- the query (pg_backend_memory_contexts after the calls, before the query's
-- memory is released, so a leak into per-query memory counts too), after a
-- warm-up that builds the caches.  A leak of 10 bytes per call would show
-- as 1 MB more.  generate_series() in FROM keeps its rows in a tuplestore
-- of up to work_mem, so work_mem is small here: that memory stays bounded.
SET work_mem = '64kB';
INSERT INTO glossary.categories (slug, title) VALUES ('memory-probe', 'Memory probe');
INSERT INTO glossary.entries (slug, term, category, summary, body) VALUES
	('memory-probe-alpha', 'memory probe alpha', 'memory-probe', 'First probe.', 'The memory probe alpha meets memory probe beta.'),
	('memory-probe-beta', 'memory probe beta', 'memory-probe', 'Second probe.', '');
INSERT INTO glossary.aliases VALUES ('memory-probe-alpha', 'MPA');

-- total bytes of the backend's memory contexts right after query q ran with $1 = n
CREATE FUNCTION pg_temp.bytes_after(q text, n integer) RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
	b bigint;
BEGIN
	EXECUTE 'WITH calls AS MATERIALIZED (' || q || ') '
		'SELECT (SELECT sum(total_bytes) FROM pg_backend_memory_contexts) FROM calls' INTO b USING n;
	RETURN b;
END
$$;
CREATE FUNCTION pg_temp.bytes_now() RETURNS bigint LANGUAGE sql
	AS 'SELECT sum(total_bytes) FROM pg_backend_memory_contexts';

-- hits, misses (a new label every call), ambiguity-free variants
\set resolve 'SELECT count(glossary.resolve(CASE i % 4 WHEN 0 THEN ''Memory Probe Alpha'' WHEN 1 THEN ''mpa'' WHEN 2 THEN ''memory-probe-betas'' ELSE ''no such label '' || i END)) FROM generate_series(1, $1) i'
\set mentions 'SELECT count(m.slug) FROM generate_series(1, $1) i, glossary.mentions(''The memory probe alpha (MPA) meets `memory probe beta` and memory probe betas, '' || i) m'
\set classify 'SELECT count(glossary.classify_release(jsonb_build_object(''weights_available'', i % 3 > 0, ''weights_license'', (ARRAY[''apache-2.0'', ''Llama 3.1 Community License'', ''other'', ''no such licence''])[i % 4 + 1], ''code_available'', true, ''data_information'', ''complete''))) FROM generate_series(1, $1) i'

\set autolink 'SELECT count(glossary.autolink(CASE i % 2 WHEN 0 THEN ''The memory probe alpha meets memory probe beta.'' ELSE ''MPA and memory probe beta, '' || i END, ''html'')) FROM generate_series(1, $1) i'

\set lookup 'SELECT count(m.slug) FROM generate_series(1, $1) i, glossary.lookup(CASE i % 2 WHEN 0 THEN ''MPA'' ELSE ''memory probe '' || i END) m'
\set extract_links 'SELECT count(m.target) FROM generate_series(1, $1) i, glossary.extract_links(''See [[memory-probe-alpha|the probe]] and <G term="MPA">it</G> '' || i) m'
\set backlinks 'SELECT count(m.slug) FROM generate_series(1, $1) i, glossary.backlinks(CASE i % 2 WHEN 0 THEN ''MPA'' ELSE ''memory probe beta'' END) m'

-- growth of the backend's memory between n1 and n2 calls, after a warm-up
-- that builds the caches and plans
CREATE FUNCTION pg_temp.growth(q text, n1 integer, n2 integer) RETURNS bigint LANGUAGE plpgsql AS $$
BEGIN
	PERFORM pg_temp.bytes_after(q, 1000);
	RETURN pg_temp.bytes_after(q, n2) - pg_temp.bytes_after(q, n1);
END
$$;

SELECT pg_temp.bytes_now() AS idle_before \gset
CREATE TEMP TABLE growth (f text, growth bigint);
INSERT INTO growth VALUES
	('resolve', pg_temp.growth(:'resolve', 100000, 200000)),
	('mentions', pg_temp.growth(:'mentions', 100000, 200000)),
	('classify_release', pg_temp.growth(:'classify', 100000, 200000)),
	('autolink', pg_temp.growth(:'autolink', 500000, 1000000)),
	('lookup', pg_temp.growth(:'lookup', 20000, 40000)),
	('extract_links', pg_temp.growth(:'extract_links', 20000, 40000)),
	('backlinks', pg_temp.growth(:'backlinks', 20000, 40000));
INSERT INTO growth VALUES ('idle session', pg_temp.bytes_now() - :idle_before);

-- flat: under 1 MB of growth (10 bytes a call, 50 for the 20,000-call ones);
-- the growth is shown only when it is not
SELECT f, growth < 1048576 AS flat, CASE WHEN growth >= 1048576 THEN growth END AS growth_bytes
FROM growth;

-- the calls did what they should
SELECT glossary.resolve('mpa'), glossary.resolve('memory-probe-betas');
SELECT slug, "text" FROM glossary.mentions('The memory probe alpha (MPA) meets `memory probe beta` and memory probe betas.');
-- the body of alpha is alpha's: alpha is not linked to itself, beta is
SELECT glossary.autolink('The memory probe alpha meets memory probe beta.');
-- a body two entries share is the body of both: neither is linked
UPDATE glossary.entries SET body = 'The memory probe alpha meets memory probe beta.' WHERE slug = 'memory-probe-beta';
SELECT glossary.autolink('The memory probe alpha meets memory probe beta.');
-- any other text links both; an explicit self_slug wins over the body
SELECT glossary.autolink('The memory probe alpha meets memory probe beta!');
SELECT glossary.autolink('The memory probe alpha meets memory probe beta.', self_slug => 'memory-probe-beta');

DELETE FROM glossary.entries WHERE category = 'memory-probe';
DELETE FROM glossary.categories WHERE slug = 'memory-probe';
RESET work_mem;
