-- The guided tour printed by make demo.
\pset footer off
\echo '== Entries per category (an entry counts under its primary and every secondary category)'
SELECT c.position AS "#", c.title AS category, c.tier,
       count(DISTINCT e.slug) FILTER (WHERE e.category = c.slug) AS primary,
       count(DISTINCT ec.entry) AS also
FROM glossary.categories c
LEFT JOIN glossary.entries e ON e.category = c.slug
LEFT JOIN glossary.entry_categories ec ON ec.category = c.slug
GROUP BY c.slug ORDER BY c.position;

\echo '== One entry, as the glossary page shows it'
\pset format unaligned
\pset tuples_only on
SELECT p.term || E'\n'
    || p.category_title
    || coalesce(' · also: ' || nullif(array_to_string(ARRAY(
         SELECT c.title FROM unnest(p.also) AS a(slug) JOIN glossary.categories c USING (slug)), ', '), ''), '')
    || coalesce(E'\naka ' || nullif(array_to_string(p.aliases, ', '), ''), '')
    || E'\n\n' || p.summary
    || E'\n\n' || p.body
    || E'\n\nSources\n' || (SELECT string_agg('  - ' || (s->>'title') || ' <' || (s->>'url') || '>', E'\n')
                            FROM jsonb_array_elements(p.sources) AS s)
    || coalesce(E'\n\nMentioned in: ' || nullif(array_to_string(ARRAY(
         SELECT e.term FROM unnest(p.mentioned_in) WITH ORDINALITY AS m(slug, n)
         JOIN glossary.entries e USING (slug) ORDER BY n), ', '), ''), '')
    || E'\nUpdated ' || p.updated
FROM glossary.entry_pages p WHERE p.slug = 'open-weights';
\pset tuples_only off
\pset format aligned

\echo
\echo '== Any label a person types leads to the entry: SELECT label, glossary.resolve(label)'
SELECT label, glossary.resolve(label) AS slug
FROM unnest(ARRAY['Open-Weight', 'AUP', 'OSAID', 'finetuning', 'Fine‑Tuning', 'ＬｏＲＡ', 'GPUs', 'llama.cpp', 'no such thing']) AS label;

\echo '== Typos: SELECT * FROM glossary.suggest(''quantisaton'', 3)'
SELECT * FROM glossary.suggest('quantisaton', 3);

\echo '== Full-text search: SELECT slug, hit, headline FROM glossary.search(''licence restrictions'', 3)'
\x on
SELECT slug, hit, headline FROM glossary.search('licence restrictions', 3);
\x off

\echo '== Mentioned in: SELECT * FROM glossary.backlinks(''acceptable use policy'')'
SELECT * FROM glossary.backlinks('acceptable use policy');

\echo '== Mentions in any text, leftmost-longest: glossary.mentions(...)'
SELECT slug, text, position, length
FROM glossary.mentions('We serve Llama 3 with llama.cpp and vLLM, after LoRA fine-tuning on a GPU.');

\echo '== Auto-linking: glossary.autolink(..., ''markdown'')'
SELECT glossary.autolink('We serve Llama 3 with llama.cpp and vLLM, after LoRA fine-tuning on a GPU.', 'markdown') AS autolinked;

\echo '== Classifying model releases: glossary.classify_release(card)'
SELECT name, glossary.classify_release(card) AS verdict
FROM (VALUES
  ('OLMo 7B',     '{"weights_available": true, "weights_license": "Apache-2.0", "code_available": true, "data_information": "complete"}'::jsonb),
  ('Mixtral 8x7B','{"weights_available": true, "weights_license": "apache-2.0", "code_available": false, "data_information": "none"}'),
  ('Llama 3.1 8B','{"weights_available": true, "weights_license": "llama3.1", "extra_use_policy": true}'),
  ('GPT-4',       '{"weights_available": false}'),
  ('Mystery',     '{"weights_available": true, "weights_license": "other", "weights_license_name": "my-own-terms"}')
) AS r(name, card);

\echo '== Why: glossary.classify_release_explain(card) for Llama 3.1'
\pset format unaligned
\pset tuples_only on
SELECT jsonb_pretty(glossary.classify_release_explain(
  '{"weights_available": true, "weights_license": "llama3.1", "extra_use_policy": true}')) AS explain;
\pset tuples_only off
\pset format aligned

\echo
\echo '== The release catalogue: data/example-releases.jsonl, classified'
CREATE TEMP TABLE tour_releases (doc jsonb NOT NULL);
-- make demo runs psql from the top of the source tree
\copy tour_releases (doc) FROM 'data/example-releases.jsonl' WITH (FORMAT csv, QUOTE E'\x01', DELIMITER E'\x02')
SELECT glossary.classify_release(doc -> 'card') AS verdict, count(*) AS releases,
       count(*) FILTER (WHERE glossary.classify_release(doc -> 'card')::text = doc ->> 'verdict') AS as_recorded,
       min(left(doc ->> 'released', 4)) || '-' || max(left(doc ->> 'released', 4)) AS years,
       array_to_string((array_agg(doc ->> 'name' ORDER BY doc ->> 'released' DESC, doc ->> 'name'))[1:3], ', ') AS latest
FROM tour_releases GROUP BY 1 ORDER BY 1;

\echo '== Why, for three of them: glossary.classify_release_explain(card)'
\x on
SELECT doc ->> 'name' AS release, e ->> 'verdict' AS verdict,
       (SELECT string_agg(k || ' ' || (v ->> 'status'), ', ' ORDER BY k) FROM jsonb_each(e -> 'criteria') AS c(k, v)) AS criteria,
       e ->> 'reason' AS reason, doc ->> 'note' AS facts, doc ->> 'checked_against' AS checked_against
FROM tour_releases, glossary.classify_release_explain(doc -> 'card') AS e
WHERE doc ->> 'name' IN ('OLMo-2-1124-7B', 'StableLM-3B-4E1T', 'StarCoder2-15B')
ORDER BY (e ->> 'verdict')::glossary.openness;
\x off
DROP TABLE tour_releases;
