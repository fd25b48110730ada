-- Hugging Face records: classify_hf (C) over 1,000,000 Hub-shaped model-info documents
-- (30 to 300 siblings, 10 to 50 tags each), against (a) a query that only reads the
-- fields the verdict needs (-> and jsonb_array_elements of siblings: the floor) and
-- (b) the same mapping written in PL/pgSQL, measured on the first :plrows rows with C
-- on the same rows beside it.
\if :{?hf_rows}
\else
\set hf_rows 1000000
\endif
\if :{?plrows}
\else
\set plrows 20000
\endif
\timing off

-- 2,000 distinct documents: licences (card, tag only, other + name, lists), base models
-- (Llama, Gemma, others, none), file lists (safetensors shards, .bin, GGUF only, adapter
-- only, configs only), gated and disabled; every row is one of them with its own id
CREATE UNLOGGED TABLE bench.hf_pool AS
SELECT k, jsonb_strip_nulls(jsonb_build_object(
	'_id', md5(k::text),
	'id', 'org-' || (k % 97) || '/model-' || k,
	'author', 'org-' || (k % 97),
	'sha', md5('sha' || k),
	'downloads', k * 37 % 100000,
	'likes', k % 500,
	'private', false,
	'library_name', 'transformers',
	'pipeline_tag', 'text-generation',
	'createdAt', '2024-05-01T12:00:00.000Z',
	'lastModified', '2025-01-01T12:00:00.000Z',
	'gated', (ARRAY['false', '"auto"', '"manual"', 'false', 'false'])[1 + k % 5]::jsonb,
	'disabled', CASE WHEN k % 211 = 0 THEN true ELSE false END,
	'cardData', CASE WHEN k % 9 = 0 THEN NULL ELSE jsonb_build_object(
		'license', CASE WHEN k % 31 = 0 THEN '["apache-2.0", "cc-by-nc-4.0"]'::jsonb
			ELSE to_jsonb(lic.license) END,
		'license_name', lic.license_name,
		'license_link', CASE WHEN lic.license_name IS NOT NULL THEN 'LICENSE' END,
		'base_model', base.base_model,
		'datasets', CASE WHEN k % 4 = 0 THEN '["allenai/dolma", "EleutherAI/pile"]'::jsonb END,
		'language', '["en", "fr", "de"]'::jsonb,
		'tags', '["text-generation", "conversational"]'::jsonb) END,
	'tags', (SELECT jsonb_agg(t) FROM (
		SELECT 'license:' || coalesce(lic.license, 'other') AS t
		UNION ALL SELECT 'base_model:' || base.base_model WHERE base.base_model IS NOT NULL
		UNION ALL SELECT 'base_model:finetune:' || base.base_model WHERE base.base_model IS NOT NULL
		UNION ALL SELECT 'dataset:allenai/dolma' WHERE k % 4 = 0
		UNION ALL SELECT (ARRAY['transformers', 'safetensors', 'pytorch', 'text-generation', 'conversational',
			'en', 'fr', 'de', 'region:us', 'endpoints_compatible', 'autotrain_compatible', 'llama',
			'mistral', 'qwen2', 'gemma2', 'custom_code', 'text-generation-inference', 'arxiv:2403.13784'])[1 + (k + j) % 18]
			|| CASE WHEN j >= 18 THEN '-' || j ELSE '' END
		FROM generate_series(0, 8 + (k * 13) % 38) AS j) AS tt),
	'siblings', files.siblings)) AS doc
FROM generate_series(0, 1999) AS k,
LATERAL (SELECT (ARRAY['apache-2.0', 'mit', 'llama3.1', 'gemma', 'other', 'other', 'cc-by-nc-4.0',
		'bigscience-bloom-rail-1.0', 'openrail', 'cc-by-4.0', 'unknown', 'apache-2.0', 'mit', 'llama2'])[1 + k % 14] AS license,
		CASE WHEN k % 14 IN (4, 5) THEN (ARRAY['qwen', 'mrl', 'deepseek', 'modified-mit'])[1 + k % 4] END AS license_name) AS lic,
LATERAL (SELECT (ARRAY[NULL, NULL, NULL, 'meta-llama/Llama-3.1-8B', 'google/gemma-2-9b',
		'mistralai/Mistral-7B-v0.1', 'Qwen/Qwen2.5-7B'])[1 + k % 7] AS base_model) AS base,
LATERAL (SELECT 30 + (k * 7919) % 271 AS n, k % 23 AS shape) AS sz,
LATERAL (SELECT jsonb_agg(jsonb_build_object('rfilename', f)) AS siblings FROM (
	SELECT CASE
		WHEN j = 0 THEN 'config.json'
		WHEN j = 1 THEN 'README.md'
		WHEN j = 2 THEN 'tokenizer.json'
		-- weights near the end of the list, as the Hub sorts names: shards, GGUF, an adapter, or none
		WHEN j >= sz.n - 4 AND sz.shape < 15 THEN 'model-0000' || (sz.n - j) || '-of-00004.safetensors'
		WHEN j >= sz.n - 2 AND sz.shape IN (15, 16, 17) THEN 'model-q' || j || '_k_m.gguf'
		WHEN j = sz.n - 1 AND sz.shape IN (18, 19) THEN 'adapter_model.safetensors'
		WHEN j = sz.n - 2 AND sz.shape IN (18, 19) THEN 'adapter_config.json'
		WHEN j = sz.n - 1 AND sz.shape = 20 THEN 'pytorch_model.bin'
		ELSE 'checkpoints/step-' || j || '/trainer_state.json'
	END AS f FROM generate_series(0, sz.n - 1) AS j) AS ff) AS files;

