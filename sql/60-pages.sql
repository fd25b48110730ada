-- One row per entry with everything its page shows: the shape a site
-- generator reads (term, categories, aka, summary, body, sources, updated,
-- "Mentioned in").
CREATE VIEW @extschema@.entry_pages WITH (security_invoker = true) AS
SELECT e.slug,
	e.term,
	e.category,
	c.title AS category_title,
	ARRAY(SELECT ec.category FROM @extschema@.entry_categories ec
		  JOIN @extschema@.categories sc ON sc.slug OPERATOR(pg_catalog.=) ec.category
		  WHERE ec.entry OPERATOR(pg_catalog.=) e.slug
		  ORDER BY sc.position, sc.slug) AS also,
	ARRAY(SELECT a.alias FROM @extschema@.aliases a
		  WHERE a.entry OPERATOR(pg_catalog.=) e.slug
		  ORDER BY pg_catalog.lower(a.alias), a.alias) AS aliases,
	e.summary,
	e.body,
	(SELECT pg_catalog.jsonb_agg(pg_catalog.jsonb_strip_nulls(pg_catalog.jsonb_build_object(
				'title', s.title, 'url', s.url, 'publisher', s.publisher, 'date', s.published))
			ORDER BY s.position)
	 FROM @extschema@.sources s WHERE s.entry OPERATOR(pg_catalog.=) e.slug) AS sources,
	e.updated,
	ARRAY(SELECT b.slug FROM @extschema@.backlinks(e.slug) b) AS mentioned_in
FROM @extschema@.entries e
JOIN @extschema@.categories c ON c.slug OPERATOR(pg_catalog.=) e.category;
COMMENT ON VIEW @extschema@.entry_pages IS 'one row per entry with its categories, aliases, sources and "Mentioned in" (backlink slugs sorted by term)';
