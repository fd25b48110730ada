-- The glossary shipped in data/ loads cleanly: every link resolves, every
-- category is some entry's primary category, and a second load raises no
-- warning.  Counts are checked for consistency and lower bounds, not
-- hard-coded, so the content can grow; the quality checks print offenders.
\getenv abs_srcdir PG_ABS_SRCDIR
\set datadir :abs_srcdir '/../data'
\set categories :datadir '/categories.yaml'
\set entries :datadir '/entries'

SELECT categories > 0 AS has_categories, entries, warnings
FROM glossary.import_yaml(pg_read_file(:'categories'), 'data/categories.yaml');

-- files load one by one, so a link to a file not loaded yet warns: quiet here
SET client_min_messages = error;
CREATE TEMP TABLE first_load AS
SELECT f, s.*
FROM pg_ls_dir(:'entries') AS f,
	LATERAL glossary.import_markdown(regexp_replace(f, '\.mdx?$', ''),
									 pg_read_file(:'entries' || '/' || f), 'data/entries/' || f) AS s
WHERE f ~ '\.mdx?$';
RESET client_min_messages;

-- counts agree: one entry per file, the summaries match the tables
SELECT count(*) >= 60 AS at_least_60_entries,
	count(*) = (SELECT count(*) FROM glossary.entries) AS one_entry_per_file,
	sum(aliases) = (SELECT count(*) FROM glossary.aliases) AS aliases_counted,
	sum(sources) = (SELECT count(*) FROM glossary.sources) AS sources_counted,
	sum(links) = (SELECT count(*) FROM glossary.links) AS links_counted
FROM first_load;

-- every entry has a summary, one to three sources, and links to others
SELECT slug, (SELECT count(*) FROM glossary.sources s WHERE s.entry = e.slug) AS sources
FROM glossary.entries e
WHERE (SELECT count(*) FROM glossary.sources s WHERE s.entry = e.slug) NOT BETWEEN 1 AND 3;
SELECT slug AS entry_without_links FROM glossary.entries e
WHERE NOT EXISTS (SELECT FROM glossary.links l WHERE l.entry = e.slug);
-- most entries have aliases
SELECT count(DISTINCT entry) * 2 >= (SELECT count(*) FROM glossary.entries) AS most_have_aliases
FROM glossary.aliases;

-- every link resolves
SELECT entry, target FROM glossary.links WHERE glossary.resolve(target) IS NULL ORDER BY 1, 2;
-- every category is used as a primary category
SELECT slug AS unused_category FROM glossary.categories c
WHERE NOT EXISTS (SELECT FROM glossary.entries e WHERE e.category = c.slug);

-- Quality bar for the shipped glossary (issue 12).  Every check below lists
-- the offending entries, so an empty result passes and a failure names them.

-- breadth: at least 175 entries over the 15 categories, each category the
-- primary category of at least 6
SELECT count(*) >= 175 AS at_least_175_entries,
	(SELECT count(*) FROM glossary.categories) = 15 AS fifteen_categories
FROM glossary.entries;
SELECT c.slug AS category_under_6, count(e.slug) AS entries
FROM glossary.categories c LEFT JOIN glossary.entries e ON e.category = c.slug
GROUP BY c.slug HAVING count(e.slug) < 6 ORDER BY 1;

-- no dangling links ("wanted entries") and no label two entries share
SELECT target AS dangling_link, wanted_by FROM glossary.dangling_links;
SELECT key AS ambiguous_label, entries FROM glossary.ambiguous_labels ORDER BY key;
-- no term or alias that another entry's slug or term hides
SELECT entry, label AS shadowed_label, shadowed_by FROM glossary.shadowed_labels ORDER BY 1, 2;

-- every entry is linked from at least one other entry
SELECT e.slug AS not_linked_from_another_entry FROM glossary.entries e
WHERE NOT EXISTS (SELECT FROM glossary.backlinks_all b WHERE b.slug = e.slug)
ORDER BY 1;

-- no two summaries alike (compared after case folding and white-space runs)
SELECT array_agg(slug::text ORDER BY slug) AS same_summary
FROM glossary.entries
GROUP BY lower(regexp_replace(summary, '\s+', ' ', 'g'))
HAVING count(*) > 1;

