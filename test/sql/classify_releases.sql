-- Real, named model releases with their public facts and the class the rules give.
-- Facts are as published on the model card or repository cited on each row; the
-- OSI's own 2024 validation results (OSAID FAQ, opensource.org/ai/faq) are marked "OSI:".
-- Keys: weights_available (w), weights_license (lic), weights_license_name (name),
-- code_available (code), code_license (code_lic), data_information (data), extra_use_policy (aup).
CREATE TEMP TABLE releases (name text PRIMARY KEY, card jsonb NOT NULL, expected glossary.openness NOT NULL);
INSERT INTO releases VALUES
-- OSI: passed.  Apache-2.0 weights, GPT-NeoX training code (Apache-2.0), the Pile: https://github.com/EleutherAI/pythia
('Pythia-12B', '{"weights_available": true, "weights_license": "apache-2.0", "code_available": true, "code_license": "Apache-2.0", "data_information": "complete"}', 'open_source_ai'),
-- OSI: passed.  Apache-2.0 weights, code and Dolma data published: https://huggingface.co/allenai/OLMo-7B
('OLMo-7B', '{"weights_available": true, "weights_license": "apache-2.0", "code_available": true, "code_license": "Apache-2.0", "data_information": "complete"}', 'open_source_ai'),
-- OSI: passed.  LLM360 releases weights, training code and data under Apache-2.0: https://huggingface.co/LLM360/Amber
('Amber', '{"weights_available": true, "weights_license": "apache-2.0", "code_available": true, "data_information": "complete"}', 'open_source_ai'),
-- OSI: passed.  https://huggingface.co/LLM360/CrystalCoder
('CrystalCoder', '{"weights_available": true, "weights_license": "apache-2.0", "code_available": true, "data_information": "complete"}', 'open_source_ai'),
-- OSI: passed.  Apache-2.0 code and checkpoints, C4 built by public TFDS scripts: https://github.com/google-research/text-to-text-transfer-transformer
('T5-11B', '{"weights_available": true, "weights_license": "Apache 2.0", "code_available": true, "data_information": "complete"}', 'open_source_ai'),
-- OSI: would pass with another licence.  BigScience BLOOM RAIL 1.0, Megatron-DeepSpeed code, ROOTS documented: https://huggingface.co/bigscience/bloom
('BLOOM-176B', '{"weights_available": true, "weights_license": "bigscience-bloom-rail-1.0", "code_available": true, "code_license": "BSD-3-Clause", "data_information": "complete"}', 'restricted_weights'),
-- OSI: would pass with another licence.  BigCode OpenRAIL-M, training code public, The Stack v2: https://huggingface.co/bigcode/starcoder2-15b
('StarCoder2-15B', '{"weights_available": true, "weights_license": "bigcode-openrail-m", "code_available": true, "code_license": "Apache-2.0", "data_information": "complete"}', 'restricted_weights'),
-- OSI: would pass with another licence.  Card tag unknown, Falcon-180B TII License + AUP, gated, RefinedWeb extract: https://huggingface.co/tiiuae/falcon-180B
('Falcon-180B', '{"weights_available": true, "weights_license": "unknown", "weights_license_name": "falcon-180b-license", "code_available": false, "data_information": "partial", "extra_use_policy": true}', 'restricted_weights'),
-- Falcon-40B at launch (May 2023) under the TII Falcon LLM License 1.0 (royalties): https://huggingface.co/tiiuae/falcon-40b
('Falcon-40B (May 2023)', '{"weights_available": true, "weights_license": "TII Falcon LLM License", "code_available": false, "data_information": "partial"}', 'restricted_weights'),
-- Falcon-7B after its move to Apache-2.0; training code not released, RefinedWeb only in part: https://huggingface.co/tiiuae/falcon-7b
('Falcon-7B', '{"weights_available": true, "weights_license": "apache-2.0", "code_available": false, "data_information": "partial"}', 'open_weights'),
-- OSI: does not pass.  Llama 2 Community License, gated, AUP: https://huggingface.co/meta-llama/Llama-2-7b
('Llama-2-7B', '{"weights_available": true, "weights_license": "llama2", "code_available": false, "data_information": "none", "extra_use_policy": true}', 'restricted_weights'),
-- OSI: does not pass.  Apache-2.0 weights, JAX inference code only, no data information: https://github.com/xai-org/grok-1
('Grok-1', '{"weights_available": true, "weights_license": "Apache-2.0", "code_available": false, "data_information": "none"}', 'open_weights'),
-- OSI: does not pass.  MIT since January 2024, no training code, synthetic/web data not described: https://huggingface.co/microsoft/phi-2
('Phi-2', '{"weights_available": true, "weights_license": "mit", "code_available": false, "data_information": "partial"}', 'open_weights'),
-- OSI: does not pass.  Apache-2.0 weights, no training code or data information: https://huggingface.co/mistralai/Mixtral-8x7B-v0.1
('Mixtral-8x7B', '{"weights_available": true, "weights_license": "apache-2.0", "code_available": false, "data_information": "none"}', 'open_weights'),
-- Apache-2.0, no training code or data: https://huggingface.co/mistralai/Mistral-7B-v0.1
('Mistral-7B-v0.1', '{"weights_available": true, "weights_license": "apache-2.0", "code_available": false, "data_information": "none"}', 'open_weights'),
-- Llama 3.1 Community License + AUP: https://huggingface.co/meta-llama/Llama-3.1-8B
('Llama-3.1-8B', '{"weights_available": true, "weights_license": "llama3.1", "code_available": false, "data_information": "none", "extra_use_policy": true}', 'restricted_weights'),
-- Llama 3.2 (EU exclusion for the multimodal models): https://huggingface.co/meta-llama/Llama-3.2-11B-Vision
('Llama-3.2-11B-Vision', '{"weights_available": true, "weights_license": "llama3.2", "code_available": false, "data_information": "none"}', 'restricted_weights'),
-- Llama 4 Community License: https://huggingface.co/meta-llama/Llama-4-Scout-17B-16E
('Llama-4-Scout', '{"weights_available": true, "weights_license": "llama4", "code_available": false, "data_information": "none"}', 'restricted_weights'),
-- Gemma Terms of Use + Prohibited Use Policy: https://huggingface.co/google/gemma-2-9b
('Gemma-2-9B', '{"weights_available": true, "weights_license": "gemma", "code_available": false, "data_information": "partial"}', 'restricted_weights'),
-- Apache-2.0 (all Qwen2.5 sizes except 3B and 72B): https://huggingface.co/Qwen/Qwen2.5-7B
('Qwen2.5-7B', '{"weights_available": true, "weights_license": "apache-2.0", "code_available": false, "data_information": "none"}', 'open_weights'),
-- license: other, license_name: qwen (100M MAU clause): https://huggingface.co/Qwen/Qwen2.5-72B-Instruct
('Qwen2.5-72B-Instruct', '{"weights_available": true, "weights_license": "other", "weights_license_name": "qwen", "code_available": false, "data_information": "none"}', 'restricted_weights'),
-- license: other, license_name: qwen-research (non-commercial): https://huggingface.co/Qwen/Qwen2.5-3B
('Qwen2.5-3B', '{"weights_available": true, "weights_license": "other", "weights_license_name": "qwen-research", "code_available": false, "data_information": "none"}', 'restricted_weights'),
-- Apache-2.0: https://huggingface.co/Qwen/Qwen3-8B
('Qwen3-8B', '{"weights_available": true, "weights_license": "apache-2.0", "code_available": false, "data_information": "none"}', 'open_weights'),
-- MIT weights and code, no training code or data (OSI analyst: not OSAI): https://huggingface.co/deepseek-ai/DeepSeek-R1
('DeepSeek-R1', '{"weights_available": true, "weights_license": "mit", "code_available": false, "data_information": "none"}', 'open_weights'),
-- original V3 (Dec 2024): weights under the DeepSeek License Agreement, MIT inference code: https://huggingface.co/deepseek-ai/DeepSeek-V3
('DeepSeek-V3 (Dec 2024)', '{"weights_available": true, "weights_license": "other", "weights_license_name": "deepseek", "code_available": false, "data_information": "none"}', 'restricted_weights'),
-- Mistral Research License: https://huggingface.co/mistralai/Mistral-Large-Instruct-2407
('Mistral-Large-Instruct-2407', '{"weights_available": true, "weights_license": "other", "weights_license_name": "mrl", "code_available": false, "data_information": "none"}', 'restricted_weights'),
-- Mistral Non-Production License: https://huggingface.co/mistralai/Codestral-22B-v0.1
('Codestral-22B-v0.1', '{"weights_available": true, "weights_license": "other", "weights_license_name": "mnpl", "code_available": false, "data_information": "none"}', 'restricted_weights'),
-- CC-BY-NC-4.0 plus the C4AI Acceptable Use Policy: https://huggingface.co/CohereForAI/c4ai-command-r-v01
('Command R', '{"weights_available": true, "weights_license": "cc-by-nc-4.0", "code_available": false, "data_information": "none", "extra_use_policy": true}', 'restricted_weights'),
-- Stability AI Community License (US$1M revenue cap): https://huggingface.co/stabilityai/stable-diffusion-3-medium
('Stable Diffusion 3 Medium', '{"weights_available": true, "weights_license": "other", "weights_license_name": "stabilityai-ai-community", "code_available": false, "data_information": "partial"}', 'restricted_weights'),
-- CreativeML OpenRAIL-M: https://huggingface.co/stable-diffusion-v1-5/stable-diffusion-v1-5
('Stable Diffusion 1.5', '{"weights_available": true, "weights_license": "creativeml-openrail-m", "code_available": true, "code_license": "MIT", "data_information": "partial"}', 'restricted_weights'),
-- CreativeML OpenRAIL++-M: https://huggingface.co/stabilityai/stable-diffusion-xl-base-1.0
('SDXL 1.0', '{"weights_available": true, "weights_license": "openrail++", "code_available": false, "data_information": "none"}', 'restricted_weights'),
-- "Modified MIT" (tagged mit on HF), inference code only, WebText described but not released: https://github.com/openai/gpt-2
('GPT-2', '{"weights_available": true, "weights_license": "mit", "code_available": false, "data_information": "partial"}', 'open_weights'),
-- Kimi K2: license other, license_name modified-mit: https://huggingface.co/moonshotai/Kimi-K2-Instruct
('Kimi-K2-Instruct', '{"weights_available": true, "weights_license": "other", "weights_license_name": "modified-mit", "code_available": false, "data_information": "none"}', 'restricted_weights'),
-- Databricks Open Model License + AUP: https://huggingface.co/databricks/dbrx-base
('DBRX', '{"weights_available": true, "weights_license": "other", "weights_license_name": "databricks-open-model-license", "code_available": false, "data_information": "none", "extra_use_policy": true}', 'restricted_weights'),
-- NVIDIA Open Model License: https://huggingface.co/nvidia/Nemotron-4-340B-Instruct
('Nemotron-4-340B-Instruct', '{"weights_available": true, "weights_license": "other", "weights_license_name": "nvidia-open-model-license", "code_available": false, "data_information": "partial"}', 'restricted_weights'),
-- Yi Series Models Community License at launch (Nov 2023): https://github.com/01-ai/Yi
('Yi-34B (Nov 2023)', '{"weights_available": true, "weights_license": "other", "weights_license_name": "yi-license", "code_available": false, "data_information": "none"}', 'restricted_weights'),
-- MIT; training data not described (OSI forum thread on Phi-4): https://huggingface.co/microsoft/phi-4
('Phi-4', '{"weights_available": true, "weights_license": "mit", "code_available": false, "data_information": "partial"}', 'open_weights'),
-- OLMo 2: Apache-2.0 weights, code and OLMo-mix data: https://huggingface.co/allenai/OLMo-2-1124-7B
('OLMo-2-1124-7B', '{"weights_available": true, "weights_license": "apache-2.0", "code_available": true, "code_license": "Apache-2.0", "data_information": "complete"}', 'open_source_ai'),
-- GPT-J: Apache-2.0, mesh-transformer-jax training code (Apache-2.0), the Pile: https://huggingface.co/EleutherAI/gpt-j-6b
('GPT-J-6B', '{"weights_available": true, "weights_license": "apache-2.0", "code_available": true, "code_license": "apache-2.0", "data_information": "complete"}', 'open_source_ai'),
-- Apple Sample Code License on the weights; CoreNet training code public: https://huggingface.co/apple/OpenELM
('OpenELM', '{"weights_available": true, "weights_license": "apple-ascl", "code_available": true, "code_license": "apple-ascl", "data_information": "complete"}', 'restricted_weights'),
-- API only, no weights: https://openai.com/index/gpt-4-research/
('GPT-4', '{"weights_available": false}', 'closed'),
-- API only: https://www.anthropic.com/news/claude-3-5-sonnet
('Claude 3.5 Sonnet', '{"weights_available": false, "code_available": false, "data_information": "none"}', 'closed'),
-- API only: https://blog.google/technology/ai/google-gemini-next-generation-model-february-2024/
('Gemini 1.5 Pro', '{"weights_available": false, "data_information": "none"}', 'closed');

