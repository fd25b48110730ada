-- Label resolution: normalize, resolve, lookup, suggest, search, collision
-- views, the per-backend cache, and bad input.

-- normalize(): case folding and NFKC
SELECT glossary.normalize('Fine-Tuning') AS ascii,
	glossary.normalize(U&'\FF27\FF30\FF34\FF0D\FF14') AS full_width,
	glossary.normalize(U&'\FB01ne-tuning') AS ligature,
	glossary.normalize('Straße') AS sharp_s,
	glossary.normalize(U&'\03A3\039F\03A6\0399\0391') AS greek,
	glossary.normalize('²') AS superscript;
-- accents stay (NFKC keeps them); a combining accent is composed
SELECT glossary.normalize('Café') AS precomposed,
	glossary.normalize(U&'Cafe\0301') AS combining,
	glossary.normalize('Café') = glossary.normalize(U&'Cafe\0301') AS same;
-- every dash is one separator
SELECT c AS code, glossary.normalize('open' || chr(c) || 'weights') AS key
FROM unnest(ARRAY[45, 8208, 8209, 8210, 8211, 8212, 8213, 8722, 11834, 11835, 65112, 65123, 65293, 95, 65343]) AS c;
-- white space of every kind, and runs of separators, become one space
SELECT c AS code, glossary.normalize('open' || chr(c) || 'weights') AS key
FROM unnest(ARRAY[9, 10, 13, 32, 160, 5760, 8192, 8195, 8201, 8239, 8287, 12288]) AS c;
SELECT glossary.normalize(E'open \t- _\u00a0 weights') AS run;
-- invisible characters vanish: soft hyphen, zero-width space, word joiner
SELECT glossary.normalize(U&'open\00ADweights') AS soft_hyphen,
	glossary.normalize(U&'open\200Bweights') AS zero_width,
	glossary.normalize(U&'open\2060weights') AS word_joiner;
-- typographic quotes unify with ASCII ones
SELECT glossary.normalize(U&'Meta\2019s Llama') AS apostrophe,
	glossary.normalize(U&'\201CLlama\201D') AS quoted;
-- trimming: surrounding space, quotes, punctuation and unbalanced brackets
SELECT label, glossary.normalize(label) AS key
FROM unnest(ARRAY['  Llama  ', '"Llama"', '''Llama''', '`llama`', '«Llama»', U&'\300CLlama\300D',
	'Llama.', 'Llama...', 'Llama,', 'Llama:', '*Llama*', '**Llama**', '(GPT-4)', '[GPT-4]',
	'GPT-4 (2023)', '(GPT-4) and (GPT-3)', 'GPT-4)', '(GPT-4', '-llama-', '__init__',
	'C++', 'C#', 'F#', '.NET', 'llama.cpp', 'GPT-3.5', 'Node.js.', '?!', '...', '   ', '', '«»', '()']) AS label;

-- word boundaries used by the mentions helper are documented in the README;
-- normalize keeps "+", "#" and inner "." so "c++" and "c" stay different keys
SELECT glossary.normalize('C') <> glossary.normalize('C++') AS c_vs_cpp;

-- a small glossary
INSERT INTO glossary.categories (slug, title) VALUES ('res', 'Resolution tests');
INSERT INTO glossary.entries (slug, term, category, summary, body) VALUES
	('llama', 'Llama', 'res', 'A family of open-weight language models from Meta.', 'Llama models are released with weights under the Llama license.'),
	('llama-license', 'Llama license', 'res', 'The licence of Meta''s Llama models.', 'A custom licence with an acceptable use policy.'),
	('fine-tuning', 'Fine-tuning', 'res', 'Further training of a pretrained model on new data.', 'Fine-tuning adapts a model to a task.'),
	('model-card', 'Model card', 'res', 'A document describing a model.', 'Model cards report intended use and evaluation.'),
	('open-weights', 'Open weights', 'res', 'Model weights published for download.', 'Open weights are not the same as open source.'),
	('weights', 'Weights', 'res', 'The learned parameters of a model.', 'Weights are stored in checkpoints.'),
	('osi', 'Open Source Initiative', 'res', 'The steward of the Open Source Definition.', 'The OSI maintains the definition.'),
	('open-source-definition', 'Open Source Definition', 'res', 'The ten criteria of an open source licence.', 'Published by the OSI.'),
	('box', 'Box', 'res', 'A box.', ''),
	('boxe', 'Boxe', 'res', 'A sport.', ''),
	('cafe', 'Cafe', 'res', 'Coffee shop.', ''),
	('transformer', 'Transformer', 'res', 'A neural network architecture built on attention.', 'Self-attention relates every token to every other token.'),
	('cpp', 'C++', 'res', 'A programming language.', ''),
	('c', 'C', 'res', 'A programming language.', '');
