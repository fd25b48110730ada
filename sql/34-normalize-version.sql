-- new in 1.3
-- normalize() is IMMUTABLE, and the indexes on it (entries_slug_key_idx,
-- entries_term_key_idx, aliases_alias_key_idx, and any of the user's) store
-- its results; but it follows ICU's NFKC case folding, which a newer ICU (a
-- newer Unicode) may change.  As PostgreSQL records the version of a
-- collation, this records the ICU version the indexes were built with: at
-- CREATE EXTENSION (a restore builds its indexes then too) and by
-- reindex_normalized().  A session's first label lookup warns when the
-- server's ICU differs (src/normalize_version.c).
CREATE FUNCTION @extschema@.icu_version() RETURNS text
	AS 'MODULE_PATHNAME', 'glossary_icu_version'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.icu_version() IS 'version of the ICU library normalize() uses in this server';

CREATE TABLE @extschema@.normalize_version (
	single		boolean PRIMARY KEY DEFAULT true CHECK (single),
	icu			text NOT NULL,
	recorded	timestamptz NOT NULL DEFAULT pg_catalog.now()
);
COMMENT ON TABLE @extschema@.normalize_version IS 'ICU version the indexes on normalize() were built with (one row; not dumped: a restore builds them again)';
INSERT INTO @extschema@.normalize_version (icu) VALUES (@extschema@.icu_version());
-- each node records its own: a replicated row is dropped
CREATE TRIGGER normalize_version_skip_replicated BEFORE INSERT OR UPDATE OR DELETE
	ON @extschema@.normalize_version FOR EACH ROW EXECUTE FUNCTION @extschema@.skip_replicated_row();
ALTER TABLE @extschema@.normalize_version ENABLE REPLICA TRIGGER normalize_version_skip_replicated;

-- REINDEX every index on normalize() (the extension's and the user's; the
-- caller must own them), then record the server's ICU version
CREATE FUNCTION @extschema@.reindex_normalized() RETURNS integer
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
DECLARE
	fn oid;
	ix regclass;
	n integer := 0;
BEGIN
	SELECT p.oid INTO STRICT fn FROM pg_proc p JOIN pg_extension e ON e.extnamespace = p.pronamespace
	WHERE e.extname = 'glossary' AND p.proname = 'normalize' AND p.pronargs = 1;
	FOR ix IN
		SELECT DISTINCT c.oid::regclass FROM pg_depend d JOIN pg_class c ON c.oid = d.objid
		WHERE d.classid = 'pg_class'::regclass AND c.relkind IN ('i', 'I')
			AND d.refclassid = 'pg_proc'::regclass AND d.refobjid = fn
		ORDER BY 1
	LOOP
		EXECUTE format('REINDEX INDEX %s', ix);
		n := n + 1;
	END LOOP;
	UPDATE @extschema@.normalize_version SET icu = @extschema@.icu_version(), recorded = now();
	IF NOT FOUND THEN
		INSERT INTO @extschema@.normalize_version (icu) VALUES (@extschema@.icu_version());
	END IF;
	RETURN n;
END
$$;
COMMENT ON FUNCTION @extschema@.reindex_normalized() IS 'rebuilds every index on normalize() and records the ICU version they are built with; returns how many';
