-- the cheapest reader transaction: one resolve() of a random label, so the
-- per-transaction cost of finding the shared image is as large as it gets
\set id random(1, :nlabels)
SELECT glossary.resolve(label) FROM bench_labels WHERE id = :id;
