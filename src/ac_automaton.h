/*
 * ac_automaton.h
 *	  A byte-level Aho-Corasick automaton over a fixed set of keys.
 *
 * States are numbered in breadth-first order, so the children of a state
 * are consecutive and sorted by byte.  The first ndense states (the root and
 * the shallow states, where a scan of prose spends its time) have a full
 * transition row with failures already folded in; deeper states keep sorted
 * edges and follow failure links.  Rows are indexed by byte class: the
 * bytes that occur in no key share class 0 (they always lead back to the
 * root), every other byte has a class of its own, so rows are short and as
 * many as fit a cache-sized budget are dense.
 *
 * No PostgreSQL calls: the caller passes an allocator, so fuzz harnesses and
 * benchmarks can build this file alone.
 */
#ifndef GLOSSARY_AC_AUTOMATON_H
#define GLOSSARY_AC_AUTOMATON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* allocator: must return zeroed memory or fail without returning */
typedef void *(*ac_alloc_fn) (void *arg, size_t size);
typedef void (*ac_free_fn) (void *arg, void *ptr);

/*
 * The word-start filter (lead_grams below) has a bit for every string of
 * one, two or three symbols of [0-9a-z] (trigrams first, then bigrams, then
 * single symbols: whole words), and a bit per hash bucket of strings of four
 * (word starts).
 */
#define AC_LEAD_BIGRAMS (36 * 36 * 36)
#define AC_LEAD_UNIGRAMS (AC_LEAD_BIGRAMS + 36 * 36)
#define AC_LEAD_FOURGRAMS (AC_LEAD_UNIGRAMS + 64)
#define AC_LEAD_FOURGRAM_BUCKETS (1 << 17)
#define AC_LEAD_WORDS (AC_LEAD_FOURGRAMS + AC_LEAD_FOURGRAM_BUCKETS)
#define AC_LEAD_WORD_BUCKETS (1 << 17)
#define AC_LEAD_GRAMS (AC_LEAD_WORDS + AC_LEAD_WORD_BUCKETS)
#define AC_LEAD_MAX 4
/* longest first word the whole-word part of the filter knows */
#define AC_LEAD_WORD_MAX 64

/* running hash of a first word's symbols, and its bucket in the filter */
#define AC_LEAD_WORD_SEED 2166136261u
static inline uint32_t
ac_lead_word_step(uint32_t h, int symbol)
{
	return (h ^ (uint32_t) symbol) * 16777619u;
}

static inline int
ac_lead_word(uint32_t h)
{
	return AC_LEAD_WORDS + (int) ((h * 2654435761u) >> 15);
}

extern const uint8_t ac_lead_symbols[256];

/* the filter's symbol of a byte: ASCII digits 0-9, letters of either case 10-35, else -1 */
static inline int
ac_lead_symbol(uint8_t c)
{
	return (int) ac_lead_symbols[c] - 1;
}

/* the filter's bit for the n (1 to AC_LEAD_MAX) symbols s[0..n) */
static inline int
ac_lead_gram(const int *s, int n)
{
	switch (n)
	{
		case 4:
			return AC_LEAD_FOURGRAMS +
				(int) (((uint32_t) (((s[0] * 36 + s[1]) * 36 + s[2]) * 36 + s[3]) * 2654435761u) >> 15);
		case 3:
			return (s[0] * 36 + s[1]) * 36 + s[2];
		case 2:
			return AC_LEAD_BIGRAMS + s[0] * 36 + s[1];
		default:
			return AC_LEAD_UNIGRAMS + s[0];
	}
}

typedef struct AcAutomaton
{
	int32_t		nstates;
	int32_t		ndense;			/* states [0, ndense) have a dense row */
	int32_t		nclasses;		/* byte classes: the length of a dense row */
	uint8_t		byte_class[256];
	int32_t	   *dense;			/* ndense * nclasses next states */
	int32_t	   *fail;
	int32_t	   *child_start;	/* first child's state number */
	uint16_t   *nchild;
	uint8_t    *label;			/* the byte on the edge into a state */
	int32_t	   *depth;
	int32_t	   *out;			/* key that ends in this state, or -1 */
	int32_t	   *dict;			/* nearest state on the failure chain with out >= 0, or -1 */
	int32_t		maxdepth;
	size_t		bytes;			/* memory used */

	/*
	 * A word-start filter for scanners that feed a zero byte before every
	 * word.  Symbols are ASCII digits and letters.  For n < AC_LEAD_MAX, bit
	 * ac_lead_gram(s, n) is set iff some key starts with a zero byte and a
	 * first word of exactly the n symbols s (then the key ends or a byte
	 * that is not a symbol follows); for n = AC_LEAD_MAX, if some key starts
	 * with a zero byte and those symbols (hashed, so other strings share the
	 * bit).  A word of fewer symbols, or a word's first AC_LEAD_MAX, without
	 * a bit cannot start a key.  And bit ac_lead_word(h) is set if some key
	 * starts with a zero byte and a first word of 4 to AC_LEAD_WORD_MAX
	 * symbols whose hash is h: a longer run of symbols in the text that
	 * ends there (at any other ASCII byte or the end) and has no bit starts
	 * no key either.
	 */
	uint64_t	lead_grams[(AC_LEAD_GRAMS + 63) / 64];
} AcAutomaton;

/* bytes of dense rows an automaton gets (about a core's share of L2 cache) */
#define AC_DENSE_BUDGET (256 * 1024)

/*
 * Build an automaton over keys[i] (lens[i] bytes, may contain any byte);
 * key i is reported as value i.  Of equal keys, the first is kept.
 * Scratch memory is handed back through release (which may be NULL).
 */
extern AcAutomaton *ac_build(const char *const *keys, const int *lens, int nkeys,
							 ac_alloc_fn alloc, ac_free_fn release, void *arg);

/*
 * The automaton as one block without pointers (for shared memory): its
 * size, writing it (8-byte aligned buf), and an automaton reading such a
 * block in place (ac is the caller's; the arrays stay in buf).
 */
extern size_t ac_image_size(const AcAutomaton *ac);
extern void ac_image_write(const AcAutomaton *ac, char *buf);
extern void ac_image_attach(char *buf, AcAutomaton *ac);

/* the state after reading byte c in state s */
static inline int32_t
ac_step(const AcAutomaton *ac, int32_t s, uint8_t c)
{
	for (;;)
	{
		int32_t		b,
					n,
					i;

		if (s < ac->ndense)
			return ac->dense[(size_t) s * ac->nclasses + ac->byte_class[c]];
		b = ac->child_start[s];
		n = ac->nchild[s];
		for (i = 0; i < n; i++)
		{
			uint8_t		l = ac->label[b + i];

			if (l == c)
				return b + i;
			if (l > c)
				break;
		}
		s = ac->fail[s];
	}
}

/* is bit t of the word-start filter set */
static inline bool
ac_lead_filter(const AcAutomaton *ac, int t)
{
	return (ac->lead_grams[t >> 6] >> (t & 63)) & 1;
}

/* does a key end in state s, or in a state on its failure chain? */
static inline bool
ac_has_output(const AcAutomaton *ac, int32_t s)
{
	return ac->out[s] >= 0 || ac->dict[s] >= 0;
}

#endif							/* GLOSSARY_AC_AUTOMATON_H */