CREATE UNLOGGED TABLE bench.hf_docs (id integer, doc jsonb);
INSERT INTO bench.hf_docs
SELECT i, p.doc || jsonb_build_object('id', 'org-' || (i % 97) || '/model-' || i)
FROM generate_series(1, :hf_rows) AS i JOIN bench.hf_pool AS p ON p.k = i % 2000;
VACUUM ANALYZE bench.hf_docs;
CREATE UNLOGGED TABLE bench.hf_docs_subset AS SELECT * FROM bench.hf_docs WHERE id <= :plrows;
VACUUM ANALYZE bench.hf_docs_subset;
SELECT pg_size_pretty(pg_table_size('bench.hf_docs')) AS table_size, :hf_rows AS rows,
	round(avg(jsonb_array_length(doc -> 'siblings'))) AS avg_siblings, min(jsonb_array_length(doc -> 'siblings')) AS min_siblings,
	max(jsonb_array_length(doc -> 'siblings')) AS max_siblings, round(avg(jsonb_array_length(doc -> 'tags'))) AS avg_tags,
	min(jsonb_array_length(doc -> 'tags')) AS min_tags, max(jsonb_array_length(doc -> 'tags')) AS max_tags,
	round(avg(pg_column_size(doc))) AS avg_stored_bytes
FROM bench.hf_docs_subset;

