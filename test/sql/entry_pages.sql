-- glossary.entry_pages: one row per entry with what its page shows.
SET client_min_messages = warning;
SELECT glossary.import_yaml($$
categories:
  - {slug: weights, title: Weights, tier: core, position: 6}
  - {slug: governance, title: Governance, tier: meta, position: 12}
  - {slug: data, title: Data, tier: core, position: 4}
entries:
  - slug: open-weights
    term: open weights
    category: weights
    also: [governance, data]
    aliases: [open weight, Open-weight model]
    summary: Parameters anyone can download.
    body: Unlike [[open-source-ai]].
    sources:
      - {title: OSAID 1.0, url: "https://opensource.org/ai/open-source-ai-definition", publisher: OSI, date: 2024-10-28}
      - {title: MOF, url: "https://arxiv.org/abs/2403.13784"}
    updated: 2026-11-20
  - slug: open-source-ai
    term: open source AI
    category: governance
    summary: AI released with weights, code and data information under open terms.
    body: Goes further than [[open weight|open weights]].
  - slug: acceptable-use
    term: acceptable use policy
    category: governance
    summary: Rules on use.
    body: Never found with <G term="Open-Weights">open models</G> alone; see also [[OPEN WEIGHTS]].
$$, 'pages.yaml');

-- secondary categories in category order, aliases case-insensitively sorted,
-- sources in order with optional fields left out, "Mentioned in" through
-- aliases and any case, each entry once, sorted by term
SELECT slug, term, category, category_title, also, aliases, summary, updated, mentioned_in
FROM glossary.entry_pages ORDER BY slug;
SELECT jsonb_pretty(sources) FROM glossary.entry_pages WHERE slug = 'open-weights';
SELECT slug, sources IS NULL AS no_sources, also = '{}' AS no_also, aliases = '{}' AS no_aliases
FROM glossary.entry_pages WHERE slug = 'acceptable-use';

DELETE FROM glossary.entries;
DELETE FROM glossary.categories;
