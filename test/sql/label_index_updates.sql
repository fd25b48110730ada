-- The label index is updated in place after a small change (the entries the
-- change's transaction lists in glossary.changes are read again) and
-- rebuilt after a large one, and either way answers exactly as an index
-- built from scratch: every step below compares resolve(), lookup(),
-- suggest(), mentions() and autolink() over a few thousand probes with the
-- answers of a new backend (through dblink), which builds its index from
-- scratch.
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS dblink;
SELECT format('host=%s port=%s dbname=%s', split_part(current_setting('unix_socket_directories'), ',', 1),
	current_setting('port'), current_database()) AS fresh \gset
-- a known history: the rows earlier tests left behind go (readers rebuild once)
TRUNCATE glossary.changes;
INSERT INTO glossary.categories (slug, title) VALUES ('upd', 'Updates'), ('upd-two', 'Updates two');
INSERT INTO glossary.entries (slug, term, category, summary, body)
	SELECT 'upd-' || i, CASE i % 7 WHEN 0 THEN 'Café model ' || i WHEN 1 THEN 'fine tuning ' || (i / 3)
		ELSE 'Update term ' || i END, 'upd', 'Summary ' || i || '.',
		CASE WHEN i % 5 = 0 THEN 'Body of ' || i || ' links [[update term ' || (i + 1) || ']].' ELSE '' END
	FROM generate_series(1, 300) i;
INSERT INTO glossary.aliases (entry, alias)
	SELECT 'upd-' || i, a FROM generate_series(1, 300) i
	CROSS JOIN LATERAL (VALUES ('U' || (i % 250)), ('update alias ' || i), ('shared ' || (i % 40))) v(a);

-- the probes: every label, a plural, the words run together, a typo, a miss
CREATE TABLE public.regress_probes AS
	SELECT DISTINCT p FROM glossary.labels l,
	LATERAL (VALUES (l.label), (l.label || 's'), (replace(l.label, ' ', '')), (left(l.label, -1)), (l.label || ' x')) v(p);
CREATE FUNCTION public.regress_answers() RETURNS TABLE (probe text, answer text) LANGUAGE sql AS $$
	SELECT p, coalesce(glossary.resolve(p), '-')
		|| ' | ' || coalesce((SELECT string_agg(concat_ws(':', slug, match, via, note, score, ambiguous, resolved), ',' ORDER BY n)
			FROM glossary.lookup(p) WITH ORDINALITY AS l(slug, term, match, via, note, score, ambiguous, resolved, n)), '')
		|| ' | ' || coalesce((SELECT string_agg(concat_ws(':', slug, via, distance), ',' ORDER BY n)
			FROM glossary.suggest(p, 3) WITH ORDINALITY AS s(slug, term, via, distance, score, n)), '')
	FROM public.regress_probes
	UNION ALL
	SELECT 'mentions', string_agg(concat_ws(':', slug, "position", length, ambiguous), ',' ORDER BY "position")
	FROM glossary.mentions((SELECT string_agg(p, ' and ' ORDER BY p) FROM public.regress_probes))
	UNION ALL
	SELECT 'autolink', md5(glossary.autolink((SELECT string_agg(p, ' and ' ORDER BY p) FROM public.regress_probes), 'html'))
	UNION ALL
	SELECT 'self ' || slug, glossary.autolink(body, 'wiki', false) FROM glossary.entries WHERE body <> ''
$$;
SELECT count(*) > 3000 AS many_probes FROM public.regress_probes;

-- answers now, the number of full builds that took (0: updated in place),
-- and the answers that differ from a new backend's.  A step of one
-- transaction reads only its entries again; after several, a folded row's
-- merged list (which may reach back further) is read, and once a quarter of
-- the labels are dead the index is rebuilt.
\set step 'CREATE TEMP TABLE now_answers AS SELECT * FROM public.regress_answers(); SELECT (SELECT builds FROM glossary.label_index_stats()) - :builds AS full_builds; SELECT index, probe, left(answer, 60) AS answer FROM ((SELECT ''updated'' AS index, * FROM now_answers EXCEPT SELECT ''updated'', * FROM dblink(:''fresh'', ''SELECT * FROM public.regress_answers()'') AS t(probe text, answer text)) UNION ALL (SELECT ''new backend'', * FROM dblink(:''fresh'', ''SELECT * FROM public.regress_answers()'') AS t(probe text, answer text) EXCEPT SELECT ''new backend'', * FROM now_answers)) d ORDER BY 2, 1; DROP TABLE now_answers; SELECT builds AS builds FROM glossary.label_index_stats() \\gset'

SELECT builds FROM glossary.label_index_stats() \gset
-- a new entry with aliases, one of them shared with others (ambiguous)
SELECT entries FROM glossary.import_markdown('upd-new', E'---\nterm: Brand new term\ncategory: upd\naliases: [shared 3, new alias]\nsummary: New.\n---\nLinks [[Update term 2]].\n');
:step
-- an alias that another entry's term shadows, and one removed
INSERT INTO glossary.aliases VALUES ('upd-2', 'Update term 3');
DELETE FROM glossary.aliases WHERE alias = 'update alias 4';
:step
-- a term changed to another entry's alias, a body changed
UPDATE glossary.entries SET term = 'update alias 10', body = 'Now [[café model 7]].' WHERE slug = 'upd-11';
:step
-- a slug renamed (aliases follow by cascade) and an entry deleted
UPDATE glossary.entries SET slug = 'upd-renamed' WHERE slug = 'upd-12';
DELETE FROM glossary.entries WHERE slug = 'upd-13';
:step
-- a category renamed: entries follow by cascade, labels do not change
UPDATE glossary.categories SET slug = 'upd-three' WHERE slug = 'upd-two';
UPDATE glossary.entries SET category = 'upd-two' WHERE false;
:step
-- a savepoint rolled back inside a committed transaction
BEGIN;
INSERT INTO glossary.aliases VALUES ('upd-20', 'kept alias');
SAVEPOINT s;
INSERT INTO glossary.aliases VALUES ('upd-21', 'rolled back alias');
ROLLBACK TO SAVEPOINT s;
COMMIT;
:step
-- two transactions since the index last looked
INSERT INTO glossary.aliases VALUES ('upd-30', 'first of two');
INSERT INTO glossary.aliases VALUES ('upd-31', 'second of two');
:step
-- a large change (more than 1,000 entries' worth is not listed): rebuilt
UPDATE glossary.entries SET summary = summary || ' ' WHERE category = 'upd';
INSERT INTO glossary.entries (slug, term, category, summary)
	SELECT 'upd-bulk-' || i, 'Bulk term ' || i, 'upd', 'Bulk.' FROM generate_series(1, 1100) i;
:step
-- TRUNCATE lists no entries: rebuilt
TRUNCATE glossary.aliases;
:step

SELECT glossary.resolve('new alias') AS new_alias, glossary.resolve('Brand new term') AS term;

DELETE FROM glossary.entries WHERE category = 'upd';
DELETE FROM glossary.categories WHERE slug IN ('upd', 'upd-three');
DROP FUNCTION public.regress_answers();
DROP TABLE public.regress_probes;
DROP EXTENSION dblink;
