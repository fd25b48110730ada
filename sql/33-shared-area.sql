-- new in 1.3
-- The shared area as a whole (C: src/label_shmem.c): one row with the
-- library preloaded, none without it.  The registry has a slot per 64 kB
-- of glossary.shared_index_size, and at least 64.  sessions counts the
-- backends attached to the area now: each attaches on its first shared
-- lookup and lets go when it exits.  The counters run from the server's
-- start: images published, unread images freed to make room or a slot
-- (evicted), images and parts refused because the area had no room, and
-- images refused because every slot held an image in use (no_slot), and
-- the parts (suggest()'s index, the automaton of mentions() and autolink())
-- sessions built for shared images: once per image when the area has room
-- for them, else once per session and image (the session keeps its copy).
CREATE FUNCTION @extschema@.shared_area_stats(OUT area_bytes bigint, OUT slots integer,
	OUT images integer, OUT sessions integer, OUT published bigint, OUT evicted bigint,
	OUT refused bigint, OUT no_slot bigint, OUT part_builds bigint)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'glossary_shared_area_stats'
	LANGUAGE C VOLATILE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.shared_area_stats() IS 'the shared label index area: its size, slots of the registry and images in them, sessions attached now, images shared, unread images evicted, images and parts refused for want of room, images refused for want of a free slot, parts built by sessions';
