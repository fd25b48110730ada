/*
 * loader_write.c
 *	  Write validated records with SPI, then report what needs a look.
 *
 * One INSERT ... SELECT FROM unnest(array, ...) per table, with the values
 * passed as array parameters: no SQL is built from values, and the cost per
 * import is a handful of statements whatever its size.  The links come from
 * the bodies through the entries trigger.  Runs with the caller's
 * privileges.  The caller has done SPI_connect.
 */
#include "postgres.h"

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "lib/stringinfo.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/hsearch.h"
#include "utils/lsyscache.h"

#include "loader.h"

/* warnings list at most this many items, then "and N more" */
#define WARN_LIST_MAX 10
/* imports of up to this many entries look their labels' keys up one by one */
#define COLLISION_LOOKUP_MAX 2000

static Datum
text_array(char **values, int n)
{
	Datum	   *d = palloc(Max(n, 1) * sizeof(Datum));
	bool	   *nulls = palloc(Max(n, 1) * sizeof(bool));
	int			dims[1] = {n};
	int			lbs[1] = {1};

	for (int i = 0; i < n; i++)
	{
		nulls[i] = values[i] == NULL;
		d[i] = nulls[i] ? (Datum) 0 : PointerGetDatum(cstring_to_text(values[i]));
	}
	return PointerGetDatum(construct_md_array(d, nulls, 1, dims, lbs, TEXTOID, -1, false, TYPALIGN_INT));
}

static char **
list_strings(List *l)
{
	char	  **a = palloc(Max(list_length(l), 1) * sizeof(char *));
	int			i = 0;
	ListCell   *lc;

	foreach(lc, l)
		a[i++] = lfirst(lc);
	return a;
}

static Datum
int4_array(int32 *values, int n)
{
	Datum	   *d = palloc(Max(n, 1) * sizeof(Datum));
	int			dims[1] = {n};
	int			lbs[1] = {1};

	for (int i = 0; i < n; i++)
		d[i] = Int32GetDatum(values[i]);
	return PointerGetDatum(construct_md_array(d, NULL, 1, dims, lbs, INT4OID, 4, true, TYPALIGN_INT));
}

/* run sql with array arguments (text[] unless types says otherwise) */
static void
run(const char *sql, int nargs, Oid *types, Datum *args, int expect)
{
	int			rc = SPI_execute_with_args(sql, nargs, types, args, NULL, false, 0);

	if (rc != expect)
		elog(ERROR, "SPI_execute_with_args returned %s", SPI_result_code_string(rc));
}

static char *
quoted_list(List *names, int max)
{
	StringInfoData s;
	ListCell   *lc;
	int			i = 0;

	initStringInfo(&s);
	foreach(lc, names)
	{
		if (i == max)
		{
			appendStringInfo(&s, " and %d more", list_length(names) - max);
			break;
		}
		appendStringInfo(&s, "%s\"%s\"", i ? ", " : "", (char *) lfirst(lc));
		i++;
	}
	return s.data;
}

typedef struct NameSet
{
	char		name[LOADER_MAX_SLUG_CHARS + 1];
} NameSet;

static HTAB *
name_set(const char *what, int size)
{
	HASHCTL		hctl;

	hctl.keysize = LOADER_MAX_SLUG_CHARS + 1;
	hctl.entrysize = sizeof(NameSet);
	hctl.hcxt = CurrentMemoryContext;
	return hash_create(what, Max(size, 16), &hctl, HASH_ELEM | HASH_STRINGS | HASH_CONTEXT);
}

/* a name that is not a slug cannot be a category: keep it out of the set */
static bool
set_has(HTAB *set, const char *name)
{
	if (strlen(name) > LOADER_MAX_SLUG_CHARS)
		return false;
	return hash_search(set, name, HASH_FIND, NULL) != NULL;
}

static void
set_add(HTAB *set, const char *name)
{
	if (strlen(name) <= LOADER_MAX_SLUG_CHARS)
		(void) hash_search(set, name, HASH_ENTER, NULL);
}

