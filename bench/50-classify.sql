-- Release classification: classify_release (C) on 10,000,000 varied cards in one query,
-- against (a) the same rules in PL/pgSQL and (b) a query that only reads the same
-- seven jsonb keys (the floor).  PL/pgSQL is measured on the first 1,000,000 rows, with
-- C on the same rows beside it (the 10M-row run of PL/pgSQL alone would take minutes).
\if :{?rows}
\else
\set rows 10000000
\endif
\set subset 1000000
\timing off

-- the card generator: 20 licence spellings (tags, SPDX ids, names with odd case and
-- spacing), HF "other" + name, missing and null keys, all five verdicts
CREATE UNLOGGED TABLE bench.cards (id integer, card jsonb);
INSERT INTO bench.cards
SELECT i, jsonb_strip_nulls(jsonb_build_object(
	'weights_available', CASE WHEN i % 101 = 0 THEN NULL ELSE i % 13 <> 0 END,
	'weights_license', (ARRAY['apache-2.0', 'Apache 2.0', 'mit', 'MIT License', 'llama3.1', 'Llama 3.1 Community License',
		'gemma', 'other', 'other', 'cc-by-4.0', 'CC BY-NC 4.0', 'bigscience-bloom-rail-1.0', 'openrail++', 'BSD-3-Clause',
		'gpl-3.0', 'cdla-permissive-2.0', 'unknown', 'Apache License, Version 2.0', 'Acme Model Licence', 'llama2'])[1 + (i * 7) % 20],
	'weights_license_name', CASE WHEN (i * 7) % 20 IN (7, 8, 16)
		THEN (ARRAY['qwen', 'mrl', 'mnpl', 'deepseek', 'modified-mit', 'stabilityai-ai-community', 'Apache-2.0'])[1 + i % 7] END,
	'code_available', CASE WHEN i % 5 = 0 THEN NULL ELSE i % 3 = 0 END,
	'code_license', CASE WHEN i % 4 = 0 THEN (ARRAY['Apache-2.0', 'MIT', 'cc-by-nc-4.0', 'Acme'])[1 + (i / 4) % 4] END,
	'data_information', (ARRAY['complete', 'partial', 'none', NULL])[1 + (i / 3) % 4],
	'extra_use_policy', CASE WHEN i % 17 = 0 THEN true WHEN i % 2 = 0 THEN false END))
FROM generate_series(1, :rows) AS i;
VACUUM ANALYZE bench.cards;
CREATE UNLOGGED TABLE bench.cards_subset AS SELECT * FROM bench.cards WHERE id <= :subset;
VACUUM ANALYZE bench.cards_subset;
SELECT pg_size_pretty(pg_table_size('bench.cards')) AS table_size, :rows AS rows;

