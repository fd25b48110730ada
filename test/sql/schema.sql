-- The data model: constraints, secondary categories, derived links.
SET client_min_messages = warning;

SELECT extname, extversion, extrelocatable FROM pg_extension WHERE extname = 'glossary';

-- every table and sequence of the extension is dumped with user data,
-- except links, which the entries trigger derives again on restore
SELECT c.relname, c.relkind
FROM pg_extension e, unnest(e.extconfig) AS cfg(oid) JOIN pg_class c ON c.oid = cfg.oid
WHERE e.extname = 'glossary' ORDER BY 1;
SELECT count(*) AS sequences_not_dumped
FROM pg_depend d JOIN pg_class c ON c.oid = d.objid AND c.relkind = 'S'
WHERE d.refobjid = (SELECT oid FROM pg_extension WHERE extname = 'glossary')
  AND c.oid NOT IN (SELECT unnest(extconfig) FROM pg_extension WHERE extname = 'glossary');

INSERT INTO glossary.categories (slug, title, tier, position, description)
VALUES ('weights', 'Weights', 'core', 6, 'Model parameters and their licences.'),
       ('governance', 'Governance', 'meta', 12, 'Rules and definitions.');

-- slug format
INSERT INTO glossary.categories (slug, title) VALUES ('Bad Slug', 'x');
INSERT INTO glossary.categories (slug, title) VALUES ('double--hyphen', 'x');
INSERT INTO glossary.categories (slug, title) VALUES ('-leading', 'x');
INSERT INTO glossary.categories (slug, title) VALUES ('ok-2', '   ');

INSERT INTO glossary.entries (slug, term, category, summary, body)
VALUES ('open-weights', 'open weights', 'weights', 'Parameters anyone can download.',
        'Unlike [[open-source-ai|open source AI]], see <G term="OSAID">the definition</G> and [[llama]].');
INSERT INTO glossary.entries (slug, term, category, summary)
VALUES ('osaid', 'OSAID', 'governance', 'The OSI definition of open source AI.');

-- empty term, empty summary, unknown category, bad slug
INSERT INTO glossary.entries (slug, term, category, summary) VALUES ('x', ' ', 'weights', 's');
INSERT INTO glossary.entries (slug, term, category, summary) VALUES ('x', 'x', 'weights', '');
INSERT INTO glossary.entries (slug, term, category, summary) VALUES ('x', 'x', 'nowhere', 's');
INSERT INTO glossary.entries (slug, term, category, summary) VALUES ('X_1', 'x', 'weights', 's');

-- links were extracted by the trigger
SELECT entry, position, target, label, syntax FROM glossary.links ORDER BY entry, position;

-- changing the body re-extracts the links
UPDATE glossary.entries SET body = 'Now only [[osaid]].' WHERE slug = 'open-weights';
SELECT entry, position, target, label, syntax FROM glossary.links ORDER BY entry, position;

-- an update that leaves the body alone keeps them
UPDATE glossary.entries SET summary = 'Parameters that anyone may download.' WHERE slug = 'open-weights';
SELECT count(*) FROM glossary.links WHERE entry = 'open-weights';

-- renaming a slug carries aliases, categories, sources and links along
INSERT INTO glossary.aliases VALUES ('open-weights', 'open-weight');
INSERT INTO glossary.entry_categories VALUES ('open-weights', 'governance');
INSERT INTO glossary.sources VALUES ('open-weights', 1, 'OSAID 1.0', 'https://opensource.org/ai/open-source-ai-definition', 'OSI', '2024-10-28');
UPDATE glossary.entries SET slug = 'open-weight-models' WHERE slug = 'open-weights';
SELECT 'aliases' AS t, entry FROM glossary.aliases
UNION ALL SELECT 'entry_categories', entry FROM glossary.entry_categories
UNION ALL SELECT 'sources', entry FROM glossary.sources
UNION ALL SELECT 'links', entry FROM glossary.links ORDER BY 1;

-- bad source URL, empty alias
INSERT INTO glossary.sources VALUES ('osaid', 1, 'x', 'not a url');
INSERT INTO glossary.aliases VALUES ('osaid', '');

-- deleting an entry deletes what hangs off it
DELETE FROM glossary.entries WHERE slug = 'open-weight-models';
SELECT (SELECT count(*) FROM glossary.aliases) AS aliases,
       (SELECT count(*) FROM glossary.entry_categories) AS entry_categories,
       (SELECT count(*) FROM glossary.sources) AS sources,
       (SELECT count(*) FROM glossary.links) AS links;

-- a category in use cannot be deleted
DELETE FROM glossary.categories WHERE slug = 'governance';

DELETE FROM glossary.entries;
DELETE FROM glossary.categories;
