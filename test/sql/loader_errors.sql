-- Bad input for import_yaml and import_markdown: every refusal names the
-- import, line and column, says what is wrong and how to fix it, and
-- leaves the tables exactly as they were.
\getenv abs_srcdir PG_ABS_SRCDIR
\set basic :abs_srcdir '/data/loader_basic.yaml'
SET client_min_messages = error;
SELECT entries FROM glossary.import_yaml(pg_read_file(:'basic'), 'loader_basic.yaml');
RESET client_min_messages;

-- a fingerprint of every glossary table
CREATE FUNCTION pg_temp.snapshot() RETURNS text LANGUAGE sql AS $$
	SELECT md5(concat_ws('|',
		(SELECT string_agg(t::text, ',' ORDER BY t::text) FROM glossary.categories t),
		(SELECT string_agg(t::text, ',' ORDER BY t::text) FROM glossary.entries t),
		(SELECT string_agg(t::text, ',' ORDER BY t::text) FROM glossary.entry_categories t),
		(SELECT string_agg(t::text, ',' ORDER BY t::text) FROM glossary.aliases t),
		(SELECT string_agg(t::text, ',' ORDER BY t::text) FROM glossary.sources t),
		(SELECT string_agg(t::text, ',' ORDER BY t::text) FROM glossary.links t)))
$$;
SELECT pg_temp.snapshot() AS before \gset
\set unchanged 'SELECT pg_temp.snapshot() = ' :'before' ' AS unchanged'

-- YAML syntax errors: libyaml's problem, where it was found, and where the construct began
SELECT glossary.import_yaml(E'entries:\n  - slug: a\n    term: b\n   summary: c\n', 'indent.yaml');
:unchanged;
SELECT glossary.import_yaml(E'entries:\n  - slug: a\n    term: "open weights\n', 'quote.yaml');
:unchanged;
SELECT glossary.import_yaml(E'entries:\n\t- slug: a\n', 'tab.yaml');
:unchanged;
SELECT glossary.import_yaml(E'entries: [a, b\n', 'flow.yaml');
:unchanged;

-- unknown keys: the closest known key, or the list of valid ones
SELECT glossary.import_yaml($y$
entries:
  - slug: open-weights
    term: open weights
    category: weights
    sumary: Downloadable parameters.
$y$, 'typo.yaml');
:unchanged;
SELECT glossary.import_yaml($y$
entries:
  - slug: open-weights
    colour: blue
$y$, 'unknown.yaml');
:unchanged;
SELECT glossary.import_yaml(E'entires: []\n', 'top.yaml');
:unchanged;
SELECT glossary.import_yaml($y$
categories:
  - slug: weights
    title: Weights
    order: 3
$y$, 'category.yaml');
:unchanged;
SELECT glossary.import_yaml($y$
entries:
  - slug: open-weights
    term: open weights
    category: weights
    summary: Downloadable parameters.
    sources:
      - title: OSAID
        link: https://opensource.org/ai
$y$, 'source.yaml');
:unchanged;
-- a key that is not a name
SELECT glossary.import_yaml(E'entries:\n  - [a]: b\n', 'key.yaml');
:unchanged;

