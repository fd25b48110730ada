-- Scaling (issue 10) at 100,000 entries and 300,000 aliases: what a new
-- backend pays for its first resolve(), what a one-entry import followed by
-- resolve() of its new alias costs (the next statement builds the index of
-- the new version), the per-statement cost of answering from the index
-- (privileges checked and the version read once per statement), the memory
-- of several backends against one, and resolve() on 1M labels against
-- lower().  Other sessions are opened with dblink.  make bench preloads the
-- library, so the index is shared (one image per version in shared memory);
-- the per-backend index (glossary.shared_index = off) is measured beside it.
\set ON_ERROR_STOP 1
SET max_parallel_workers_per_gather = 0;
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS dblink;
CREATE SCHEMA bench35;

-- a session with the shared index, or with one of its own
CREATE FUNCTION bench35.connstr(shared boolean DEFAULT true) RETURNS text LANGUAGE sql RETURN
	format('host=%s port=%s dbname=%s options=''-c glossary.shared_index=%s''',
		split_part(current_setting('unix_socket_directories'), ',', 1),
		current_setting('port'), current_database(), CASE WHEN shared THEN 'on' ELSE 'off' END);
CREATE FUNCTION bench35.shared_mb() RETURNS double precision LANGUAGE sql RETURN
	(SELECT coalesce(sum(bytes), 0) / 1048576.0 FROM glossary.shared_index_stats());

INSERT INTO glossary.categories (slug, title) VALUES ('bench35', 'Bench 35');
INSERT INTO glossary.entries (slug, term, category, summary)
	SELECT 'b35-' || i, 'Scale term ' || i || ' ' || left(md5(i::text), 6), 'bench35', 'Summary ' || i || '.'
	FROM generate_series(1, 100000) i;
INSERT INTO glossary.aliases (entry, alias)
	SELECT 'b35-' || i, a FROM generate_series(1, 100000) i
	CROSS JOIN LATERAL (VALUES ('st' || i), ('scale alias ' || left(md5('a' || i), 8)),
		('the ' || i || ' method')) v(a);
SELECT count(*) AS entries, (SELECT count(*) FROM glossary.aliases) AS aliases FROM glossary.entries;

-- milliseconds of query q as the first statement of a new backend
CREATE FUNCTION bench35.first_call(q text, shared boolean DEFAULT true) RETURNS double precision LANGUAGE plpgsql AS $$
DECLARE
	t0 timestamptz;
	ms double precision;
BEGIN
	PERFORM dblink_connect('b35', bench35.connstr(shared));
	t0 := clock_timestamp();
	PERFORM * FROM dblink('b35', q) AS t(x text);
	ms := extract(epoch FROM clock_timestamp() - t0) * 1000;
	PERFORM dblink_disconnect('b35');
	RETURN ms;
END $$;

-- the first session to need the index builds and shares it
SELECT bench.report('first resolve() of all: builds the index and shares it, 100k entries / 300k aliases',
	bench35.first_call('SELECT glossary.resolve(''st77'')'), 'first lower() in a new backend',
	bench35.first_call('SELECT lower(''st77'')'), '');
SELECT round(bench35.shared_mb()) AS shared_index_mb_after_build;
SELECT bench.report('first resolve() in a new backend, the shared index exists',
	(SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY bench35.first_call('SELECT glossary.resolve(''st77'')')) FROM generate_series(1, 5)),
	'first lower() in a new backend',
	(SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY bench35.first_call('SELECT lower(''st77'')')) FROM generate_series(1, 5)),
	'< 1 ms');
SELECT bench.report('first resolve() in a new backend with glossary.shared_index = off (builds its own)',
	(SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY bench35.first_call('SELECT glossary.resolve(''st77'')', false)) FROM generate_series(1, 3)),
	'first lower() in a new backend',
	(SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY bench35.first_call('SELECT lower(''st77'')', false)) FROM generate_series(1, 3)),
	'');

-- in another session with a warm index: import one entry (committed), then
-- resolve its new alias in the next statement
CREATE FUNCTION bench35.import_then_resolve(runs integer, with_resolve boolean, shared boolean DEFAULT true)
	RETURNS double precision LANGUAGE plpgsql AS $$
DECLARE
	t0 timestamptz;
	times double precision[] := '{}';
	got text;
