-- The glossary's version (C: src/cache_inval.c): one row per transaction
-- that wrote entries or aliases (labels) or links, written by the
-- invalidate_cache() triggers as the table's owner.  A reader's snapshot
-- sees a set of these transactions; its count and the XOR of the ids name
-- the glossary contents that snapshot sees, so a cached label index is used
-- only by statements that see the version it was built from.  A READ
-- COMMITTED writer folds the committed rows of others into its own
-- (merged_*), which keeps the table short and every version unchanged.
-- new in 1.2
CREATE TABLE @extschema@.changes (
	xact		pg_catalog.xid8 PRIMARY KEY,
	labels		boolean NOT NULL,
	links		boolean NOT NULL,
	merged_labels bigint NOT NULL DEFAULT 0,
	merged_labels_xor bigint NOT NULL DEFAULT 0,
	merged_links bigint NOT NULL DEFAULT 0,
	merged_links_xor bigint NOT NULL DEFAULT 0,
	slugs		text[],
	merged_slugs text[] DEFAULT '{}'
);
COMMENT ON TABLE @extschema@.changes IS 'transactions that wrote the glossary: the version label caches follow (derived, not dumped, not to be replicated)';
COMMENT ON COLUMN @extschema@.changes.slugs IS 'entries whose labels the transaction changed (at most 1000; NULL when not known), so a cached label index can be updated instead of rebuilt';
COMMENT ON COLUMN @extschema@.changes.merged_slugs IS 'entries the folded transactions changed (NULL when not known)';

-- Row triggers before each write note the entry it concerns; the statement
-- triggers write the noted slugs to the transaction's row.
CREATE TRIGGER entries_note_change BEFORE INSERT OR UPDATE OR DELETE
	ON @extschema@.entries FOR EACH ROW EXECUTE FUNCTION @extschema@.invalidate_cache();
CREATE TRIGGER aliases_note_change BEFORE INSERT OR UPDATE OR DELETE
	ON @extschema@.aliases FOR EACH ROW EXECUTE FUNCTION @extschema@.invalidate_cache();

-- The logical replication apply worker fires no statement trigger and no
-- ordinary row trigger: these row triggers fire in replica mode only, so a
-- subscriber records its apply transactions itself.
CREATE TRIGGER entries_invalidate_cache_replica AFTER INSERT OR UPDATE OR DELETE
	ON @extschema@.entries FOR EACH ROW EXECUTE FUNCTION @extschema@.invalidate_cache();
ALTER TABLE @extschema@.entries ENABLE REPLICA TRIGGER entries_invalidate_cache_replica;
CREATE TRIGGER aliases_invalidate_cache_replica AFTER INSERT OR UPDATE OR DELETE
	ON @extschema@.aliases FOR EACH ROW EXECUTE FUNCTION @extschema@.invalidate_cache();
ALTER TABLE @extschema@.aliases ENABLE REPLICA TRIGGER aliases_invalidate_cache_replica;
CREATE TRIGGER links_invalidate_cache_replica AFTER INSERT OR UPDATE OR DELETE
	ON @extschema@.links FOR EACH ROW EXECUTE FUNCTION @extschema@.invalidate_cache();
ALTER TABLE @extschema@.links ENABLE REPLICA TRIGGER links_invalidate_cache_replica;
-- A TRUNCATE fires no row trigger: these statement triggers record it in
-- replica mode (a replicated TRUNCATE, or session_replication_role =
-- replica), where the ordinary statement triggers do not fire.
CREATE TRIGGER entries_truncate_replica AFTER TRUNCATE
	ON @extschema@.entries FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.invalidate_cache();
ALTER TABLE @extschema@.entries ENABLE REPLICA TRIGGER entries_truncate_replica;
CREATE TRIGGER aliases_truncate_replica AFTER TRUNCATE
	ON @extschema@.aliases FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.invalidate_cache();
ALTER TABLE @extschema@.aliases ENABLE REPLICA TRIGGER aliases_truncate_replica;
CREATE TRIGGER links_truncate_replica AFTER TRUNCATE
	ON @extschema@.links FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.invalidate_cache();
ALTER TABLE @extschema@.links ENABLE REPLICA TRIGGER links_truncate_replica;

-- links and changes are derived on every node.  Rows of them that arrive
-- by logical replication (a publication of the whole schema) are dropped;
-- rows this node derives itself are written from inside a trigger.
CREATE FUNCTION @extschema@.skip_replicated_row() RETURNS trigger
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
BEGIN
	IF pg_trigger_depth() > 1 THEN
		RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
	END IF;
	RETURN NULL;
END
$$;
COMMENT ON FUNCTION @extschema@.skip_replicated_row() IS 'replica-mode trigger: drops replicated rows of the derived tables links and changes, keeps the ones this node derives';
CREATE TRIGGER links_skip_replicated BEFORE INSERT OR UPDATE OR DELETE
	ON @extschema@.links FOR EACH ROW EXECUTE FUNCTION @extschema@.skip_replicated_row();
ALTER TABLE @extschema@.links ENABLE REPLICA TRIGGER links_skip_replicated;
CREATE TRIGGER changes_skip_replicated BEFORE INSERT OR UPDATE OR DELETE
	ON @extschema@.changes FOR EACH ROW EXECUTE FUNCTION @extschema@.skip_replicated_row();
ALTER TABLE @extschema@.changes ENABLE REPLICA TRIGGER changes_skip_replicated;
