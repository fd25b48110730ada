-- The label caches follow glossary.changes (sql/15-changes.sql) instead of
-- relcache invalidations; categories and secondary categories feed no cache.
DROP TRIGGER categories_invalidate_cache ON @extschema@.categories;
DROP TRIGGER entry_categories_invalidate_cache ON @extschema@.entry_categories;
COMMENT ON FUNCTION @extschema@.invalidate_cache() IS 'trigger that records the writing transaction in glossary.changes, the version the label caches follow';
