-- Row-level security: every answer follows the policies of the role asking.
-- A caller that a policy on entries, aliases or links filters (RLS enabled,
-- not a superuser, not BYPASSRLS, not the owner unless FORCE) is answered
-- from an index built under its own policies for that statement only; the
-- shared and cached indexes are built only by callers no policy applies to,
-- so a filtered role neither reads the unfiltered index nor leaves its own
-- for others.
\getenv abs_srcdir PG_ABS_SRCDIR
\set basic :abs_srcdir '/data/loader_basic.yaml'
SET client_min_messages = error;
SELECT entries FROM glossary.import_yaml(pg_read_file(:'basic'), 'loader_basic.yaml');
RESET client_min_messages;

CREATE ROLE regress_glossary_r1;
GRANT USAGE ON SCHEMA glossary TO regress_glossary_r1;
GRANT SELECT ON ALL TABLES IN SCHEMA glossary TO regress_glossary_r1;
ALTER TABLE glossary.entries ENABLE ROW LEVEL SECURITY;
CREATE POLICY hide ON glossary.entries TO regress_glossary_r1 USING (slug <> 'open-weights');

-- the superuser (no policy applies) warms the shared index with every row
SELECT glossary.resolve('open weights') AS superuser;

-- r1 cannot select the row, and no answer shows it
SET ROLE regress_glossary_r1;
SELECT slug FROM glossary.entries ORDER BY slug;
SELECT glossary.resolve('open weights') AS resolve, glossary.resolve('open-weight') AS alias,
	glossary.link_status('open weights') AS link_status;
SELECT * FROM glossary.lookup('open weights');
SELECT slug FROM glossary.suggest('open weight');
SELECT slug, "text" FROM glossary.mentions('Released as open weights under the ASL 2.0.');
SELECT glossary.autolink('Released as open weights under the ASL 2.0.', 'html');
SELECT slug FROM glossary.backlinks('apache-2-0');
SELECT glossary.card('open weights');
-- the views read the tables with r1's policies too (security_invoker)
SELECT entry, kind, label FROM glossary.labels WHERE entry = 'open-weights';
SELECT slug FROM glossary.entry_pages ORDER BY slug;
SELECT slug, from_slug FROM glossary.backlinks_all ORDER BY 1, 2;
SELECT target, wanted_by FROM glossary.dangling_links ORDER BY target;
SELECT * FROM glossary.shadowed_labels;
SELECT * FROM glossary.ambiguous_labels;
-- many rows of one statement: one index under r1's policies
SELECT x, glossary.resolve(x) FROM (VALUES ('open weights'), ('ASL 2.0'), ('open-weights model')) v(x);
RESET ROLE;

-- a new version that r1 reads first (the hidden entry changed, so an
-- update of the index reads it again): r1's index is its own, the superuser
-- still resolves the hidden entry, in this session and in a new one
UPDATE glossary.entries SET summary = 'Trained parameters anyone may download.' WHERE slug = 'open-weights';
UPDATE glossary.entries SET summary = 'A permissive licence with a patent grant.' WHERE slug = 'apache-2-0';
SET ROLE regress_glossary_r1;
SELECT glossary.resolve('open weights') AS r1_first, glossary.resolve('ASL 2.0') AS r1_apache;
SELECT glossary.autolink('open weights, ASL 2.0', 'html');
RESET ROLE;
SELECT glossary.resolve('open weights') AS superuser_after_r1;
\c
SET ROLE regress_glossary_r1;
SELECT glossary.resolve('open weights') AS r1_new_session;
RESET ROLE;
SELECT glossary.resolve('open weights') AS superuser_new_session,
	glossary.autolink('open weights', 'html') AS superuser_autolink;

-- a policy depends on anything, here a setting: r1's answers follow it
-- statement by statement
ALTER POLICY hide ON glossary.entries USING (slug <> current_setting('regress.hidden', true));
SET ROLE regress_glossary_r1;
SET regress.hidden = 'apache-2-0';
SELECT glossary.resolve('open weights') AS open_weights, glossary.resolve('ASL 2.0') AS apache;
SET regress.hidden = 'open-weights';
SELECT glossary.resolve('open weights') AS open_weights, glossary.resolve('ASL 2.0') AS apache;
-- with row_security off, r1 gets the error a SELECT would get
SET row_security = off;
SELECT glossary.resolve('ASL 2.0');
SELECT count(*) FROM glossary.entries;
RESET row_security;
RESET regress.hidden;
RESET ROLE;

-- a policy on aliases alone filters too
ALTER TABLE glossary.entries DISABLE ROW LEVEL SECURITY;
ALTER TABLE glossary.aliases ENABLE ROW LEVEL SECURITY;
CREATE POLICY hide_alias ON glossary.aliases TO regress_glossary_r1 USING (alias <> 'ASL 2.0');
SET ROLE regress_glossary_r1;
SELECT glossary.resolve('ASL 2.0') AS hidden_alias, glossary.resolve('Apache License 2.0') AS other_alias,
	glossary.resolve('open weights') AS open_weights;
RESET ROLE;
SELECT glossary.resolve('ASL 2.0') AS superuser_alias;

-- the table owner is exempt unless FORCE ROW LEVEL SECURITY; with it, the
-- owner's answers follow the policies too (here no policy for it: no rows)
CREATE ROLE regress_glossary_owner;
ALTER TABLE glossary.aliases OWNER TO regress_glossary_owner;
GRANT USAGE ON SCHEMA glossary TO regress_glossary_owner;
GRANT SELECT ON ALL TABLES IN SCHEMA glossary TO regress_glossary_owner;
SET ROLE regress_glossary_owner;
SELECT glossary.resolve('ASL 2.0') AS owner_not_forced;
RESET ROLE;
ALTER TABLE glossary.aliases FORCE ROW LEVEL SECURITY;
SET ROLE regress_glossary_owner;
SELECT glossary.resolve('ASL 2.0') AS owner_forced, glossary.resolve('Apache 2.0') AS owner_term;
RESET ROLE;
SELECT glossary.resolve('ASL 2.0') AS superuser_alias;

ALTER TABLE glossary.aliases NO FORCE ROW LEVEL SECURITY;
ALTER TABLE glossary.aliases DISABLE ROW LEVEL SECURITY;
ALTER TABLE glossary.aliases OWNER TO CURRENT_USER;
DROP POLICY hide ON glossary.entries;
DROP POLICY hide_alias ON glossary.aliases;
DELETE FROM glossary.entries;
DELETE FROM glossary.categories;
DROP OWNED BY regress_glossary_r1, regress_glossary_owner;
DROP ROLE regress_glossary_r1, regress_glossary_owner;
