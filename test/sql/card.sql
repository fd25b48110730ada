-- glossary.card: the hover card of any label, resolved through aliases.
SET client_min_messages = warning;
SELECT glossary.import_yaml($$
categories:
  - {slug: weights, title: Weights, position: 6}
  - {slug: governance, title: "Governance & law", position: 12}
entries:
  - slug: open-weights
    term: open weights
    category: weights
    aliases: [open weight, Open-weight model]
    summary: Parameters anyone can "download".
  - slug: open-source-definition
    term: Open Source Definition
    category: governance
    aliases: [OSS, OSD]
    summary: The OSI's ten criteria.
  - slug: osi
    term: Open Source Initiative
    category: governance
    aliases: [OSS]
    summary: The steward of the definition.
  - slug: model-card
    term: model card
    category: weights
    summary: A document that describes a model.
$$, 'cards.yaml');

-- by slug, term, alias, variant (plural, joined words), any case and dash
SELECT label, glossary.card(label)
FROM unnest(ARRAY['open-weights', 'Open Weights', 'OPEN–WEIGHT', 'open-weight model', 'model cards', 'modelcard', 'OSD']) AS label;
-- base_url: a prefix, or a pattern with {slug}
SELECT glossary.card('OSD', 'https://example.org/g/') ->> 'url' AS prefix,
	glossary.card('OSD', '{slug}.html') ->> 'url' AS pattern;
-- ambiguous: the candidates lookup() reports at the deciding level, in its order
SELECT jsonb_pretty(glossary.card('oss'));
SELECT * FROM glossary.lookup('oss');
-- unknown, empty, punctuation only, NULL, 1 MB: NULL
SELECT glossary.card('nothing like it') IS NULL AS unknown, glossary.card('') IS NULL AS empty,
	glossary.card('«»') IS NULL AS punctuation, glossary.card(NULL) IS NULL AS null_label,
	glossary.card('open weights', NULL) IS NULL AS null_base, glossary.card(repeat('x', 1000000)) IS NULL AS huge;
-- a typo is not a card (lookup() has suggestions, card() does not guess)
SELECT glossary.card('open wieghts') IS NULL AS typo;
-- bad base_url
SELECT glossary.card('OSD', 'javascript:alert(1)');
SELECT glossary.card('OSD', repeat('/', 2001));
-- the card follows the data at once
UPDATE glossary.entries SET summary = 'Changed.' WHERE slug = 'open-weights';
SELECT glossary.card('open weight') ->> 'summary' AS summary;
DELETE FROM glossary.aliases WHERE entry = 'osi';
SELECT glossary.card('OSS') ->> 'slug' AS no_longer_ambiguous;

DELETE FROM glossary.entries;
DELETE FROM glossary.categories;
