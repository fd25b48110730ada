-- Inputs that the fuzz harnesses (fuzz/*_fuzz.c) found mishandled, replayed
-- through the server.  Each refusal must be an ordinary error that leaves
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