-- summary: one sentence of at most 30 words.  Rule: no line break, ends with
-- ".", "!" or "?", has no sentence end inside (".", "!" or "?", optionally a
-- closing quote or bracket, then white space and an upper-case letter or a
-- digit), and at most 30 white-space-separated words.
SELECT slug AS bad_summary, array_length(regexp_split_to_array(btrim(summary), '\s+'), 1) AS words
FROM glossary.entries
WHERE summary ~ '\n'
	OR summary !~ '[.!?]["'')”’]?$'
	OR summary ~ '[.!?]["'')”’]?\s+[[:upper:][:digit:]]'
	OR array_length(regexp_split_to_array(btrim(summary), '\s+'), 1) > 30
ORDER BY 1;

-- body: at least 80 words of prose.  Words are the white-space-separated
-- tokens of the body after fenced code blocks are removed and MDX/HTML tags
-- are replaced by a space (a link's visible text counts, its markup does not).
SELECT slug AS short_body, words FROM (
	SELECT slug, coalesce(array_length(regexp_split_to_array(btrim(
		regexp_replace(regexp_replace(coalesce(body, ''), '```.*?```', ' ', 'g'), '<[^>]*>', ' ', 'g')),
		'\s+'), 1), 0) AS words
	FROM glossary.entries) w
WHERE words < 80 ORDER BY 1;

-- body: links to at least two other entries (distinct, resolved, not itself)
SELECT e.slug AS fewer_than_2_links, count(DISTINCT r.slug) AS other_entries
FROM glossary.entries e
LEFT JOIN glossary.links l ON l.entry = e.slug
LEFT JOIN LATERAL (SELECT glossary.resolve(l.target) AS slug) r ON r.slug <> e.slug
GROUP BY e.slug HAVING count(DISTINCT r.slug) < 2 ORDER BY 1;

-- sources: each an http(s) URL with a host; every entry has an updated date
SELECT entry AS source_not_http, position, url FROM glossary.sources
WHERE url !~ '^https?://[^/\s]+\.[^/\s]+(/\S*)?$' ORDER BY 1, 2;
SELECT slug AS without_updated_date FROM glossary.entries WHERE updated IS NULL ORDER BY 1;

-- Licence facts agree with data/licenses.tsv and the classifier.  Each row is
-- a licence an entry names and what the entry's text says of it: "open" (an
-- OSI-approved or open-data licence) or "restricted", and the restriction it
-- describes, if any.  The label must occur in the entry's text, the
-- extension must recognise it, the kind and flag must match license_info(),
-- and classify_release() of downloadable weights under it must give
-- open_weights or restricted_weights accordingly.
CREATE TEMP TABLE license_claims (slug text, label text, says text, flag text);
INSERT INTO license_claims VALUES
	('apache-2-0', 'Apache License 2.0', 'open', NULL),
	('mit-license', 'MIT License', 'open', NULL),
	('gpl', 'GPLv3', 'open', NULL),
	('agpl', 'AGPL-3.0', 'open', NULL),
	('cc-by-4-0', 'CC BY 4.0', 'open', NULL),
	('cdla-permissive-2-0', 'CDLA-Permissive-2.0', 'open', NULL),
	('openmdw', 'OpenMDW-1.0', 'open', NULL),
	('cc-by-nc-4-0', 'CC BY-NC 4.0', 'restricted', 'non-commercial'),
	('gemma-terms', 'Gemma Terms of Use', 'restricted', 'acceptable-use-policy'),
	('llama-license', 'Llama 2 Community License', 'restricted', 'user-cap'),
	('llama-license', 'Llama 3 Community License', 'restricted', 'naming-duty'),
	('llama-license', 'Llama 4 Community License', 'restricted', 'geographic-restriction'),
	('llama', 'Llama 3.1', 'restricted', 'user-cap'),
	('openrail', 'BigCode OpenRAIL-M', 'restricted', 'field-of-use'),
	('openrail', 'OpenRAIL-M', 'restricted', 'field-of-use'),
	('qwen-license', 'Qwen License Agreement', 'restricted', 'user-cap'),
	('qwen-license', 'Tongyi Qianwen License Agreement', 'restricted', 'attribution-duty'),
	('qwen-license', 'Qwen Research License', 'restricted', 'non-commercial'),
	('deepseek-license', 'DeepSeek License Agreement', 'restricted', 'field-of-use'),
	('deepseek', 'MIT License', 'open', NULL),
	('phi', 'MIT License', 'open', NULL),
	('gpt-2', 'MIT License', 'open', NULL),
	('qwen', 'Apache 2.0', 'open', NULL),
	('mistral', 'Apache 2.0', 'open', NULL),
	('mixtral', 'Apache 2.0', 'open', NULL),
	('olmo', 'Apache 2.0', 'open', NULL),
	('pythia', 'Apache 2.0', 'open', NULL),
	('t5', 'Apache 2.0', 'open', NULL),
	('falcon', 'Apache 2.0', 'open', NULL),
	('starcoder', 'OpenRAIL-M', 'restricted', 'field-of-use'),
	('gemma', 'Gemma Terms of Use', 'restricted', 'flow-down'),
	('mistral', 'Mistral Research License', 'restricted', 'non-commercial'),
	('spdx', 'Apache-2.0', 'open', NULL),
	('spdx', 'CC-BY-NC-4.0', 'restricted', 'non-commercial'),
	('cc-by-4-0', 'CC BY-NC 4.0', 'restricted', 'non-commercial'),
	('cc-by-4-0', 'CDLA-Permissive-2.0', 'open', NULL);