INSERT INTO glossary.aliases (entry, alias) VALUES
	('llama-license', 'Llama'),					-- shadowed by the slug and term of llama
	('llama-license', 'Llama Community License'),
	('weights', 'open weights'),				-- shadowed by the term of open-weights
	('osi', 'OSS'),								-- shared alias: ambiguous
	('open-source-definition', 'OSS'),
	('osi', 'OSI'),
	('transformer', 'Résumé model'),
	('transformer', 'transformer architecture'),
	('model-card', 'Datenblatt für Modelle');

-- precedence: slug > term > alias > variant; shadowed and ambiguous labels
SELECT label, glossary.resolve(label) AS slug
FROM unnest(ARRAY['llama', 'LLAMA', 'Llama', 'llama license', 'Llama-License', 'Llama Community License',
	'open weights', 'Open_Weights', U&'open\2011weights', 'OSS', 'oss', 'OSI', 'osi',
	'open source definition', 'C++', 'c', 'C#']) AS label;
-- variants: plural/singular, words run together, accents removed, other forms
SELECT label, glossary.resolve(label) AS slug
FROM unnest(ARRAY['model cards', 'Model-Cards', 'transformers', 'finetuning', 'FineTuning', 'fine tuning',
	U&'fine\2014tuning', U&'\FB01ne-tuning', U&'\FF26\FF49\FF4E\FF45\FF0D\FF54\FF55\FF4E\FF49\FF4E\FF47',
	'modelcard', 'modelcards', 'resume model', 'Resume-Model', 'café', 'cafés', 'Datenblatt fur Modelle',
	'boxes', 'box', 'boxe', 'transformer architectures']) AS label;
-- misses and bad input: NULL, no error
SELECT label, glossary.resolve(label) AS slug
FROM unnest(ARRAY['unknown', 'llam', '', '   ', '!!!', '«»', '-', NULL]) AS label;
SELECT glossary.resolve(NULL) IS NULL AS null_in_null_out;
SELECT glossary.resolve(repeat('a', 1000000)) AS one_mb, glossary.resolve(repeat('-', 1000000)) AS one_mb_dashes,
	glossary.resolve(repeat('é', 500000)) AS one_mb_accents, glossary.resolve(repeat('llama ', 200000)) AS one_mb_words;
-- normalize() takes labels up to 64 kB (see limits); inside that, output may grow
SELECT length(glossary.normalize(repeat('Ab-', 21845))) AS near_64k_normalized,
	length(glossary.normalize(repeat(U&'\FB01', 21845))) AS ligatures_expand;

-- lookup(): every candidate, how it matched, score, ambiguity, which one resolve() picks
SELECT * FROM glossary.lookup('Llama');
SELECT * FROM glossary.lookup('open weights');
SELECT * FROM glossary.lookup('OSS');
SELECT * FROM glossary.lookup('boxes');
SELECT * FROM glossary.lookup('finetuning');
SELECT * FROM glossary.lookup('resume model');
SELECT * FROM glossary.lookup('Transfromer');
SELECT * FROM glossary.lookup('');
SELECT * FROM glossary.lookup('zzzzzz');
SELECT count(*) FROM glossary.lookup(repeat('x', 1000000));

