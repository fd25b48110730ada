-- Every rule of classify_release, and the defaults for facts that are not stated.
CREATE FUNCTION pg_temp.v(card text, open_data_counts boolean DEFAULT true) RETURNS text
LANGUAGE sql AS $$ SELECT glossary.classify_release(card::jsonb, open_data_counts)::text $$;
-- verdict and the criteria that did not pass
CREATE FUNCTION pg_temp.e(card text, open_data_counts boolean DEFAULT true) RETURNS text
LANGUAGE sql AS $$
	SELECT (x ->> 'verdict') || ' ' || (x -> 'missing')::text
	FROM glossary.classify_release_explain(card::jsonb, open_data_counts) AS x $$;

-- Rule 1: no downloadable weights -> closed, whatever else is stated
SELECT pg_temp.e('{"weights_available": false}');
SELECT pg_temp.e('{"weights_available": false, "weights_license": "apache-2.0", "code_available": true, "data_information": "complete"}');
-- not stated (absent or null) -> unknown, even with an open or a restricted licence
SELECT pg_temp.e('{}');
SELECT pg_temp.e('{"weights_available": null, "weights_license": "mit"}');
SELECT pg_temp.e('{"weights_license": "llama2"}');

-- Rule 2: licence not open, or an extra use policy -> restricted_weights
SELECT pg_temp.e('{"weights_available": true, "weights_license": "llama3.3"}');
SELECT pg_temp.e('{"weights_available": true, "weights_license": "apache-2.0", "extra_use_policy": true}');
SELECT pg_temp.e('{"weights_available": true, "weights_license": "apache-2.0", "code_available": true, "data_information": "complete", "extra_use_policy": true}');
-- an extra use policy decides even when the licence is not recognised
SELECT pg_temp.e('{"weights_available": true, "weights_license": "Some Vendor Licence", "extra_use_policy": true}');
-- a restricted licence decides whatever code and data are published
SELECT pg_temp.e('{"weights_available": true, "weights_license": "cc-by-nc-sa-4.0", "code_available": true, "code_license": "MIT", "data_information": "complete"}');

-- Rule 3: open licence + complete code under an OSI-approved licence + complete data information
SELECT pg_temp.e('{"weights_available": true, "weights_license": "mit", "code_available": true, "data_information": "complete"}');
SELECT pg_temp.e('{"weights_available": true, "weights_license": "mit", "code_available": true, "code_license": "GPL-3.0-or-later", "data_information": "complete", "extra_use_policy": false}');
-- code_license defaults to the weights licence: an open-data licence is not OSI-approved for code
SELECT pg_temp.e('{"weights_available": true, "weights_license": "cdla-permissive-2.0", "code_available": true, "data_information": "complete"}');
SELECT pg_temp.e('{"weights_available": true, "weights_license": "cdla-permissive-2.0", "code_available": true, "code_license": "apache-2.0", "data_information": "complete"}');
-- code under a restricted licence
SELECT pg_temp.e('{"weights_available": true, "weights_license": "mit", "code_available": true, "code_license": "cc-by-nc-4.0", "data_information": "complete"}');

-- Rule 4: open licence otherwise -> open_weights, and explain names what is missing
SELECT pg_temp.e('{"weights_available": true, "weights_license": "mit"}');
SELECT pg_temp.e('{"weights_available": true, "weights_license": "mit", "code_available": true, "data_information": "partial"}');
SELECT pg_temp.e('{"weights_available": true, "weights_license": "mit", "code_available": false, "data_information": "complete"}');
SELECT pg_temp.e('{"weights_available": true, "weights_license": "mit", "data_information": "none"}');
SELECT x -> 'criteria' -> 'code' ->> 'reason', x ->> 'reason'
FROM glossary.classify_release_explain('{"weights_available": true, "weights_license": "mit", "data_information": "complete"}') AS x;

