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
