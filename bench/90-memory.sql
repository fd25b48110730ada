-- Memory over 1,000,000 calls each of resolve(), mentions() and classify_release()
-- in one session, on the glossary shipped in data/ (in a database of its own).
-- Measured with pg_backend_memory_contexts: the backend's total when idle after
-- each step, its total inside the query right after the calls (before the
-- query's memory is released, so a leak into per-query memory shows too), and
-- the glossary's own caches (the "glossary*" contexts under CacheMemoryContext,
-- and the images in the shared area when the library is preloaded).
-- Reported through bench.report with the unit MB: "time" is MB
-- after, "baseline time" MB before.
\if :{?calls}
\else
\set calls 1000000
\endif
\timing off
\set datadir :benchdir '/../data'
CREATE DATABASE bench_memory;
\c bench_memory
CREATE EXTENSION glossary;
SET client_min_messages = error;
SELECT categories AS shipped_categories FROM glossary.import_yaml(pg_read_file(:'datadir' || '/categories.yaml'), 'categories.yaml') \gset
SELECT count(*) AS shipped_entries FROM pg_ls_dir(:'datadir' || '/entries') AS f,
	LATERAL glossary.import_markdown(regexp_replace(f, '\.mdx?$', ''), pg_read_file(:'datadir' || '/entries/' || f), f)
WHERE f ~ '\.mdx?$' \gset
RESET client_min_messages;
-- generate_series() in FROM keeps its rows in a tuplestore of up to work_mem
SET work_mem = '1MB';

CREATE FUNCTION pg_temp.backend_mb() RETURNS numeric LANGUAGE sql
	AS 'SELECT round(sum(total_bytes) / 1048576.0, 2) FROM pg_backend_memory_contexts';
CREATE FUNCTION pg_temp.cache_mb() RETURNS numeric LANGUAGE sql
	AS $$SELECT round((coalesce(sum(total_bytes), 0)
		+ (SELECT coalesce(sum(bytes), 0) FROM glossary.shared_index_stats())) / 1048576.0, 2)
	FROM pg_backend_memory_contexts WHERE name LIKE 'glossary%'$$;
-- backend MB right after query q ran with $1 = n
CREATE FUNCTION pg_temp.mb_after(q text, n integer) RETURNS numeric LANGUAGE plpgsql AS $$
DECLARE
	mb numeric;
BEGIN
	EXECUTE 'WITH calls AS MATERIALIZED (' || q || ') SELECT pg_temp.backend_mb() FROM calls' INTO mb USING n;
	RETURN mb;
END
$$;
CREATE TEMP TABLE memory (step integer, what text, idle_mb numeric, in_query_mb numeric, cache_mb numeric, seconds numeric);
CREATE FUNCTION pg_temp.step(step integer, what text, q text, n integer) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
	t0 timestamptz := clock_timestamp();
	in_query numeric := CASE WHEN q IS NULL THEN NULL ELSE pg_temp.mb_after(q, n) END;
	secs numeric := round(extract(epoch FROM clock_timestamp() - t0)::numeric, 1);
BEGIN
	INSERT INTO memory VALUES (step, what, pg_temp.backend_mb(), in_query, pg_temp.cache_mb(),
		CASE WHEN q IS NULL THEN NULL ELSE secs END);
END
$$;

-- hits (terms, aliases, plurals) and misses (a new label every fourth call)
\set resolve 'SELECT count(glossary.resolve((ARRAY[''Open Weights'', ''LoRA'', ''fine-tuning'', ''RLHF'', ''OSAID'', ''open-weight models'', ''QLoRA''])[i % 7 + 1] || CASE WHEN i % 4 = 0 THEN '' no such '' || i ELSE '''' END)) FROM generate_series(1, $1) i'
\set mentions 'SELECT count(m.slug) FROM generate_series(1, $1) i, glossary.mentions(''Open weights are not open source AI under the OSAID; fine-tuning with LoRA or QLoRA and RLHF, '' || i) m'
\set classify 'SELECT count(glossary.classify_release(jsonb_build_object(''weights_available'', i % 3 > 0, ''weights_license'', (ARRAY[''apache-2.0'', ''Llama 3.1 Community License'', ''other'', ''no such licence''])[i % 4 + 1], ''code_available'', true, ''data_information'', ''complete''))) FROM generate_series(1, $1) i'

-- warm-up (caches built, plans made), a million calls of each, then each again
SELECT pg_temp.mb_after(:'resolve', 1000) + pg_temp.mb_after(:'mentions', 1000) + pg_temp.mb_after(:'classify', 1000) AS warm_mb \gset
SELECT pg_temp.step(1, 'idle, after a warm-up of 1,000 calls each', NULL, 0) AS ignored \gset
SELECT pg_temp.step(2, 'resolve() x ' || :calls, :'resolve', :calls) AS ignored \gset
SELECT pg_temp.step(3, 'mentions() x ' || :calls, :'mentions', :calls) AS ignored \gset
SELECT pg_temp.step(4, 'classify_release() x ' || :calls, :'classify', :calls) AS ignored \gset
SELECT pg_temp.step(5, 'resolve() x ' || :calls || ', again', :'resolve', :calls) AS ignored \gset
SELECT pg_temp.step(6, 'mentions() x ' || :calls || ', again', :'mentions', :calls) AS ignored \gset
SELECT pg_temp.step(7, 'classify_release() x ' || :calls || ', again', :'classify', :calls) AS ignored \gset

\echo 'memory of one backend, shipped glossary (' :shipped_entries 'entries), MB: idle total after the step, total inside the query right after the calls, glossary caches'
SELECT step, what, idle_mb, in_query_mb, cache_mb, seconds FROM memory ORDER BY step;
SELECT (SELECT idle_mb FROM memory WHERE step = 1) AS idle1, (SELECT idle_mb FROM memory WHERE step = 2) AS idle2,
	(SELECT idle_mb FROM memory WHERE step = 3) AS idle3, (SELECT idle_mb FROM memory WHERE step = 4) AS idle4,
	(SELECT idle_mb FROM memory WHERE step = 7) AS idle7, (SELECT in_query_mb FROM memory WHERE step = 3) AS mentions_in_query,
	(SELECT in_query_mb FROM memory WHERE step = 6) AS mentions_in_query_again,
	(SELECT cache_mb FROM memory WHERE step = 1) AS cache1, (SELECT cache_mb FROM memory WHERE step = 7) AS cache7 \gset

\c postgres
DROP DATABASE bench_memory;
SELECT bench.report('memory: backend MB after ' || :calls || ' resolve() calls',
		:idle2, 'MB after the warm-up', :idle1, 'flat', 'MB') AS ignored \gset
SELECT bench.report('memory: backend MB after ' || :calls || ' mentions() calls',
		:idle3, 'MB before', :idle2, 'flat', 'MB') AS ignored \gset
SELECT bench.report('memory: backend MB after ' || :calls || ' classify_release() calls',
		:idle4, 'MB before', :idle3, 'flat', 'MB') AS ignored \gset
SELECT bench.report('memory: backend MB inside the query right after ' || :calls || ' mentions() calls, second round',
		:mentions_in_query_again, 'the same, first round', :mentions_in_query, 'flat', 'MB') AS ignored \gset
SELECT bench.report('memory: backend MB idle after 2 x ' || :calls || ' calls of each',
		:idle7, 'MB after the warm-up', :idle1, 'flat', 'MB') AS ignored \gset
SELECT bench.report('memory: glossary caches MB at the end',
		:cache7, 'MB after the warm-up', :cache1, 'flat', 'MB') AS ignored \gset
