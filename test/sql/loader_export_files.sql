-- export_files(): categories.yaml and entries/<slug>.mdx as a site keeps
-- them, key names through key_map read backwards, bodies byte for byte.

-- an empty glossary is one file with no category
SELECT name, content FROM glossary.export_files();

SET client_min_messages = error;
SELECT entries FROM glossary.import_yaml($y$
categories:
  - {slug: weights, title: Weights, position: 1, description: Model parameters.}
  - {slug: governance, title: Governance, tier: meta, position: 2}
entries:
  - slug: open-weights
    term: open weights
    category: weights
    also: [governance]
    aliases: [open-weight, "yes"]
    summary: "Parameters anyone can download: no more, no less."
    sources:
      - {title: The OSAID, url: "https://opensource.org/ai", publisher: OSI, date: 2024-10-28}
    updated: 2026-11-20
    body: "Not the same as [[osaid|open source AI]].\n\nA second paragraph."
  - slug: no-body
    term: "2024"
    category: governance
    summary: A term that reads as a number.
$y$, 'export.yaml');
RESET client_min_messages;

SELECT name, content FROM glossary.export_files() ORDER BY name;

-- key_map read backwards: the files use the site's names
SELECT content FROM glossary.export_files('{"primary_layer": "category", "secondary_layers": "also", "order": "position"}')
WHERE name IN ('categories.yaml', 'entries/open-weights.mdx') ORDER BY name;

-- bodies that would not survive after the front matter go into it as "body:"
UPDATE glossary.entries SET body = E'\n  indented first line\n\nimport G from "x";\n\ntrailing blanks  \n\n' WHERE slug = 'no-body';
SELECT content FROM glossary.export_files() WHERE name = 'entries/no-body.mdx';

-- every file read back with the same functions gives the same rows
CREATE TEMP TABLE exported AS SELECT * FROM glossary.export_files('{"primary_layer": "category"}');
CREATE TEMP TABLE before_entries AS SELECT * FROM glossary.entries;
CREATE TEMP TABLE before_aliases AS SELECT * FROM glossary.aliases;
CREATE TEMP TABLE before_sources AS SELECT * FROM glossary.sources;
CREATE TEMP TABLE before_categories AS SELECT * FROM glossary.categories;
CREATE TEMP TABLE before_entry_categories AS SELECT * FROM glossary.entry_categories;
DELETE FROM glossary.entries;
DELETE FROM glossary.categories;
SET client_min_messages = error;
SELECT categories FROM glossary.import_yaml((SELECT content FROM exported WHERE name = 'categories.yaml'), 'categories.yaml', '{"primary_layer": "category"}');
SELECT sum(s.entries) FROM exported x,
	glossary.import_markdown(substring(x.name FROM '^entries/(.*)\.mdx$'), x.content, x.name, '{"primary_layer": "category"}') s
WHERE x.name LIKE 'entries/%';
RESET client_min_messages;
SELECT 'entries' AS t, count(*) FROM ((TABLE before_entries EXCEPT TABLE glossary.entries) UNION ALL (TABLE glossary.entries EXCEPT TABLE before_entries)) d
UNION ALL SELECT 'aliases', count(*) FROM ((TABLE before_aliases EXCEPT TABLE glossary.aliases) UNION ALL (TABLE glossary.aliases EXCEPT TABLE before_aliases)) d
UNION ALL SELECT 'sources', count(*) FROM ((TABLE before_sources EXCEPT TABLE glossary.sources) UNION ALL (TABLE glossary.sources EXCEPT TABLE before_sources)) d
UNION ALL SELECT 'categories', count(*) FROM ((TABLE before_categories EXCEPT TABLE glossary.categories) UNION ALL (TABLE glossary.categories EXCEPT TABLE before_categories)) d
UNION ALL SELECT 'entry_categories', count(*) FROM ((TABLE before_entry_categories EXCEPT TABLE glossary.entry_categories) UNION ALL (TABLE glossary.entry_categories EXCEPT TABLE before_entry_categories)) d;
SELECT body = E'\n  indented first line\n\nimport G from "x";\n\ntrailing blanks  \n\n' AS body_kept FROM glossary.entries WHERE slug = 'no-body';
-- and exporting again gives the same files
SELECT count(*) AS files_differing FROM ((TABLE exported EXCEPT SELECT * FROM glossary.export_files('{"primary_layer": "category"}'))
	UNION ALL (SELECT * FROM glossary.export_files('{"primary_layer": "category"}') EXCEPT TABLE exported)) d;

-- key_map that cannot be read backwards
SELECT name FROM glossary.export_files('["category"]');
SELECT name FROM glossary.export_files('{"layer": "category", "primary_layer": "category"}');
SELECT name FROM glossary.export_files('{"term": "slug"}');
SELECT name FROM glossary.export_files('{"layer": "categroy"}');
-- a swap is fine: each key is written under the other's name
SELECT content FROM glossary.export_files('{"term": "summary", "summary": "term"}') WHERE name = 'entries/no-body.mdx';
SELECT count(*) FROM glossary.export_files(NULL);

DELETE FROM glossary.entries;
DELETE FROM glossary.categories;
