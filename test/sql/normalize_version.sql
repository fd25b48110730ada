-- normalize() follows ICU's case folding, and indexes store its results:
-- glossary.normalize_version records the ICU version they were built with
-- (at CREATE EXTENSION, and by reindex_normalized()), and a session's first
-- label lookup warns when the server's ICU differs.
SELECT icu = glossary.icu_version() AS recorded_at_install, recorded <= now() AS recorded_before
FROM glossary.normalize_version;
SELECT glossary.icu_version() ~ '^[0-9]+(\.[0-9]+)+$' AS looks_like_a_version;
SELECT proname, provolatile, proisstrict, proparallel FROM pg_proc
WHERE pronamespace = 'glossary'::regnamespace AND proname IN ('icu_version', 'reindex_normalized')
ORDER BY proname;

-- an install whose indexes were built with another ICU (faked here): the
-- first lookup of a session warns, once
INSERT INTO glossary.categories (slug, title) VALUES ('weights', 'Weights');
INSERT INTO glossary.entries (slug, term, category, summary) VALUES ('open-weights', 'Open Weights', 'weights', 'Downloadable parameters.');
UPDATE glossary.normalize_version SET icu = '1.0';
\c
-- (terse: the detail names the server's ICU version, which differs between
-- systems: "The indexes on glossary.normalize() were built with ICU 1.0, but
-- the server now uses ICU N.M, whose case folding may differ.", with the hint
-- "Rebuild them with SELECT glossary.reindex_normalized(), which also records
-- the new version.")
\set VERBOSITY terse
SELECT glossary.resolve('open weights') AS first_lookup;
SELECT glossary.resolve('OPEN WEIGHTS') AS second_lookup;
-- normalize() itself reads no table and does not warn
\c
SELECT glossary.normalize('Open-Weights');
\set VERBOSITY terse
SELECT glossary.resolve('open weights') AS first_lookup_after_normalize;
\set VERBOSITY default

-- the fix: rebuild every index on normalize(), also the user's, which
-- records the server's version; a new session no longer warns
CREATE TABLE public.regress_labels (label text);
CREATE INDEX regress_labels_key_idx ON public.regress_labels (glossary.normalize(label));
SELECT glossary.reindex_normalized() AS reindexed;
SELECT icu = glossary.icu_version() AS recorded_now FROM glossary.normalize_version;
\c
SELECT glossary.resolve('open weights') AS no_warning;
-- a missing row is recorded again
DELETE FROM glossary.normalize_version;
SELECT glossary.reindex_normalized() AS reindexed;
SELECT icu = glossary.icu_version() AS recorded_again FROM glossary.normalize_version;
-- one row only, and bad input
INSERT INTO glossary.normalize_version (icu) VALUES ('2.0');
INSERT INTO glossary.normalize_version (single, icu, recorded) VALUES (false, '2.0', '2026-01-01 00:00 UTC');
INSERT INTO glossary.normalize_version (icu, recorded) VALUES (NULL, '2026-01-01 00:00 UTC');
SELECT glossary.icu_version(NULL);
SELECT glossary.reindex_normalized(1);

-- only the owner of the indexes may rebuild them (17 and later: or a role
-- with MAINTAIN, and the error says so: normalize_version_1.out)
CREATE ROLE regress_glossary_icu;
GRANT USAGE ON SCHEMA glossary TO regress_glossary_icu;
SET ROLE regress_glossary_icu;
SELECT glossary.icu_version() IS NOT NULL AS any_role_may_ask;
SELECT glossary.reindex_normalized();
RESET ROLE;
DROP OWNED BY regress_glossary_icu;
DROP ROLE regress_glossary_icu;
DROP TABLE public.regress_labels;
DELETE FROM glossary.entries;
DELETE FROM glossary.categories;
