-- the licence table now holds the whole SPDX License List (docs/classification.md,
-- "Licences from the SPDX list")
ALTER FUNCTION @extschema@.licenses() ROWS 510;
COMMENT ON FUNCTION @extschema@.licenses() IS 'every licence the release classifier knows (the SPDX License List and data/licenses.tsv)';
