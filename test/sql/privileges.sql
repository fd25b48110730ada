-- Privileges: the functions run with the caller's rights (no SECURITY
-- DEFINER), and every statement that answers from the cached label index
-- checks them first, so a warm cache answers no one who may not read.  A
-- reader with USAGE on the schema and SELECT on the tables can
-- use every read function; importing needs INSERT/UPDATE/DELETE (and SELECT)
-- on the tables; without USAGE nothing works.
\getenv abs_srcdir PG_ABS_SRCDIR
\set basic :abs_srcdir '/data/loader_basic.yaml'
SET client_min_messages = error;
SELECT entries FROM glossary.import_yaml(pg_read_file(:'basic'), 'loader_basic.yaml');
RESET client_min_messages;

CREATE ROLE regress_glossary_reader;
CREATE ROLE regress_glossary_writer;
CREATE ROLE regress_glossary_nobody;
GRANT USAGE ON SCHEMA glossary TO regress_glossary_reader, regress_glossary_writer;
GRANT SELECT ON ALL TABLES IN SCHEMA glossary TO regress_glossary_reader;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA glossary TO regress_glossary_writer;

SET ROLE regress_glossary_reader;
SELECT glossary.resolve('Apache License 2.0') AS resolve;
SELECT slug, match FROM glossary.lookup('ASL 2.0');
SELECT slug, distance FROM glossary.suggest('apache 2.1');
SELECT slug, hit FROM glossary.search('weights');
SELECT slug FROM glossary.backlinks('apache-2-0');
SELECT count(*) IS NOT NULL AS links_readable FROM glossary.links('open-weights');
SELECT slug, "text" FROM glossary.mentions('Released as open weights under the ASL 2.0.');
SELECT glossary.autolink('Released as open weights under the ASL 2.0.');
SELECT count(*) FROM glossary.labels;
SELECT count(*) > 0 AS dangling FROM glossary.dangling_links;
SELECT length(glossary.export_yaml()) > 500 AS exported;
SELECT glossary.classify_release('{"weights_available": true, "weights_license": "Apache-2.0"}');
SELECT id FROM glossary.license_info('MIT');
-- cannot import: permission denied on the tables, nothing written
SELECT * FROM glossary.import_markdown('reader-entry', E'---\nterm: Reader\ncategory: weights\nsummary: Not allowed.\n---\n');
SELECT * FROM glossary.import_yaml(E'categories:\n  - slug: reader-cat\n    title: Reader\n');
DELETE FROM glossary.entries;
RESET ROLE;
SELECT count(*) AS reader_rows FROM glossary.entries WHERE slug = 'reader-entry';

-- the writer imports, with its own rights (the links trigger too)
SET ROLE regress_glossary_writer;
SELECT * FROM glossary.import_markdown('writer-entry', E'---\nterm: Writer entry\ncategory: weights\nsummary: Allowed.\n---\nSee [[open weights]].\n');
SELECT glossary.resolve('writer entry') AS resolve, (SELECT count(*) FROM glossary.links WHERE entry = 'writer-entry') AS links;
DELETE FROM glossary.entries WHERE slug = 'writer-entry';
RESET ROLE;

-- no USAGE on the schema: every call fails before it starts
SET ROLE regress_glossary_nobody;
SELECT glossary.resolve('x');
SELECT glossary.classify_release('{}');
RESET ROLE;

-- USAGE without SELECT: the readers fail on the tables, nothing leaks, also
-- when this backend's label index is warm (built by a role that may read it)
GRANT USAGE ON SCHEMA glossary TO regress_glossary_nobody;
SELECT glossary.resolve('apache 2.0') AS warm, (SELECT count(*) FROM glossary.backlinks('apache-2-0')) > 0 AS warm_links,
	(SELECT count(*) FROM glossary.suggest('apache 2.1')) > 0 AS warm_fuzzy;
SET ROLE regress_glossary_nobody;
SELECT glossary.resolve('apache 2.0');
SELECT * FROM glossary.lookup('ASL 2.0');
SELECT * FROM glossary.suggest('apache 2.1');
SELECT * FROM glossary.mentions('Released under the ASL 2.0.');
SELECT glossary.autolink('Released under the ASL 2.0.', 'html');
SELECT * FROM glossary.backlinks('apache-2-0');
SELECT glossary.link_status('ASL 2.0');
SELECT * FROM glossary.label_index_stats();
-- one statement, many rows: refused at the first
SELECT glossary.resolve(x) FROM (VALUES ('apache 2.0'), ('ASL 2.0')) v(x);
SELECT glossary.export_yaml();
-- the classifier, the licence table and normalize read no table
SELECT glossary.classify_release('{"weights_available": false}'), (glossary.license_info('MIT')).id, glossary.normalize('Fine-Tuning');
RESET ROLE;

-- SELECT on entries and aliases but not links: labels yes, backlinks no
CREATE ROLE regress_glossary_labels;
GRANT USAGE ON SCHEMA glossary TO regress_glossary_labels;
GRANT SELECT ON glossary.entries, glossary.aliases TO regress_glossary_labels;
SET ROLE regress_glossary_labels;
SELECT glossary.resolve('ASL 2.0') AS resolve;
SELECT * FROM glossary.backlinks('apache-2-0');
RESET ROLE;

-- a SECURITY DEFINER function runs with its owner's rights: the owner here
-- may not read the tables, so the caller's warm index does not answer
CREATE FUNCTION public.regress_definer_resolve(label text) RETURNS text
	LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog
	AS 'SELECT glossary.resolve(label)';
CREATE FUNCTION public.regress_definer_autolink(doc text) RETURNS text
	LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog
	AS $$SELECT glossary.autolink(doc, 'html')$$;
ALTER FUNCTION public.regress_definer_resolve(text) OWNER TO regress_glossary_nobody;
ALTER FUNCTION public.regress_definer_autolink(text) OWNER TO regress_glossary_nobody;
SELECT glossary.resolve('ASL 2.0') AS caller_may;
SELECT public.regress_definer_resolve('ASL 2.0');
SELECT public.regress_definer_autolink('Released under the ASL 2.0.');
-- and the other way round: the owner may read, the caller may not
ALTER FUNCTION public.regress_definer_resolve(text) OWNER TO regress_glossary_reader;
GRANT EXECUTE ON FUNCTION public.regress_definer_resolve(text) TO regress_glossary_nobody;
SET ROLE regress_glossary_nobody;
SELECT public.regress_definer_resolve('ASL 2.0') AS through_definer;
SELECT glossary.resolve('ASL 2.0') AS direct;
RESET ROLE;
DROP FUNCTION public.regress_definer_resolve(text), public.regress_definer_autolink(text);

DELETE FROM glossary.entries;
DELETE FROM glossary.categories;
DROP OWNED BY regress_glossary_reader, regress_glossary_writer, regress_glossary_nobody, regress_glossary_labels;
DROP ROLE regress_glossary_reader, regress_glossary_writer, regress_glossary_nobody, regress_glossary_labels;
