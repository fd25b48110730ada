-- Replica mode (session_replication_role = replica, as the logical
-- replication apply worker runs): the ordinary statement triggers do not
-- fire, so row triggers enabled for replica mode record each write in
-- glossary.changes, and statement triggers enabled for replica mode record a
-- TRUNCATE, which fires no row trigger.  The label index follows both.
\getenv abs_srcdir PG_ABS_SRCDIR
\set basic :abs_srcdir '/data/loader_basic.yaml'
SET client_min_messages = error;
SELECT entries FROM glossary.import_yaml(pg_read_file(:'basic'), 'loader_basic.yaml');
RESET client_min_messages;

-- a warm index, then a row write in replica mode
SELECT glossary.resolve('ASL 2.0') AS before, glossary.link_status('ASL 2.0') AS status;
SET session_replication_role = replica;
DELETE FROM glossary.aliases WHERE alias = 'ASL 2.0';
RESET session_replication_role;
-- its row lists the entry, so the index is updated, not built again
SELECT labels, slugs FROM glossary.changes WHERE xact = (SELECT max(xact) FROM glossary.changes);
SELECT glossary.resolve('ASL 2.0') AS after_delete, glossary.resolve('Apache License 2.0') AS other_alias;

-- TRUNCATE of aliases alone in replica mode
SET session_replication_role = replica;
TRUNCATE glossary.aliases;
RESET session_replication_role;
SELECT glossary.resolve('Apache License 2.0') AS after_truncate, glossary.resolve('Apache 2.0') AS term;

-- TRUNCATE of entries (CASCADE: aliases, links, ...) in replica mode, read
-- in the same transaction, after it, and in a new session
SELECT glossary.resolve('open weights') AS before, glossary.link_status('open weights') AS status;
BEGIN;
SET LOCAL session_replication_role = replica;
TRUNCATE glossary.entries CASCADE;
SELECT glossary.resolve('open weights') AS in_transaction;
COMMIT;
SELECT glossary.resolve('open weights') AS resolve, glossary.link_status('open weights') AS status,
	(SELECT count(*) FROM glossary.lookup('open weights')) AS lookup,
	glossary.autolink('open weights', 'html') AS autolink;
-- recorded as a change whose entries are not known
SELECT labels, slugs IS NULL AS slugs_not_known FROM glossary.changes
WHERE xact = (SELECT max(xact) FROM glossary.changes);
\c
SELECT glossary.resolve('open weights') AS new_session, glossary.link_status('open weights') AS status;

-- a TRUNCATE after other writes of the same transaction: its row no longer
-- lists only the entries written before, so a new session's index (updated
-- from the shared one) does not keep the truncated aliases; the same in
-- replica mode
SET client_min_messages = error;
SELECT entries FROM glossary.import_yaml(pg_read_file(:'basic'), 'loader_basic.yaml');
RESET client_min_messages;
SELECT glossary.resolve('ASL 2.0') AS warm;
BEGIN;
UPDATE glossary.entries SET summary = 'Changed.' WHERE slug = 'open-weights';
TRUNCATE glossary.aliases;
COMMIT;
SELECT slugs IS NULL AS entries_not_known FROM glossary.changes WHERE xact = (SELECT max(xact) FROM glossary.changes);
\c
SELECT glossary.resolve('ASL 2.0') AS truncated_alias, glossary.resolve('Apache 2.0') AS term;
INSERT INTO glossary.aliases VALUES ('apache-2-0', 'ASL 2.0');
SELECT glossary.resolve('ASL 2.0') AS warm;
BEGIN;
SET LOCAL session_replication_role = replica;
UPDATE glossary.entries SET summary = 'Changed again.' WHERE slug = 'open-weights';
TRUNCATE glossary.aliases;
COMMIT;
SELECT slugs IS NULL AS entries_not_known FROM glossary.changes WHERE xact = (SELECT max(xact) FROM glossary.changes);
\c
SELECT glossary.resolve('ASL 2.0') AS truncated_alias, glossary.resolve('Apache 2.0') AS term;

DELETE FROM glossary.entries;
DELETE FROM glossary.categories;
