-- new in 1.2
-- import_yaml and import_markdown that also return the slugs of the entries
-- they wrote, in input order: the server is the only reader of the files, and
-- glossary-load --replace keeps exactly the entries these lists name.

CREATE FUNCTION @extschema@.import_yaml_slugs(doc text, source_name text DEFAULT 'input',
	key_map jsonb DEFAULT '{}',
	OUT categories integer, OUT entries integer, OUT aliases integer, OUT sources integer,
	OUT links integer, OUT warnings integer, OUT slugs text[])
	AS 'MODULE_PATHNAME', 'glossary_import_yaml'
	LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION @extschema@.import_yaml_slugs(text, text, jsonb) IS 'import_yaml, also returning the slugs of the entries written';

CREATE FUNCTION @extschema@.import_markdown_slugs(slug text, doc text, source_name text DEFAULT NULL,
	key_map jsonb DEFAULT '{}',
	OUT categories integer, OUT entries integer, OUT aliases integer, OUT sources integer,
	OUT links integer, OUT warnings integer, OUT slugs text[])
	AS 'MODULE_PATHNAME', 'glossary_import_markdown'
	LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION @extschema@.import_markdown_slugs(text, text, text, jsonb) IS 'import_markdown, also returning the slug of the entry written';
