-- Release classification after the OSI's Open Source AI Definition 1.0 (C, src/classify*.c)
-- and the licence knowledge generated from data/licenses.tsv (src/licences.c).

CREATE TYPE @extschema@.openness AS ENUM
	('open_source_ai', 'open_weights', 'restricted_weights', 'closed', 'unknown');
COMMENT ON TYPE @extschema@.openness IS 'how open an AI model release is: OSAID 1.0 open source AI, open weights, restricted weights, closed, or unknown';

-- open_data_counts is an argument, not a setting, so that the function stays IMMUTABLE.
CREATE FUNCTION @extschema@.classify_release(release jsonb, open_data_counts boolean DEFAULT true)
RETURNS @extschema@.openness
AS 'MODULE_PATHNAME', 'glossary_classify_release'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.classify_release(jsonb, boolean) IS 'classify a release card (weights_available, weights_license, weights_license_name, code_available, code_license, data_information, extra_use_policy); open_data_counts: open-data licences count as open for weights';

CREATE FUNCTION @extschema@.classify_release_explain(release jsonb, open_data_counts boolean DEFAULT true)
RETURNS jsonb
AS 'MODULE_PATHNAME', 'glossary_classify_release_explain'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.classify_release_explain(jsonb, boolean) IS 'the verdict of classify_release with one sentence per criterion and the licences as recognised';

CREATE FUNCTION @extschema@.license_info(license text,
	OUT id text, OUT name text, OUT kind text, OUT restrictions text[],
	OUT spellings text[], OUT source text, OUT note text)
RETURNS record
AS 'MODULE_PATHNAME', 'glossary_license_info'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.license_info(text) IS 'what the extension knows about a licence id, tag or name (NULL when it does not recognise it)';

CREATE FUNCTION @extschema@.licenses(
	OUT id text, OUT name text, OUT kind text, OUT restrictions text[],
	OUT spellings text[], OUT source text, OUT note text)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'glossary_licenses'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 510;
COMMENT ON FUNCTION @extschema@.licenses() IS 'every licence the release classifier knows (the SPDX License List and data/licenses.tsv)';

CREATE FUNCTION @extschema@.license_restrictions(OUT flag text, OUT meaning text)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'glossary_license_restrictions'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 15;
COMMENT ON FUNCTION @extschema@.license_restrictions() IS 'the restriction flags that license_info reports, with their meaning';
