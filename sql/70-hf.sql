-- Hugging Face records as release cards: Hub model-info documents and model cards
-- (C, src/hf_*.c and src/model_card.c), classified by the rules of classify_release.
-- new in 1.2

CREATE FUNCTION @extschema@.release_from_hf(info jsonb)
RETURNS jsonb
AS 'MODULE_PATHNAME', 'glossary_release_from_hf'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.release_from_hf(jsonb) IS 'the release card (classify_release keys) of a Hugging Face Hub model-info document, with the field each key came from';

-- not STRICT: siblings (the repository's file names) may be NULL: the card alone
CREATE FUNCTION @extschema@.release_from_model_card(readme text, siblings text[] DEFAULT NULL)
RETURNS jsonb
AS 'MODULE_PATHNAME', 'glossary_release_from_model_card'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.release_from_model_card(text, text[]) IS 'the release card (classify_release keys) of a model card''s YAML front matter, and of the repository''s file names when given';

CREATE FUNCTION @extschema@.classify_hf(info jsonb, open_data_counts boolean DEFAULT true)
RETURNS @extschema@.openness
AS 'MODULE_PATHNAME', 'glossary_classify_hf'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.classify_hf(jsonb, boolean) IS 'classify a Hugging Face Hub model-info document; equals classify_release(release_from_hf(info) -> ''release'', open_data_counts)';

CREATE FUNCTION @extschema@.classify_hf_explain(info jsonb, open_data_counts boolean DEFAULT true)
RETURNS jsonb
AS 'MODULE_PATHNAME', 'glossary_classify_hf_explain'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.classify_hf_explain(jsonb, boolean) IS 'the verdict of classify_hf with the fields it was read from, warnings about base models, gating and files, and the criteria of classify_release_explain';
