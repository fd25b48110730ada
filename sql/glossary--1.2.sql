/* sql/glossary--1.2.sql: version 1.2 of the install script, kept as released */

\echo Use "CREATE EXTENSION glossary" to load this file. \quit

-- sql/10-schema.sql
-- Tables of the glossary: categories, entries, their secondary categories,
-- aliases, sources and the links extracted from entry bodies.

-- Slugs: lower-case letters and digits in words joined by single hyphens.
CREATE DOMAIN @extschema@.slug AS text
	CONSTRAINT slug_format CHECK (VALUE OPERATOR(pg_catalog.~) '^[a-z0-9]+(-[a-z0-9]+)*$'
		AND pg_catalog.length(VALUE) OPERATOR(pg_catalog.<=) 200);
COMMENT ON DOMAIN @extschema@.slug IS 'lower-case letters and digits in words joined by single hyphens, at most 200 characters';

CREATE TABLE @extschema@.categories (
	slug		@extschema@.slug PRIMARY KEY,
	title		text NOT NULL CHECK (pg_catalog.btrim(title) OPERATOR(pg_catalog.<>) ''),
	tier		text NOT NULL DEFAULT 'core' CHECK (tier OPERATOR(pg_catalog.~) '^[a-z0-9]+(-[a-z0-9]+)*$'),
	position	integer NOT NULL DEFAULT 0,
	description text NOT NULL DEFAULT ''
);
COMMENT ON TABLE @extschema@.categories IS 'categories (layers) that group glossary entries';

CREATE TABLE @extschema@.entries (
	slug		@extschema@.slug PRIMARY KEY,
	term		text NOT NULL CHECK (pg_catalog.btrim(term) OPERATOR(pg_catalog.<>) ''),
	category	text NOT NULL REFERENCES @extschema@.categories (slug) ON UPDATE CASCADE,
	summary		text NOT NULL CHECK (pg_catalog.btrim(summary) OPERATOR(pg_catalog.<>) ''),
	body		text NOT NULL DEFAULT '',
	updated		date
);
COMMENT ON TABLE @extschema@.entries IS 'glossary entries: term, primary category, one-sentence summary and Markdown/MDX body';
CREATE INDEX entries_category_idx ON @extschema@.entries (category);
CREATE INDEX entries_term_lower_idx ON @extschema@.entries (pg_catalog.lower(term));

-- Secondary categories ("also: ...") of an entry.
CREATE TABLE @extschema@.entry_categories (
	entry		text NOT NULL REFERENCES @extschema@.entries (slug) ON UPDATE CASCADE ON DELETE CASCADE,
	category	text NOT NULL REFERENCES @extschema@.categories (slug) ON UPDATE CASCADE,
	PRIMARY KEY (entry, category)
);
COMMENT ON TABLE @extschema@.entry_categories IS 'secondary categories of an entry';
CREATE INDEX entry_categories_category_idx ON @extschema@.entry_categories (category);

CREATE TABLE @extschema@.aliases (
	entry		text NOT NULL REFERENCES @extschema@.entries (slug) ON UPDATE CASCADE ON DELETE CASCADE,
	alias		text NOT NULL CHECK (pg_catalog.btrim(alias) OPERATOR(pg_catalog.<>) ''),
	PRIMARY KEY (entry, alias)
);
COMMENT ON TABLE @extschema@.aliases IS 'alternative labels of an entry (shown as "aka")';
CREATE INDEX aliases_alias_lower_idx ON @extschema@.aliases (pg_catalog.lower(alias));

CREATE TABLE @extschema@.sources (
	entry		text NOT NULL REFERENCES @extschema@.entries (slug) ON UPDATE CASCADE ON DELETE CASCADE,
	position	integer NOT NULL CHECK (position OPERATOR(pg_catalog.>) 0),
	title		text NOT NULL CHECK (pg_catalog.btrim(title) OPERATOR(pg_catalog.<>) ''),
	url			text NOT NULL CHECK (url OPERATOR(pg_catalog.~) '^[a-z][a-z0-9+.-]*:[^[:space:]]+$'),
	publisher	text,
	published	date,
	PRIMARY KEY (entry, position)
);
COMMENT ON TABLE @extschema@.sources IS 'sources of an entry, in the order they are shown';

