-- Version history: 1.0 updated to the current version gives the same objects
-- as a fresh install, and keeps the user's data.
SET client_min_messages = warning;

SELECT source, target, path FROM pg_extension_update_paths('glossary')
WHERE path IS NOT NULL ORDER BY source, target;

-- every member object of the extension with its definition, plus what hangs
-- off its tables (columns, constraints, indexes, triggers) and the dump list
CREATE SCHEMA regress_upgrade;
CREATE FUNCTION regress_upgrade.objects() RETURNS TABLE (object text, definition text)
LANGUAGE sql AS $$
	WITH ext AS (SELECT oid, extconfig FROM pg_extension WHERE extname = 'glossary'),
	members AS (
		SELECT d.classid, d.objid FROM pg_depend d, ext
		WHERE d.refclassid = 'pg_extension'::regclass AND d.refobjid = ext.oid AND d.deptype = 'e'
	),
	tables AS (
		SELECT c.oid, c.relname FROM pg_class c JOIN members m ON m.objid = c.oid
		WHERE m.classid = 'pg_class'::regclass AND c.relkind = 'r'
	)
	SELECT pg_describe_object(m.classid, m.objid, 0),
		coalesce(CASE m.classid
			WHEN 'pg_proc'::regclass THEN pg_get_functiondef(m.objid)
			WHEN 'pg_class'::regclass THEN
				(SELECT CASE WHEN c.relkind = 'v' THEN pg_get_viewdef(c.oid) ELSE c.relkind::text END
				 FROM pg_class c WHERE c.oid = m.objid)
			WHEN 'pg_type'::regclass THEN
				(SELECT t.typtype::text || ' ' || coalesce((SELECT string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder)
					FROM pg_enum e WHERE e.enumtypid = t.oid), '')
				 FROM pg_type t WHERE t.oid = m.objid)
		END, '') || coalesce(' -- ' || obj_description(m.objid, (SELECT relname FROM pg_class WHERE oid = m.classid)), '')
	FROM members m
	UNION ALL
	SELECT 'columns of ' || t.relname,
		string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
			|| CASE WHEN a.attnotnull THEN ' not null' ELSE '' END
			|| coalesce(' default ' || pg_get_expr(ad.adbin, ad.adrelid), '')
			|| coalesce(' -- ' || col_description(t.oid, a.attnum), ''), ', ' ORDER BY a.attnum)
	FROM tables t JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum > 0 AND NOT a.attisdropped
	LEFT JOIN pg_attrdef ad ON ad.adrelid = t.oid AND ad.adnum = a.attnum
	GROUP BY t.relname
	UNION ALL
	SELECT 'constraint ' || co.conname || ' on ' || t.relname, pg_get_constraintdef(co.oid)
	FROM tables t JOIN pg_constraint co ON co.conrelid = t.oid
	UNION ALL
	SELECT 'index ' || i.relname, pg_get_indexdef(i.oid)
	FROM tables t JOIN pg_index x ON x.indrelid = t.oid JOIN pg_class i ON i.oid = x.indexrelid
	UNION ALL
	SELECT 'trigger ' || tg.tgname || ' on ' || t.relname, pg_get_triggerdef(tg.oid) || ' enabled ' || tg.tgenabled::text
	FROM tables t JOIN pg_trigger tg ON tg.tgrelid = t.oid AND NOT tg.tgisinternal
	UNION ALL
	SELECT 'dumped with user data', string_agg(c.relname, ', ' ORDER BY c.relname)
	FROM ext, unnest(ext.extconfig) AS cfg(oid) JOIN pg_class c ON c.oid = cfg.oid
$$;

