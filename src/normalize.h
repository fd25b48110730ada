/*
 * normalize.h
 *	  The comparison key of a label or of running text.
 *
 * Rules, applied in this order to each character (see docs/labels.md,
 * "normalize: the comparison key"):
 *	 1. Unicode NFKC with case folding (ICU's NFKC_Casefold): full-width
 *		letters become ASCII, ligatures split, compatibility forms unify,
 *		default-ignorable characters (soft hyphen, zero-width space, ...)
 *		vanish.  Pure ASCII input takes a fast path with no ICU call.
 *	 2. Separators: every dash (U+002D, U+2010..U+2015, U+2212, U+2E3A,
 *		U+2E3B, U+FE58, U+FE63, U+FF0D, ...), the underscore, and every
 *		white-space character (incl. NBSP, narrow NBSP, ideographic space)
 *		count as a separator; a run of separators becomes ONE ASCII space.
 *	 3. Typographic apostrophes (U+2018, U+2019, U+02BC, U+2032) become "'",
 *		typographic double quotes (U+201C..U+201F, U+2033) become '"'.
 *	 4. trim = true only: separators, quotes and the punctuation
 *		, ; : ! ? * and a trailing "." at either end are removed, and
 *		brackets ()[]{}<> at the ends are removed when unbalanced within
 *		the key ("(GPT-4)" -> "gpt 4", "GPT-4 (2023)" keeps its ")").
 *		'+' and '#' are never trimmed ("C++", "C#"), nor a leading "."
 *		(".NET").
 * Accents are NOT removed here (NFKC keeps them); accent-free forms are a
 * lower-precedence variant in the label index.
 *
 * The input must be UTF-8; an invalid byte is treated as U+FFFD.
 */
#ifndef GLOSSARY_NORMALIZE_H
#define GLOSSARY_NORMALIZE_H

#include "postgres.h"

#include "utils/snapshot.h"

/* Comparison key of a label or a text.  Output is palloc'd UTF-8, NUL-terminated.
 * trim = true for labels (surrounding punctuation/quotes/space removed);
 * trim = false for running text (mentions), where every input character is kept
 * in the output (folded), so that match positions can be mapped back.
 * If map != NULL, *map receives a palloc'd int array of outlen+1 elements:
 * (*map)[i] = byte offset in the input of the character that produced output byte i;
 * (*map)[outlen] = inlen.
 *
 * With trim = false, a run of separators still becomes one space (mapped to
 * the run's first character) and characters NFKC_Casefold deletes produce
 * no output; every other input character produces at least one output byte.
 * A character that NFKC composes with the following ones (e.g. "e" + U+0301)
 * maps all its output bytes to the offset of the first. */
extern char *glossary_normalize(const char *in, int inlen, bool trim, int *outlen, int **map);

/*
 * Word boundaries in a NORMALIZED text (output of glossary_normalize), for
 * whole-word matching.  Word characters are Unicode letters, digits and
 * marks, plus:
 *	 - '+' and '#' directly after a word character ("c++", "c#", "f#");
 *	 - '.' and '\'' between two letters/digits ("llama.cpp", "gpt 3.5",
 *	   "o'reilly"); a final "." or "'" is not part of the word.
 * Everything else (space, other punctuation) is a non-word character.
 * Returns true unless byte position pos (0..len, at a character start) lies
 * inside a word, i.e. with word characters on both sides: a whole-word match
 * may start or end exactly where this is true.
 */
extern bool glossary_word_boundary(const char *s, int len, int pos);

/* true when the character starting at s[pos] is a word character (see above) */
extern bool glossary_is_word_char(const char *s, int len, int pos);

/*
 * The ICU version normalize() uses in this server, and the check against
 * the one glossary.normalize_version recorded when the indexes on
 * normalize() were built: a WARNING, once per session (normalize_version.c).
 */
extern const char *glossary_icu_version_string(void);
extern void glossary_check_icu_version(Oid nsp, Snapshot snap);

#endif							/* GLOSSARY_NORMALIZE_H */
