/* sql/glossary--1.1--1.2.sql: the update from 1.1 to 1.2, kept as released */

\echo Use "ALTER EXTENSION glossary UPDATE TO '1.2'" to load this file. \quit

-- sql/update-1.2/00-version.sql
-- What 1.2 changes in objects that 1.1 already had goes in this folder, one
-- file per change (NN-topic.sql); objects that are wholly new live in their
-- sql/NN-*.sql part, marked "-- new in 1.2", and are copied in by make.

-- sql/update-1.2/10-changes.sql
-- The label caches follow glossary.changes (sql/15-changes.sql) instead of
-- relcache invalidations; categories and secondary categories feed no cache.
DROP TRIGGER categories_invalidate_cache ON @extschema@.categories;
DROP TRIGGER entry_categories_invalidate_cache ON @extschema@.entry_categories;
COMMENT ON FUNCTION @extschema@.invalidate_cache() IS 'trigger that records the writing transaction in glossary.changes, the version the label caches follow';

-- sql/update-1.2/11-links-sync.sql
-- entries_sync_links also runs in replica mode (the logical replication
-- apply worker) and removes the links of a deleted or renamed entry itself,
-- since replica mode runs no foreign key cascade.
CREATE OR REPLACE FUNCTION @extschema@.entries_sync_links() RETURNS trigger
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
DROP TRIGGER entries_sync_links ON @extschema@.entries;
CREATE TRIGGER entries_sync_links
	AFTER INSERT OR UPDATE OR DELETE ON @extschema@.entries
	FOR EACH ROW EXECUTE FUNCTION @extschema@.entries_sync_links();
ALTER TABLE @extschema@.entries ENABLE ALWAYS TRIGGER entries_sync_links;

-- sql/update-1.2/12-autolink-self.sql
-- autolink() recognises an entry's own body by the key the label index
-- keeps for every body, so the hash index it queried per call goes.
DROP INDEX @extschema@.entries_body_hash_idx;

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

-- sql/update-1.2/20-label-key-indexes.sql
-- The loader's collision warnings compare labels by glossary.normalize(),
-- as resolve() does; these indexes let an import look up its labels' keys.
CREATE INDEX entries_slug_key_idx ON @extschema@.entries (@extschema@.normalize(slug));
CREATE INDEX entries_term_key_idx ON @extschema@.entries (@extschema@.normalize(term));
CREATE INDEX aliases_alias_key_idx ON @extschema@.aliases (@extschema@.normalize(alias));

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

-- sql/update-1.2/30-search.sql
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

-- sql/update-1.2/40-links-code-rule.sql
-- extract_links() now skips indented code blocks as mentions() and autolink()
-- do: drop the stored links that 1.1 found inside them.
DELETE FROM @extschema@.links AS l
WHERE NOT EXISTS (
	SELECT FROM @extschema@.entries AS e, @extschema@.extract_links(e.body) AS x
	WHERE e.slug OPERATOR(pg_catalog.=) l.entry
		AND x.position OPERATOR(pg_catalog.=) l.position);

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