-- wrong types
SELECT glossary.import_yaml($y$
entries:
  - slug: open-weights
    term: [open weights, open weight]
$y$, 'types.yaml');
:unchanged;
SELECT glossary.import_yaml($y$
entries:
  - slug: open-weights
    term: open weights
    category: weights
    also: governance
$y$, 'types.yaml');
:unchanged;
SELECT glossary.import_yaml($y$
entries:
  - slug: open-weights
    term: open weights
    category: weights
    summary: Downloadable parameters.
    sources:
      title: OSAID
      url: https://opensource.org/ai
$y$, 'types.yaml');
:unchanged;
SELECT glossary.import_yaml($y$
entries:
  - slug: open-weights
    aliases: [open weight, {short: ow}]
$y$, 'types.yaml');
:unchanged;
SELECT glossary.import_yaml(E'entries:\n  - open-weights\n', 'types.yaml');
:unchanged;
SELECT glossary.import_yaml(E'entries:\n  slug: open-weights\n', 'types.yaml');
:unchanged;
SELECT glossary.import_yaml(E'categories:\n  - {slug: weights, title: Weights, position: first}\n', 'types.yaml');
:unchanged;
SELECT glossary.import_yaml(E'categories:\n  - {slug: weights, title: Weights, position: 3.5}\n', 'types.yaml');
:unchanged;
SELECT glossary.import_yaml(E'categories:\n  - {slug: weights, title: Weights, position: 99999999999}\n', 'types.yaml');
:unchanged;
SELECT glossary.import_yaml(E'entries:\n  - {slug: a, term: A, category: weights, summary: S, updated: 2024-13-01}\n', 'date.yaml');
:unchanged;
SELECT glossary.import_yaml(E'entries:\n  - {slug: a, term: A, category: weights, summary: S, updated: 2023-02-29}\n', 'date.yaml');
:unchanged;
SELECT glossary.import_yaml(E'entries:\n  - {slug: a, term: A, category: weights, summary: S, updated: yesterday}\n', 'date.yaml');
:unchanged;
SELECT glossary.import_yaml(E'entries:\n  - {slug: a, term: A, category: weights, summary: S, updated: [2024]}\n', 'date.yaml');
:unchanged;
SELECT glossary.import_yaml($y$
entries:
  - slug: a
    term: A
    category: weights
    summary: S
    sources:
      - {title: T, url: "https://example.org", date: 28.10.2024}
$y$, 'date.yaml');
:unchanged;
SELECT glossary.import_yaml(E'- slug: a\n- slug: b\n', 'list.yaml');
:unchanged;
SELECT glossary.import_yaml(E'just some text\n', 'scalar.yaml');
:unchanged;

-- missing required fields
SELECT glossary.import_yaml($y$
entries:
  - slug: open-weights
    term: open weights
    category: weights
$y$, 'missing.yaml');
:unchanged;
SELECT glossary.import_yaml(E'entries:\n  - term: open weights\n    category: weights\n    summary: S\n', 'missing.yaml');
:unchanged;
SELECT glossary.import_yaml(E'categories:\n  - slug: weights\n', 'missing.yaml');
:unchanged;
SELECT glossary.import_yaml(E'entries:\n  - {slug: a, term: "  ", category: weights, summary: S}\n', 'missing.yaml');
:unchanged;
SELECT glossary.import_yaml(E'entries:\n  - {slug: a, term: A, category: weights, summary: S, sources: [{title: T}]}\n', 'missing.yaml');
:unchanged;
SELECT glossary.import_yaml(E'entries:\n  - {slug: a, term: A, category: weights, summary: S, sources: [{title: T, url: www.example.org}]}\n', 'url.yaml');
:unchanged;
SELECT glossary.import_yaml(E'entries:\n  - {slug: a, term: A, category: weights, summary: S, aliases: [B, ""]}\n', 'alias.yaml');
:unchanged;

-- bad slugs: the rule, and a suggestion
SELECT glossary.import_yaml(E'entries:\n  - {slug: Open_Weights, term: A, category: weights, summary: S}\n', 'slug.yaml');
:unchanged;
SELECT glossary.import_yaml(E'categories:\n  - {slug: "-core layer-", title: Core}\n', 'slug.yaml');
:unchanged;
SELECT glossary.import_yaml(E'entries:\n  - {slug: a--b, term: A, category: weights, summary: S}\n', 'slug.yaml');
:unchanged;
SELECT glossary.import_yaml(E'categories:\n  - {slug: core, title: Core, tier: Top Tier}\n', 'tier.yaml');
:unchanged;

-- unknown categories: a close one, or the list
SELECT glossary.import_yaml(E'entries:\n  - {slug: a, term: A, category: wieghts, summary: S}\n', 'category.yaml');
:unchanged;
SELECT glossary.import_yaml(E'entries:\n  - {slug: a, term: A, category: weights, also: [agents], summary: S}\n', 'category.yaml');
:unchanged;
SELECT glossary.import_yaml(E'entries:\n  - {slug: a, term: A, category: Weights, summary: S}\n', 'category.yaml');
:unchanged;
-- categories of the same document count
SELECT glossary.import_yaml(E'categories:\n  - {slug: agents, title: Agents}\nentries:\n  - {slug: a, term: A, category: agentz, summary: S}\n', 'category.yaml');
:unchanged;