SELECT count(*) AS releases FROM releases;

-- every release gets its expected class (no rows = all as expected)
SELECT name, glossary.classify_release(card) AS got, expected
FROM releases
WHERE glossary.classify_release(card) IS DISTINCT FROM expected;

-- the classes, for reading
SELECT glossary.classify_release(card) AS verdict, string_agg(name, ', ' ORDER BY name) AS releases
FROM releases GROUP BY 1 ORDER BY 1;

-- explain agrees with classify_release on every row
SELECT name FROM releases
WHERE (glossary.classify_release_explain(card) ->> 'verdict')::glossary.openness
	  IS DISTINCT FROM glossary.classify_release(card);

-- the missing parts and the licence as recognised, one line per release
SELECT name, e ->> 'verdict' AS verdict, e -> 'missing' AS missing,
	   e #>> '{license,id}' AS license, e #> '{license,restrictions}' AS restrictions
FROM releases, LATERAL glossary.classify_release_explain(card) AS e
ORDER BY name;

-- OSI: BLOOM and StarCoder2 "would probably pass if they changed their licences"
SELECT name, glossary.classify_release(jsonb_set(card, '{weights_license}', '"apache-2.0"')) AS with_apache
FROM releases WHERE name IN ('BLOOM-176B', 'StarCoder2-15B') ORDER BY name;

-- explain in full for a few
SELECT jsonb_pretty(glossary.classify_release_explain(card)) FROM releases WHERE name = 'Pythia-12B';
SELECT jsonb_pretty(glossary.classify_release_explain(card)) FROM releases WHERE name = 'Grok-1';
SELECT jsonb_pretty(glossary.classify_release_explain(card)) FROM releases WHERE name = 'Qwen2.5-72B-Instruct';
SELECT jsonb_pretty(glossary.classify_release_explain(card)) FROM releases WHERE name = 'Command R';
SELECT jsonb_pretty(glossary.classify_release_explain(card)) FROM releases WHERE name = 'GPT-4';
