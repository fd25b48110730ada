-- one writer transaction: import_markdown of one of five "hot" entries, so
-- that concurrent writers collide on the same slug; the body links to a
-- shipped entry and to another hot entry, the aliases change every time
\set k random(1, 5)
\set other random(1, 5)
\set v random(1, 1000000)
SELECT entries FROM glossary.import_markdown('bench-hot-' || :k, pg_catalog.format(E'---\nterm: Hot entry %s\ncategory: weights\naliases: [hot alias %s, hot version %s]\nsummary: Rewritten by pgbench, version %s.\n---\nSee [[open weights]], [[bench-hot-%s]] and [[LoRA]] (version %s).\n', :k, :k, :v, :v, :other, :v));
