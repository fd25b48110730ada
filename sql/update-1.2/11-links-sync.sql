-- entries_sync_links also runs in replica mode (the logical replication
-- apply worker) and removes the links of a deleted or renamed entry itself,
-- since replica mode runs no foreign key cascade.
CREATE OR REPLACE FUNCTION @extschema@.entries_sync_links() RETURNS trigger
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
BEGIN
	IF TG_OP = 'UPDATE' THEN
		IF NEW.body IS NOT DISTINCT FROM OLD.body AND NEW.slug IS NOT DISTINCT FROM OLD.slug THEN
			RETURN NULL;
		END IF;
		DELETE FROM @extschema@.links WHERE entry IN (OLD.slug, NEW.slug);
	ELSIF TG_OP = 'DELETE' THEN
		-- what the foreign key cascades, which replica mode does not run
		DELETE FROM @extschema@.links WHERE entry = OLD.slug;
		RETURN NULL;
	END IF;
	INSERT INTO @extschema@.links (entry, position, target, label, syntax)
		SELECT NEW.slug, l.position, l.target, l.label, l.syntax
		FROM @extschema@.extract_links(NEW.body) AS l;
	RETURN NULL;
END
$$;
DROP TRIGGER entries_sync_links ON @extschema@.entries;
CREATE TRIGGER entries_sync_links
	AFTER INSERT OR UPDATE OR DELETE ON @extschema@.entries
	FOR EACH ROW EXECUTE FUNCTION @extschema@.entries_sync_links();
ALTER TABLE @extschema@.entries ENABLE ALWAYS TRIGGER entries_sync_links;
