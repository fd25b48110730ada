-- classify_hf and release_from_hf on real Hugging Face records: test/data/hf/models.jsonl
-- (38 models; each expected verdict was written by hand from the licence facts, see
-- data/hf-fixtures-sources.tsv), the rules for files, gating, disabled repositories and
-- base models, and the equality with classify_release on the release card.
\getenv abs_srcdir PG_ABS_SRCDIR
\set jsonl :abs_srcdir '/data/hf/models.jsonl'
CREATE TABLE hf_fixtures (doc jsonb NOT NULL);
COPY hf_fixtures (doc) FROM :'jsonl' WITH (FORMAT csv, QUOTE E'\x01', DELIMITER E'\x02');
CREATE VIEW fixtures AS
SELECT doc ->> 'id' AS id, (doc ->> 'expected')::glossary.openness AS expected, doc -> 'info' AS info
FROM hf_fixtures;

-- every fixture's verdict, against the verdict expected for it
SELECT id, expected, glossary.classify_hf(info) AS verdict,
	glossary.classify_hf(info) = expected AS ok
FROM fixtures ORDER BY expected, id;
SELECT expected, count(*) FROM fixtures GROUP BY 1 ORDER BY 1;

-- classify_hf equals classify_release on the release card release_from_hf builds,
-- with and without open-data licences counting (must be 0)
SELECT count(*) AS differ FROM fixtures, (VALUES (true), (false)) AS o(odc)
WHERE glossary.classify_hf(info, odc) IS DISTINCT FROM
	glossary.classify_release(glossary.release_from_hf(info) -> 'release', odc);
-- and classify_hf_explain gives the same verdict
SELECT count(*) AS differ FROM fixtures
WHERE (glossary.classify_hf_explain(info) ->> 'verdict')::glossary.openness <> glossary.classify_hf(info);

-- where each key of the card came from, for a few kinds of record
SELECT id, r -> 'release' AS release, r ->> 'repository' AS repository, r -> 'files' AS files
FROM fixtures, glossary.release_from_hf(info) AS r
WHERE id IN ('mav23/pythia-1b-GGUF', 'openai-community/gpt2', 'label:ReframeBot-SFT-Llama3.1-8B',
			 'Xenova/gpt-4', 'acme-archive/removed-model', 'Qwen/Qwen2.5-72B-Instruct')
ORDER BY id;
SELECT id, key, value FROM fixtures, glossary.release_from_hf(info) AS r, jsonb_each_text(r -> 'sources')
WHERE id IN ('mav23/pythia-1b-GGUF', 'label:ReframeBot-SFT-Llama3.1-8B', 'acme-archive/removed-model',
			 'mistralai/Mistral-Large-Instruct-2407', 'meta-llama/Llama-3.1-8B', 'google/gemma-2-9b')
	AND key IN ('weights_available', 'weights_license', 'weights_license_name', 'data_information')
ORDER BY id, key;
SELECT id, jsonb_array_elements_text(r -> 'warnings') AS warning
FROM fixtures, glossary.release_from_hf(info) AS r
WHERE id IN ('label:ReframeBot-SFT-Llama3.1-8B', 'HuggingFaceH4/zephyr-7b-beta', 'meta-llama/Llama-3.1-8B',
			 'Xenova/gpt-4', 'label:wiba-stance-llama-2-7b-lora')
ORDER BY id, warning;

-- the Hub record cannot show training code or data information; with the facts of the
-- OSI's 2024 validation added to the card, Pythia and OLMo are open source AI
SELECT id, glossary.classify_release((glossary.release_from_hf(info) -> 'release')
	|| '{"code_available": true, "code_license": "Apache-2.0", "data_information": "complete"}') AS with_osi_facts
FROM fixtures WHERE id IN ('EleutherAI/pythia-12b', 'allenai/OLMo-7B') ORDER BY id;

-- explain: the verdict, the fields it was read from, and the criteria
SELECT jsonb_pretty(e - 'sources' - 'criteria' - 'license' - 'release')
FROM fixtures, glossary.classify_hf_explain(info) AS e WHERE id = 'label:LLaMA-3.1-8B-Creativity-ITI';
SELECT e -> 'fields_used' AS fields_used, e ->> 'reason' AS reason
FROM fixtures, glossary.classify_hf_explain(info) AS e WHERE id = 'mistralai/Mistral-Large-Instruct-2407';

