/*
 * ac_automaton.c
 *	  Build an Aho-Corasick automaton (see ac_automaton.h).
 *
 * The keys are sorted first, so inserting them in order only ever extends
 * the last child of a node, and a breadth-first renumbering then gives every
 * state its children as one sorted, consecutive range.
 */
#include <stdlib.h>
#include <string.h>

#include "ac_automaton.h"

/* symbol + 1 of each byte (0: none), see ac_lead_symbol() */
const uint8_t ac_lead_symbols[256] = {
	['0'] = 1,['1'] = 2,['2'] = 3,['3'] = 4,['4'] = 5,['5'] = 6,['6'] = 7,['7'] = 8,['8'] = 9,['9'] = 10,
	['a'] = 11,['b'] = 12,['c'] = 13,['d'] = 14,['e'] = 15,['f'] = 16,['g'] = 17,['h'] = 18,['i'] = 19,['j'] = 20,
	['k'] = 21,['l'] = 22,['m'] = 23,['n'] = 24,['o'] = 25,['p'] = 26,['q'] = 27,['r'] = 28,['s'] = 29,['t'] = 30,
	['u'] = 31,['v'] = 32,['w'] = 33,['x'] = 34,['y'] = 35,['z'] = 36,['A'] = 11,['B'] = 12,['C'] = 13,['D'] = 14,
	['E'] = 15,['F'] = 16,['G'] = 17,['H'] = 18,['I'] = 19,['J'] = 20,['K'] = 21,['L'] = 22,['M'] = 23,['N'] = 24,
	['O'] = 25,['P'] = 26,['Q'] = 27,['R'] = 28,['S'] = 29,['T'] = 30,['U'] = 31,['V'] = 32,['W'] = 33,['X'] = 34,
	['Y'] = 35,['Z'] = 36,
};

typedef struct SortKey
{
	const char *s;
	int			len;
	int			id;
} SortKey;

static int
sortkey_cmp(const void *a, const void *b)
{
	const SortKey *x = a;
	const SortKey *y = b;
	int			n = x->len < y->len ? x->len : y->len;
	int			c = memcmp(x->s, y->s, n);

	if (c != 0)
		return c;
	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	return x->id < y->id ? -1 : (x->id > y->id);
}