-- (a) the same rules in PL/pgSQL, with the licence table in a real table and the same
-- normalisation written with regexp functions
CREATE FUNCTION bench.norm(s text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
	SELECT array_to_string(ARRAY(
		SELECT w FROM (SELECT regexp_replace(w, '^v(?=[0-9])', '') AS w
					   FROM regexp_split_to_table(lower(s), '[ \t\r\n_,/():;"''-]+') AS w) AS x
		WHERE w <> '' AND w NOT IN ('license', 'licence', 'licensed', 'agreement', 'version', 'the')), '-')
$$;
CREATE TABLE bench.license_spellings (spelling text PRIMARY KEY, kind text NOT NULL);
INSERT INTO bench.license_spellings
SELECT DISTINCT bench.norm(s), l.kind FROM glossary.licenses() AS l, unnest(ARRAY[l.id, l.name] || l.spellings) AS s;

CREATE FUNCTION bench.classify_plpgsql(card jsonb, open_data_counts boolean DEFAULT true)
RETURNS glossary.openness LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
DECLARE
	k text;
	wa text; wl text; wln text; ca text; cl text; di text; eup text;
	n text; wkind text; ckind text;
BEGIN
	IF jsonb_typeof(card) <> 'object' THEN
		RAISE EXCEPTION 'release must be a JSON object';
	END IF;
	FOR k IN SELECT jsonb_object_keys(card) LOOP
		IF k NOT IN ('weights_available', 'weights_license', 'weights_license_name', 'code_available',
					 'code_license', 'data_information', 'extra_use_policy') THEN
			RAISE EXCEPTION 'unknown release key "%"', k;
		END IF;
	END LOOP;
	IF jsonb_typeof(card -> 'weights_available') NOT IN ('boolean', 'null')
	   OR jsonb_typeof(card -> 'code_available') NOT IN ('boolean', 'null')
	   OR jsonb_typeof(card -> 'extra_use_policy') NOT IN ('boolean', 'null')
	   OR jsonb_typeof(card -> 'weights_license') NOT IN ('string', 'null')
	   OR jsonb_typeof(card -> 'weights_license_name') NOT IN ('string', 'null')
	   OR jsonb_typeof(card -> 'code_license') NOT IN ('string', 'null')
	   OR jsonb_typeof(card -> 'data_information') NOT IN ('string', 'null') THEN
		RAISE EXCEPTION 'wrong type';
	END IF;
	wa := card ->> 'weights_available';
	wl := nullif(card ->> 'weights_license', '');
	wln := nullif(card ->> 'weights_license_name', '');
	ca := card ->> 'code_available';
	cl := nullif(card ->> 'code_license', '');
	di := card ->> 'data_information';
	eup := card ->> 'extra_use_policy';
	IF di NOT IN ('complete', 'partial', 'none') THEN
		RAISE EXCEPTION 'bad data_information';
	END IF;

	IF wa = 'false' THEN RETURN 'closed'; END IF;
	IF wa IS NULL THEN RETURN 'unknown'; END IF;
	n := bench.norm(wl);
	IF n IS NULL OR n IN ('', 'other', 'unknown') THEN
		n := bench.norm(wln);
	END IF;
	IF n IS NOT NULL AND n NOT IN ('', 'other', 'unknown') THEN
		SELECT kind INTO wkind FROM bench.license_spellings WHERE spelling = n;
		IF NOT FOUND THEN wkind := 'unrecognised'; END IF;
	END IF;
	IF eup = 'true' OR wkind = 'restricted' OR (wkind = 'open-data' AND NOT open_data_counts) THEN
		RETURN 'restricted_weights';
	END IF;
	IF wkind IS NULL OR wkind = 'unrecognised' THEN RETURN 'unknown'; END IF;
	IF di IS DISTINCT FROM 'complete' OR ca IS DISTINCT FROM 'true' THEN RETURN 'open_weights'; END IF;
	IF cl IS NULL THEN
		ckind := wkind;
	ELSE
		n := bench.norm(cl);
		IF n IN ('', 'other', 'unknown') THEN RETURN 'unknown'; END IF;
		SELECT kind INTO ckind FROM bench.license_spellings WHERE spelling = n;
		IF NOT FOUND THEN RETURN 'unknown'; END IF;
	END IF;
	RETURN CASE WHEN ckind = 'osi-approved' THEN 'open_source_ai' ELSE 'open_weights' END;
END
$$;

-- both implementations agree on the first 200,000 rows (must be 0), and the verdict mix
SELECT count(*) FILTER (WHERE glossary.classify_release(card) IS DISTINCT FROM bench.classify_plpgsql(card)) AS disagreements
FROM bench.cards_subset WHERE id <= 200000;
SELECT glossary.classify_release(card) AS verdict, count(*) FROM bench.cards GROUP BY 1 ORDER BY 1;

-- a parallel plan uses several workers
EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF)
SELECT count(*) FROM bench.cards WHERE glossary.classify_release(card) = 'open_source_ai';

SELECT bench.measure($q$SELECT count(*) FROM bench.cards WHERE glossary.classify_release(card) = 'open_source_ai'$q$) AS c_ms \gset
SELECT bench.measure($q$SELECT count(*) FROM bench.cards
	WHERE num_nulls(card ->> 'weights_available', card ->> 'weights_license', card ->> 'weights_license_name',
					card ->> 'code_available', card ->> 'code_license', card ->> 'data_information',
					card ->> 'extra_use_policy') = 7$q$) AS keys_ms \gset
SELECT bench.measure($q$SELECT count(*) FROM bench.cards_subset WHERE glossary.classify_release(card) = 'open_source_ai'$q$) AS c_subset_ms \gset
SELECT bench.measure($q$SELECT count(*) FROM bench.cards_subset WHERE bench.classify_plpgsql(card) = 'open_source_ai'$q$, 1) AS plpgsql_subset_ms \gset

SELECT bench.report('classify_release (C), ' || :rows || ' rows', :c_ms,
					'read the 7 keys with ->>', :keys_ms, 'within 2x') \g /dev/null
SELECT bench.report('classify_release (C), ' || :subset || ' rows', :c_subset_ms,
					'same rules in PL/pgSQL, same rows', :plpgsql_subset_ms, '>= 20x faster') \g /dev/null
