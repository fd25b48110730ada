-- Label resolution.  PROVISIONAL plain-SQL version, to be replaced by the C
-- implementation (issue: alias resolution in C).  Kept semantics: slug, then
-- term, then alias; a label two entries share at the same level is NULL.
CREATE FUNCTION @extschema@.resolve(label text) RETURNS text
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	AS $$
	WITH k AS (
		SELECT lower(regexp_replace(btrim(label), '[-_[:space:]]+', ' ', 'g')) AS key
	), hits AS (
		SELECT 1 AS level, e.slug FROM @extschema@.entries e, k
			WHERE replace(e.slug, '-', ' ') = k.key
		UNION
		SELECT 2, e.slug FROM @extschema@.entries e, k
			WHERE lower(regexp_replace(btrim(e.term), '[-_[:space:]]+', ' ', 'g')) = k.key
		UNION
		SELECT 3, a.entry FROM @extschema@.aliases a, k
			WHERE lower(regexp_replace(btrim(a.alias), '[-_[:space:]]+', ' ', 'g')) = k.key
	), best AS (
		SELECT level, min(slug) AS slug, count(*) AS n FROM hits
		GROUP BY level ORDER BY level LIMIT 1
	)
	SELECT CASE WHEN n = 1 THEN slug END FROM best
$$;