-- suggest(): one or two edits, transpositions, missing or extra hyphen or space
SELECT q, s.*
FROM unnest(ARRAY['Transfomer', 'Trasnformer', 'Tranformr', 'fine tunning', 'finetunig', 'fine-tu-ning',
	'modelcard', 'model  crd', 'Open Source Defintion', 'Lama', 'OSS', 'oss!']) AS q,
	LATERAL glossary.suggest(q) s
ORDER BY q, s.distance, s.score DESC, s.slug;
SELECT * FROM glossary.suggest('Lama', 1);
SELECT * FROM glossary.suggest('zzzzzzzz');
SELECT * FROM glossary.suggest('Transformer', 0);
SELECT * FROM glossary.suggest('', 5);
SELECT count(*) FROM glossary.suggest(repeat('transformer', 100000));
SELECT * FROM glossary.suggest('Transformer', -1);
SELECT * FROM glossary.suggest('Transformer', NULL);

-- search(): ranked full-text search with headlines; hits through an alias
SELECT * FROM glossary.search('attention');
SELECT * FROM glossary.search('community license');
-- (which words of a long text the headline starts with changed in 16)
SELECT slug, term, hit, rank, headline ~ '\*\*open\*\* \*\*source\*\*' AS marks_phrase
FROM glossary.search('"open source" -initiative');
SELECT slug, hit FROM glossary.search('model', 3);
SELECT * FROM glossary.search('the of and');
SELECT * FROM glossary.search('');
SELECT * FROM glossary.search('a & | ! ( b');
SELECT * FROM glossary.search('llama', 0);
SELECT * FROM glossary.search('llama', -1);

-- collision views
SELECT * FROM glossary.ambiguous_labels ORDER BY key;
SELECT * FROM glossary.shadowed_labels ORDER BY entry, label;

-- the cache: built once per backend, not rebuilt while nothing changes; an
-- own change is seen at once by this session (the index is updated in
-- place: no new build), and gone again after a rollback (updated or rebuilt,
-- depending on what other transactions left in glossary.changes)
SELECT entries, labels, builds AS b0 FROM glossary.label_index_stats() \gset
SELECT :entries AS entries, :labels AS labels;
SELECT glossary.resolve('llama'), glossary.resolve('model cards');
SELECT builds - :b0 AS new_builds FROM glossary.label_index_stats();
BEGIN;
INSERT INTO glossary.aliases VALUES ('llama', 'Large Language Model Meta AI');
SELECT glossary.resolve('large language model meta ai') AS own_change;
SELECT builds - :b0 AS new_builds FROM glossary.label_index_stats();
ROLLBACK;
SELECT glossary.resolve('large language model meta ai') AS after_rollback;
-- a savepoint rolled back
BEGIN;
SAVEPOINT s;
UPDATE glossary.entries SET term = 'Llama 3' WHERE slug = 'llama';
SELECT glossary.resolve('llama 3') AS in_savepoint;
ROLLBACK TO SAVEPOINT s;
SELECT glossary.resolve('llama 3') AS after_rollback_to_savepoint;
COMMIT;
-- the index is per backend: parallel workers build their own and agree
CREATE TEMP TABLE many AS SELECT g, (ARRAY['Llama', 'finetuning', 'OSS', 'nothing', 'model cards'])[g % 5 + 1] AS label
	FROM generate_series(1, 5000) g;
ANALYZE many;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
SELECT glossary.resolve(label) AS slug, count(*) FROM many GROUP BY 1 ORDER BY 1;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;

-- volatility and strictness as documented
SELECT proname, provolatile, proisstrict, proparallel FROM pg_proc
WHERE pronamespace = 'glossary'::regnamespace
	AND proname IN ('normalize', 'resolve', 'lookup', 'suggest', 'search', 'label_index_stats')
ORDER BY proname;

DELETE FROM glossary.entries WHERE category = 'res';
DELETE FROM glossary.categories WHERE slug = 'res';
SELECT glossary.resolve('llama') AS after_cleanup;