BEGIN
	PERFORM dblink_connect('b35', bench35.connstr(shared));
	PERFORM * FROM dblink('b35', 'SELECT glossary.resolve(''warm up'')') AS t(x text);
	FOR i IN 1 .. runs LOOP
		t0 := clock_timestamp();
		PERFORM * FROM dblink('b35', format($q$SELECT entries::text FROM glossary.import_markdown('b35-new-%s',
			E'---\nterm: Imported term %s\ncategory: bench35\naliases: [fresh alias %s]\nsummary: New.\n---\n')$q$,
			i, i, i)) AS t(x text);
		IF with_resolve THEN
			SELECT x INTO got FROM dblink('b35', format('SELECT glossary.resolve(%L)', 'fresh alias ' || i)) AS t(x text);
			IF got IS DISTINCT FROM 'b35-new-' || i THEN
				RAISE EXCEPTION 'resolve gave %', got;
			END IF;
		END IF;
		times := times || (extract(epoch FROM clock_timestamp() - t0) * 1000)::double precision;
		PERFORM * FROM dblink('b35', format('DELETE FROM glossary.entries WHERE slug = %L RETURNING slug', 'b35-new-' || i)) AS t(x text);
		-- the session reads again, so the next import is one change away from its index
		PERFORM * FROM dblink('b35', 'SELECT glossary.resolve(''warm up'')') AS t(x text);
	END LOOP;
	PERFORM dblink_disconnect('b35');
	RETURN (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY t) FROM unnest(times) AS t);
END $$;

SELECT bench.report('one-entry import_markdown, then resolve() of its new alias (shared index: copied, updated, shared again)',
	bench35.import_then_resolve(3, true), 'the import_markdown alone', bench35.import_then_resolve(3, false),
	'< 20 ms in total');
SELECT bench.report('one-entry import_markdown, then resolve() of its new alias (own index, updated in place)',
	bench35.import_then_resolve(3, true, false), 'the import_markdown alone', bench35.import_then_resolve(3, false, false),
	'< 20 ms in total');

-- memory of one backend's index across many small imports, each followed
-- by a resolve() of the new alias (updates leave garbage until a quarter of
-- the labels are dead, then the index is rebuilt)
CREATE FUNCTION bench35.churn(runs integer) RETURNS double precision LANGUAGE plpgsql AS $$
DECLARE
	mb double precision;
BEGIN
	FOR i IN 1 .. runs LOOP
		PERFORM * FROM dblink('churn', format($q$SELECT entries::text FROM glossary.import_markdown('b35-churn',
			E'---\nterm: Churned term\ncategory: bench35\naliases: [churn alias %s]\nsummary: Churn.\n---\n')$q$, i)) AS t(x text);
		PERFORM * FROM dblink('churn', format('SELECT glossary.resolve(%L)', 'churn alias ' || i)) AS t(x text);
	END LOOP;
	SELECT x::double precision / 1048576 INTO mb
	FROM dblink('churn', 'SELECT memory::text FROM glossary.label_index_stats()') AS t(x text);
	RETURN mb;
END $$;
SELECT dblink_connect('churn', bench35.connstr(false));
SELECT bench35.churn(5000) AS churn_5000 \gset
SELECT bench.report('own label index MB after 10,000 one-entry imports (each then resolve())', bench35.churn(5000),
	'MB after the first 5,000', :churn_5000, 'flat', 'MB');
SELECT x AS builds_during_churn FROM dblink('churn', 'SELECT builds::text FROM glossary.label_index_stats()') AS t(x text);
SELECT dblink_disconnect('churn');
-- the shared area across imports: each version's image replaces the last
SELECT dblink_connect('churn', bench35.connstr(true));
SELECT bench35.churn(100) AS churn_shared_100 \gset
SELECT bench35.shared_mb() AS shared_after_100 \gset
SELECT bench35.churn(100) AS churn_shared_200 \gset
SELECT bench.report('shared area MB after 200 one-entry imports (each then resolve())', bench35.shared_mb(),
	'MB after the first 100', :shared_after_100, 'flat', 'MB');
SELECT dblink_disconnect('churn');

-- 10,000 statements, each a new query: privileges and version once each
CREATE FUNCTION bench35.statements(q text) RETURNS double precision LANGUAGE plpgsql AS $$
DECLARE
	t0 timestamptz := clock_timestamp();