-- (b) the same mapping in PL/pgSQL: licence table in a real table, the same spelling
-- normalisation, file names by regular expression, base models by regular expression
CREATE FUNCTION bench.hf_norm(s text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
	SELECT array_to_string(ARRAY(
		SELECT w FROM (SELECT regexp_replace(w, '^v(?=[0-9])', '') AS w
					   FROM regexp_split_to_table(lower(s), '[ \t\r\n_,/():;"''-]+') AS w) AS x
		WHERE w <> '' AND w NOT IN ('license', 'licence', 'licensed', 'agreement', 'version', 'the')), '-')
$$;
CREATE TABLE bench.hf_license_kinds (spelling text PRIMARY KEY, kind text NOT NULL);
INSERT INTO bench.hf_license_kinds
SELECT DISTINCT bench.hf_norm(s), l.kind FROM glossary.licenses() AS l, unnest(ARRAY[l.id, l.name] || l.spellings) AS s;

CREATE FUNCTION bench.hf_license_kind(lic text) RETURNS text
LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
DECLARE
	n text := bench.hf_norm(lic);
	k text;
BEGIN
	IF n IS NULL OR n IN ('', 'other', 'unknown') THEN RETURN 'not_stated'; END IF;
	SELECT kind INTO k FROM bench.hf_license_kinds WHERE spelling = n;
	RETURN coalesce(k, 'unrecognised');
END
$$;

CREATE FUNCTION bench.classify_hf_plpgsql(info jsonb) RETURNS glossary.openness
LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
DECLARE
	card jsonb := info -> 'cardData';
	s jsonb;
	t text;
	name text;
	nweights int := 0;
	nadapters int := 0;
	weights boolean;
	lic text;
	lic_name text;
	kind text;
	rank int;
	best_rank int := 99;
	tag_lic text;
	base text;
	base_tag text;
	v text;
BEGIN
	IF jsonb_typeof(info) <> 'object' THEN RAISE EXCEPTION 'model info must be a JSON object'; END IF;
	-- files
	IF info -> 'siblings' IS NOT NULL AND jsonb_typeof(info -> 'siblings') = 'array' THEN
		FOR s IN SELECT jsonb_array_elements(info -> 'siblings') LOOP
			name := lower(regexp_replace(s ->> 'rfilename', '^.*/', ''));
			IF name ~ '^adapter_model' THEN
				IF name ~ '\.(safetensors|bin|pt|pth|gguf|onnx|h5|msgpack|ckpt)$' THEN nadapters := nadapters + 1; END IF;
			ELSIF name ~ '\.(safetensors|gguf|onnx|onnx_data|onnx\.data|h5|msgpack)$'
				OR (name ~ '\.(ckpt|pt|pth)$' AND name !~ '^(optimizer|scheduler|rng_state|training_args|trainer_state)')
				OR (name ~ '\.bin$' AND name ~ 'model' AND name !~ '^(optimizer|scheduler|rng_state|training_args|trainer_state)') THEN
				nweights := nweights + 1;
			END IF;
		END LOOP;
		weights := nweights > 0 OR nadapters > 0;
	END IF;
	IF (info ->> 'disabled')::boolean THEN weights := false; END IF;
	-- licence: the card's (least open of a list), else the license: tags'; other + license_name
	IF jsonb_typeof(card -> 'license') = 'array' THEN
		FOR t IN SELECT jsonb_array_elements_text(card -> 'license') LOOP
			kind := bench.hf_license_kind(t);
			rank := CASE kind WHEN 'restricted' THEN 0 WHEN 'unrecognised' THEN 1 WHEN 'open-data' THEN 2
				WHEN 'osi-approved' THEN 3 ELSE 4 END;
			IF rank < best_rank THEN best_rank := rank; lic := t; END IF;
		END LOOP;
	ELSE
		lic := nullif(card ->> 'license', '');
	END IF;
	FOR t IN SELECT jsonb_array_elements_text(info -> 'tags') LOOP
		IF t LIKE 'license:%' AND tag_lic IS NULL THEN tag_lic := substr(t, 9); END IF;
		IF t LIKE 'base_model:%' AND t NOT SIMILAR TO 'base_model:(finetune|adapter|quantized|merge):%' AND base IS NULL THEN
			base := substr(t, 12);
		END IF;
	END LOOP;
	IF lic IS NULL THEN lic := tag_lic; END IF;
	lic_name := nullif(card ->> 'license_name', '');
	kind := bench.hf_license_kind(lic);
	IF kind = 'not_stated' AND lic_name IS NOT NULL THEN kind := bench.hf_license_kind(lic_name); END IF;
	-- base model terms that bind a derivative
	IF card ->> 'base_model' IS NOT NULL THEN base := card ->> 'base_model'; END IF;
	IF base IS NOT NULL THEN
		v := substring(lower(regexp_replace(base, '^.*/', '')) FROM '(?:^|[-_ ])llama[-_ ]?(2|3|3\.1|3\.2|3\.3|4)(?:[-_ ]|$)');
		IF v IS NOT NULL THEN base_tag := 'llama' || v;
		ELSIF lower(regexp_replace(base, '^.*/', '')) ~ '(^|[-_ ])(gemma[-_ ]?(1|1\.1|2|3|[0-9.]+b)|codegemma|recurrentgemma|shieldgemma)([-_ ]|$)' THEN
			base_tag := 'gemma';
		END IF;
	END IF;
	IF base_tag IS NOT NULL AND kind <> 'restricted' THEN kind := bench.hf_license_kind(base_tag); END IF;
	-- the rules of classify_release (code_available and extra_use_policy are never stated)
	IF weights IS NULL THEN RETURN 'unknown'; END IF;
	IF NOT weights THEN RETURN 'closed'; END IF;
	IF kind = 'restricted' THEN RETURN 'restricted_weights'; END IF;
	IF kind IN ('not_stated', 'unrecognised') THEN RETURN 'unknown'; END IF;
	RETURN 'open_weights';
END
$$;

-- both implementations agree on the subset (must be 0), and the verdict mix of the whole table
SELECT count(*) FILTER (WHERE glossary.classify_hf(doc) IS DISTINCT FROM bench.classify_hf_plpgsql(doc)) AS disagreements
FROM bench.hf_docs_subset;
SELECT glossary.classify_hf(doc) AS verdict, count(*) FROM bench.hf_docs GROUP BY 1 ORDER BY 1;

EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF)
SELECT count(*) FROM bench.hf_docs WHERE glossary.classify_hf(doc) = 'open_weights';

SELECT bench.measure($q$SELECT count(*) FROM bench.hf_docs WHERE glossary.classify_hf(doc) = 'open_weights'$q$) AS c_ms \gset
-- the floor: read the licence fields, the tags and every sibling's file name, decide nothing
SELECT bench.measure($q$SELECT count(*) FROM bench.hf_docs AS d
	WHERE num_nulls(d.doc -> 'cardData' ->> 'license', d.doc -> 'cardData' ->> 'license_name',
					d.doc -> 'cardData' ->> 'base_model', d.doc ->> 'gated', d.doc ->> 'disabled', d.doc -> 'tags') < 6
	  AND (SELECT count(s ->> 'rfilename') FROM jsonb_array_elements(d.doc -> 'siblings') AS s) > 0$q$) AS read_ms \gset
SELECT bench.measure($q$SELECT count(*) FROM bench.hf_docs_subset WHERE glossary.classify_hf(doc) = 'open_weights'$q$) AS c_subset_ms \gset
SELECT bench.measure($q$SELECT count(*) FROM bench.hf_docs_subset WHERE bench.classify_hf_plpgsql(doc) = 'open_weights'$q$, 1) AS plpgsql_subset_ms \gset

SELECT bench.report('classify_hf (C), ' || :hf_rows || ' Hub documents', :c_ms,
					'read licence, tags and siblings with -> and jsonb_array_elements', :read_ms, 'within 2x') \g /dev/null
SELECT bench.report('classify_hf (C), ' || :plrows || ' Hub documents', :c_subset_ms,
					'same mapping in PL/pgSQL, same rows', :plpgsql_subset_ms, '>= 20x faster') \g /dev/null