static void
unknown_category(ImportCtx *ctx, ImportBatch *batch, const YamlNode *node,
				 const char *slug, const char *entry)
{
	List	   *known = NIL;
	ListCell   *lc;
	const char **names;
	const char *best;
	int			n = 0;

	/* the categories of this document and of the database, for the hint */
	foreach(lc, batch->categories)
		known = lappend(known, ((CategoryRec *) lfirst(lc))->slug);
	run("SELECT slug::pg_catalog.text FROM glossary.categories ORDER BY 1", 0, NULL, NULL, SPI_OK_SELECT);
	for (uint64 i = 0; i < SPI_processed; i++)
		known = lappend(known, SPI_getvalue(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1));
	names = palloc(Max(list_length(known), 1) * sizeof(char *));
	foreach(lc, known)
		names[n++] = lfirst(lc);
	best = loader_closest(slug, names, n);

	loader_at(ctx, node);
	ereport(ERROR,
			(errcode(ERRCODE_FOREIGN_KEY_VIOLATION),
			 errmsg("unknown category \"%s\" in entry \"%s\"", slug, entry),
			 best ? errhint("Did you mean \"%s\"?", best) :
			 n > 0 ? errhint("Add it under \"categories:\", or use one of %s.", quoted_list(known, 20)) :
			 errhint("Add it under \"categories:\" first: the database has no categories yet.")));
}

/* every category an entry names exists in the document or the database */
static void
check_categories(ImportCtx *ctx, ImportBatch *batch)
{
	HTAB	   *doc = name_set("glossary import categories", list_length(batch->categories));
	HTAB	   *asked = name_set("glossary import category references", 64);
	HTAB	   *missing;
	List	   *ask = NIL;
	ListCell   *lc;
	char	  **vals;
	int			n = 0;
	Oid			types[1] = {TEXTARRAYOID};
	Datum		args[1];

	foreach(lc, batch->categories)
		set_add(doc, ((CategoryRec *) lfirst(lc))->slug);
	foreach(lc, batch->entries)
	{
		EntryRec   *e = lfirst(lc);
		ListCell   *lc2;

		if (!set_has(doc, e->category) && !set_has(asked, e->category))
		{
			set_add(asked, e->category);
			ask = lappend(ask, e->category);
		}
		foreach(lc2, e->also)
			if (!set_has(doc, lfirst(lc2)) && !set_has(asked, lfirst(lc2)))
			{
				set_add(asked, lfirst(lc2));
				ask = lappend(ask, lfirst(lc2));
			}
	}
	if (ask == NIL)
		return;

	vals = palloc(list_length(ask) * sizeof(char *));
	foreach(lc, ask)
		vals[n++] = lfirst(lc);
	args[0] = text_array(vals, n);
	run("SELECT s FROM pg_catalog.unnest($1) AS s "
		"WHERE NOT EXISTS (SELECT FROM glossary.categories c WHERE c.slug OPERATOR(pg_catalog.=) s)",
		1, types, args, SPI_OK_SELECT);
	if (SPI_processed == 0)
		return;

	missing = name_set("glossary import missing categories", (int) SPI_processed);
	for (uint64 i = 0; i < SPI_processed; i++)
		set_add(missing, SPI_getvalue(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1));
	/* report the first reference in document order */
	foreach(lc, batch->entries)
	{
		EntryRec   *e = lfirst(lc);
		ListCell   *lc2,
				   *lc3;

		if (set_has(missing, e->category) || strlen(e->category) > LOADER_MAX_SLUG_CHARS)
			unknown_category(ctx, batch, e->category_node, e->category, e->slug);
		forboth(lc2, e->also, lc3, e->also_nodes)
			if (set_has(missing, lfirst(lc2)) || strlen(lfirst(lc2)) > LOADER_MAX_SLUG_CHARS)
			unknown_category(ctx, batch, lfirst(lc3), lfirst(lc2), e->slug);
	}
}