-- Unrecognised or missing licences -> unknown, never a guess; explain names the licence
SELECT pg_temp.e('{"weights_available": true, "weights_license": "Acme Open Weights Licence 2"}');
SELECT x ->> 'reason', x -> 'criteria' -> 'license', x -> 'license'
FROM glossary.classify_release_explain('{"weights_available": true, "weights_license": "Acme Open Weights Licence 2"}') AS x;
SELECT pg_temp.e('{"weights_available": true}');
SELECT pg_temp.e('{"weights_available": true, "weights_license": ""}');
-- "other" and "unknown" are Hugging Face placeholders: the name is used instead
SELECT pg_temp.e('{"weights_available": true, "weights_license": "other"}');
SELECT x -> 'criteria' -> 'license' ->> 'reason'
FROM glossary.classify_release_explain('{"weights_available": true, "weights_license": "other"}') AS x;
SELECT pg_temp.v('{"weights_available": true, "weights_license": "unknown", "weights_license_name": "mrl"}');
SELECT pg_temp.v('{"weights_available": true, "weights_license": null, "weights_license_name": "Apache 2.0"}');
SELECT pg_temp.v('{"weights_available": true, "weights_license": "other", "weights_license_name": "no idea"}');
-- a real tag wins over the name
SELECT pg_temp.v('{"weights_available": true, "weights_license": "apache-2.0", "weights_license_name": "qwen"}');
-- broad families without a version are not guessed
SELECT pg_temp.v('{"weights_available": true, "weights_license": "gpl"}'), pg_temp.v('{"weights_available": true, "weights_license": "cc"}'), pg_temp.v('{"weights_available": true, "weights_license": "bsd"}');
-- an unrecognised code licence matters only when the rest passes
SELECT pg_temp.e('{"weights_available": true, "weights_license": "mit", "code_available": true, "code_license": "Acme Code Licence", "data_information": "complete"}');
SELECT pg_temp.e('{"weights_available": true, "weights_license": "mit", "code_available": true, "code_license": "Acme Code Licence", "data_information": "partial"}');
SELECT pg_temp.e('{"weights_available": true, "weights_license": "mit", "code_available": true, "code_license": "other", "data_information": "complete"}');
SELECT x -> 'criteria' -> 'code' ->> 'reason', x ->> 'reason'
FROM glossary.classify_release_explain('{"weights_available": true, "weights_license": "mit", "code_available": true, "code_license": "Acme Code Licence", "data_information": "complete"}') AS x;
SELECT pg_temp.e('{"weights_available": true, "code_available": true, "data_information": "complete"}');

-- open_data_counts: open-data licences count as open for weights by default (as MOF does)
SELECT pg_temp.v('{"weights_available": true, "weights_license": "cc-by-4.0"}') AS counted,
	   pg_temp.v('{"weights_available": true, "weights_license": "cc-by-4.0"}', false) AS not_counted;
SELECT pg_temp.v('{"weights_available": true, "weights_license": "openmdw-1.0", "code_available": true, "code_license": "MIT", "data_information": "complete"}') AS counted,
	   pg_temp.v('{"weights_available": true, "weights_license": "openmdw-1.0", "code_available": true, "code_license": "MIT", "data_information": "complete"}', false) AS not_counted;
SELECT x -> 'criteria' -> 'license' ->> 'reason', x ->> 'open_data_counts'
FROM glossary.classify_release_explain('{"weights_available": true, "weights_license": "CDLA-Permissive-2.0"}', false) AS x;
-- OSI-approved licences do not depend on it
SELECT pg_temp.v('{"weights_available": true, "weights_license": "mit"}', false);

-- the explain object has the same shape for every verdict
SELECT v, array(SELECT jsonb_object_keys(x) ORDER BY 1) AS keys,
	   array(SELECT jsonb_object_keys(x -> 'criteria') ORDER BY 1) AS criteria
FROM (VALUES ('{"weights_available": false}'), ('{"weights_available": true, "weights_license": "mit"}'),
			 ('{}'), ('{"weights_available": true, "weights_license": "gemma"}')) AS t(v),
	 LATERAL glossary.classify_release_explain(v::jsonb) AS x;
-- statuses are pass, fail or unknown only
SELECT DISTINCT c.value ->> 'status' AS status
FROM (VALUES ('{"weights_available": false}'), ('{"weights_available": true, "weights_license": "mit", "code_available": true, "code_license": "x", "data_information": "complete"}'),
			 ('{}'), ('{"weights_available": true, "weights_license": "gemma", "extra_use_policy": true}')) AS t(v),
	 LATERAL jsonb_each(glossary.classify_release_explain(v::jsonb) -> 'criteria') AS c
ORDER BY 1;

-- STRICT: SQL NULL in, NULL out
SELECT glossary.classify_release(NULL) IS NULL AS null_card,
	   glossary.classify_release('{}', NULL) IS NULL AS null_flag,
	   glossary.classify_release_explain(NULL) IS NULL AS null_explain;
