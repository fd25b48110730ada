-- new in 1.3
-- The shared area as a whole (C: src/label_shmem.c): one row with the
-- library preloaded, none without it.  sessions counts the backends
-- attached to the area now: each attaches on its first shared lookup and
-- lets go when it exits.
CREATE FUNCTION @extschema@.shared_area_stats(OUT area_bytes bigint, OUT slots integer,
	OUT images integer, OUT sessions integer, OUT published bigint, OUT refused bigint)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'glossary_shared_area_stats'
	LANGUAGE C VOLATILE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.shared_area_stats() IS 'the shared label index area: its size, slots of the registry and images in them, sessions attached now, images shared so far, images and parts refused for want of room';
