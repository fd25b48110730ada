-- Hardening of the install script, checked through the catalog, and the
-- whole API under a hostile search_path.
\getenv abs_srcdir PG_ABS_SRCDIR
\set basic :abs_srcdir '/data/loader_basic.yaml'
\set mdx :abs_srcdir '/data/loader_entry.mdx'
\set api :abs_srcdir '/data/security_api.sql'

CREATE TEMP VIEW ext_members AS
	SELECT d.classid::regclass AS catalog, d.objid,
		pg_describe_object(d.classid, d.objid, 0) AS object
	FROM pg_depend d JOIN pg_extension x ON x.oid = d.refobjid
	WHERE d.refclassid = 'pg_extension'::regclass AND x.extname = 'glossary' AND d.deptype = 'e';
CREATE TEMP VIEW ext_functions AS
	SELECT p.oid, p.oid::regprocedure AS function, l.lanname AS language, p.prosecdef,
		p.proleakproof, p.proconfig, p.prosqlbody IS NOT NULL AS standard_body, p.proowner,
		p.proargnames
	FROM ext_members m JOIN pg_proc p ON p.oid = m.objid JOIN pg_language l ON l.oid = p.prolang
	WHERE m.catalog = 'pg_proc'::regclass;

-- fixed schema, not relocatable (the control file's trusted = false is checked by test/t/040_install_script.pl)
SELECT extname, extrelocatable, extnamespace::regnamespace AS schema, extowner = current_user::regrole AS owned_by_installer
FROM pg_extension WHERE extname = 'glossary';

-- the rule: a SQL or PL/pgSQL function either pins search_path to
-- "pg_catalog, pg_temp", or has a SQL-standard body (BEGIN ATOMIC / RETURN),
-- which is parsed once at CREATE time and never looks names up again.
-- Violations (none):
SELECT function, language, proconfig
FROM ext_functions
WHERE language NOT IN ('c', 'internal')
	AND NOT coalesce('search_path=pg_catalog, pg_temp' = ANY (proconfig), false)
	AND NOT (language = 'sql' AND standard_body);
-- what the rule covers
SELECT language, count(*) > 0 AS some,
	count(*) FILTER (WHERE 'search_path=pg_catalog, pg_temp' = ANY (proconfig)) = count(*) - count(*) FILTER (WHERE standard_body) AS all_pinned_or_standard
FROM ext_functions WHERE language <> 'c' GROUP BY language ORDER BY language;

-- no SECURITY DEFINER, no LEAKPROOF (none)
SELECT function FROM ext_functions WHERE prosecdef OR proleakproof;

-- every member object is owned by a superuser (none otherwise)
SELECT m.object, r.rolname
FROM ext_members m
JOIN LATERAL (
	SELECT proowner AS owner FROM pg_proc WHERE m.catalog = 'pg_proc'::regclass AND oid = m.objid
	UNION ALL SELECT relowner FROM pg_class WHERE m.catalog = 'pg_class'::regclass AND oid = m.objid
	UNION ALL SELECT typowner FROM pg_type WHERE m.catalog = 'pg_type'::regclass AND oid = m.objid
) o ON true
JOIN pg_roles r ON r.oid = o.owner
WHERE NOT r.rolsuper;
SELECT count(*) > 30 AS members_checked FROM ext_members;

-- no table or view grants anything to PUBLIC (none)
SELECT c.oid::regclass, a.privilege_type
FROM ext_members m JOIN pg_class c ON m.catalog = 'pg_class'::regclass AND c.oid = m.objid,
	aclexplode(c.relacl) a
WHERE a.grantee = 0;

-- nothing takes a path: the import functions take text (none)
SELECT function FROM ext_functions
WHERE EXISTS (SELECT FROM unnest(proargnames) n WHERE n ~* '(path|file|dir)');

-- the extension's functions are callable by PUBLIC (no REVOKE needed: none writes
-- except through the caller's table privileges)
SELECT count(*) AS not_public_executable FROM ext_functions
WHERE NOT has_function_privilege('public', oid, 'EXECUTE')
	AND NOT EXISTS (SELECT FROM pg_proc p WHERE p.oid = ext_functions.oid AND p.prorettype = 'trigger'::regtype);

---------------------------------------------------------------------------
-- Hostile search_path.  Schema evil shadows built-ins our SQL uses:
-- overloads on our domain glossary.slug (a better match than the text
-- version in pg_catalog), same-signature functions and operators (which win
-- when evil comes before pg_catalog), types, a collation "C".  Every one of
-- them logs its call.
CREATE SCHEMA evil;
CREATE TABLE evil.calls (fn text);
CREATE FUNCTION evil.log(fn text) RETURNS boolean LANGUAGE plpgsql SET search_path = pg_catalog AS $$
BEGIN
	INSERT INTO evil.calls VALUES (fn);
	RAISE NOTICE 'evil % called', fn;
	RETURN true;
END $$;

CREATE FUNCTION evil.lower(text) RETURNS text LANGUAGE plpgsql SET search_path = pg_catalog AS $$ BEGIN PERFORM evil.log('lower(text)'); RETURN 'evil'; END $$;
CREATE FUNCTION evil.lower(glossary.slug) RETURNS text LANGUAGE plpgsql SET search_path = pg_catalog AS $$ BEGIN PERFORM evil.log('lower(slug)'); RETURN 'evil'; END $$;
CREATE FUNCTION evil.upper(text) RETURNS text LANGUAGE plpgsql SET search_path = pg_catalog AS $$ BEGIN PERFORM evil.log('upper(text)'); RETURN 'evil'; END $$;
CREATE FUNCTION evil.btrim(text) RETURNS text LANGUAGE plpgsql SET search_path = pg_catalog AS $$ BEGIN PERFORM evil.log('btrim(text)'); RETURN 'evil'; END $$;
CREATE FUNCTION evil.btrim(glossary.slug) RETURNS text LANGUAGE plpgsql SET search_path = pg_catalog AS $$ BEGIN PERFORM evil.log('btrim(slug)'); RETURN 'evil'; END $$;
CREATE FUNCTION evil.length(text) RETURNS integer LANGUAGE plpgsql SET search_path = pg_catalog AS $$ BEGIN PERFORM evil.log('length(text)'); RETURN 1; END $$;
CREATE FUNCTION evil.length(glossary.slug) RETURNS integer LANGUAGE plpgsql SET search_path = pg_catalog AS $$ BEGIN PERFORM evil.log('length(slug)'); RETURN 1; END $$;
CREATE FUNCTION evil.left(text, integer) RETURNS text LANGUAGE plpgsql SET search_path = pg_catalog AS $$ BEGIN PERFORM evil.log('left'); RETURN 'evil'; END $$;
CREATE FUNCTION evil.replace(text, text, text) RETURNS text LANGUAGE plpgsql SET search_path = pg_catalog AS $$ BEGIN PERFORM evil.log('replace'); RETURN 'evil'; END $$;
CREATE FUNCTION evil.regexp_replace(text, text, text) RETURNS text LANGUAGE plpgsql SET search_path = pg_catalog AS $$ BEGIN PERFORM evil.log('regexp_replace/3'); RETURN 'evil'; END $$;
CREATE FUNCTION evil.regexp_replace(text, text, text, text) RETURNS text LANGUAGE plpgsql SET search_path = pg_catalog AS $$ BEGIN PERFORM evil.log('regexp_replace/4'); RETURN 'evil'; END $$;
CREATE FUNCTION evil.strpos(text, text) RETURNS integer LANGUAGE plpgsql SET search_path = pg_catalog AS $$ BEGIN PERFORM evil.log('strpos'); RETURN 1; END $$;
CREATE FUNCTION evil.unnest(text[]) RETURNS SETOF text LANGUAGE plpgsql SET search_path = pg_catalog AS $$ BEGIN PERFORM evil.log('unnest(text[])'); RETURN NEXT 'evil'; END $$;
CREATE FUNCTION evil.unnest(integer[]) RETURNS SETOF integer LANGUAGE plpgsql SET search_path = pg_catalog AS $$ BEGIN PERFORM evil.log('unnest(int[])'); RETURN NEXT 1; END $$;
CREATE FUNCTION evil.array_length(text[], integer) RETURNS integer LANGUAGE plpgsql SET search_path = pg_catalog AS $$ BEGIN PERFORM evil.log('array_length'); RETURN 1; END $$;
CREATE FUNCTION evil.to_char(date, text) RETURNS text LANGUAGE plpgsql SET search_path = pg_catalog AS $$ BEGIN PERFORM evil.log('to_char(date)'); RETURN 'evil'; END $$;
CREATE FUNCTION evil.to_tsvector(text, text) RETURNS tsvector LANGUAGE plpgsql SET search_path = pg_catalog AS $$ BEGIN PERFORM evil.log('to_tsvector(text,text)'); RETURN ''; END $$;
CREATE FUNCTION evil.to_tsvector(regconfig, text) RETURNS tsvector LANGUAGE plpgsql SET search_path = pg_catalog AS $$ BEGIN PERFORM evil.log('to_tsvector(regconfig,text)'); RETURN ''; END $$;
CREATE FUNCTION evil.websearch_to_tsquery(text, text) RETURNS tsquery LANGUAGE plpgsql SET search_path = pg_catalog AS $$ BEGIN PERFORM evil.log('websearch_to_tsquery'); RETURN ''; END $$;
CREATE FUNCTION evil.setweight(tsvector, "char") RETURNS tsvector LANGUAGE plpgsql SET search_path = pg_catalog AS $$ BEGIN PERFORM evil.log('setweight'); RETURN ''; END $$;
CREATE FUNCTION evil.ts_rank(tsvector, tsquery) RETURNS real LANGUAGE plpgsql SET search_path = pg_catalog AS $$ BEGIN PERFORM evil.log('ts_rank'); RETURN 0; END $$;
CREATE FUNCTION evil.numnode(tsquery) RETURNS integer LANGUAGE plpgsql SET search_path = pg_catalog AS $$ BEGIN PERFORM evil.log('numnode'); RETURN 0; END $$;
CREATE FUNCTION evil.ts_headline(text, text, tsquery, text) RETURNS text LANGUAGE plpgsql SET search_path = pg_catalog AS $$ BEGIN PERFORM evil.log('ts_headline'); RETURN 'evil'; END $$;
CREATE FUNCTION evil.resolve(text) RETURNS text LANGUAGE plpgsql SET search_path = pg_catalog AS $$ BEGIN PERFORM evil.log('resolve'); RETURN 'evil'; END $$;
CREATE FUNCTION evil.normalize(text) RETURNS text LANGUAGE plpgsql SET search_path = pg_catalog AS $$ BEGIN PERFORM evil.log('normalize'); RETURN 'evil'; END $$;
CREATE FUNCTION evil.count(glossary.slug) RETURNS bigint LANGUAGE plpgsql SET search_path = pg_catalog AS $$ BEGIN PERFORM evil.log('count() as a function'); RETURN 0; END $$;
CREATE FUNCTION evil.min_sf(text, text) RETURNS text LANGUAGE plpgsql SET search_path = pg_catalog AS $$ BEGIN PERFORM evil.log('min(text)'); RETURN 'evil'; END $$;
CREATE AGGREGATE evil.min(text) (sfunc = evil.min_sf, stype = text);
CREATE FUNCTION evil.agg_sf(text[], text) RETURNS text[] LANGUAGE plpgsql SET search_path = pg_catalog AS $$ BEGIN PERFORM evil.log('array_agg(text)'); RETURN '{evil}'; END $$;
CREATE AGGREGATE evil.array_agg(text) (sfunc = evil.agg_sf, stype = text[]);

CREATE FUNCTION evil.tt(text, text) RETURNS boolean LANGUAGE plpgsql SET search_path = pg_catalog AS $$ BEGIN RETURN evil.log('text operator'); END $$;
CREATE FUNCTION evil.st(glossary.slug, text) RETURNS boolean LANGUAGE plpgsql SET search_path = pg_catalog AS $$ BEGIN RETURN evil.log('slug = text'); END $$;
CREATE FUNCTION evil.ts(text, glossary.slug) RETURNS boolean LANGUAGE plpgsql SET search_path = pg_catalog AS $$ BEGIN RETURN evil.log('text = slug'); END $$;
CREATE FUNCTION evil.ss(glossary.slug, glossary.slug) RETURNS boolean LANGUAGE plpgsql SET search_path = pg_catalog AS $$ BEGIN RETURN evil.log('slug = slug'); END $$;
CREATE FUNCTION evil.cat(text, text) RETURNS text LANGUAGE plpgsql SET search_path = pg_catalog AS $$ BEGIN PERFORM evil.log('||'); RETURN 'evil'; END $$;
CREATE FUNCTION evil.ii(integer, integer) RETURNS boolean LANGUAGE plpgsql SET search_path = pg_catalog AS $$ BEGIN RETURN evil.log('integer operator'); END $$;
CREATE FUNCTION evil.match(tsvector, tsquery) RETURNS boolean LANGUAGE plpgsql SET search_path = pg_catalog AS $$ BEGIN RETURN evil.log('@@'); END $$;
CREATE OPERATOR evil.= (leftarg = text, rightarg = text, function = evil.tt);
CREATE OPERATOR evil.= (leftarg = glossary.slug, rightarg = text, function = evil.st);
CREATE OPERATOR evil.= (leftarg = text, rightarg = glossary.slug, function = evil.ts);
CREATE OPERATOR evil.= (leftarg = glossary.slug, rightarg = glossary.slug, function = evil.ss);
CREATE OPERATOR evil.<> (leftarg = text, rightarg = text, function = evil.tt);
CREATE OPERATOR evil.< (leftarg = text, rightarg = text, function = evil.tt);
CREATE OPERATOR evil.~ (leftarg = text, rightarg = text, function = evil.tt);
CREATE OPERATOR evil.~~ (leftarg = text, rightarg = text, function = evil.tt);
CREATE OPERATOR evil.|| (leftarg = text, rightarg = text, function = evil.cat);
CREATE OPERATOR evil.= (leftarg = integer, rightarg = integer, function = evil.ii);
CREATE OPERATOR evil.> (leftarg = integer, rightarg = integer, function = evil.ii);
CREATE OPERATOR evil.@@ (leftarg = tsvector, rightarg = tsquery, function = evil.match);
CREATE DOMAIN evil.text AS pg_catalog.text CHECK (evil.log('domain text'));
CREATE DOMAIN evil.int4 AS pg_catalog.int4 CHECK (evil.log('domain int4'));
CREATE DOMAIN evil.date AS pg_catalog.date CHECK (evil.log('domain date'));
-- sorts "Apache" before "ASL", where "C" puts "ASL" first
CREATE COLLATION evil."C" (provider = icu, locale = 'und');

SELECT pg_read_file(:'basic') AS doc_yaml, pg_read_file(:'mdx') AS doc_md \gset
CREATE TEMP TABLE res (run text, call text, n bigint, val text);

-- 1. normal search_path
\set run normal
DELETE FROM glossary.entries;
DELETE FROM glossary.categories;
SET client_min_messages = error;
\set ECHO none
\i :api
\set ECHO all
RESET client_min_messages;

-- 2. evil first, pg_catalog implicitly before it (only better-matching overloads can win)
\set run evil_public
DELETE FROM glossary.entries;
DELETE FROM glossary.categories;
SET client_min_messages = error;
SET search_path = evil, public;
\set ECHO none
\i :api
\set ECHO all
RESET search_path;
RESET client_min_messages;

-- 3. evil before pg_catalog: every same-named function, operator, type and collation in evil wins
\set run evil_catalog
DELETE FROM glossary.entries;
DELETE FROM glossary.categories;
SET client_min_messages = error;
SET search_path = evil, pg_catalog, public;
\set ECHO none
\i :api
\set ECHO all
RESET search_path;
RESET client_min_messages;

-- every call gave results in the normal run
SELECT call, count(*) AS rows, count(*) FILTER (WHERE val IS NULL) AS nulls
FROM res WHERE run = 'normal' AND call NOT IN ('licenses', 'license_restrictions')
GROUP BY call ORDER BY call;
SELECT count(*) > 100 AS licences, (SELECT count(*) > 10 FROM res WHERE run = 'normal' AND call = 'license_restrictions') AS restrictions
FROM res WHERE run = 'normal' AND call = 'licenses';

-- the hostile runs give exactly the normal results (no rows)
SELECT h.run, d.side, d.call, d.n, left(d.val, 60) AS val
FROM (VALUES ('evil_public'), ('evil_catalog')) h(run),
LATERAL (
	(SELECT 'normal only' AS side, call, n, val FROM res WHERE run = 'normal'
	 EXCEPT ALL SELECT 'normal only', call, n, val FROM res WHERE run = h.run)
	UNION ALL
	(SELECT 'hostile only', call, n, val FROM res WHERE run = h.run
	 EXCEPT ALL SELECT 'hostile only', call, n, val FROM res WHERE run = 'normal')
) d
ORDER BY 1, 2, 3, 4;

-- and no evil object was ever called (no rows)
SELECT fn, count(*) FROM evil.calls GROUP BY fn ORDER BY fn;

DELETE FROM glossary.entries;
DELETE FROM glossary.categories;
SET client_min_messages = warning;
DROP SCHEMA evil CASCADE;
RESET client_min_messages;