static void
write_categories(ImportBatch *batch)
{
	int			n = list_length(batch->categories);
	char	  **slug = palloc(n * sizeof(char *));
	char	  **title = palloc(n * sizeof(char *));
	char	  **tier = palloc(n * sizeof(char *));
	int32	   *position = palloc(n * sizeof(int32));
	char	  **description = palloc(n * sizeof(char *));
	Oid			types[5] = {TEXTARRAYOID, TEXTARRAYOID, TEXTARRAYOID, INT4ARRAYOID, TEXTARRAYOID};
	Datum		args[5];
	int			i = 0;
	ListCell   *lc;

	foreach(lc, batch->categories)
	{
		CategoryRec *c = lfirst(lc);

		slug[i] = c->slug;
		title[i] = c->title;
		tier[i] = c->tier;
		position[i] = c->position;
		description[i] = c->description;
		i++;
	}
	args[0] = text_array(slug, n);
	args[1] = text_array(title, n);
	args[2] = text_array(tier, n);
	args[3] = int4_array(position, n);
	args[4] = text_array(description, n);
	run("INSERT INTO glossary.categories (slug, title, tier, position, description) "
		"SELECT * FROM ROWS FROM (pg_catalog.unnest($1), pg_catalog.unnest($2), pg_catalog.unnest($3), pg_catalog.unnest($4), pg_catalog.unnest($5)) "
		"ORDER BY 1 "			/* lock order: see write_entries */
		"ON CONFLICT (slug) DO UPDATE SET title = excluded.title, tier = excluded.tier, "
		"position = excluded.position, description = excluded.description",
		5, types, args, SPI_OK_INSERT);
}

static void
write_entries(ImportBatch *batch, ImportCounts *counts, Datum slugs)
{
	int			n = list_length(batch->entries);
	char	  **term = palloc(n * sizeof(char *));
	char	  **category = palloc(n * sizeof(char *));
	char	  **summary = palloc(n * sizeof(char *));
	char	  **body = palloc(n * sizeof(char *));
	char	  **updated = palloc(n * sizeof(char *));
	List	   *ec_entry = NIL,
			   *ec_cat = NIL,
			   *al_entry = NIL,
			   *al_alias = NIL,
			   *src_entry = NIL,
			   *src_title = NIL,
			   *src_url = NIL,
			   *src_pub = NIL,
			   *src_date = NIL;
	List	   *src_pos = NIL;
	Oid			types[6] = {TEXTARRAYOID, TEXTARRAYOID, TEXTARRAYOID, TEXTARRAYOID, TEXTARRAYOID, TEXTARRAYOID};
	Datum		args[6];
	int			i = 0;
	ListCell   *lc;

	foreach(lc, batch->entries)
	{
		EntryRec   *e = lfirst(lc);
		ListCell   *lc2;
		int			pos = 0;

		term[i] = e->term;
		category[i] = e->category;
		summary[i] = e->summary;
		body[i] = e->body;
		updated[i] = e->updated;
		foreach(lc2, e->also)
		{
			ec_entry = lappend(ec_entry, e->slug);
			ec_cat = lappend(ec_cat, lfirst(lc2));
		}
		foreach(lc2, e->aliases)
		{
			al_entry = lappend(al_entry, e->slug);
			al_alias = lappend(al_alias, lfirst(lc2));
		}
		foreach(lc2, e->sources)
		{
			SourceRec  *s = lfirst(lc2);

			src_entry = lappend(src_entry, e->slug);
			src_pos = lappend_int(src_pos, ++pos);
			src_title = lappend(src_title, s->title);
			src_url = lappend(src_url, s->url);
			src_pub = lappend(src_pub, s->publisher);
			src_date = lappend(src_date, s->date);
		}
		i++;
	}
	counts->aliases = list_length(al_entry);
	counts->sources = list_length(src_entry);

	/*
	 * The upsert comes first: it locks each entry row (waiting for another
	 * import of the same slug to end), so the lists deleted next, with a
	 * snapshot taken after that wait, are the committed ones and two imports
	 * of one slug never mix.  Rows go in slug order, so two imports of
	 * several entries lock them in the same order and cannot deadlock.
	 */
	args[0] = slugs;
	args[1] = text_array(term, n);
	args[2] = text_array(category, n);
	args[3] = text_array(summary, n);
	args[4] = text_array(body, n);
	args[5] = text_array(updated, n);
	run("INSERT INTO glossary.entries (slug, term, category, summary, body, updated) "
		"SELECT s, t, c, su, b, u::pg_catalog.date FROM ROWS FROM (pg_catalog.unnest($1), pg_catalog.unnest($2), pg_catalog.unnest($3), pg_catalog.unnest($4), pg_catalog.unnest($5), pg_catalog.unnest($6)) AS x(s, t, c, su, b, u) "
		"ORDER BY s COLLATE pg_catalog.\"C\" "
		"ON CONFLICT (slug) DO UPDATE SET term = excluded.term, category = excluded.category, "
		"summary = excluded.summary, body = excluded.body, updated = excluded.updated",
		6, types, args, SPI_OK_INSERT);

	/* a re-imported entry gets its lists replaced, not merged */
	run("DELETE FROM glossary.aliases WHERE entry OPERATOR(pg_catalog.=) ANY ($1)", 1, types, args, SPI_OK_DELETE);
	run("DELETE FROM glossary.entry_categories WHERE entry OPERATOR(pg_catalog.=) ANY ($1)", 1, types, args, SPI_OK_DELETE);
	run("DELETE FROM glossary.sources WHERE entry OPERATOR(pg_catalog.=) ANY ($1)", 1, types, args, SPI_OK_DELETE);

#define LIST_ARRAY(l) text_array(list_strings(l), list_length(l))
	if (ec_entry != NIL)
	{
		args[0] = LIST_ARRAY(ec_entry);
		args[1] = LIST_ARRAY(ec_cat);
		run("INSERT INTO glossary.entry_categories (entry, category) SELECT * FROM ROWS FROM (pg_catalog.unnest($1), pg_catalog.unnest($2))",
			2, types, args, SPI_OK_INSERT);
	}
	if (al_entry != NIL)
	{
		args[0] = LIST_ARRAY(al_entry);
		args[1] = LIST_ARRAY(al_alias);
		run("INSERT INTO glossary.aliases (entry, alias) SELECT * FROM ROWS FROM (pg_catalog.unnest($1), pg_catalog.unnest($2))",
			2, types, args, SPI_OK_INSERT);
	}
	if (src_entry != NIL)
	{
		Oid			stypes[6] = {TEXTARRAYOID, INT4ARRAYOID, TEXTARRAYOID, TEXTARRAYOID, TEXTARRAYOID, TEXTARRAYOID};
		int32	   *pos = palloc(list_length(src_pos) * sizeof(int32));

		i = 0;
		foreach(lc, src_pos)
			pos[i++] = lfirst_int(lc);
		args[0] = LIST_ARRAY(src_entry);
		args[1] = int4_array(pos, list_length(src_pos));
		args[2] = LIST_ARRAY(src_title);
		args[3] = LIST_ARRAY(src_url);
		args[4] = LIST_ARRAY(src_pub);
		args[5] = LIST_ARRAY(src_date);
		run("INSERT INTO glossary.sources (entry, position, title, url, publisher, published) "
			"SELECT e, p, t, u, pu, d::pg_catalog.date FROM ROWS FROM (pg_catalog.unnest($1), pg_catalog.unnest($2), pg_catalog.unnest($3), pg_catalog.unnest($4), pg_catalog.unnest($5), pg_catalog.unnest($6)) AS x(e, p, t, u, pu, d)",
			6, stypes, args, SPI_OK_INSERT);
	}
}

