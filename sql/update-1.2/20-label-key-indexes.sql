-- The loader's collision warnings compare labels by glossary.normalize(),
-- as resolve() does; these indexes let an import look up its labels' keys.
CREATE INDEX entries_slug_key_idx ON @extschema@.entries (@extschema@.normalize(slug));
CREATE INDEX entries_term_key_idx ON @extschema@.entries (@extschema@.normalize(term));
CREATE INDEX aliases_alias_key_idx ON @extschema@.aliases (@extschema@.normalize(alias));