-- weights_available: which file names are weights
CREATE FUNCTION files_kind(files text[]) RETURNS text LANGUAGE sql AS $$
	SELECT r ->> 'repository' || ' ' || (r -> 'files')::text
	FROM glossary.release_from_hf(jsonb_build_object('siblings',
		(SELECT coalesce(jsonb_agg(jsonb_build_object('rfilename', f)), '[]') FROM unnest(files) AS f))) AS r
$$;
SELECT files, files_kind(files) FROM (VALUES
	(ARRAY['model.safetensors']),
	(ARRAY['model-00001-of-00002.safetensors', 'model-00002-of-00002.safetensors', 'model.safetensors.index.json']),
	(ARRAY['pytorch_model-00001-of-00002.bin', 'pytorch_model.bin.index.json']),
	(ARRAY['unet/diffusion_pytorch_model.bin']),
	(ARRAY['training_args.bin', 'optimizer.pt', 'scheduler.pt', 'rng_state.pth', 'trainer_state.json']),
	(ARRAY['consolidated.00.pth']),
	(ARRAY['MODEL.GGUF']),
	(ARRAY['onnx/model.onnx', 'onnx/model.onnx_data']),
	(ARRAY['tf_model.h5', 'flax_model.msgpack']),
	(ARRAY['v1-5-pruned-emaonly.ckpt', 'optimizer.ckpt']),
	(ARRAY['adapter_config.json', 'adapter_model.safetensors']),
	(ARRAY['adapter_config.json', 'adapter_model.bin', 'README.md']),
	(ARRAY['adapter_config.json']),
	(ARRAY['adapter_model.safetensors', 'model.safetensors']),
	(ARRAY['config.json', 'tokenizer.json', 'modeling_x.py', 'README.md', 'tokenizer.model', 'vocab.bin']),
	(ARRAY['model.safetensors.index.json', 'weights.safetensors.json']),
	(ARRAY[]::text[])
) AS t(files);
-- no siblings list at all: not stated, so unknown
SELECT glossary.classify_hf('{"cardData": {"license": "mit"}}'),
	glossary.classify_hf('{"cardData": {"license": "mit"}, "siblings": null}');

-- the licence: cardData.license first, then a license: tag; other + license_name;
-- a list counts by its least open licence; an empty or placeholder licence is not stated
SELECT card, r -> 'release' ->> 'weights_license' AS weights_license,
	r -> 'release' ->> 'weights_license_name' AS name, glossary.classify_hf(d) AS verdict
FROM (VALUES
	('{"cardData": {"license": "apache-2.0"}, "tags": ["license:llama2"]}'),
	('{"tags": ["license:mit", "transformers"]}'),
	('{"cardData": {}, "tags": ["license:other"]}'),
	('{"cardData": {"license": "other", "license_name": "deepseek"}}'),
	('{"cardData": {"license_name": "qwen"}}'),
	('{"cardData": {"license": "apache-2.0", "license_name": "qwen"}}'),
	('{"cardData": {"license": ["apache-2.0", "cc-by-nc-4.0"]}}'),
	('{"cardData": {"license": ["mit", "acme-licence"]}}'),
	('{"cardData": {"license": ["cc-by-4.0", "mit"]}}'),
	('{"cardData": {"license": []}}'),
	('{"cardData": {"license": ""}}'),
	('{"cardData": {"license": "unknown"}}'),
	('{"tags": ["license:apache-2.0", "license:gemma"]}')
) AS t(card), jsonb_set(card::jsonb, '{siblings}', '[{"rfilename": "model.safetensors"}]') AS d,
	glossary.release_from_hf(d) AS r;

-- gated: auto and manual are not closed; disabled is closed whatever the files say
SELECT g, glossary.classify_hf(d) AS verdict, glossary.release_from_hf(d) -> 'gated' AS gated,
	glossary.release_from_hf(d) -> 'warnings' AS warnings
FROM (VALUES ('false'), ('"auto"'), ('"manual"'), ('true'), ('null')) AS t(g),
	LATERAL (SELECT ('{"cardData": {"license": "mit"}, "siblings": [{"rfilename": "model.safetensors"}], "gated": ' || g || '}')::jsonb) AS x(d);
