-- Inputs that the fuzz harnesses (fuzz/*_fuzz.c) or valgrind
-- (tools/run-valgrind.sh) found mishandled, replayed through the server.  Each refusal must be an ordinary error that leaves
-- the tables as they were.
\set VERBOSITY default
CREATE FUNCTION pg_temp.snapshot() RETURNS text LANGUAGE sql AS $$
	SELECT md5(concat_ws('|',
		(SELECT string_agg(t::text, ',' ORDER BY t::text) FROM glossary.categories t),
		(SELECT string_agg(t::text, ',' ORDER BY t::text) FROM glossary.entries t),
		(SELECT string_agg(t::text, ',' ORDER BY t::text) FROM glossary.aliases t),
		(SELECT string_agg(t::text, ',' ORDER BY t::text) FROM glossary.sources t)))
$$;
SELECT pg_temp.snapshot() AS before \gset
\set unchanged 'SELECT pg_temp.snapshot() = ' :'before' ' AS unchanged'

-- yaml_fuzz: a "\0" escape put a zero byte in a scalar, and the value was
-- silently cut there ("abc\0def" was stored as "abc"); text cannot hold
-- U+0000, so the value is refused, as jsonb refuses \u0000.
SELECT glossary.import_yaml(E'categories:\n  - slug: c\n    title: "abc\\0def"\n', 'nul.yaml');
:unchanged;
SELECT glossary.import_yaml(E'categories:\n  - slug: c\n    title: "abc\\x00"\n', 'nul.yaml');
:unchanged;
SELECT glossary.import_yaml(E'categories:\n  - slug: c\n    "ti\\u0000tle": x\n', 'nul.yaml');
:unchanged;
SELECT glossary.import_markdown('c', E'---\nterm: "x\\0"\n---\nbody\n');
:unchanged;
-- other escapes are still fine
SELECT categories FROM glossary.import_yaml(E'categories:\n  - slug: fuzz-c\n    title: "tab\\there \\u00e9"\n', 'ok.yaml');
SELECT title FROM glossary.categories WHERE slug = 'fuzz-c';
DELETE FROM glossary.categories WHERE slug = 'fuzz-c';
:unchanged;

-- mentions_fuzz: one character of the text can fold to two keys ("½" folds
-- to "1⁄2"); both mentions then covered the same bytes, and mentions()
-- crashed the server (signal 11) counting characters from the end of the
-- first back to the start of the second.  A later mention that overlaps an
-- earlier one in the text is now dropped.
INSERT INTO glossary.categories (slug, title) VALUES ('fuzz-cat', 'Fuzz');
INSERT INTO glossary.entries (slug, term, category, summary) VALUES
	('fuzz-one', '1', 'fuzz-cat', 'One.'), ('fuzz-two', '2', 'fuzz-cat', 'Two.');
SELECT * FROM glossary.mentions('Take ½ cup, 1 or 2.');
SELECT glossary.autolink('Take ½ cup, 1 or 2.', first_only => false);
DELETE FROM glossary.entries WHERE category = 'fuzz-cat';
DELETE FROM glossary.categories WHERE slug = 'fuzz-cat';
:unchanged;

-- valgrind: backlinks() sorted its link pairs after SPI_finish had freed
-- them (a read of freed memory; with enough links the block is returned to
-- the system and the sort crashes).  20,000 links from one entry.
INSERT INTO glossary.categories (slug, title) VALUES ('fuzz-cat', 'Fuzz');
INSERT INTO glossary.entries (slug, term, category, summary, body) VALUES
	('fuzz-target', 'fuzz target', 'fuzz-cat', 'Linked to.', ''),
	('fuzz-source', 'fuzz source', 'fuzz-cat', 'Links a lot.', repeat('[[fuzz target]] ', 20000));
SELECT slug, links FROM glossary.backlinks('fuzz target');
DELETE FROM glossary.entries WHERE category = 'fuzz-cat';
DELETE FROM glossary.categories WHERE slug = 'fuzz-cat';
:unchanged;
