-- new in 1.2
-- The glossary as the files a site keeps (src/export_files.c): categories.yaml
-- and one entries/<slug>.mdx per entry with YAML front matter, key names
-- through key_map read backwards; glossary-load --export writes them.

CREATE FUNCTION @extschema@.export_files(key_map jsonb DEFAULT '{}',
	OUT name text, OUT content text)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'glossary_export_files'
	LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.export_files(jsonb) IS 'categories.yaml and entries/<slug>.mdx, in path order, as import_yaml and import_markdown read them back';
