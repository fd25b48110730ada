-- extract_links() now skips indented code blocks as mentions() and autolink()
-- do: drop the stored links that 1.1 found inside them.
DELETE FROM @extschema@.links AS l
WHERE NOT EXISTS (
	SELECT FROM @extschema@.entries AS e, @extschema@.extract_links(e.body) AS x
	WHERE e.slug OPERATOR(pg_catalog.=) l.entry
		AND x.position OPERATOR(pg_catalog.=) l.position);