SELECT dis, glossary.classify_hf(('{"cardData": {"license": "mit"}, "siblings": [{"rfilename": "model.safetensors"}], "disabled": ' || dis || '}')::jsonb)
FROM (VALUES ('true'), ('false'), ('null')) AS t(dis);

-- base models: which names carry terms that bind a derivative
SELECT base, glossary.release_from_hf(jsonb_build_object('cardData', jsonb_build_object('base_model', base)))
	-> 'base_model' ->> 'binding_terms' AS binding_terms
FROM (VALUES ('meta-llama/Llama-2-7b-hf'), ('meta-llama/Meta-Llama-3-8B'), ('meta-llama/Llama-3.1-8B'),
	('meta-llama/Llama-3.2-1B-Instruct'), ('meta-llama/Llama-3.3-70B-Instruct'),
	('meta-llama/Llama-4-Scout-17B-16E'), ('NousResearch/Hermes-3-Llama-3.1-8B'), ('someone/llama2-7b-chat'),
	('unsloth/llama-3-8b-bnb-4bit'), ('TinyLlama/TinyLlama-1.1B-Chat-v1.0'), ('openlm-research/open_llama_3b'),
	('codellama/CodeLlama-7b-hf'), ('meta-llama/Llama-Guard-3-8B'), ('meta-llama/Llama-3.4-8B'),
	('google/gemma-7b'), ('google/gemma-1.1-2b-it'), ('google/gemma-2-9b'), ('google/gemma-3-4b-pt'),
	('google/codegemma-7b'), ('google/recurrentgemma-2b'), ('google/shieldgemma-2b'),
	('google/gemma-4-e4b-it'), ('google/gemma3-1b'), ('google/paligemma-3b-pt-224'),
	('mistralai/Mistral-7B-v0.1'), ('Qwen/Qwen2.5-7B'), ('llama'), (''), ('/')
) AS t(base);
-- the rule: a derivative of a Llama or Gemma model is judged by the base's terms unless its
-- own licence is restricted already; other bases keep the card's verdict, with a warning
SELECT card, r -> 'release' ->> 'weights_license' AS weights_license, glossary.classify_hf(d) AS verdict,
	jsonb_array_length(r -> 'warnings') AS warnings
FROM (VALUES
	('{"cardData": {"license": "mit", "base_model": "meta-llama/Llama-3.1-8B"}}'),
	('{"cardData": {"base_model": "google/gemma-2-9b"}}'),
	('{"cardData": {"license": "other", "license_name": "my-licence", "base_model": "google/gemma-2-9b"}}'),
	('{"cardData": {"license": "cc-by-nc-4.0", "base_model": "meta-llama/Llama-3.1-8B"}}'),
	('{"cardData": {"license": "other", "license_name": "qwen", "base_model": "meta-llama/Llama-3.1-8B"}}'),
	('{"cardData": {"license": "mit", "base_model": ["mistralai/Mistral-7B-v0.1", "google/gemma-7b"]}}'),
	('{"cardData": {"license": "mit", "base_model": "mistralai/Mistral-7B-v0.1"}}'),
	('{"cardData": {"license": "mit"}, "tags": ["base_model:adapter:meta-llama/Llama-2-7b-hf"]}'),
	('{"cardData": {"license": "mit"}, "tags": ["base_model:google/gemma-2-9b", "base_model:finetune:google/gemma-2-9b"]}')
) AS t(card), jsonb_set(card::jsonb, '{siblings}', '[{"rfilename": "model.safetensors"}]') AS d,
	glossary.release_from_hf(d) AS r;

-- datasets named make the data information partial, never complete
SELECT glossary.release_from_hf('{"cardData": {"datasets": "allenai/dolma"}}') -> 'release' ->> 'data_information',
	glossary.release_from_hf('{"tags": ["dataset:allenai/dolma", "dataset:c4"]}') -> 'sources' ->> 'data_information';

-- STRICT: NULL in, NULL out
SELECT glossary.classify_hf(NULL) IS NULL AS c, glossary.release_from_hf(NULL) IS NULL AS r,
	glossary.classify_hf_explain(NULL) IS NULL AS e, glossary.classify_hf('{}', NULL) IS NULL AS odc;

-- the database is shared with the other tests: leave nothing that depends on the extension
DROP VIEW fixtures;
DROP TABLE hf_fixtures;
DROP FUNCTION files_kind(text[]);
