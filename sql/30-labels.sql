-- Label resolution (C, src/normalize.c, src/label_cache.c, src/resolve.c,
-- src/suggest.c): the comparison key of a label, the entry a label names,
-- every candidate with how it matched, "did you mean", full-text search, and
-- the views that show editors where labels collide.

CREATE FUNCTION @extschema@.normalize(label text) RETURNS text
	AS 'MODULE_PATHNAME', 'glossary_normalize_sql'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.normalize(text) IS 'comparison key of a label: NFKC case folding, dashes/underscores/white space unified to one space, surrounding punctuation and quotes trimmed';

CREATE FUNCTION @extschema@.resolve(label text) RETURNS text
	AS 'MODULE_PATHNAME', 'glossary_resolve'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.resolve(text) IS 'slug of the one entry a label names (slug, then term, then alias, then variants), NULL if none or ambiguous';

CREATE FUNCTION @extschema@.lookup(label text,
	OUT slug text, OUT term text, OUT match text, OUT via text, OUT note text,
	OUT score real, OUT ambiguous boolean, OUT resolved boolean)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'glossary_lookup'
	LANGUAGE C STABLE STRICT PARALLEL SAFE ROWS 3;
COMMENT ON FUNCTION @extschema@.lookup(text) IS 'every entry a label may name, with how it matched (slug, term, alias, variant, fuzzy), a score, and whether the match is ambiguous';

CREATE FUNCTION @extschema@.suggest(label text, max integer DEFAULT 5,
	OUT slug text, OUT term text, OUT via text, OUT distance integer, OUT score real)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'glossary_suggest'
	LANGUAGE C STABLE STRICT PARALLEL SAFE ROWS 5;
COMMENT ON FUNCTION @extschema@.suggest(text, integer) IS '"did you mean": entries with a label within one or two edits (typos, transpositions, a missing or extra hyphen or space)';

CREATE FUNCTION @extschema@.label_index_stats(OUT entries integer, OUT labels integer,
	OUT keys integer, OUT builds bigint, OUT fuzzy_built boolean, OUT memory bigint)
	AS 'MODULE_PATHNAME', 'glossary_label_index_stats'
	LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.label_index_stats() IS 'this session''s label index: entries, written labels, keys (with variants), builds so far, whether suggest()''s index exists, bytes allocated';

-- Full-text search.  The document of an entry: term (weight A), summary (B),
-- body (D); aliases are searched through their own index (weight A).
CREATE FUNCTION @extschema@.entry_document(term text, summary text, body text) RETURNS tsvector
	LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
	RETURN pg_catalog.setweight(pg_catalog.to_tsvector('pg_catalog.english'::pg_catalog.regconfig, term), 'A')
		OPERATOR(pg_catalog.||) pg_catalog.setweight(pg_catalog.to_tsvector('pg_catalog.english'::pg_catalog.regconfig, summary), 'B')
		OPERATOR(pg_catalog.||) pg_catalog.setweight(pg_catalog.to_tsvector('pg_catalog.english'::pg_catalog.regconfig, body), 'D');
COMMENT ON FUNCTION @extschema@.entry_document(text, text, text) IS 'text search document of an entry (term A, summary B, body D), stored in entries.document';

-- Stored, so that ranking a hit reads the document instead of parsing the
-- body again (search() took 15 ms on the shipped glossary without it).
ALTER TABLE @extschema@.entries ADD COLUMN document tsvector
	GENERATED ALWAYS AS (@extschema@.entry_document(term, summary, body)) STORED;
COMMENT ON COLUMN @extschema@.entries.document IS 'text search document, entry_document(term, summary, body), kept up to date by PostgreSQL';
CREATE INDEX entries_search_idx ON @extschema@.entries USING gin (document);
CREATE INDEX aliases_search_idx ON @extschema@.aliases
	USING gin (pg_catalog.to_tsvector('pg_catalog.english'::pg_catalog.regconfig, alias));

CREATE FUNCTION @extschema@.search(query text, max integer DEFAULT 10)
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

-- The keys of every slug, term and alias, for the loader's collision
-- warnings (src/loader_write.c), which look up the keys of the labels an
-- import wrote.
CREATE INDEX entries_slug_key_idx ON @extschema@.entries (@extschema@.normalize(slug));
CREATE INDEX entries_term_key_idx ON @extschema@.entries (@extschema@.normalize(term));
CREATE INDEX aliases_alias_key_idx ON @extschema@.aliases (@extschema@.normalize(alias));

-- Every written label with its key, for the collision views.  Like every
-- view of the extension, it reads the tables with the caller's privileges
-- and row-level security policies (security_invoker), not its owner's.
CREATE VIEW @extschema@.labels WITH (security_invoker = true) AS
	SELECT e.slug::text AS entry, 'slug'::text AS kind, 1 AS level, e.slug::text AS label,
		@extschema@.normalize(e.slug) AS key
	FROM @extschema@.entries e
	UNION ALL
	SELECT e.slug, 'term', 2, e.term, @extschema@.normalize(e.term)
	FROM @extschema@.entries e
	UNION ALL
	SELECT a.entry, 'alias', 3, a.alias, @extschema@.normalize(a.alias)
	FROM @extschema@.aliases a;
COMMENT ON VIEW @extschema@.labels IS 'every slug, term and alias with its normalized key and level (1 slug, 2 term, 3 alias)';

-- Keys that several entries share at the best level the key has anywhere:
-- resolve() returns NULL for them.
CREATE VIEW @extschema@.ambiguous_labels WITH (security_invoker = true) AS
	WITH best AS (
		SELECT key, pg_catalog.min(level) AS level FROM @extschema@.labels
		WHERE key OPERATOR(pg_catalog.<>) '' GROUP BY key
	)
	SELECT l.key, pg_catalog.min(l.kind) AS kind,
		pg_catalog.array_agg(DISTINCT l.entry ORDER BY l.entry) AS entries,
		pg_catalog.array_agg(DISTINCT l.label ORDER BY l.label) AS labels
	FROM @extschema@.labels l JOIN best b ON b.key OPERATOR(pg_catalog.=) l.key AND b.level OPERATOR(pg_catalog.=) l.level
	GROUP BY l.key
	HAVING pg_catalog.count(DISTINCT l.entry) OPERATOR(pg_catalog.>) 1;
COMMENT ON VIEW @extschema@.ambiguous_labels IS 'labels several entries share at the same level: they resolve to NULL';

-- Labels hidden by another entry's label at a better level: resolving them
-- gives the other entry (or NULL if that level is ambiguous).
CREATE VIEW @extschema@.shadowed_labels WITH (security_invoker = true) AS
	SELECT l.entry, l.kind, l.label, l.key,
		s.entry AS shadowed_by, s.kind AS shadowed_by_kind, s.label AS shadowed_by_label
	FROM @extschema@.labels l
	JOIN @extschema@.labels s ON s.key OPERATOR(pg_catalog.=) l.key
		AND s.level OPERATOR(pg_catalog.<) l.level AND s.entry OPERATOR(pg_catalog.<>) l.entry
	WHERE l.key OPERATOR(pg_catalog.<>) ''
		AND NOT EXISTS (SELECT FROM @extschema@.labels o
			WHERE o.key OPERATOR(pg_catalog.=) l.key AND o.entry OPERATOR(pg_catalog.=) l.entry
			AND o.level OPERATOR(pg_catalog.<=) s.level);
COMMENT ON VIEW @extschema@.shadowed_labels IS 'labels (terms, aliases) that resolve to another entry because its slug or term has the same key';
