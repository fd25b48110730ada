-- new in 1.2
-- The label indexes in shared memory (C: src/label_shmem.c), one row per
-- image: with glossary in shared_preload_libraries, every session of a
-- database reads one index per glossary version.  No rows without it.
CREATE FUNCTION @extschema@.shared_index_stats(OUT database oid, OUT committed bigint,
	OUT newest boolean, OUT readers integer, OUT bytes bigint, OUT area_bytes bigint)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'glossary_shared_index_stats'
	LANGUAGE C VOLATILE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.shared_index_stats() IS 'label indexes in shared memory: database, committed transactions of its version, whether new sessions use it, sessions reading it, bytes, size of the whole area';
