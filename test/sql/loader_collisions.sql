-- The loader's label-collision warnings use glossary.normalize(), the key
-- resolve() and the views ambiguous_labels and shadowed_labels use: labels
-- that differ only by what normalize() folds (case, hyphens and underscores,
-- surrounding punctuation and quotes, Unicode compatibility forms, combining
-- accents) collide, and each warning says what resolve() gives.
SELECT * FROM glossary.import_yaml($y$
categories:
  - {slug: weights, title: Weights}
entries:
  - slug: open-weights
    term: open weights
    category: weights
    summary: Parameters anyone can download.
  - slug: fine-tuning
    term: Fine-tuning
    category: weights
    summary: Further training of a trained model.
  - slug: cafe
    term: Café
    category: weights
    summary: A word with an accent, precomposed.
$y$, 'base.yaml');

-- one alias per rule, each a different spelling of a label above; the
-- case-insensitive comparison of 1.1 (lower()) saw only the first
SELECT e.alias, lower(e.alias) = ANY (ARRAY['open weights', 'fine-tuning', 'café', 'open-weights', 'cafe']) AS lower_sees_it,
	glossary.normalize(e.alias) AS key
FROM (VALUES ('Open-Weights'), ('open_weights'), (U&'\201Copen weights\201D'),
	(U&'\FF46\FF49\FF4E\FF45\FF0D\FF54\FF55\FF4E\FF49\FF4E\FF47'), (U&'Cafe\0301'), ('fine   tuning!')) AS e(alias);

-- a new entry carries them all: every one is a collision, and the warning
-- says resolve() gives the entry that already had the label (a slug or
-- term beats an alias); each names the other entry's best label
SELECT * FROM glossary.import_yaml($y$
entries:
  - slug: spellings
    term: Spellings
    category: weights
    summary: Labels that only normalize() relates to others.
    aliases: ["Open-Weights", "open_weights", "“open weights”", "ｆｉｎｅ－ｔｕｎｉｎｇ", "Cafe\u0301", "fine   tuning!"]
$y$, 'spellings.yaml');

-- what the warning said is what resolve() and the views say
SELECT a.alias, glossary.resolve(a.alias) FROM glossary.aliases a WHERE a.entry = 'spellings' ORDER BY a.alias COLLATE "C";
SELECT entry, kind, label, shadowed_by, shadowed_by_kind FROM glossary.shadowed_labels
WHERE entry = 'spellings' ORDER BY label COLLATE "C", shadowed_by, shadowed_by_kind;

-- same level on both sides: two aliases with one key make the label
-- ambiguous, and the warning says resolve() gives NULL
SELECT * FROM glossary.import_yaml($y$
entries:
  - {slug: model-a, term: Model A, category: weights, summary: One model., aliases: [the-model]}
  - {slug: model-b, term: Model B, category: weights, summary: Another model., aliases: ["The Model"]}
$y$, 'ambiguous.yaml');
SELECT glossary.resolve('the model') AS resolves_to, entries FROM glossary.ambiguous_labels WHERE key = 'the model';

-- the other direction: a new term whose key is an existing alias
SELECT * FROM glossary.import_yaml($y$
entries:
  - {slug: the-model, term: "THE MODEL.", category: weights, summary: A term that takes over an alias key.}
$y$, 'takes-over.yaml');
SELECT glossary.resolve('the model');

-- labels whose keys differ are no collision, however alike they look
SELECT * FROM glossary.import_yaml($y$
entries:
  - {slug: open-weight-model, term: open weight model, category: weights, summary: Not the same key., aliases: [open weightss]}
$y$, 'distinct.yaml');

-- an import of more than 2,000 entries hashes every key instead of looking
-- its labels up one by one, and reports in the same words
SELECT * FROM glossary.import_yaml((
	SELECT E'entries:\n  - {slug: big-spelling, term: Big spelling, category: weights, summary: S., aliases: [open_weights, "The-Model"]}'
		|| string_agg(format(E'\n  - {slug: gen-%s, term: Generated %s, category: weights, summary: S.}', i, i), '')
		|| E'\n  - {slug: gen-twin, term: "Generated-1", category: weights, summary: S.}'
	FROM generate_series(1, 2100) AS i), 'big.yaml');

DELETE FROM glossary.entries;
DELETE FROM glossary.categories;
