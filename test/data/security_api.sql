-- The whole API, run by test/sql/security.sql once under a normal and twice
-- under a hostile search_path (:run names the run).  Every statement writes
-- its results into pg_temp.res as text, using no operator and no unqualified
-- name of its own, so only the extension's code meets the search_path.
-- The glossary tables are empty when this starts.
INSERT INTO pg_temp.res SELECT :'run', 'import_yaml', 0, x::pg_catalog.text FROM glossary.import_yaml(:'doc_yaml', 'sec.yaml') x;
INSERT INTO pg_temp.res SELECT :'run', 'import_markdown', 0, x::pg_catalog.text FROM glossary.import_markdown('osaid', :'doc_md', 'osaid.mdx') x;
INSERT INTO pg_temp.res SELECT :'run', 'categories', 0, x::pg_catalog.text FROM glossary.categories x;
INSERT INTO pg_temp.res SELECT :'run', 'entries', 0, x::pg_catalog.text FROM glossary.entries x;
INSERT INTO pg_temp.res SELECT :'run', 'entry_categories', 0, x::pg_catalog.text FROM glossary.entry_categories x;
INSERT INTO pg_temp.res SELECT :'run', 'aliases', 0, x::pg_catalog.text FROM glossary.aliases x;
INSERT INTO pg_temp.res SELECT :'run', 'sources', 0, x::pg_catalog.text FROM glossary.sources x;
INSERT INTO pg_temp.res SELECT :'run', 'links', 0, x::pg_catalog.text FROM glossary.links x;
INSERT INTO pg_temp.res SELECT :'run', 'export_yaml', 0, glossary.export_yaml();
INSERT INTO pg_temp.res SELECT :'run', 'normalize', 0, glossary.normalize(U&'  \201CFine\2011Tuning\201D ');
INSERT INTO pg_temp.res SELECT :'run', 'resolve', 0, glossary.resolve('apache license 2.0');
INSERT INTO pg_temp.res SELECT :'run', 'resolve', 1, glossary.resolve('Open-Weights Models');
INSERT INTO pg_temp.res SELECT :'run', 'lookup', x.n, x::pg_catalog.text FROM glossary.lookup('ASL 2.0') WITH ORDINALITY x(slug, term, match, via, note, score, ambiguous, resolved, n);
INSERT INTO pg_temp.res SELECT :'run', 'lookup fuzzy', x.n, x::pg_catalog.text FROM glossary.lookup('opne weights') WITH ORDINALITY x(slug, term, match, via, note, score, ambiguous, resolved, n);
INSERT INTO pg_temp.res SELECT :'run', 'suggest', x.n, x::pg_catalog.text FROM glossary.suggest('apache 2.1') WITH ORDINALITY x(slug, term, via, distance, score, n);
INSERT INTO pg_temp.res SELECT :'run', 'search', x.n, x::pg_catalog.text FROM glossary.search('weights') WITH ORDINALITY x(slug, term, hit, rank, headline, n);
INSERT INTO pg_temp.res SELECT :'run', 'backlinks', x.n, x::pg_catalog.text FROM glossary.backlinks('Apache 2.0') WITH ORDINALITY x(slug, term, category, links, n);
INSERT INTO pg_temp.res SELECT :'run', 'links()', x.n, x::pg_catalog.text FROM glossary.links('open-weights') WITH ORDINALITY x("position", target, slug, "text", syntax, status, n);
INSERT INTO pg_temp.res SELECT :'run', 'render_html', 0, glossary.render_html('open-weights');
INSERT INTO pg_temp.res SELECT :'run', 'render_site', x.n, x::pg_catalog.text FROM glossary.render_site() WITH ORDINALITY x(slug, html, n);
INSERT INTO pg_temp.res SELECT :'run', 'render_index_html', 0, glossary.render_index_html('{slug}.html');
INSERT INTO pg_temp.res SELECT :'run', 'card', 0, glossary.card('ASL 2.0')::pg_catalog.text;
INSERT INTO pg_temp.res SELECT :'run', 'feed_atom', 0, glossary.feed_atom('https://example.org/g/');
INSERT INTO pg_temp.res SELECT :'run', 'markdown_html', 0, glossary.markdown_html('*Open* [[weights]]');
INSERT INTO pg_temp.res SELECT :'run', 'link_status', 0, glossary.link_status('OSAID');
INSERT INTO pg_temp.res SELECT :'run', 'mentions', x.n, x::pg_catalog.text FROM glossary.mentions('Open weights under the ASL 2.0, not `Apache 2.0` in code.') WITH ORDINALITY x(slug, "text", "position", length, ambiguous, n);
INSERT INTO pg_temp.res SELECT :'run', 'unlinked_mentions', x.n, x::pg_catalog.text FROM glossary.unlinked_mentions('open weights') WITH ORDINALITY x(slug, term, "text", "position", n);
INSERT INTO pg_temp.res SELECT :'run', 'autolink', 0, glossary.autolink('Open weights under the ASL 2.0 and Apache License 2.0.');
INSERT INTO pg_temp.res SELECT :'run', 'autolink html', 0, glossary.autolink('Open weights under the ASL 2.0.', 'html', false, 'https://example.org/g/{slug}');
INSERT INTO pg_temp.res SELECT :'run', 'view labels', 0, x::pg_catalog.text FROM glossary.labels x;
INSERT INTO pg_temp.res SELECT :'run', 'view ambiguous_labels', 0, x::pg_catalog.text FROM glossary.ambiguous_labels x;
INSERT INTO pg_temp.res SELECT :'run', 'view shadowed_labels', 0, x::pg_catalog.text FROM glossary.shadowed_labels x;
INSERT INTO pg_temp.res SELECT :'run', 'view backlinks_all', 0, x::pg_catalog.text FROM glossary.backlinks_all x;
INSERT INTO pg_temp.res SELECT :'run', 'view dangling_links', 0, x::pg_catalog.text FROM glossary.dangling_links x;
INSERT INTO pg_temp.res SELECT :'run', 'classify_release', 0, glossary.classify_release('{"weights_available": true, "weights_license": "Apache License 2.0", "code_available": true, "data_information": "complete"}')::pg_catalog.text;
INSERT INTO pg_temp.res SELECT :'run', 'classify_release_explain', 0, glossary.classify_release_explain('{"weights_available": true, "weights_license": "other", "weights_license_name": "qwen"}')::pg_catalog.text;
INSERT INTO pg_temp.res SELECT :'run', 'classify_hf', 0, glossary.classify_hf('{"cardData": {"license": "apache-2.0", "base_model": "google/gemma-2-9b"}, "tags": ["license:apache-2.0"], "siblings": [{"rfilename": "model.safetensors"}]}')::pg_catalog.text;
INSERT INTO pg_temp.res SELECT :'run', 'classify_hf_explain', 0, glossary.classify_hf_explain('{"cardData": {"license": "other", "license_name": "qwen"}, "gated": "auto", "siblings": [{"rfilename": "adapter_model.safetensors"}]}')::pg_catalog.text;
INSERT INTO pg_temp.res SELECT :'run', 'release_from_hf', 0, glossary.release_from_hf('{"id": "x/y", "cardData": {"license": "mit", "datasets": ["c4"]}, "siblings": [{"rfilename": "model.gguf"}]}')::pg_catalog.text;
INSERT INTO pg_temp.res SELECT :'run', 'release_from_model_card', 0, glossary.release_from_model_card(E'---\nlicense: llama3.1\nbase_model: meta-llama/Llama-3.1-8B\n---\n# Card\n', ARRAY['model.safetensors'])::pg_catalog.text;
INSERT INTO pg_temp.res SELECT :'run', 'license_info', 0, x::pg_catalog.text FROM glossary.license_info('Llama 3.1 Community License') x;
INSERT INTO pg_temp.res SELECT :'run', 'licenses', x.n, x::pg_catalog.text FROM glossary.licenses() WITH ORDINALITY x(id, name, kind, restrictions, spellings, source, note, n);
INSERT INTO pg_temp.res SELECT :'run', 'license_restrictions', x.n, x::pg_catalog.text FROM glossary.license_restrictions() WITH ORDINALITY x(flag, meaning, n);
INSERT INTO pg_temp.res SELECT :'run', 'entry_document', 0, glossary.entry_document('Open weights', 'Weights you can download.', 'See [[x]].')::pg_catalog.text;
-- an update through import: lists replaced, links re-derived
INSERT INTO pg_temp.res SELECT :'run', 'reimport', 0, x::pg_catalog.text FROM glossary.import_markdown('apache-2-0', '---
term: Apache 2.0
category: governance
aliases: [ASL 2.0]
summary: Permissive, with a patent grant.
---
Often paired with [[open weights]] and [[Mistral]].
', 'apache.mdx') x;
INSERT INTO pg_temp.res SELECT :'run', 'entries after reimport', 0, x::pg_catalog.text FROM glossary.entries x;
INSERT INTO pg_temp.res SELECT :'run', 'aliases after reimport', 0, x::pg_catalog.text FROM glossary.aliases x;
INSERT INTO pg_temp.res SELECT :'run', 'links after reimport', 0, x::pg_catalog.text FROM glossary.links x;
INSERT INTO pg_temp.res SELECT :'run', 'resolve after reimport', 0, glossary.resolve('Apache License 2.0');