AcAutomaton *
ac_build(const char *const *keys, const int *lens, int nkeys,
		 ac_alloc_fn alloc, ac_free_fn release, void *arg)
{
	AcAutomaton *ac = alloc(arg, sizeof(AcAutomaton));
	SortKey    *sk = alloc(arg, sizeof(SortKey) * (nkeys > 0 ? nkeys : 1));
	size_t		total = 1;
	int32_t    *t_first,		/* trie in insertion numbering */
			   *t_next,
			   *t_last,
			   *t_out,
			   *order;			/* new number -> old */
	uint8_t    *t_label;
	int32_t		tn = 1,
				head,
				tail,
				s;
	int			i;

	for (i = 0; i < nkeys; i++)
	{
		sk[i].s = keys[i];
		sk[i].len = lens[i];
		sk[i].id = i;
		total += lens[i];
	}
	qsort(sk, nkeys, sizeof(SortKey), sortkey_cmp);

	t_first = alloc(arg, sizeof(int32_t) * total);
	t_next = alloc(arg, sizeof(int32_t) * total);
	t_last = alloc(arg, sizeof(int32_t) * total);
	t_out = alloc(arg, sizeof(int32_t) * total);
	t_label = alloc(arg, total);
	memset(t_first, -1, sizeof(int32_t) * total);
	memset(t_next, -1, sizeof(int32_t) * total);
	memset(t_last, -1, sizeof(int32_t) * total);
	memset(t_out, -1, sizeof(int32_t) * total);

	for (i = 0; i < nkeys; i++)
	{
		int32_t		node = 0;
		int			d;

		for (d = 0; d < sk[i].len; d++)
		{
			uint8_t		c = (uint8_t) sk[i].s[d];
			int32_t		last = t_last[node];

			if (last >= 0 && t_label[last] == c)
				node = last;
			else
			{
				int32_t		n = tn++;

				t_label[n] = c;
				if (last >= 0)
					t_next[last] = n;
				else
					t_first[node] = n;
				t_last[node] = n;
				node = n;
			}
		}
		if (sk[i].len > 0 && t_out[node] < 0)
			t_out[node] = sk[i].id;
	}

	ac->nstates = tn;
	ac->fail = alloc(arg, sizeof(int32_t) * tn);
	ac->child_start = alloc(arg, sizeof(int32_t) * tn);
	ac->nchild = alloc(arg, sizeof(uint16_t) * tn);
	ac->label = alloc(arg, tn);
	ac->depth = alloc(arg, sizeof(int32_t) * tn);
	ac->out = alloc(arg, sizeof(int32_t) * tn);
	ac->dict = alloc(arg, sizeof(int32_t) * tn);
	order = alloc(arg, sizeof(int32_t) * tn);

	/* breadth-first renumbering: children get consecutive numbers */
	order[0] = 0;
	head = 0;
	tail = 1;
	while (head < tail)
	{
		int32_t		old = order[head];
		int32_t		c;

		ac->child_start[head] = tail;
		ac->nchild[head] = 0;
		for (c = t_first[old]; c >= 0; c = t_next[c])
		{
			order[tail] = c;
			ac->label[tail] = t_label[c];
			ac->depth[tail] = ac->depth[head] + 1;
			ac->nchild[head]++;
			tail++;
		}
		ac->out[head] = t_out[old];
		head++;
	}
	ac->maxdepth = tn > 0 ? ac->depth[tn - 1] : 0;

	/* byte classes: 0 for the bytes of no key, then one per byte in use */
	ac->nclasses = 1;
	for (s = 1; s < tn; s++)
		ac->byte_class[ac->label[s]] = 1;
	for (i = 0; i < 256; i++)
		if (ac->byte_class[i])
			ac->byte_class[i] = (uint8_t) ac->nclasses++;

	/* failure links, dense rows and dictionary links in breadth-first order */
	ac->ndense = AC_DENSE_BUDGET / (int32_t) (sizeof(int32_t) * ac->nclasses);
	if (ac->ndense > tn)
		ac->ndense = tn;
	ac->dense = alloc(arg, sizeof(int32_t) * ac->nclasses * (size_t) ac->ndense);
	ac->fail[0] = 0;
	ac->dict[0] = -1;
	for (s = 0; s < tn; s++)
	{
		int32_t		b = ac->child_start[s];
		int32_t		n = ac->nchild[s];
		int32_t		k;

		if (s > 0)
		{
			int32_t		f = ac->fail[s];

			ac->dict[s] = ac->out[f] >= 0 ? f : ac->dict[f];
		}
		if (s < ac->ndense)
		{
			int32_t    *row = ac->dense + (size_t) s * ac->nclasses;

			if (s == 0)
				memset(row, 0, sizeof(int32_t) * ac->nclasses);
			else
				memcpy(row, ac->dense + (size_t) ac->fail[s] * ac->nclasses, sizeof(int32_t) * ac->nclasses);
			for (k = 0; k < n; k++)
				row[ac->byte_class[ac->label[b + k]]] = b + k;
		}
		for (k = 0; k < n; k++)
			ac->fail[b + k] = s == 0 ? 0 : ac_step(ac, ac->fail[s], ac->label[b + k]);
	}
	/*
	 * The word-start filter: for a key that starts with a zero byte, its
	 * first AC_LEAD_MAX symbols, or all of its first word if that is shorter
	 * (the symbols up to the key's end or to a byte that is not a symbol).
	 */
	for (i = 0; i < nkeys; i++)
	{
		const uint8_t *k = (const uint8_t *) keys[i];
		int			sym[AC_LEAD_MAX];
		int			n;
		int			t;

		if (lens[i] < 2 || k[0] != 0)
			continue;
		for (n = 0; n < AC_LEAD_MAX && n + 1 < lens[i] && (sym[n] = ac_lead_symbol(k[n + 1])) >= 0; n++)
			;
		if (n == 0)
			continue;
		t = ac_lead_gram(sym, n);
		ac->lead_grams[t >> 6] |= UINT64_C(1) << (t & 63);
		if (n == AC_LEAD_MAX)
		{
			/* the whole first word, if the filter's word part knows words that long */
			uint32_t	h = AC_LEAD_WORD_SEED;
			int			m;

			for (m = 0; m + 1 < lens[i] && ac_lead_symbol(k[m + 1]) >= 0 && m < AC_LEAD_WORD_MAX; m++)
				h = ac_lead_word_step(h, ac_lead_symbol(k[m + 1]));
			if (m < AC_LEAD_WORD_MAX || m + 1 == lens[i] || ac_lead_symbol(k[m + 1]) < 0)
			{
				t = ac_lead_word(h);
				ac->lead_grams[t >> 6] |= UINT64_C(1) << (t & 63);
			}
		}
	}
	ac->bytes = sizeof(AcAutomaton) + (size_t) tn * (4 * 6 + 2 + 1) +
		sizeof(int32_t) * ac->nclasses * (size_t) ac->ndense;
	if (release)
	{
		release(arg, sk);
		release(arg, t_first);
		release(arg, t_next);
		release(arg, t_last);
		release(arg, t_out);
		release(arg, t_label);
		release(arg, order);
	}
	return ac;
}

