-- release_from_model_card: the release card of a model card's YAML front matter, read by the
-- loader's own front-matter reader; the real cards of test/data/hf/models.jsonl, then bad cards.
\set VERBOSITY default
\getenv abs_srcdir PG_ABS_SRCDIR
\set jsonl :abs_srcdir '/data/hf/models.jsonl'
CREATE TABLE card_fixtures (doc jsonb NOT NULL);
COPY card_fixtures (doc) FROM :'jsonl' WITH (FORMAT csv, QUOTE E'\x01', DELIMITER E'\x02');
CREATE VIEW hf_cards AS
SELECT doc ->> 'id' AS id, (doc ->> 'expected_card')::glossary.openness AS expected, doc ->> 'card' AS card,
	ARRAY(SELECT s ->> 'rfilename' FROM jsonb_array_elements(doc -> 'info' -> 'siblings') AS s) AS files,
	doc -> 'info' AS info
FROM card_fixtures WHERE doc ? 'card';

-- each real card with the repository's files: the verdict expected for it
SELECT id, expected, glossary.classify_release(glossary.release_from_model_card(card, files) -> 'release') AS verdict,
	glossary.classify_release(glossary.release_from_model_card(card, files) -> 'release') = expected AS ok
FROM hf_cards ORDER BY expected, id;
SELECT count(*) AS cards FROM hf_cards;
-- the card and the Hub document make the same release card (must be 0: the fixtures' cardData
-- mirrors their front matter)
SELECT id FROM hf_cards
WHERE glossary.release_from_model_card(card, files) -> 'release' IS DISTINCT FROM glossary.release_from_hf(info) -> 'release';
-- without the files, whether the weights can be downloaded is not stated
SELECT id, glossary.classify_release(glossary.release_from_model_card(card) -> 'release') AS verdict,
	glossary.release_from_model_card(card) -> 'sources' ->> 'weights_available' AS why
FROM hf_cards WHERE id IN ('mav23/pythia-1b-GGUF', 'Qwen/Qwen2.5-3B') ORDER BY id;

-- where the facts came from: field and line of the card
SELECT key, value FROM hf_cards, jsonb_each_text(glossary.release_from_model_card(card, files) -> 'sources')
WHERE id = 'label:ReframeBot-SFT-Llama3.1-8B' ORDER BY key;
SELECT r -> 'gated' AS gated, r -> 'base_model' AS base_model, r -> 'warnings' AS warnings
FROM hf_cards, glossary.release_from_model_card(card, files) AS r WHERE id = 'mlx-community/gemma-3-4b-it-4bit';
-- the StarCoder card has a complex mapping key in extra_gated_fields: read, and gated
SELECT r -> 'release' ->> 'weights_license', r -> 'gated' FROM hf_cards, glossary.release_from_model_card(card, files) AS r
WHERE id = 'bigcode/starcoder';

-- a card with Windows line ends, a byte order mark, prose that looks like YAML, and a second --- block
SELECT glossary.release_from_model_card(E'\xEF\xBB\xBF---\r\nlicense: mit\r\nbase_model: google/gemma-2-9b\r\n---\r\n\r\nlicense: apache-2.0\n---\nx: y\n---\n', ARRAY['model.safetensors']) -> 'release';
-- an empty front matter says nothing
SELECT glossary.release_from_model_card(E'---\n---\n# Card\n') -> 'release';
SELECT glossary.release_from_model_card(E'---\n# only a comment\n---\n') -> 'release' ->> 'weights_license';
-- NULL readme: NULL; NULL siblings: the card alone
SELECT glossary.release_from_model_card(NULL) IS NULL AS null_card,
	glossary.release_from_model_card(E'---\nlicense: mit\n---\n', NULL) -> 'files' AS files;

-- broken cards: what, where (line and column of the file), how to fix
SELECT glossary.release_from_model_card('# A card without metadata');
SELECT glossary.release_from_model_card('');
SELECT glossary.release_from_model_card(E'---\nlicense: mit\n');
SELECT glossary.release_from_model_card(E'---\nlicense: mit\n  base_model: x\n---\n');
SELECT glossary.release_from_model_card(E'---\nlicense: [mit\n---\n');
SELECT glossary.release_from_model_card(E'---\nlicense: "mit\n---\n');
SELECT glossary.release_from_model_card(E'---\nlanguage:\n- en\n\tlicense: mit\n---\n');
SELECT glossary.release_from_model_card(E'---\n- license: mit\n---\n');
SELECT glossary.release_from_model_card(E'---\njust a line\n---\n');
SELECT glossary.release_from_model_card(E'---\nlicense: &l mit\nbase_model: *l\n---\n');
SELECT glossary.release_from_model_card(E'---\nlicense: mit\n---\n---\nlicense: gemma\n') -> 'release' ->> 'weights_license';
-- wrong types
SELECT glossary.release_from_model_card(E'---\nlanguage: en\nlicense:\n  id: mit\n---\n');
SELECT glossary.release_from_model_card(E'---\nlicense:\n- mit\n- [apache-2.0]\n---\n');
SELECT glossary.release_from_model_card(E'---\nlicense_name:\n- qwen\n---\n');
SELECT glossary.release_from_model_card(E'---\nbase_model:\n  name: x\n---\n');
SELECT glossary.release_from_model_card(E'---\ndatasets:\n  pile: true\n---\n');
SELECT glossary.release_from_model_card(E'---\nlicense: mit\n---\n', ARRAY['model.safetensors', NULL]);
SELECT glossary.release_from_model_card(E'---\nlicense: mit\n---\n', ARRAY[['a', 'b'], ['c', 'd']]);
-- scalars of other YAML types are text; null and ~ say nothing
SELECT glossary.release_from_model_card(E'---\nlicense: 2\nlicense_name: ~\nbase_model: null\ndatasets: []\n---\n') -> 'release';
-- deep nesting is refused by the reader's limit
SELECT glossary.release_from_model_card(E'---\nconfig: ' || repeat('[', 100) || repeat(']', 100) || E'\n---\n');
-- huge: 100,000 datasets, a 1 MB licence
SELECT glossary.release_from_model_card(E'---\ndatasets:\n' || (SELECT string_agg('- d' || i, E'\n') FROM generate_series(1, 100000) AS i) || E'\n---\n')
	-> 'sources' ->> 'data_information';
SELECT glossary.release_from_model_card(E'---\nlicense: ' || repeat('a', 1000000) || E'\n---\n') -> 'release' ->> 'weights_license' = repeat('a', 1000000);
-- an invalid byte sequence cannot reach a text value in a UTF8 database: the server refuses it first
SELECT glossary.release_from_model_card(convert_from(decode('2d2d2d0a6c6963656e73653a20ff0a2d2d2d0a', 'hex'), 'UTF8'));

-- the database is shared with the other tests: leave nothing that depends on the extension
DROP VIEW hf_cards;
DROP TABLE card_fixtures;