/* one WARNING listing the link targets of this import that resolve to nothing */
static void
warn_unresolved(ImportCtx *ctx, ImportCounts *counts, Datum slugs)
{
	Oid			types[1] = {TEXTARRAYOID};
	Datum		args[1] = {slugs};
	StringInfoData detail;
	List	   *targets = NIL;
	List	   *froms = NIL;	/* per target, the entries linking to it */
	char	   *prev = NULL;
	int			n;

	/* a target that is exactly a slug always resolves: skip resolve() for it */
	run("WITH t AS (SELECT l.target, l.entry FROM glossary.links l "
		"  WHERE l.entry OPERATOR(pg_catalog.=) ANY ($1) AND NOT EXISTS "
		"  (SELECT FROM glossary.entries e WHERE e.slug OPERATOR(pg_catalog.=) l.target)), "
		"u AS (SELECT d.target FROM (SELECT DISTINCT target FROM t) d WHERE glossary.resolve(d.target) IS NULL) "
		"SELECT DISTINCT t.target, t.entry::pg_catalog.text FROM t JOIN u ON t.target OPERATOR(pg_catalog.=) u.target "
		"ORDER BY 1, 2",
		1, types, args, SPI_OK_SELECT);
	if (SPI_processed == 0)
		return;

	for (uint64 i = 0; i < SPI_processed; i++)
	{
		char	   *target = SPI_getvalue(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 1);
		char	   *entry = SPI_getvalue(SPI_tuptable->vals[i], SPI_tuptable->tupdesc, 2);

		if (prev == NULL || strcmp(prev, target) != 0)
		{
			targets = lappend(targets, target);
			froms = lappend(froms, NIL);
			prev = target;
		}
		llast(froms) = lappend((List *) llast(froms), entry);
	}

	n = list_length(targets);
	initStringInfo(&detail);
	for (int i = 0; i < n && i < WARN_LIST_MAX; i++)
		appendStringInfo(&detail, "%s\"%s\" (in %s)", i ? "; " : "",
						 (char *) list_nth(targets, i), quoted_list(list_nth(froms, i), 3));
	if (n > WARN_LIST_MAX)
		appendStringInfo(&detail, "; and %d more", n - WARN_LIST_MAX);

	counts->warnings += n;
	loader_at(ctx, NULL);
	ereport(WARNING,
			(errmsg_plural("%d link target does not resolve to an entry",
						   "%d link targets do not resolve to an entry",
						   n, n),
			 errdetail("Unresolved: %s.", detail.data),
			 errhint("The links are kept and resolve once an entry with that slug, term or alias exists; "
					 "SELECT * FROM glossary.links WHERE glossary.resolve(target) IS NULL lists them.")));
}

