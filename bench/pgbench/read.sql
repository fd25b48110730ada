-- one reader transaction: every read function of the API on one random label
-- (slug, term, alias, or a typo of one) of the bench database
\set id random(1, :nlabels)
SELECT glossary.resolve(label) FROM bench_labels WHERE id = :id;
SELECT count(*) FROM bench_labels l, glossary.lookup(l.label) WHERE l.id = :id;
SELECT count(*) FROM bench_labels l, glossary.suggest(l.label) WHERE l.id = :id;
SELECT count(*) FROM bench_labels l, glossary.search(l.label, 5) WHERE l.id = :id;
SELECT count(*) FROM bench_labels l, glossary.backlinks(l.label) WHERE l.id = :id;
SELECT count(*) FROM bench_labels l, glossary.mentions(l.sentence) WHERE l.id = :id;