CREATE TEMP VIEW entry_text AS
SELECT slug::text AS slug, term || ' ' || coalesce((SELECT string_agg(alias, ' ') FROM glossary.aliases a WHERE a.entry = e.slug), '')
	|| ' ' || summary || ' ' || regexp_replace(coalesce(body, ''), '<[^>]*>', '', 'g') AS txt
FROM glossary.entries e;
SELECT c.slug, c.label, c.says, i.id, i.kind, i.restrictions,
	glossary.classify_release(jsonb_build_object('weights_available', true, 'weights_license', c.label)) AS verdict
FROM license_claims c
LEFT JOIN entry_text t ON t.slug = c.slug
LEFT JOIN LATERAL glossary.license_info(c.label) i ON true
WHERE t.slug IS NULL
	OR strpos(lower(t.txt), lower(c.label)) = 0
	OR i.id IS NULL
	OR (c.says = 'open') <> (i.kind IN ('osi-approved', 'open-data'))
	OR (c.flag IS NOT NULL AND NOT c.flag = ANY (i.restrictions))
	OR glossary.classify_release(jsonb_build_object('weights_available', true, 'weights_license', c.label))
		<> CASE c.says WHEN 'open' THEN 'open_weights' ELSE 'restricted_weights' END::glossary.openness
ORDER BY 1, 2;
-- an entry whose term or alias the classifier recognises as a licence has a
-- claim above (so a new licence entry cannot skip the check), and all of an
-- entry's licence labels are of one kind (no open licence aliased to a
-- restricted one)
SELECT l.slug AS unchecked_licence_entry, array_agg(DISTINCT i.id ORDER BY i.id) AS licences
FROM (SELECT slug::text AS slug, term AS label FROM glossary.entries
	  UNION ALL SELECT entry::text, alias FROM glossary.aliases) l
CROSS JOIN LATERAL glossary.license_info(l.label) i
WHERE i.id IS NOT NULL
GROUP BY l.slug
HAVING NOT EXISTS (SELECT FROM license_claims c WHERE c.slug = l.slug)
	OR count(DISTINCT i.kind IN ('osi-approved', 'open-data')) > 1
ORDER BY 1;