/* "the term", "an alias", "the slug" */
static const char *
label_kind(const char *kind)
{
	return strcmp(kind, "alias") == 0 ? "an alias" :
		strcmp(kind, "term") == 0 ? "the term" : "the slug";
}

/*
 * Labels of the imported entries that share their key with a label of
 * another entry.  The key is glossary.normalize(), the key resolve() and the
 * views ambiguous_labels and shadowed_labels use, and each collision says
 * what resolve() gives for the imported label now.
 */
static void
warn_collisions(ImportCtx *ctx, ImportCounts *counts, Datum slugs, int nslugs)
{
	Oid			types[1] = {TEXTARRAYOID};
	Datum		args[1] = {slugs};
	StringInfoData detail;
	int			n;

	/*
	 * One collision per imported label and other entry, named by that
	 * entry's best label with the key (slug before term before alias).  A
	 * pair of two imported entries is reported once, from the side of the
	 * entry whose slug sorts first.  Slugs never collide with each other.
	 *
	 * The keys are those of the view glossary.labels, written out per table
	 * so that the indexes on normalize() serve them: a small import looks up
	 * each of its labels (LATERAL), a big one hashes every key once.
	 */
#define MINE_LABELS \
	"(SELECT e.slug::pg_catalog.text AS entry, 'slug'::pg_catalog.text AS kind, 1 AS level, " \
	"   e.slug::pg_catalog.text AS label, glossary.normalize(e.slug) AS key " \
	" FROM pg_catalog.unnest($1) AS imp(slug) JOIN glossary.entries e ON e.slug OPERATOR(pg_catalog.=) imp.slug " \
	" UNION ALL SELECT e.slug, 'term', 2, e.term, glossary.normalize(e.term) " \
	" FROM pg_catalog.unnest($1) AS imp(slug) JOIN glossary.entries e ON e.slug OPERATOR(pg_catalog.=) imp.slug " \
	" UNION ALL SELECT a.entry, 'alias', 3, a.alias, glossary.normalize(a.alias) " \
	" FROM pg_catalog.unnest($1) AS imp(slug) JOIN glossary.aliases a ON a.entry OPERATOR(pg_catalog.=) imp.slug) AS m "
#define OTHER_LABELS(where_slug, where_term, where_alias) \
	"(SELECT o.slug::pg_catalog.text AS entry, 'slug'::pg_catalog.text AS kind, 1 AS level, " \
	"   o.slug::pg_catalog.text AS label, glossary.normalize(o.slug) AS key FROM glossary.entries o " where_slug \
	" UNION ALL SELECT o.slug, 'term', 2, o.term, glossary.normalize(o.term) FROM glossary.entries o " where_term \
	" UNION ALL SELECT o.entry, 'alias', 3, o.alias, glossary.normalize(o.alias) FROM glossary.aliases o " where_alias ") AS o "
#define COLLISIONS(join) \
	"SELECT DISTINCT ON (m.entry COLLATE pg_catalog.\"C\", m.level, m.label COLLATE pg_catalog.\"C\", " \
	"    o.entry COLLATE pg_catalog.\"C\") " \
	"  m.entry, m.kind, m.label, o.entry, o.kind, o.label, glossary.resolve(m.label), m.key " \
	"FROM " MINE_LABELS join \
	"WHERE m.key OPERATOR(pg_catalog.<>) '' AND o.entry OPERATOR(pg_catalog.<>) m.entry " \
	"  AND (NOT o.entry OPERATOR(pg_catalog.=) ANY ($1) OR m.entry OPERATOR(pg_catalog.<) o.entry) " \
	"ORDER BY m.entry COLLATE pg_catalog.\"C\", m.level, m.label COLLATE pg_catalog.\"C\", " \
	"  o.entry COLLATE pg_catalog.\"C\", o.level, o.label COLLATE pg_catalog.\"C\""

	if (nslugs <= COLLISION_LOOKUP_MAX)
		run(COLLISIONS("CROSS JOIN LATERAL "
					   OTHER_LABELS("WHERE glossary.normalize(o.slug) OPERATOR(pg_catalog.=) m.key",
									"WHERE glossary.normalize(o.term) OPERATOR(pg_catalog.=) m.key",
									"WHERE glossary.normalize(o.alias) OPERATOR(pg_catalog.=) m.key")),
			1, types, args, SPI_OK_SELECT);
	else
		run(COLLISIONS("JOIN " OTHER_LABELS("", "", "") "ON o.key OPERATOR(pg_catalog.=) m.key "),
			1, types, args, SPI_OK_SELECT);
	if (SPI_processed == 0)
		return;

	n = (int) SPI_processed;
	initStringInfo(&detail);
	for (int i = 0; i < n && i < WARN_LIST_MAX; i++)
	{
		HeapTuple	t = SPI_tuptable->vals[i];
		TupleDesc	d = SPI_tuptable->tupdesc;
		char	   *label = SPI_getvalue(t, d, 3);
		char	   *other = SPI_getvalue(t, d, 6);
		char	   *resolved = SPI_getvalue(t, d, 7);

		appendStringInfo(&detail, "%s%s \"%s\" of \"%s\" ", i ? "; " : "",
						 SPI_getvalue(t, d, 2), label, SPI_getvalue(t, d, 1));
		if (strcmp(label, other) == 0)
			appendStringInfo(&detail, "is also %s of \"%s\"",
							 label_kind(SPI_getvalue(t, d, 5)), SPI_getvalue(t, d, 4));
		else
			appendStringInfo(&detail, "and %s \"%s\" of \"%s\" have the key \"%s\"",
							 label_kind(SPI_getvalue(t, d, 5)), other, SPI_getvalue(t, d, 4),
							 SPI_getvalue(t, d, 8));
		if (resolved)
			appendStringInfo(&detail, " (resolve() gives \"%s\")", resolved);
		else
			appendStringInfo(&detail, " (resolve() gives NULL: ambiguous)");
	}
	if (n > WARN_LIST_MAX)
		appendStringInfo(&detail, "; and %d more", n - WARN_LIST_MAX);

	counts->warnings += n;
	loader_at(ctx, NULL);
	ereport(WARNING,
			(errmsg_plural("%d label collision", "%d label collisions", n, n),
			 errdetail("Labels are compared by their glossary.normalize() key: %s.", detail.data),
			 errhint("The labels are kept; glossary.ambiguous_labels and glossary.shadowed_labels list every such label.")));
}