-- Derived from entries.body by a trigger; never edited directly.
CREATE TABLE @extschema@.links (
	entry		text NOT NULL REFERENCES @extschema@.entries (slug) ON UPDATE CASCADE ON DELETE CASCADE,
	position	integer NOT NULL,
	target		text NOT NULL,
	label		text NOT NULL,
	syntax		text NOT NULL CHECK (syntax OPERATOR(pg_catalog.=) ANY (ARRAY['wiki', 'mdx'])),
	PRIMARY KEY (entry, position)
);
COMMENT ON TABLE @extschema@.links IS 'links found in entry bodies: target as written, visible text, 1-based character position (derived)';
COMMENT ON COLUMN @extschema@.links.position IS '1-based character offset of the link in the body, as strpos counts';
CREATE INDEX links_target_lower_idx ON @extschema@.links (pg_catalog.lower(target));

-- pg_dump keeps the user's rows; the definitions come back with CREATE EXTENSION.
-- links is not dumped: restoring entries fires the trigger that derives it.
SELECT pg_catalog.pg_extension_config_dump('@extschema@.categories', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.entries', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.entry_categories', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.aliases', '');
SELECT pg_catalog.pg_extension_config_dump('@extschema@.sources', '');

-- Link extraction (C): [[target]], [[target|text]] and <G term="target">text</G>,
-- outside code (spans, fenced blocks, indented blocks after a blank line).
CREATE FUNCTION @extschema@.extract_links(body text,
	OUT "position" integer, OUT target text, OUT label text, OUT syntax text)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'glossary_extract_links'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.extract_links(text) IS 'links written in a Markdown/MDX body, with 1-based character positions';

-- Keep links in step with bodies on every INSERT, UPDATE and DELETE, whoever
-- writes: also the logical replication apply worker (ENABLE ALWAYS), so a
-- subscriber derives its links itself.
CREATE FUNCTION @extschema@.entries_sync_links() RETURNS trigger
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
BEGIN
	IF TG_OP = 'UPDATE' THEN
		IF NEW.body IS NOT DISTINCT FROM OLD.body AND NEW.slug IS NOT DISTINCT FROM OLD.slug THEN
			RETURN NULL;
		END IF;
		DELETE FROM @extschema@.links WHERE entry IN (OLD.slug, NEW.slug);
	ELSIF TG_OP = 'DELETE' THEN
		-- what the foreign key cascades, which replica mode does not run
		DELETE FROM @extschema@.links WHERE entry = OLD.slug;
		RETURN NULL;
	END IF;
	INSERT INTO @extschema@.links (entry, position, target, label, syntax)
		SELECT NEW.slug, l.position, l.target, l.label, l.syntax
		FROM @extschema@.extract_links(NEW.body) AS l;
	RETURN NULL;
END
$$;
CREATE TRIGGER entries_sync_links
	AFTER INSERT OR UPDATE OR DELETE ON @extschema@.entries
	FOR EACH ROW EXECUTE FUNCTION @extschema@.entries_sync_links();
ALTER TABLE @extschema@.entries ENABLE ALWAYS TRIGGER entries_sync_links;

-- Every write to the tables the label index is built from (entries, aliases)
-- or the backlink graph (links) records its transaction in glossary.changes
-- (sql/15-changes.sql), which readers compare under their snapshot.
-- Categories and secondary categories feed neither, so they have no trigger.
CREATE FUNCTION @extschema@.invalidate_cache() RETURNS trigger
	AS 'MODULE_PATHNAME', 'glossary_invalidate_trigger'
	LANGUAGE C;
COMMENT ON FUNCTION @extschema@.invalidate_cache() IS 'trigger that records the writing transaction in glossary.changes, the version the label caches follow';

CREATE TRIGGER entries_invalidate_cache AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
	ON @extschema@.entries FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.invalidate_cache();
CREATE TRIGGER aliases_invalidate_cache AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
	ON @extschema@.aliases FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.invalidate_cache();
CREATE TRIGGER links_invalidate_cache AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
	ON @extschema@.links FOR EACH STATEMENT EXECUTE FUNCTION @extschema@.invalidate_cache();

-- sql/15-changes.sql
-- The glossary's version (C: src/cache_inval.c): one row per transaction
-- that wrote entries or aliases (labels) or links, written by the
-- invalidate_cache() triggers as the table's owner.  A reader's snapshot
-- sees a set of these transactions; its count and the XOR of the ids name
-- the glossary contents that snapshot sees, so a cached label index is used
-- only by statements that see the version it was built from.  A READ
-- COMMITTED writer folds the committed rows of others into its own
-- (merged_*), which keeps the table short and every version unchanged.
-- new in 1.2
CREATE TABLE @extschema@.changes (
	xact		pg_catalog.xid8 PRIMARY KEY,
	labels		boolean NOT NULL,
	links		boolean NOT NULL,
	merged_labels bigint NOT NULL DEFAULT 0,
	merged_labels_xor bigint NOT NULL DEFAULT 0,
	merged_links bigint NOT NULL DEFAULT 0,
	merged_links_xor bigint NOT NULL DEFAULT 0,
	slugs		text[],
	merged_slugs text[] DEFAULT '{}'
);
COMMENT ON TABLE @extschema@.changes IS 'transactions that wrote the glossary: the version label caches follow (derived, not dumped, not to be replicated)';
COMMENT ON COLUMN @extschema@.changes.slugs IS 'entries whose labels the transaction changed (at most 1000; NULL when not known), so a cached label index can be updated instead of rebuilt';
COMMENT ON COLUMN @extschema@.changes.merged_slugs IS 'entries the folded transactions changed (NULL when not known)';

-- Row triggers before each write note the entry it concerns; the statement
-- triggers write the noted slugs to the transaction's row.
CREATE TRIGGER entries_note_change BEFORE INSERT OR UPDATE OR DELETE
	ON @extschema@.entries FOR EACH ROW EXECUTE FUNCTION @extschema@.invalidate_cache();
CREATE TRIGGER aliases_note_change BEFORE INSERT OR UPDATE OR DELETE
	ON @extschema@.aliases FOR EACH ROW EXECUTE FUNCTION @extschema@.invalidate_cache();

-- The logical replication apply worker fires no statement trigger and no
-- ordinary row trigger: these row triggers fire in replica mode only, so a
-- subscriber records its apply transactions itself.
CREATE TRIGGER entries_invalidate_cache_replica AFTER INSERT OR UPDATE OR DELETE
	ON @extschema@.entries FOR EACH ROW EXECUTE FUNCTION @extschema@.invalidate_cache();
ALTER TABLE @extschema@.entries ENABLE REPLICA TRIGGER entries_invalidate_cache_replica;
CREATE TRIGGER aliases_invalidate_cache_replica AFTER INSERT OR UPDATE OR DELETE
	ON @extschema@.aliases FOR EACH ROW EXECUTE FUNCTION @extschema@.invalidate_cache();
ALTER TABLE @extschema@.aliases ENABLE REPLICA TRIGGER aliases_invalidate_cache_replica;
CREATE TRIGGER links_invalidate_cache_replica AFTER INSERT OR UPDATE OR DELETE
	ON @extschema@.links FOR EACH ROW EXECUTE FUNCTION @extschema@.invalidate_cache();
ALTER TABLE @extschema@.links ENABLE REPLICA TRIGGER links_invalidate_cache_replica;

-- links and changes are derived on every node.  Rows of them that arrive
-- by logical replication (a publication of the whole schema) are dropped;
-- rows this node derives itself are written from inside a trigger.
CREATE FUNCTION @extschema@.skip_replicated_row() RETURNS trigger
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
	AS $$
BEGIN
	IF pg_trigger_depth() > 1 THEN
		RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
	END IF;
	RETURN NULL;
END
$$;
COMMENT ON FUNCTION @extschema@.skip_replicated_row() IS 'replica-mode trigger: drops replicated rows of the derived tables links and changes, keeps the ones this node derives';
CREATE TRIGGER links_skip_replicated BEFORE INSERT OR UPDATE OR DELETE
	ON @extschema@.links FOR EACH ROW EXECUTE FUNCTION @extschema@.skip_replicated_row();
ALTER TABLE @extschema@.links ENABLE REPLICA TRIGGER links_skip_replicated;
CREATE TRIGGER changes_skip_replicated BEFORE INSERT OR UPDATE OR DELETE
	ON @extschema@.changes FOR EACH ROW EXECUTE FUNCTION @extschema@.skip_replicated_row();
ALTER TABLE @extschema@.changes ENABLE REPLICA TRIGGER changes_skip_replicated;

-- sql/20-loader.sql
-- The in-server loader: YAML documents and Markdown/MDX entries in, YAML out.
-- The functions run with the caller's privileges (no SECURITY DEFINER) and
-- write through SPI with parameters; see README "Loading and exporting from SQL".

CREATE TYPE @extschema@.import_summary AS (
	categories	integer,
	entries		integer,
	aliases		integer,
	sources		integer,
	links		integer,
	warnings	integer
);
COMMENT ON TYPE @extschema@.import_summary IS 'what one import wrote: rows per table, links found in the bodies, warnings raised';

CREATE FUNCTION @extschema@.import_yaml(doc text, source_name text DEFAULT 'input',
	key_map jsonb DEFAULT '{}')
	RETURNS @extschema@.import_summary
	AS 'MODULE_PATHNAME', 'glossary_import_yaml'
	LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION @extschema@.import_yaml(text, text, jsonb) IS 'upsert the categories and entries of a YAML document; all or nothing';

CREATE FUNCTION @extschema@.import_markdown(slug text, doc text, source_name text DEFAULT NULL,
	key_map jsonb DEFAULT '{}')
	RETURNS @extschema@.import_summary
	AS 'MODULE_PATHNAME', 'glossary_import_markdown'
	LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION @extschema@.import_markdown(text, text, text, jsonb) IS 'upsert one entry written as Markdown/MDX with YAML front matter';

CREATE FUNCTION @extschema@.export_yaml() RETURNS text
	AS 'MODULE_PATHNAME', 'glossary_export_yaml'
	LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.export_yaml() IS 'every category and entry as one YAML document that import_yaml reads back';

-- sql/22-import-slugs.sql
-- new in 1.2
-- import_yaml and import_markdown that also return the slugs of the entries
-- they wrote, in input order: the server is the only reader of the files, and
-- glossary-load --replace keeps exactly the entries these lists name.

CREATE FUNCTION @extschema@.import_yaml_slugs(doc text, source_name text DEFAULT 'input',
	key_map jsonb DEFAULT '{}',
	OUT categories integer, OUT entries integer, OUT aliases integer, OUT sources integer,
	OUT links integer, OUT warnings integer, OUT slugs text[])
	AS 'MODULE_PATHNAME', 'glossary_import_yaml'
	LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION @extschema@.import_yaml_slugs(text, text, jsonb) IS 'import_yaml, also returning the slugs of the entries written';

CREATE FUNCTION @extschema@.import_markdown_slugs(slug text, doc text, source_name text DEFAULT NULL,
	key_map jsonb DEFAULT '{}',
	OUT categories integer, OUT entries integer, OUT aliases integer, OUT sources integer,
	OUT links integer, OUT warnings integer, OUT slugs text[])
	AS 'MODULE_PATHNAME', 'glossary_import_markdown'
	LANGUAGE C VOLATILE PARALLEL UNSAFE;
COMMENT ON FUNCTION @extschema@.import_markdown_slugs(text, text, text, jsonb) IS 'import_markdown, also returning the slug of the entry written';

-- sql/23-export-files.sql
-- new in 1.2
-- The glossary as the files a site keeps (src/export_files.c): categories.yaml
-- and one entries/<slug>.mdx per entry with YAML front matter, key names
-- through key_map read backwards; glossary-load --export writes them.

CREATE FUNCTION @extschema@.export_files(key_map jsonb DEFAULT '{}',
	OUT name text, OUT content text)
	RETURNS SETOF record
	AS 'MODULE_PATHNAME', 'glossary_export_files'
	LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.export_files(jsonb) IS 'categories.yaml and entries/<slug>.mdx, in path order, as import_yaml and import_markdown read them back';

-- sql/30-labels.sql
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

-- Every written label with its key, for the collision views.
CREATE VIEW @extschema@.labels AS
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
CREATE VIEW @extschema@.ambiguous_labels AS
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
CREATE VIEW @extschema@.shadowed_labels AS
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

-- sql/32-shared-index.sql
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

-- sql/40-links.sql
-- Links, backlinks, mentions and auto-linking (C: src/mentions.c,
-- src/backlinks.c, src/mention_scan.c, src/ac_automaton.c, src/markdown.c).
-- The automaton and the backlink graph are kept per backend with the label
-- index: the automaton is rebuilt with it, the graph also when links changed.

-- what a link target resolves to: 'resolved', 'ambiguous' or 'dangling'
CREATE FUNCTION @extschema@.link_status(target text) RETURNS text
	AS 'MODULE_PATHNAME', 'glossary_link_status'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.link_status(text) IS 'whether a link target names one entry (resolved), several (ambiguous) or none (dangling)';

-- what an entry's body links to
CREATE FUNCTION @extschema@.links(label text)
	RETURNS TABLE ("position" integer, target text, slug text, "text" text, syntax text, status text)
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	AS $$
	SELECT l.position, l.target, @extschema@.resolve(l.target), l.label, l.syntax,
		@extschema@.link_status(l.target)
	FROM @extschema@.links l
	WHERE l.entry OPERATOR(pg_catalog.=) @extschema@.resolve($1)	-- $1: links.label would shadow it
	ORDER BY l.position
$$;
COMMENT ON FUNCTION @extschema@.links(text) IS 'links in the body of the entry a label names: position, target as written, the entry it resolves to, visible text, syntax, status';

-- "Mentioned in"
CREATE FUNCTION @extschema@.backlinks(label text)
	RETURNS TABLE (slug text, term text, category text, links integer)
	AS 'MODULE_PATHNAME', 'glossary_backlinks'
	LANGUAGE C STABLE STRICT PARALLEL SAFE ROWS 10;
COMMENT ON FUNCTION @extschema@.backlinks(text) IS '"Mentioned in": entries whose bodies link to the entry a label names (through any alias), each once, sorted by term case-insensitively';

CREATE VIEW @extschema@.backlinks_all AS
	SELECT e.slug::pg_catalog.text AS slug, b.rank::integer AS rank,
		b.slug AS from_slug, b.term AS from_term, b.links
	FROM @extschema@.entries e
	CROSS JOIN LATERAL @extschema@.backlinks(e.slug::pg_catalog.text)
		WITH ORDINALITY AS b(slug, term, category, links, rank);
COMMENT ON VIEW @extschema@.backlinks_all IS 'the "Mentioned in" list of every entry: one row per linking entry, rank = place in the list';

-- wanted entries
CREATE VIEW @extschema@.dangling_links AS
	SELECT pg_catalog.min(l.target) AS target,
		@extschema@.normalize(l.target) AS key,
		pg_catalog.count(*)::integer AS wanted,
		pg_catalog.array_agg(DISTINCT l.entry::pg_catalog.text) AS wanted_by
	FROM @extschema@.links l
	WHERE @extschema@.link_status(l.target) OPERATOR(pg_catalog.=) 'dangling'
	GROUP BY 2
	ORDER BY 3 DESC, 2;
COMMENT ON VIEW @extschema@.dangling_links IS 'link targets that name no entry ("wanted entries"): how often each is wanted and by which entries';

CREATE FUNCTION @extschema@.mentions(doc text)
	RETURNS TABLE (slug text, "text" text, "position" integer, length integer, ambiguous boolean)
	AS 'MODULE_PATHNAME', 'glossary_mentions'
	LANGUAGE C STABLE STRICT PARALLEL SAFE ROWS 20;
COMMENT ON FUNCTION @extschema@.mentions(text) IS 'whole-word, leftmost-longest mentions of known labels in a text, outside links, code and markup; 1-based character positions';

CREATE FUNCTION @extschema@.unlinked_mentions(label text)
	RETURNS TABLE (slug text, term text, "text" text, "position" integer)
	LANGUAGE sql STABLE STRICT PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
	AS $$
	WITH t AS (SELECT @extschema@.resolve($1) AS slug)
	SELECT e.slug, e.term, m.text, m.position
	FROM t
	JOIN @extschema@.entries e ON e.slug OPERATOR(pg_catalog.<>) t.slug
	CROSS JOIN LATERAL @extschema@.mentions(e.body) m
	WHERE m.slug OPERATOR(pg_catalog.=) t.slug
		AND NOT EXISTS (SELECT FROM @extschema@.backlinks(t.slug) b
						WHERE b.slug OPERATOR(pg_catalog.=) e.slug)
	ORDER BY pg_catalog.lower(e.term), e.slug, m.position
$$;
COMMENT ON FUNCTION @extschema@.unlinked_mentions(text) IS 'entries whose bodies mention the entry a label names without linking to it, with each mention';

CREATE FUNCTION @extschema@.autolink(doc text, format text DEFAULT 'markdown',
	first_only boolean DEFAULT true, url_pattern text DEFAULT '/glossary/{slug}',
	self_slug text DEFAULT NULL) RETURNS text
	AS 'MODULE_PATHNAME', 'glossary_autolink'
	LANGUAGE C STABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.autolink(text, text, boolean, text, text) IS 'the text with mentions of entries turned into links (markdown, html, wiki or mdx); never inside links, code or tags, never to the entry whose body it is';

-- sql/50-classify.sql
-- Release classification after the OSI's Open Source AI Definition 1.0 (C, src/classify*.c)
-- and the licence knowledge generated from data/licenses.tsv (src/license.c).

CREATE TYPE @extschema@.openness AS ENUM
	('open_source_ai', 'open_weights', 'restricted_weights', 'closed', 'unknown');
COMMENT ON TYPE @extschema@.openness IS 'how open an AI model release is: OSAID 1.0 open source AI, open weights, restricted weights, closed, or unknown';

-- open_data_counts is an argument, not a setting, so that the function stays IMMUTABLE.
CREATE FUNCTION @extschema@.classify_release(release jsonb, open_data_counts boolean DEFAULT true)
RETURNS @extschema@.openness
AS 'MODULE_PATHNAME', 'glossary_classify_release'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.classify_release(jsonb, boolean) IS 'classify a release card (weights_available, weights_license, weights_license_name, code_available, code_license, data_information, extra_use_policy); open_data_counts: open-data licences count as open for weights';

CREATE FUNCTION @extschema@.classify_release_explain(release jsonb, open_data_counts boolean DEFAULT true)
RETURNS jsonb
AS 'MODULE_PATHNAME', 'glossary_classify_release_explain'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.classify_release_explain(jsonb, boolean) IS 'the verdict of classify_release with one sentence per criterion and the licences as recognised';

CREATE FUNCTION @extschema@.license_info(license text,
	OUT id text, OUT name text, OUT kind text, OUT restrictions text[],
	OUT spellings text[], OUT source text, OUT note text)
RETURNS record
AS 'MODULE_PATHNAME', 'glossary_license_info'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.license_info(text) IS 'what the extension knows about a licence id, tag or name (NULL when it does not recognise it)';

CREATE FUNCTION @extschema@.licenses(
	OUT id text, OUT name text, OUT kind text, OUT restrictions text[],
	OUT spellings text[], OUT source text, OUT note text)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'glossary_licenses'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 120;
COMMENT ON FUNCTION @extschema@.licenses() IS 'every licence the release classifier knows (from data/licenses.tsv)';

CREATE FUNCTION @extschema@.license_restrictions(OUT flag text, OUT meaning text)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'glossary_license_restrictions'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 15;
COMMENT ON FUNCTION @extschema@.license_restrictions() IS 'the restriction flags that license_info reports, with their meaning';

-- sql/60-pages.sql
-- One row per entry with everything its page shows: the shape a site
-- generator reads (term, categories, aka, summary, body, sources, updated,
-- "Mentioned in").
CREATE VIEW @extschema@.entry_pages AS
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

-- sql/70-hf.sql
-- Hugging Face records as release cards: Hub model-info documents and model cards
-- (C, src/hf_*.c and src/model_card.c), classified by the rules of classify_release.
-- new in 1.2

CREATE FUNCTION @extschema@.release_from_hf(info jsonb)
RETURNS jsonb
AS 'MODULE_PATHNAME', 'glossary_release_from_hf'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.release_from_hf(jsonb) IS 'the release card (classify_release keys) of a Hugging Face Hub model-info document, with the field each key came from';

-- not STRICT: siblings (the repository's file names) may be NULL: the card alone
CREATE FUNCTION @extschema@.release_from_model_card(readme text, siblings text[] DEFAULT NULL)
RETURNS jsonb
AS 'MODULE_PATHNAME', 'glossary_release_from_model_card'
LANGUAGE C IMMUTABLE PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.release_from_model_card(text, text[]) IS 'the release card (classify_release keys) of a model card''s YAML front matter, and of the repository''s file names when given';

CREATE FUNCTION @extschema@.classify_hf(info jsonb, open_data_counts boolean DEFAULT true)
RETURNS @extschema@.openness
AS 'MODULE_PATHNAME', 'glossary_classify_hf'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.classify_hf(jsonb, boolean) IS 'classify a Hugging Face Hub model-info document; equals classify_release(release_from_hf(info) -> ''release'', open_data_counts)';

CREATE FUNCTION @extschema@.classify_hf_explain(info jsonb, open_data_counts boolean DEFAULT true)
RETURNS jsonb
AS 'MODULE_PATHNAME', 'glossary_classify_hf_explain'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.classify_hf_explain(jsonb, boolean) IS 'the verdict of classify_hf with the fields it was read from, warnings about base models, gating and files, and the criteria of classify_release_explain';

-- sql/72-mof.sql
-- new in 1.2
-- YAML as jsonb on the loader's libyaml reader (src/yaml_jsonb.c), and the
-- Model Openness Framework class of a Model Openness Tool record (src/mof*.c).

CREATE FUNCTION @extschema@.yaml_to_jsonb(doc text)
RETURNS jsonb
AS 'MODULE_PATHNAME', 'glossary_yaml_to_jsonb'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.yaml_to_jsonb(text) IS 'one YAML document as jsonb: plain null, booleans and numbers typed (YAML 1.2 core), quoted values strings, a key written twice an error';

-- type_strict is an argument, not a setting, so that the functions stay IMMUTABLE.
CREATE FUNCTION @extschema@.mof_class(record jsonb, type_strict boolean DEFAULT false)
RETURNS integer
AS 'MODULE_PATHNAME', 'glossary_mof_class'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.mof_class(jsonb, boolean) IS 'Model Openness Framework class of a Model Openness Tool record: 1, 2, 3, or 0 for unclassified; type_strict: only licences of the type the MOF recommends for the content count';

CREATE FUNCTION @extschema@.mof_explain(record jsonb, type_strict boolean DEFAULT false,
	OUT component text, OUT content_type text, OUT required_for integer, OUT required boolean,
	OUT present boolean, OUT license text, OUT license_from text, OUT license_id text,
	OUT acceptable boolean, OUT type_appropriate boolean, OUT class_reached integer, OUT note text)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'glossary_mof_explain'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 18;
COMMENT ON FUNCTION @extschema@.mof_explain(jsonb, boolean) IS 'mof_class component by component: a row per MOF component, then a row (component NULL) with the class reached and what blocks the next';

CREATE FUNCTION @extschema@.mof_components(
	OUT component text, OUT content_type text, OUT required_for integer, OUT required boolean,
	OUT mot_id integer)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'glossary_mof_components'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 17;
COMMENT ON FUNCTION @extschema@.mof_components() IS 'the 17 components of the Model Openness Framework, their content type and the class that first lists them';

-- sql/80-render.sql
-- From the database back to the site: HTML pages, hover cards and an Atom
-- feed (C: src/render_*.c, src/card.c, src/feed.c; Markdown by cmark).
-- new in 1.2

-- CommonMark to HTML by cmark alone, in its safe mode (raw HTML omitted,
-- javascript:/vbscript:/file:/data: URLs dropped); no glossary links
CREATE FUNCTION @extschema@.markdown_html(doc text) RETURNS text
	AS 'MODULE_PATHNAME', 'glossary_markdown_html'
	LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.markdown_html(text) IS 'CommonMark to HTML (cmark, safe mode), glossary links left as written';

-- an entry's page as an HTML fragment
CREATE FUNCTION @extschema@.render_html(slug text, base_url text DEFAULT '/glossary/') RETURNS text
	AS 'MODULE_PATHNAME', 'glossary_render_html'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.render_html(text, text) IS 'the page of the entry slug as an HTML fragment: term, categories, aka, summary, body (CommonMark, glossary links with hover text), sources, "Mentioned in"; NULL for an unknown slug';

-- every page in one call, from one query (a site generator's call)
CREATE FUNCTION @extschema@.render_site(base_url text DEFAULT '/glossary/')
	RETURNS TABLE (slug text, html text)
	AS 'MODULE_PATHNAME', 'glossary_render_site'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.render_site(text) IS 'every entry page as render_html() renders it, one row per entry in slug order, from one query';

-- the glossary's index page as an HTML fragment
CREATE FUNCTION @extschema@.render_index_html(base_url text DEFAULT '/glossary/') RETURNS text
	AS 'MODULE_PATHNAME', 'glossary_render_index_html'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.render_index_html(text) IS 'the glossary index as an HTML fragment: counts, entries by category (primary and secondary) with counts, A-Z';

-- what a hover card shows for any label
CREATE FUNCTION @extschema@.card(label text, base_url text DEFAULT '/glossary/') RETURNS jsonb
	AS 'MODULE_PATHNAME', 'glossary_card'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.card(text, text) IS 'hover card of the entry a label names: slug, term, category, category_title, summary, url; the candidates of an ambiguous label; NULL for an unknown one';

-- an Atom feed of the most recently updated entries
CREATE FUNCTION @extschema@.feed_atom(base_url text, lim integer DEFAULT 50, title text DEFAULT 'Glossary') RETURNS text
	AS 'MODULE_PATHNAME', 'glossary_feed_atom'
	LANGUAGE C STABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.feed_atom(text, integer, text) IS 'Atom feed (RFC 4287) of the lim most recently updated entries; base_url is the absolute address of the entry pages';
