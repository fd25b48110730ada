-- import_yaml and import_markdown: the happy paths, re-import, key_map.
\getenv abs_srcdir PG_ABS_SRCDIR
\set basic :abs_srcdir '/data/loader_basic.yaml'
\set mdx :abs_srcdir '/data/loader_entry.mdx'

-- categories and entries from one document: counts come back
SELECT * FROM glossary.import_yaml(pg_read_file(:'basic'), 'loader_basic.yaml');

SELECT slug, title, tier, position, description FROM glossary.categories ORDER BY position;
SELECT slug, term, category, summary, updated FROM glossary.entries ORDER BY slug;
SELECT entry, category FROM glossary.entry_categories ORDER BY 1, 2;
SELECT entry, alias FROM glossary.aliases ORDER BY 1, 2;
SELECT entry, position, title, url, publisher, published FROM glossary.sources ORDER BY 1, 2;
SELECT entry, position, target, label, syntax FROM glossary.links ORDER BY 1, 2;
-- a block scalar keeps its line breaks (and the final one)
SELECT body FROM glossary.entries WHERE slug = 'open-weights';

-- Markdown/MDX with front matter: the slug comes from the argument, the
-- import/export lines are dropped, blank lines at both ends are trimmed
SELECT * FROM glossary.import_markdown('osaid', pg_read_file(:'mdx'), 'osaid.mdx');
SELECT slug, term, category, summary, updated FROM glossary.entries WHERE slug = 'osaid';
SELECT body FROM glossary.entries WHERE slug = 'osaid';
SELECT target, label FROM glossary.links WHERE entry = 'osaid' ORDER BY position;

-- a slug: key in the front matter wins over the argument
SELECT * FROM glossary.import_markdown('ignored', $md$---
slug: osi
term: OSI
aliases: [Open Source Initiative]
category: governance
summary: The non-profit that maintains the Open Source Definition.
---
The [[OSI]] publishes the [[osaid]].
$md$);
SELECT slug, term FROM glossary.entries WHERE slug IN ('osi', 'ignored') ORDER BY 1;

-- the slug argument alone is enough; a file without body gets ''
SELECT * FROM glossary.import_markdown('gguf', E'---\nterm: GGUF\ncategory: weights\nsummary: A file format for quantized weights.\n---\n');
SELECT slug, body = '' AS empty_body FROM glossary.entries WHERE slug = 'gguf';
-- CRLF line ends and a byte order mark are understood
SELECT * FROM glossary.import_markdown('crlf', E'\xEF\xBB\xBF---\r\nterm: CRLF\r\ncategory: weights\r\nsummary: Written on Windows.\r\n---\r\n\r\nText.\r\n');
SELECT slug, term, body FROM glossary.entries WHERE slug = 'crlf';
DELETE FROM glossary.entries WHERE slug IN ('gguf', 'crlf', 'osi');

-- re-importing an entry replaces its aliases, secondary categories, sources and links
SELECT * FROM glossary.import_yaml($y$
entries:
  - slug: open-weights
    term: open weights
    category: weights
    aliases: [open weight]
    summary: Downloadable parameters, nothing more.
    sources:
      - title: The Model Openness Framework
        url: https://arxiv.org/abs/2403.13784
        publisher: arXiv
    body: Compare [[osaid]].
$y$, 'reimport.yaml');
SELECT slug, term, summary, updated, body FROM glossary.entries WHERE slug = 'open-weights';
SELECT alias FROM glossary.aliases WHERE entry = 'open-weights' ORDER BY 1;
SELECT category FROM glossary.entry_categories WHERE entry = 'open-weights';
SELECT position, title, url, publisher FROM glossary.sources WHERE entry = 'open-weights' ORDER BY 1;
SELECT position, target FROM glossary.links WHERE entry = 'open-weights' ORDER BY 1;

-- re-importing a category updates it; its entries stay
SELECT * FROM glossary.import_yaml($y$
categories:
  - {slug: weights, title: Model weights, position: 7}
$y$);
SELECT slug, title, tier, position, description FROM glossary.categories WHERE slug = 'weights';
SELECT count(*) FROM glossary.entries WHERE category = 'weights';

-- key_map: content written for another site loads unchanged
SELECT * FROM glossary.import_markdown('llama', $md$---
term: Llama
primary_layer: weights
secondary_layers: [governance]
aliases: [LLaMA, Meta Llama]
summary: Meta's family of open-weights language models.
---

import G from "../../components/G.astro";

Released as <G term="open weights">open weights</G>.
$md$, 'llama.mdx', '{"primary_layer": "category", "secondary_layers": "also"}');
SELECT slug, category FROM glossary.entries WHERE slug = 'llama';
SELECT category FROM glossary.entry_categories WHERE entry = 'llama';
-- key_map applies to every mapping, for example categories written with "order"
SELECT * FROM glossary.import_yaml($y$
layers:
  - {slug: runtime, title: Runtime, order: 7}
$y$, 'layers.yaml', '{"layers": "categories", "order": "position"}');
SELECT slug, position FROM glossary.categories WHERE slug = 'runtime';

-- null values mean "not given"; quoted "null" is a string
SELECT * FROM glossary.import_yaml($y$
entries:
  - slug: nothing
    term: "null"
    category: runtime
    summary: A term that reads like a YAML null.
    aliases: ~
    updated: null
    body:
$y$);
SELECT slug, term, updated, body FROM glossary.entries WHERE slug = 'nothing';

-- NULL source_name and key_map are allowed
SELECT * FROM glossary.import_yaml('entries: []', NULL, NULL);
SELECT * FROM glossary.import_yaml('categories: []');

-- warnings: links that do not resolve, label collisions
SELECT * FROM glossary.import_yaml($y$
entries:
  - slug: ggml
    term: GGML
    category: runtime
    aliases: [Apache 2.0, open weight, llama]
    summary: A tensor library for running models on ordinary hardware.
    body: Stores [[weights]] for [[llama.cpp]], see [[gguf]] and [[ggml]].
$y$, 'warnings.yaml');

-- the other direction: a new entry's term or slug is an existing alias
SELECT * FROM glossary.import_yaml($y$
entries:
  - {slug: asl-2-0, term: Open Weight, category: weights, summary: A term that is already an alias.}
$y$, 'collide.yaml');

-- clean up for the tests that follow
DELETE FROM glossary.entries;
DELETE FROM glossary.categories;
