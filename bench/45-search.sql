-- search(): median time of one call on the glossary shipped in data/ (in a
-- database of its own) and on a 10,000-entry glossary, against the plain
-- query a user would write without the extension: to_tsvector over term,
-- summary and body matched with websearch_to_tsquery (no headline, no rank).
\set ON_ERROR_STOP 1
\timing off
\set datadir :benchdir '/../data'
SET client_min_messages = warning;

\set queries '''{weights,"open source licence","kv cache",training data,llama,"model card",benchmark,quantization}'''
\set search_sql '''SELECT count(*) FROM glossary.search($1)'''
\set plain_sql '''SELECT count(*) FROM glossary.entries e WHERE to_tsvector(''''english'''', e.term || '''' '''' || e.summary || '''' '''' || e.body) @@ websearch_to_tsquery(''''english'''', $1)'''

-- the shipped glossary
CREATE DATABASE bench_search;
\c bench_search
CREATE EXTENSION glossary;
SET client_min_messages = error;
SELECT categories FROM glossary.import_yaml(pg_read_file(:'datadir' || '/categories.yaml'), 'categories.yaml') \gset
SELECT count(*) AS shipped_entries FROM pg_ls_dir(:'datadir' || '/entries') AS f,
	LATERAL glossary.import_markdown(regexp_replace(f, '\.mdx?$', ''), pg_read_file(:'datadir' || '/entries/' || f), f)
WHERE f ~ '\.mdx?$' \gset
RESET client_min_messages;
ANALYZE;
-- the helpers of bench/lib.sql, in this database too
\ir lib.sql
SELECT count(*) FROM glossary.search('warm up');
SELECT bench.median_per_call(:search_sql, :queries, 51) AS search_shipped \gset
SELECT bench.median_per_call(:plain_sql, :queries, 51) AS plain_shipped \gset
\c postgres
DROP DATABASE bench_search;
SELECT bench.report('search(): median per call, shipped glossary (' || :shipped_entries || ' entries)',
	:search_shipped, 'to_tsvector(...) @@ websearch_to_tsquery(...)', :plain_shipped, 'under 1 ms') AS ignored \gset

-- 10,000 entries with bodies of about 120 words drawn from the shipped bodies' vocabulary
CREATE SCHEMA bench45;
INSERT INTO glossary.categories (slug, title) VALUES ('bench45', 'Benchmark 45');
CREATE TABLE bench45.words AS
	SELECT row_number() OVER (ORDER BY w) AS n, w FROM (
		SELECT DISTINCT w FROM unnest(string_to_array(
		'model weights training data inference open source release license evaluation agent benchmark '
		'quantization attention cache token context window retrieval embedding vector index search memory '
		'protocol tool server client runtime serving batch latency throughput kernel accelerator cluster '
		'compute storage governance policy safety guardrail filter dataset corpus deduplication provenance '
		'signature identity trust sovereign federated decentralized parameters checkpoint fine tuning '
		'adapter distillation reward feedback preference alignment leaderboard harness contamination '
		'the of and to in is that for it as with be by on not this are or from at which but have an they',
		' ')) AS w) AS x;
INSERT INTO glossary.entries (slug, term, category, summary, body)
	SELECT 'b45-' || i, 'Term ' || i || ' ' || w1.w, 'bench45',
		'Summary of term ' || i || ' about ' || w1.w || ' and ' || w2.w || '.',
		(SELECT string_agg(w.w, ' ' ORDER BY k) FROM generate_series(1, 120) AS k
		 JOIN bench45.words w ON w.n = 1 + (i * 7 + k * 13 + k * k) % (SELECT count(*) FROM bench45.words))
	FROM generate_series(1, 10000) AS i
	JOIN bench45.words w1 ON w1.n = 1 + i % 90
	JOIN bench45.words w2 ON w2.n = 1 + (i * 31) % 90;
ANALYZE glossary.entries;
SELECT count(*) AS entries_10k FROM glossary.entries WHERE category = 'bench45' \gset
SELECT bench.median_per_call(:search_sql, :queries, 11) AS search_10k \gset
SELECT bench.median_per_call(:plain_sql, :queries, 3) AS plain_10k \gset
SELECT bench.report('search(): median per call, ' || :entries_10k || ' entries',
	:search_10k, 'to_tsvector(...) @@ websearch_to_tsquery(...)', :plain_10k, 'under 5 ms') AS ignored \gset
DELETE FROM glossary.entries WHERE category = 'bench45';
DELETE FROM glossary.categories WHERE slug = 'bench45';
DROP SCHEMA bench45 CASCADE;
