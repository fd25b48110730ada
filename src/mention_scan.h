/*
 * mention_scan.h
 *	  Find whole-word, leftmost-longest mentions of known labels in running
 *	  text, outside code, links and HTML markup, in one linear pass.
 *
 * The text is folded on the fly exactly as glossary_normalize(text, false)
 * folds it (ASCII inline, other characters through a callback), cut into
 * words by the rules of glossary_is_word_char(), and fed to an Aho-Corasick
 * automaton over the label keys.  A zero byte is fed before every word, and
 * keys carry the same marks (ms_key_stream), so a key that starts with a
 * word character can only match at the start of a word.
 *
 * No PostgreSQL calls (everything goes through MsCallbacks), so fuzz
 * harnesses can compile this file with ac_automaton.c and markdown.c.
 */
#ifndef GLOSSARY_MENTION_SCAN_H
#define GLOSSARY_MENTION_SCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ac_automaton.h"
#include "markdown.h"

typedef struct MsCallbacks
{
	void	   *arg;
	/* zeroed memory; may not return on failure */
	void	   *(*alloc) (void *arg, size_t size);
	void		(*release) (void *arg, void *ptr);

	/* is this one non-ASCII character (UTF-8, already folded) a letter, digit or mark? */
	bool		(*is_alnum) (void *arg, const char *s, int len);

	/*
	 * Fold text that contains non-ASCII characters as
	 * glossary_normalize(in, inlen, false, outlen, map) does; the result and
	 * *map are handed back through release.
	 */
	char	   *(*normalize) (void *arg, const char *in, int inlen, int *outlen, int **map);

	/* a mention of key number `key` at bytes [start, end) of the text, in text order */
	void		(*emit) (void *arg, int key, size_t start, size_t end);

	/* a skipped region at byte `start` (links etc.); may be NULL */
	void		(*region) (void *arg, const MdRegion *r, size_t start);
} MsCallbacks;

/*
 * The form of a normalized key that the automaton holds: a zero byte before
 * each word.  out needs room for 2 * keylen bytes; returns its length.
 * *lead_mark tells whether the result starts with the mark.
 */
extern int	ms_key_stream(const char *key, int keylen, char *out, bool *lead_mark,
						  const MsCallbacks *cb);

/*
 * Scan text (UTF-8, len bytes) with automaton ac built over key streams;
 * lead_mark[k] is ms_key_stream's *lead_mark of key k.
 */
extern void ms_scan(const AcAutomaton *ac, const bool *lead_mark,
					const char *text, size_t len, const MsCallbacks *cb);

#endif							/* GLOSSARY_MENTION_SCAN_H */