BEGIN
	FOR i IN 1 .. 10000 LOOP
		EXECUTE q USING 'st' || (i % 1000);
	END LOOP;
	RETURN extract(epoch FROM clock_timestamp() - t0) * 1000;
END $$;
SELECT glossary.resolve('warm up');
SELECT bench.report('10,000 statements of one resolve() each (warm index)',
	bench.measure($q$SELECT bench35.statements('SELECT glossary.resolve($1)')$q$),
	'10,000 statements of one lower() each', bench.measure($q$SELECT bench35.statements('SELECT lower($1)')$q$),
	'');

-- memory: backends that each called resolve(), mentions() and suggest(),
-- their pg_backend_memory_contexts and (shared index) the shared area
CREATE FUNCTION bench35.backends_mb(n integer, shared boolean DEFAULT true) RETURNS double precision LANGUAGE plpgsql AS $$
DECLARE
	total double precision := 0;
	mb double precision;
BEGIN
	FOR i IN 1 .. n LOOP
		PERFORM dblink_connect('m' || i, bench35.connstr(shared));
		PERFORM * FROM dblink('m' || i, $q$SELECT glossary.resolve('st5')
			|| (SELECT count(*) FROM glossary.mentions('the scale term 5 and st6'))
			|| (SELECT count(*) FROM glossary.suggest('scale term 12'))$q$) AS t(x text);
	END LOOP;
	FOR i IN 1 .. n LOOP
		SELECT x::double precision / 1048576 INTO mb
		FROM dblink('m' || i, 'SELECT sum(total_bytes)::text FROM pg_backend_memory_contexts') AS t(x text);
		total := total + mb;
	END LOOP;
	IF shared THEN
		total := total + bench35.shared_mb();
	END IF;
	FOR i IN 1 .. n LOOP
		PERFORM dblink_disconnect('m' || i);
	END LOOP;
	RETURN total;
END $$;
SELECT bench.report('memory of 50 backends that called resolve, mentions and suggest, shared index (contexts + shared area)',
	bench35.backends_mb(50), 'one such backend with an index of its own', bench35.backends_mb(1, false),
	'< 1.5x of one', 'MB');
SELECT bench.report('memory of 50 backends, shared index (contexts + shared area)', bench35.backends_mb(50),
	'one such backend, shared index (contexts + shared area)', bench35.backends_mb(1),
	'< 1.5x of one', 'MB');
SELECT bench.report('memory of 4 backends with indexes of their own', bench35.backends_mb(4, false),
	'one such backend', bench35.backends_mb(1, false), '', 'MB');

-- 1M labels: terms, aliases, slugs and misses
CREATE TABLE bench35.labels AS
	SELECT CASE g % 4 WHEN 0 THEN 'Scale term ' || (g % 100000 + 1) || ' ' || left(md5((g % 100000 + 1)::text), 6)
		WHEN 1 THEN 'st' || (g % 100000 + 1) WHEN 2 THEN 'B35-' || (g % 100000 + 1)
		ELSE 'no such label ' || g END AS label
	FROM generate_series(1, 1000000) g;
SELECT count(glossary.resolve(label)) AS resolved FROM bench35.labels;
SELECT bench.report('resolve() on 1M labels, 100k entries / 300k aliases, shared index',
	bench.measure('SELECT count(glossary.resolve(label)) FROM bench35.labels'),
	'lower(label) on 1M labels', bench.measure('SELECT count(lower(label)) FROM bench35.labels'),
	'within 1.5x');
SET glossary.shared_index = off;
SELECT count(glossary.resolve(label)) AS resolved FROM bench35.labels;
SELECT bench.report('resolve() on 1M labels, 100k entries / 300k aliases, own index',
	bench.measure('SELECT count(glossary.resolve(label)) FROM bench35.labels'),
	'lower(label) on 1M labels', bench.measure('SELECT count(lower(label)) FROM bench35.labels'),
	'within 1.5x');
RESET glossary.shared_index;
SELECT entries, labels, keys, pg_size_pretty(memory) AS index_memory FROM glossary.label_index_stats();

DELETE FROM glossary.entries WHERE category = 'bench35';
DELETE FROM glossary.categories WHERE slug = 'bench35';
DROP SCHEMA bench35 CASCADE;