-- duplicates within one import
SELECT glossary.import_yaml($y$
entries:
  - {slug: a, term: A, category: weights, summary: S}
  - {slug: b, term: B, category: weights, summary: S}
  - {slug: a, term: A again, category: weights, summary: S}
$y$, 'dup.yaml');
:unchanged;
SELECT glossary.import_yaml(E'categories:\n  - {slug: x, title: X}\n  - {slug: x, title: Y}\n', 'dup.yaml');
:unchanged;
SELECT glossary.import_yaml(E'entries:\n  - slug: a\n    term: A\n    term: B\n', 'dup.yaml');
:unchanged;
SELECT glossary.import_yaml(E'entries:\n  - {slug: a, term: A, category: weights, summary: S, aliases: [x, y, x]}\n', 'dup.yaml');
:unchanged;
SELECT glossary.import_yaml(E'entries:\n  - {slug: a, term: A, category: weights, summary: S, also: [governance, governance]}\n', 'dup.yaml');
:unchanged;
SELECT glossary.import_yaml(E'entries:\n  - {slug: a, term: A, category: weights, summary: S, also: [weights]}\n', 'dup.yaml');
:unchanged;
SELECT glossary.import_yaml(E'entries:\n  - slug: a\n    primary_layer: weights\n    category: governance\n', 'dup.yaml',
	'{"primary_layer": "category"}');
:unchanged;

-- broken UTF-8: PostgreSQL refuses it before the loader sees it (pg_read_file
-- does the same for a file); the loader checks again for text that slipped
-- past, and libyaml checks the UTF-8 it is given.  Control characters:
SELECT glossary.import_yaml(convert_from('\x656e74726965733a0a20202d20736c75673a2061c3280a'::bytea, 'SQL_ASCII'), 'utf8.yaml');
:unchanged;
SELECT glossary.import_yaml(E'entries:\n  - slug: a\x01b\n', 'control.yaml');
:unchanged;

-- empty documents
SELECT glossary.import_yaml('', 'empty.yaml');
SELECT glossary.import_yaml(E'  \n\n', 'empty.yaml');
SELECT glossary.import_yaml(E'# only a comment\n', 'empty.yaml');
SELECT glossary.import_yaml(E'---\n', 'empty.yaml');
SELECT glossary.import_yaml(E'{}\n', 'empty.yaml');
:unchanged;

-- limits
SELECT glossary.import_yaml(format(E'entries:\n  - {slug: a, term: %s, category: weights, summary: S}\n', repeat('x', 501)), 'limits.yaml');
SELECT glossary.import_yaml(format(E'entries:\n  - {slug: a, term: A, category: weights, summary: S, aliases: [%s]}\n', repeat('é', 501)), 'limits.yaml');
SELECT glossary.import_yaml(format(E'entries:\n  - {slug: a, term: A, category: weights, summary: %s}\n', repeat('y', 2001)), 'limits.yaml');
SELECT glossary.import_yaml(format(E'entries:\n  - {slug: %s, term: A, category: weights, summary: S}\n', repeat('z', 201)), 'limits.yaml');
SELECT glossary.import_yaml(format(E'entries:\n  - {slug: a, term: A, category: weights, summary: S, body: %s}\n', repeat('b', 1048577)), 'limits.yaml');
SELECT glossary.import_yaml(repeat(E'# padding\n', 6710887), 'limits.yaml');
SELECT glossary.import_yaml(repeat('[', 40) || repeat(']', 40), 'deep.yaml');
:unchanged;

-- anchors and aliases are refused (no alias bombs); tags other than the standard ones too
SELECT glossary.import_yaml(E'entries:\n  - &e {slug: a, term: A, category: weights, summary: S}\n  - *e\n', 'anchor.yaml');
SELECT glossary.import_yaml($y$
a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
$y$, 'bomb.yaml');
SELECT glossary.import_yaml(E'entries:\n  - {slug: a, term: !!binary aGVsbG8=, category: weights, summary: S}\n', 'tag.yaml');
SELECT glossary.import_yaml(E'entries:\n  - {slug: a, term: !shout A, category: weights, summary: S}\n', 'tag.yaml');
SELECT glossary.import_yaml(E'entries: !!set {a, b}\n', 'tag.yaml');
:unchanged;

