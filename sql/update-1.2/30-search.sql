-- search(): the document is a stored column (entries.document) with the GIN
-- index on it; ranking no longer parses each hit's body again.
DROP INDEX @extschema@.entries_search_idx;
ALTER TABLE @extschema@.entries ADD COLUMN document tsvector
	GENERATED ALWAYS AS (@extschema@.entry_document(term, summary, body)) STORED;
COMMENT ON COLUMN @extschema@.entries.document IS 'text search document, entry_document(term, summary, body), kept up to date by PostgreSQL';
CREATE INDEX entries_search_idx ON @extschema@.entries USING gin (document);
COMMENT ON FUNCTION @extschema@.entry_document(text, text, text) IS 'text search document of an entry (term A, summary B, body D), stored in entries.document';

CREATE OR REPLACE FUNCTION @extschema@.search(query text, max integer DEFAULT 10)
	RETURNS TABLE (slug text, term text, hit text, rank real, headline text)
	LANGUAGE plpgsql STABLE STRICT PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	-- a query of stop words only is an empty result, not a NOTICE
	SET client_min_messages = warning
	AS $$
#variable_conflict use_column
DECLARE
	q tsquery;
	stems text[];
	resolved text;
BEGIN
	IF max < 0 THEN
		RAISE EXCEPTION 'max must not be negative' USING ERRCODE = 'invalid_parameter_value';
	END IF;
	-- websearch syntax never fails on user input; a query of stop words only is empty
	q := websearch_to_tsquery('pg_catalog.english', left(query, 10000));
	IF numnode(q) = 0 OR max = 0 THEN
		RETURN;
	END IF;
	-- the entry the whole query names, if any, ranks first
	resolved := @extschema@.resolve(left(query, 10000));
	stems := tsvector_to_array(to_tsvector('pg_catalog.english', left(query, 10000)));
	RETURN QUERY
	WITH entry_hits AS (
		SELECT e.slug, ts_rank(e.document, q) AS r
		FROM @extschema@.entries e
		WHERE e.document @@ q
	), alias_hits AS (
		SELECT DISTINCT ON (a.entry) a.entry AS slug, a.alias,
			ts_rank(setweight(to_tsvector('pg_catalog.english', a.alias), 'A'), q) AS r
		FROM @extschema@.aliases a
		WHERE to_tsvector('pg_catalog.english', a.alias) @@ q
		ORDER BY a.entry, 3 DESC, a.alias
	), ranked AS (
		SELECT coalesce(eh.slug, ah.slug) AS slug, ah.alias,
			(greatest(eh.r, ah.r)
			 + CASE WHEN resolved IS NOT NULL AND resolved = coalesce(eh.slug, ah.slug) THEN 1 ELSE 0 END)::real AS r
		FROM entry_hits eh
		FULL JOIN alias_hits ah ON ah.slug = eh.slug
		ORDER BY r DESC, slug
		LIMIT max
	)
	-- Headlines and the term check only for the rows returned.  A headline
	-- parses and stems its whole text again, so it reads as little as will
	-- do: the summary when the query matches the term or summary (weights
	-- A and B of the document), else the stretch of the body around the
	-- first place a query word's stem occurs (the whole body if none does).
	SELECT e.slug::text, e.term,
		CASE WHEN rk.alias IS NOT NULL AND NOT ts_filter(e.document, '{a}') @@ q
			THEN rk.alias || ' → ' || e.term ELSE e.term END,
		rk.r,
		ts_headline('pg_catalog.english',
			CASE WHEN ts_filter(e.document, '{a,b}') @@ q OR NOT e.document @@ q THEN e.summary
				WHEN hit.pos IS NULL OR length(e.body) <= 600 THEN e.summary || ' ' || e.body
				-- 600 characters from 240 before the stem, without the words cut in two
				ELSE regexp_replace(regexp_replace(substr(e.body, hit.start, 600),
						CASE WHEN hit.start > 1 THEN '^\S*\s' ELSE '^' END, ''),
					CASE WHEN hit.start + 600 <= length(e.body) THEN '\s\S*$' ELSE '$' END, '') END,
			q, 'StartSel=**, StopSel=**, MaxWords=24, MinWords=10, MaxFragments=2, FragmentDelimiter=" … "')
	FROM ranked rk JOIN @extschema@.entries e ON e.slug = rk.slug
	LEFT JOIN LATERAL (
		SELECT p.pos, greatest(p.pos - 240, 1) AS start
		FROM (SELECT min(nullif(strpos(lower(e.body), w), 0)) AS pos FROM unnest(stems) AS w) p
	) hit ON true
	ORDER BY rk.r DESC, e.slug;
END
$$;
COMMENT ON FUNCTION @extschema@.search(text, integer) IS 'ranked full-text search over term, aliases, summary and body (websearch syntax), with a headline snippet; a hit through an alias shows as "alias → term"';
