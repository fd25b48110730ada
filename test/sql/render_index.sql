-- glossary.render_index_html: counts, entries by category (primary and
-- every secondary), A-Z.
SET client_min_messages = warning;
SELECT glossary.import_yaml($$
categories:
  - {slug: weights, title: Weights, position: 6, description: "Parameters & their families."}
  - {slug: governance, title: Governance, position: 12}
  - {slug: empty, title: Empty, position: 20}
entries:
  - {slug: open-weights, term: open weights, category: weights, also: [governance], summary: Downloadable parameters.}
  - {slug: apache-2-0, term: Apache 2.0, category: governance, summary: "A permissive licence <with a patent grant>."}
  - {slug: llama, term: Llama, category: weights, summary: Meta's models.}
  - {slug: zeta, term: "éclair", category: weights, summary: An accented term.}
$$, 'index.yaml');

SELECT glossary.render_index_html();
SELECT (regexp_match(glossary.render_index_html('{slug}.html'), '<a class="glossary-link" href="[^"]*"'))[1] AS pattern_url;
SELECT glossary.render_index_html('javascript:x');
SELECT glossary.render_index_html(NULL) IS NULL AS null_base;

-- an empty glossary
DELETE FROM glossary.entries;
DELETE FROM glossary.categories;
SELECT glossary.render_index_html();
