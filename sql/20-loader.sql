-- The in-server loader: YAML documents and Markdown/MDX entries in, YAML out.
-- The functions run with the caller's privileges (no SECURITY DEFINER) and
-- write through SPI with parameters; see docs/loading.md, "Loading and exporting from SQL".

CREATE TYPE @extschema@.import_summary AS (
	categories	integer,
	entries		integer,
	aliases		integer,
	sources		integer,
	links		integer,
	warnings	integer
);
COMMENT ON TYPE @extschema@.import_summary IS 'what one import wrote: rows per table, links found in the bodies, warnings raised';

CREATE FUNCTION @extschema@.import_yaml(doc text, source_name text DEFAULT 'input',
	key_map jsonb DEFAULT '{}')
	RETURNS @extschema@.import_summary
	AS 'MODULE_PATHNAME', 'glossary_import_yaml'
	LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION @extschema@.import_yaml(text, text, jsonb) IS 'upsert the categories and entries of a YAML document; all or nothing';

CREATE FUNCTION @extschema@.import_markdown(slug text, doc text, source_name text DEFAULT NULL,
	key_map jsonb DEFAULT '{}')
	RETURNS @extschema@.import_summary
	AS 'MODULE_PATHNAME', 'glossary_import_markdown'
	LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION @extschema@.import_markdown(text, text, text, jsonb) IS 'upsert one entry written as Markdown/MDX with YAML front matter';

CREATE FUNCTION @extschema@.export_yaml() RETURNS text
	AS 'MODULE_PATHNAME', 'glossary_export_yaml'
	LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.export_yaml() IS 'every category and entry as one YAML document that import_yaml reads back';
