-- Bad Hub documents: a clear error naming the field, or a documented verdict; never a crash.
\set VERBOSITY default
-- not an object
SELECT glossary.classify_hf('[]');
SELECT glossary.classify_hf('"gpt2"');
SELECT glossary.release_from_hf('42');
SELECT glossary.classify_hf_explain('null');
-- an empty object, and unknown fields: read nothing, unknown
SELECT glossary.classify_hf('{}'), glossary.classify_hf('{"downloads": 5, "likes": [1], "config": {"a": {"b": [1, 2]}}}');
-- wrong types in every field read
SELECT glossary.classify_hf('{"id": 5}');
SELECT glossary.classify_hf('{"cardData": "apache-2.0"}');
SELECT glossary.classify_hf('{"cardData": []}');
SELECT glossary.classify_hf('{"cardData": {"license": 2}}');
SELECT glossary.classify_hf('{"cardData": {"license": {"id": "mit"}}}');
SELECT glossary.classify_hf('{"cardData": {"license": ["mit", 2]}}');
SELECT glossary.classify_hf('{"cardData": {"license": ["mit", ["apache-2.0"]]}}');
SELECT glossary.classify_hf('{"cardData": {"license_name": ["qwen"]}}');
SELECT glossary.classify_hf('{"cardData": {"license_link": true}}');
SELECT glossary.classify_hf('{"cardData": {"datasets": {"name": "pile"}}}');
SELECT glossary.classify_hf('{"cardData": {"base_model": 7}}');
SELECT glossary.classify_hf('{"cardData": {"base_model_relation": ["finetune"]}}');
SELECT glossary.classify_hf('{"tags": "license:mit"}');
SELECT glossary.classify_hf('{"tags": ["license:mit", null]}');
SELECT glossary.classify_hf('{"gated": "yes"}');
SELECT glossary.classify_hf('{"gated": 1}');
SELECT glossary.classify_hf('{"gated": "AUTO"}');
SELECT glossary.classify_hf('{"disabled": "true"}');
SELECT glossary.classify_hf('{"siblings": {"rfilename": "model.safetensors"}}');
SELECT glossary.classify_hf('{"siblings": ["model.safetensors"]}');
SELECT glossary.classify_hf('{"siblings": [{"rfilename": "a"}, {"size": 5}]}');
SELECT glossary.classify_hf('{"siblings": [{"rfilename": null}]}');
SELECT glossary.release_from_hf('{"siblings": [{"rfilename": 1}]}');
SELECT glossary.classify_hf_explain('{"cardData": {"license": 1.5}}');
-- nulls in read fields say nothing
SELECT glossary.classify_hf('{"id": null, "cardData": null, "tags": null, "gated": null, "disabled": null, "siblings": null}');
SELECT glossary.classify_hf('{"cardData": {"license": null, "license_name": null, "license_link": null, "datasets": null, "base_model": null}}');
-- a long gated value is clipped in the message
SELECT glossary.classify_hf(jsonb_build_object('gated', repeat('x', 10000)));
-- huge: 100,000 tags, 100,000 files, a 1 MB licence, a 1 MB base model name
SELECT glossary.classify_hf(jsonb_build_object('tags', (SELECT jsonb_agg('tag-' || i) FROM generate_series(1, 100000) AS i)
	|| '["license:apache-2.0"]', 'siblings', '[{"rfilename": "model.safetensors"}]'::jsonb));
SELECT glossary.classify_hf(jsonb_build_object('tags', (SELECT jsonb_agg('license:' || (ARRAY['mit', 'apache-2.0', 'llama2'])[1 + i % 3]) FROM generate_series(1, 100000) AS i),
	'siblings', '[{"rfilename": "model.safetensors"}]'::jsonb));
SELECT r -> 'files', r ->> 'repository' FROM glossary.release_from_hf(jsonb_build_object('cardData', '{"license": "mit"}'::jsonb,
	'siblings', (SELECT jsonb_agg(jsonb_build_object('rfilename', 'file-' || i || '.json')) FROM generate_series(1, 100000) AS i))) AS r;
SELECT glossary.classify_hf(jsonb_build_object('cardData', jsonb_build_object('license', repeat('apache-', 131072)),
	'siblings', '[{"rfilename": "model.safetensors"}]'::jsonb));
SELECT length(glossary.release_from_hf(jsonb_build_object('cardData', jsonb_build_object('license', repeat('a', 1000000)))) -> 'sources' ->> 'weights_license');
SELECT glossary.release_from_hf(jsonb_build_object('cardData', jsonb_build_object('base_model', repeat('llama-2-', 125000)))) -> 'base_model' -> 'binding_terms';
SELECT length(r::text) < 3000 AS short FROM glossary.release_from_hf(jsonb_build_object('siblings', jsonb_build_array(jsonb_build_object('rfilename', repeat('é', 300000) || '.gguf')))) AS r;
-- non-ASCII everywhere: read as text, never as bytes cut in the middle of a character
SELECT r -> 'release', r -> 'sources' ->> 'weights_license'
FROM glossary.release_from_hf(jsonb_build_object('cardData', jsonb_build_object('license', repeat('ライセンス', 30)),
	'siblings', '[{"rfilename": "模型.safetensors"}]'::jsonb)) AS r;
-- deep nesting in fields that are not read is never visited
SELECT glossary.classify_hf(('{"config": ' || repeat('[', 5000) || repeat(']', 5000) || ', "cardData": {"license": "mit"}, "siblings": []}')::jsonb);