-- Releases the entries describe get the verdict the entry states when the
-- classifier reads their card in data/example-releases.jsonl.  The phrase must
-- occur in the entry's text (links as visible text).
CREATE TEMP TABLE release_claims (slug text, release text, verdict glossary.openness, phrase text);
INSERT INTO release_claims VALUES
	('osaid-validation', 'Pythia-12B', 'open_source_ai', 'Pythia, OLMo, Amber, CrystalCoder and T5 passed'),
	('osaid-validation', 'OLMo-7B', 'open_source_ai', 'Pythia, OLMo, Amber, CrystalCoder and T5 passed'),
	('osaid-validation', 'T5-11B', 'open_source_ai', 'Pythia, OLMo, Amber, CrystalCoder and T5 passed'),
	('osaid-validation', 'BLOOM-176B', 'restricted_weights', 'had the components but not the legal terms'),
	('osaid-validation', 'StarCoder2-15B', 'restricted_weights', 'had the components but not the legal terms'),
	('osaid-validation', 'Llama-2-7B', 'restricted_weights', 'in Llama''s case carrying use restrictions'),
	('osaid-validation', 'Phi-2', 'open_weights', 'Llama 2, Grok, Phi-2 and Mixtral failed'),
	('osaid-validation', 'Mixtral-8x7B', 'open_weights', 'Llama 2, Grok, Phi-2 and Mixtral failed'),
	('osaid-validation', 'Grok-1', 'open_weights', 'Llama 2, Grok, Phi-2 and Mixtral failed'),
	('deepseek', 'DeepSeek-R1', 'open_weights', 'these are open weights, not open source AI'),
	('deepseek-license', 'DeepSeek-V3 (Dec 2024)', 'restricted_weights', 'releases under this licence are `restricted_weights`'),
	('deepseek-license', 'DeepSeek-R1', 'open_weights', 'published under MIT, which makes them open weights'),
	('mixtral', 'Mixtral-8x7B', 'open_weights', 'released as open weights under Apache 2.0'),
	('qwen', 'Qwen2.5-7B', 'open_weights', 'The permissively licensed releases are open weights'),
	('qwen-license', 'Qwen2.5-72B-Instruct', 'restricted_weights', 'rates these weights `restricted_weights`'),
	('cc-by-nc-4-0', 'Command R', 'restricted_weights', 'rates such weights `restricted_weights`'),
	('llama', 'Llama-3.1-8B', 'restricted_weights', 'Llama is therefore source-available, not open source'),
	('gemma', 'Gemma-2-9B', 'restricted_weights', 'That makes those releases source-available'),
	('phi', 'Phi-2', 'open_weights', 'That makes them open weights'),
	('gpt-2', 'GPT-2', 'open_weights', 'GPT-2 is a case of open weights without the data'),
	('olmo', 'OLMo-7B', 'open_source_ai', 'found OLMo met the definition'),
	('pythia', 'Pythia-12B', 'open_source_ai', 'listed Pythia among the models that meet');
CREATE TEMP TABLE shipped_releases AS
SELECT d ->> 'name' AS name, d -> 'card' AS card
FROM regexp_split_to_table(pg_read_file(:'datadir' || '/example-releases.jsonl'), '\n') AS line,
	LATERAL (SELECT line::jsonb AS d) j
WHERE btrim(line) <> '';
SELECT c.slug, c.release, c.verdict AS entry_says, glossary.classify_release(r.card) AS classifier_says,
	strpos(t.txt, c.phrase) > 0 AS phrase_found
FROM release_claims c
LEFT JOIN shipped_releases r ON r.name = c.release
LEFT JOIN entry_text t ON t.slug = c.slug
WHERE r.name IS NULL OR t.slug IS NULL OR strpos(t.txt, c.phrase) = 0
	OR glossary.classify_release(r.card) <> c.verdict
ORDER BY 1, 2;
DROP VIEW entry_text;
DROP TABLE license_claims, release_claims, shipped_releases;

-- loading everything again, now that every entry exists: no warning at all
SELECT count(*) = (SELECT count(*) FROM first_load) AS all_files, sum(s.warnings) AS warnings
FROM pg_ls_dir(:'entries') AS f,
	LATERAL glossary.import_markdown(regexp_replace(f, '\.mdx?$', ''),
									 pg_read_file(:'entries' || '/' || f), 'data/entries/' || f) AS s
WHERE f ~ '\.mdx?$';

-- the shipped glossary survives export and re-import unchanged
SELECT glossary.export_yaml() AS shipped \gset
DELETE FROM glossary.entries;
DELETE FROM glossary.categories;
SELECT entries = (SELECT count(*) FROM first_load) AS all_entries, warnings
FROM glossary.import_yaml(:'shipped', 'export of data/');
SELECT glossary.export_yaml() = :'shipped' AS same_export;

DELETE FROM glossary.entries;
DELETE FROM glossary.categories;