void
loader_write(ImportCtx *ctx, ImportBatch *batch, ImportCounts *counts)
{
	int			n = list_length(batch->entries);
	char	  **slug = palloc(Max(n, 1) * sizeof(char *));
	Datum		slugs;
	int			i = 0;
	ListCell   *lc;

	memset(counts, 0, sizeof(ImportCounts));
	counts->categories = list_length(batch->categories);
	counts->entries = n;

	check_categories(ctx, batch);
	loader_at(ctx, NULL);
	if (batch->categories != NIL)
		write_categories(batch);
	if (n == 0)
		return;

	foreach(lc, batch->entries)
		slug[i++] = ((EntryRec *) lfirst(lc))->slug;
	slugs = text_array(slug, n);
	write_entries(batch, counts, slugs);

	{
		Oid			types[1] = {TEXTARRAYOID};
		Datum		args[1] = {slugs};
		bool		isnull;

		run("SELECT pg_catalog.count(*)::pg_catalog.int4 FROM glossary.links WHERE entry OPERATOR(pg_catalog.=) ANY ($1)",
			1, types, args, SPI_OK_SELECT);
		counts->links = DatumGetInt32(SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull));
	}
	warn_unresolved(ctx, counts, slugs);
	warn_collisions(ctx, counts, slugs, n);
}