-- more than one document in the stream
SELECT glossary.import_yaml(E'categories: []\n---\nentries: []\n', 'multi.yaml');
:unchanged;

-- NULL arguments and a bad key_map
SELECT glossary.import_yaml(NULL);
SELECT glossary.import_markdown('a', NULL);
SELECT glossary.import_yaml('entries: []', 'km', '["primary_layer", "category"]');
SELECT glossary.import_yaml('entries: []', 'km', '{"primary_layer": 7}');
SELECT glossary.import_yaml('entries: []', 'km', '{"primary_layer": "categroy"}');
-- a key renamed by key_map to a key this level does not know
SELECT glossary.import_yaml(E'entries:\n  - {slug: a, name: A}\n', 'km', '{"name": "title"}');
:unchanged;

-- one bad entry among good ones: nothing of the import is kept
SELECT glossary.import_yaml($y$
categories:
  - {slug: agents, title: Agents}
entries:
  - {slug: good-one, term: Good, category: weights, summary: Fine.}
  - {slug: good-two, term: Good too, category: agents, summary: Fine.}
  - {slug: bad, term: Bad, category: weights}
$y$, 'partial.yaml');
:unchanged;

-- Markdown: front matter problems, with line numbers of the whole file
SELECT glossary.import_markdown('a', E'term: A\n', 'a.md');
SELECT glossary.import_markdown('a', E'---\nterm: A\ncategory: weights\n', 'a.md');
SELECT glossary.import_markdown('a', E'---\n---\nBody.\n', 'a.md');
SELECT glossary.import_markdown('a', E'---\n- term: A\n---\nBody.\n', 'a.md');
SELECT glossary.import_markdown(NULL, E'---\nterm: A\ncategory: weights\nsummary: S\n---\nBody.\n', 'a.md');
SELECT glossary.import_markdown('a', E'---\nterm: A\ncategory: weights\nsummary: S\nbody: B\n---\nBody.\n', 'a.md');
SELECT glossary.import_markdown('a', E'---\nterm: A\ncategory: weights\nsummary: "S\n---\nBody.\n', 'a.md');
SELECT glossary.import_markdown('a', E'---\nterm: A\nprimary_layer: weights\nsummary: S\n---\nBody.\n', 'a.md');
SELECT glossary.import_markdown('Bad Slug', E'---\nterm: A\ncategory: weights\nsummary: S\n---\n');
SELECT glossary.import_markdown('a', E'---\nterm: A\ncategory: weights\nsummary: S\n---\n' || repeat('b', 1048577), 'a.md');
:unchanged;

-- the import runs with the caller's privileges
CREATE ROLE regress_glossary_reader;
GRANT USAGE ON SCHEMA glossary TO regress_glossary_reader;
GRANT SELECT ON ALL TABLES IN SCHEMA glossary TO regress_glossary_reader;
SET ROLE regress_glossary_reader;
SELECT glossary.import_yaml(E'entries:\n  - {slug: a, term: A, category: weights, summary: S}\n', 'reader.yaml');
RESET ROLE;
REVOKE ALL ON ALL TABLES IN SCHEMA glossary FROM regress_glossary_reader;
REVOKE ALL ON SCHEMA glossary FROM regress_glossary_reader;
DROP ROLE regress_glossary_reader;
:unchanged;

-- an error inside a transaction: the caller's savepoint decides the rest
BEGIN;
SAVEPOINT s;
SELECT glossary.import_yaml(E'entries:\n  - {slug: a, term: A, category: nowhere, summary: S}\n', 'tx.yaml');
ROLLBACK TO SAVEPOINT s;
SELECT (glossary.import_yaml(E'entries:\n  - {slug: in-tx, term: In a transaction, category: weights, summary: S}\n', 'tx.yaml')).entries;
COMMIT;
SELECT slug FROM glossary.entries WHERE slug = 'in-tx';

DELETE FROM glossary.entries;
DELETE FROM glossary.categories;
