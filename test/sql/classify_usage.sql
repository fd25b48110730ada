-- classify_release where the planner and the catalog care: volatility markings,
-- a generated column, a CHECK constraint, an index expression and a parallel scan.
SELECT p.proname, p.provolatile, p.proparallel, p.proisstrict
FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
WHERE n.nspname = 'glossary' AND p.proname IN ('classify_release', 'classify_release_explain', 'license_info', 'licenses', 'license_restrictions')
ORDER BY 1;
SELECT enum_range(NULL::glossary.openness);

-- a generated column holding the verdict
CREATE TABLE model_releases (
	name text PRIMARY KEY,
	card jsonb NOT NULL,
	verdict glossary.openness GENERATED ALWAYS AS (glossary.classify_release(card)) STORED
);
INSERT INTO model_releases (name, card) VALUES
	('OLMo-7B', '{"weights_available": true, "weights_license": "apache-2.0", "code_available": true, "data_information": "complete"}'),
	('Llama-3.1-8B', '{"weights_available": true, "weights_license": "llama3.1", "extra_use_policy": true}'),
	('Mixtral-8x7B', '{"weights_available": true, "weights_license": "apache-2.0"}'),
	('GPT-4', '{"weights_available": false}');
SELECT name, verdict FROM model_releases ORDER BY verdict, name;
-- the column follows the card
UPDATE model_releases SET card = card || '{"weights_license": "cc-by-nc-4.0"}' WHERE name = 'Mixtral-8x7B';
SELECT name, verdict FROM model_releases WHERE name = 'Mixtral-8x7B';
-- a bad card is refused with the classifier's error, and nothing changes
INSERT INTO model_releases (name, card) VALUES ('bad', '{"weights_licence": "mit"}');
UPDATE model_releases SET card = '[]' WHERE name = 'GPT-4';
SELECT count(*), count(*) FILTER (WHERE verdict = 'closed') AS closed FROM model_releases;

-- a CHECK constraint: only releases with a known verdict
CREATE TABLE curated (card jsonb CHECK (glossary.classify_release(card) <> 'unknown'));
INSERT INTO curated VALUES ('{"weights_available": true, "weights_license": "mit"}');
INSERT INTO curated VALUES ('{"weights_available": true, "weights_license": "Acme Licence"}');
-- with open-data licences not counted, as a table policy
CREATE TABLE strict_open (card jsonb CHECK (glossary.classify_release(card, false) IN ('open_source_ai', 'open_weights')));
INSERT INTO strict_open VALUES ('{"weights_available": true, "weights_license": "apache-2.0"}');
INSERT INTO strict_open VALUES ('{"weights_available": true, "weights_license": "cc-by-4.0"}');

-- an index expression
CREATE TABLE cards AS
SELECT i AS id,
	   jsonb_build_object('weights_available', i % 10 <> 0,
						  'weights_license', (ARRAY['apache-2.0', 'mit', 'llama3.1', 'gemma', 'other', 'cc-by-4.0', 'Acme'])[1 + i % 7],
						  'weights_license_name', CASE WHEN i % 7 = 4 THEN 'qwen' END,
						  'code_available', i % 3 = 0,
						  'data_information', (ARRAY['complete', 'partial', 'none'])[1 + i % 3],
						  'extra_use_policy', i % 11 = 0) AS card
FROM generate_series(1, 20000) AS i;
CREATE INDEX cards_verdict_idx ON cards ((glossary.classify_release(card)));
ANALYZE cards;
SET enable_seqscan = off;
EXPLAIN (COSTS OFF) SELECT count(*) FROM cards WHERE glossary.classify_release(card) = 'open_source_ai';
SELECT count(*) FROM cards WHERE glossary.classify_release(card) = 'open_source_ai';
RESET enable_seqscan;
SELECT count(*) FROM cards WHERE glossary.classify_release(card) = 'open_source_ai';

-- a parallel plan, and its result equals the serial one
CREATE TABLE serial_result AS
SELECT glossary.classify_release(card) AS verdict, count(*) AS n FROM cards GROUP BY 1;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
EXPLAIN (COSTS OFF) SELECT glossary.classify_release(card) AS verdict, count(*) FROM cards GROUP BY 1;
-- the scans and workers of a plan, without the nodes above them or row
-- counts: since 16 a DISTINCT aggregate sorts below the Gather (1349d2790bf),
-- and 18 prints averaged rows with decimals (95dbd827f2) and buffers
CREATE FUNCTION parallel_facts(query text, run boolean DEFAULT false) RETURNS SETOF text
LANGUAGE plpgsql AS $$
DECLARE
	line text;
BEGIN
	FOR line IN EXECUTE format('EXPLAIN (COSTS OFF%s) %s',
		CASE WHEN run THEN ', ANALYZE, TIMING OFF, SUMMARY OFF, BUFFERS OFF' END, query)
	LOOP
		line := regexp_replace(btrim(line), '^->  | \(actual [^)]*\)', '', 'g');
		IF line ~ 'Scan|^Workers|^Filter:' THEN
			RETURN NEXT line;
		END IF;
	END LOOP;
END
$$;
SELECT parallel_facts($$SELECT count(*) FROM cards WHERE glossary.classify_release(card) = 'restricted_weights'$$, run => true);
CREATE TEMP TABLE parallel_result AS
SELECT glossary.classify_release(card) AS verdict, count(*) AS n FROM cards GROUP BY 1;
SELECT verdict, n FROM parallel_result ORDER BY verdict;
(SELECT * FROM parallel_result EXCEPT SELECT * FROM serial_result)
UNION ALL
(SELECT * FROM serial_result EXCEPT SELECT * FROM parallel_result);
-- explain runs in workers too
SELECT parallel_facts($$SELECT count(DISTINCT glossary.classify_release_explain(card) ->> 'reason') FROM cards$$);
SELECT count(DISTINCT glossary.classify_release_explain(card) ->> 'reason') FROM cards;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;

DROP TABLE model_releases, curated, strict_open, cards, serial_result;
DROP FUNCTION parallel_facts(text, boolean);

-- the per-backend cache of enum label OIDs survives DROP and CREATE EXTENSION in one session
SELECT current_database() AS regress_db \gset
CREATE DATABASE classify_cache_test;
\c classify_cache_test
CREATE EXTENSION glossary;
SELECT glossary.classify_release('{"weights_available": true, "weights_license": "mit"}');
DROP EXTENSION glossary;
CREATE EXTENSION glossary;
SELECT glossary.classify_release('{"weights_available": true, "weights_license": "mit"}');
SELECT glossary.classify_release('{"weights_available": false}')::text;
\c :regress_db
DROP DATABASE classify_cache_test;
