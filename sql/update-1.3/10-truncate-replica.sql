-- 1.2 recorded no TRUNCATE in replica mode (a replicated TRUNCATE, or
-- session_replication_role = replica): the replica-mode triggers were row
-- triggers, which a TRUNCATE does not fire (sql/15-changes.sql).
CREATE TRIGGER entries_truncate_replica AFTER TRUNCATE
	ON @extschema@.entries FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.invalidate_cache();
ALTER TABLE @extschema@.entries ENABLE REPLICA TRIGGER entries_truncate_replica;
CREATE TRIGGER aliases_truncate_replica AFTER TRUNCATE
	ON @extschema@.aliases FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.invalidate_cache();
ALTER TABLE @extschema@.aliases ENABLE REPLICA TRIGGER aliases_truncate_replica;
CREATE TRIGGER links_truncate_replica AFTER TRUNCATE
	ON @extschema@.links FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.invalidate_cache();
ALTER TABLE @extschema@.links ENABLE REPLICA TRIGGER links_truncate_replica;