CREATE TABLE regress_upgrade.fresh AS SELECT * FROM regress_upgrade.objects();
-- how many objects differ from the fresh install, either way
CREATE FUNCTION regress_upgrade.differences() RETURNS bigint
LANGUAGE sql AS $$
	SELECT count(*) FROM (
		(SELECT * FROM regress_upgrade.fresh EXCEPT SELECT * FROM regress_upgrade.objects())
		UNION ALL
		(SELECT * FROM regress_upgrade.objects() EXCEPT SELECT * FROM regress_upgrade.fresh)) AS d
$$;
SELECT extversion FROM pg_extension WHERE extname = 'glossary';

-- install the oldest version and put some data in it
DROP EXTENSION glossary;
CREATE EXTENSION glossary VERSION '1.0';
SELECT extversion FROM pg_extension WHERE extname = 'glossary';
SELECT categories, entries, aliases, links FROM glossary.import_yaml($$
categories:
  - {slug: weights, title: Weights}
entries:
  - {slug: open-weights, term: open weights, category: weights, aliases: [open-weight], summary: Downloadable parameters., body: "See [[AUP]]."}
  - {slug: acceptable-use, term: acceptable use policy, category: weights, aliases: [AUP], summary: Rules on use., body: "Common with [[open-weight]] releases.\n\n    [[in-indented-code]]\n"}
$$);
SELECT glossary.resolve('Open-Weight');
-- the row the 1.1 library stored for the link inside the indented code block
-- (this build's library no longer reads it, so it is written here by hand)
INSERT INTO glossary.links (entry, position, target, label, syntax)
	VALUES ('acceptable-use', 43, 'in-indented-code', 'in-indented-code', 'wiki');

ALTER EXTENSION glossary UPDATE;
SELECT extversion FROM pg_extension WHERE extname = 'glossary';

-- the upgraded catalog equals the fresh one, object by object
SELECT count(*) > 50 AS compares_many_objects FROM regress_upgrade.fresh;
(SELECT 'only in fresh' AS side, * FROM regress_upgrade.fresh
 EXCEPT SELECT 'only in fresh', * FROM regress_upgrade.objects())
UNION ALL
(SELECT 'only in upgraded', * FROM regress_upgrade.objects()
 EXCEPT SELECT 'only in upgraded', * FROM regress_upgrade.fresh)
ORDER BY 1, 2;

-- negative control: a difference of one comment is found
COMMENT ON VIEW glossary.entry_pages IS 'changed';
SELECT object FROM (SELECT * FROM regress_upgrade.objects() EXCEPT SELECT * FROM regress_upgrade.fresh) AS d;
COMMENT ON VIEW glossary.entry_pages IS 'one row per entry with its categories, aliases, sources and "Mentioned in" (backlink slugs sorted by term)';
SELECT count(*) AS differences FROM (SELECT * FROM regress_upgrade.objects() EXCEPT SELECT * FROM regress_upgrade.fresh) AS d;

-- that link is gone after the update (1.2's code rule)
SELECT entry, target FROM glossary.links ORDER BY entry, position;

-- the data survived, the caches work, and the objects new in 1.1 see it
SELECT slug, term FROM glossary.entries ORDER BY slug;
SELECT glossary.resolve('AUP'), glossary.resolve('open weight');
SELECT slug, aliases, mentioned_in FROM glossary.entry_pages ORDER BY slug;

-- the version before, 1.1, updated the same way gives the same objects too
DROP EXTENSION glossary;
CREATE EXTENSION glossary VERSION '1.1';
ALTER EXTENSION glossary UPDATE;
SELECT extversion FROM pg_extension WHERE extname = 'glossary';
SELECT regress_upgrade.differences();

-- and so does the previous version, 1.2
DROP EXTENSION glossary;
CREATE EXTENSION glossary VERSION '1.2';
ALTER EXTENSION glossary UPDATE;
SELECT extversion FROM pg_extension WHERE extname = 'glossary';
SELECT regress_upgrade.differences();

-- leave a fresh current install behind
DROP EXTENSION glossary;
CREATE EXTENSION glossary;
DROP SCHEMA regress_upgrade CASCADE;