/* the image: the struct itself (pointers meaningless there), then the arrays */
#define AC_ALIGN(x) (((x) + 7) & ~(size_t) 7)

static size_t
image_layout(const AcAutomaton *ac, size_t off[8])
{
	size_t		n = (size_t) ac->nstates;
	size_t		at = AC_ALIGN(sizeof(AcAutomaton));
	const size_t sizes[8] = {
		sizeof(int32_t) * ac->nclasses * (size_t) ac->ndense,
		sizeof(int32_t) * n, sizeof(int32_t) * n, sizeof(uint16_t) * n, n,
		sizeof(int32_t) * n, sizeof(int32_t) * n, sizeof(int32_t) * n
	};
	int			i;

	for (i = 0; i < 8; i++)
	{
		off[i] = at;
		at = AC_ALIGN(at + sizes[i]);
	}
	return at;
}

size_t
ac_image_size(const AcAutomaton *ac)
{
	size_t		off[8];

	return image_layout(ac, off);
}

void
ac_image_write(const AcAutomaton *ac, char *buf)
{
	size_t		off[8];
	size_t		n = (size_t) ac->nstates;

	image_layout(ac, off);
	memcpy(buf, ac, sizeof(AcAutomaton));
	memcpy(buf + off[0], ac->dense, sizeof(int32_t) * ac->nclasses * (size_t) ac->ndense);
	memcpy(buf + off[1], ac->fail, sizeof(int32_t) * n);
	memcpy(buf + off[2], ac->child_start, sizeof(int32_t) * n);
	memcpy(buf + off[3], ac->nchild, sizeof(uint16_t) * n);
	memcpy(buf + off[4], ac->label, n);
	memcpy(buf + off[5], ac->depth, sizeof(int32_t) * n);
	memcpy(buf + off[6], ac->out, sizeof(int32_t) * n);
	memcpy(buf + off[7], ac->dict, sizeof(int32_t) * n);
}

void
ac_image_attach(char *buf, AcAutomaton *ac)
{
	size_t		off[8];

	memcpy(ac, buf, sizeof(AcAutomaton));
	image_layout(ac, off);
	ac->dense = (int32_t *) (buf + off[0]);
	ac->fail = (int32_t *) (buf + off[1]);
	ac->child_start = (int32_t *) (buf + off[2]);
	ac->nchild = (uint16_t *) (buf + off[3]);
	ac->label = (uint8_t *) (buf + off[4]);
	ac->depth = (int32_t *) (buf + off[5]);
	ac->out = (int32_t *) (buf + off[6]);
	ac->dict = (int32_t *) (buf + off[7]);
}
