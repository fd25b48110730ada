-- new in 1.2
-- YAML as jsonb on the loader's libyaml reader (src/yaml_jsonb.c), and the
-- Model Openness Framework class of a Model Openness Tool record (src/mof*.c).

CREATE FUNCTION @extschema@.yaml_to_jsonb(doc text)
RETURNS jsonb
AS 'MODULE_PATHNAME', 'glossary_yaml_to_jsonb'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.yaml_to_jsonb(text) IS 'one YAML document as jsonb: plain null, booleans and numbers typed (YAML 1.2 core), quoted values strings, a key written twice an error';

-- type_strict is an argument, not a setting, so that the functions stay IMMUTABLE.
CREATE FUNCTION @extschema@.mof_class(record jsonb, type_strict boolean DEFAULT false)
RETURNS integer
AS 'MODULE_PATHNAME', 'glossary_mof_class'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.mof_class(jsonb, boolean) IS 'Model Openness Framework class of a Model Openness Tool record: 1, 2, 3, or 0 for unclassified; type_strict: only licences of the type the MOF recommends for the content count';

CREATE FUNCTION @extschema@.mof_explain(record jsonb, type_strict boolean DEFAULT false,
	OUT component text, OUT content_type text, OUT required_for integer, OUT required boolean,
	OUT present boolean, OUT license text, OUT license_from text, OUT license_id text,
	OUT acceptable boolean, OUT type_appropriate boolean, OUT class_reached integer, OUT note text)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'glossary_mof_explain'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 18;
COMMENT ON FUNCTION @extschema@.mof_explain(jsonb, boolean) IS 'mof_class component by component: a row per MOF component, then a row (component NULL) with the class reached and what blocks the next';

CREATE FUNCTION @extschema@.mof_components(
	OUT component text, OUT content_type text, OUT required_for integer, OUT required boolean,
	OUT mot_id integer)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'glossary_mof_components'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 17;
COMMENT ON FUNCTION @extschema@.mof_components() IS 'the 17 components of the Model Openness Framework, their content type and the class that first lists them';
