/*
 * mention_scan.c
 *	  Whole-word, leftmost-longest mentions in one linear pass
 *	  (see mention_scan.h).
 *
 * Positions: every byte fed to the automaton (folded bytes and word marks)
 * has a stream position.  A ring of the last positions remembers where in
 * the original text each came from.  A found key is a candidate; the
 * longest candidate per start position waits in a second ring until no
 * later match can start at or before it (the automaton's depth says how far
 * back a match in progress reaches), then the leftmost one wins and the
 * candidates it overlaps are dropped.
 *
 * Word boundaries follow glossary_is_word_char(): letters, digits and marks
 * are word characters; '+' and '#' after one are too ("c++"); '.' and '\''
 * between two letters or digits are ("llama.cpp").  Deciding '.' needs the
 * next character, and deciding whether a key ends at a word boundary needs
 * the character after the key (and after a '.', the one after that), so
 * the decision on a found key waits up to two characters.
 */
#include <string.h>

#include "mention_scan.h"

#define WORD_MARK 0

typedef enum CharKind
{
	CK_OTHER = 0,				/* other punctuation and symbols */
	CK_ALNUM,					/* letters, digits, marks */
	CK_PLUSHASH,				/* '+' or '#' */
	CK_DOTAPOS,					/* '.' or '\'' */
	CK_SEP						/* folded separator run: one space */
} CharKind;

#define AL CK_ALNUM
static const uint8_t ascii_kind[256] = {
	['\t'] = CK_SEP,['\n'] = CK_SEP,['\v'] = CK_SEP,['\f'] = CK_SEP,['\r'] = CK_SEP,
	[' '] = CK_SEP,['-'] = CK_SEP,['_'] = CK_SEP,
	['+'] = CK_PLUSHASH,['#'] = CK_PLUSHASH,['.'] = CK_DOTAPOS,['\''] = CK_DOTAPOS,
	['0'] = AL,['1'] = AL,['2'] = AL,['3'] = AL,['4'] = AL,['5'] = AL,['6'] = AL,['7'] = AL,
	['8'] = AL,['9'] = AL,
	['A'] = AL,['B'] = AL,['C'] = AL,['D'] = AL,['E'] = AL,['F'] = AL,['G'] = AL,['H'] = AL,
	['I'] = AL,['J'] = AL,['K'] = AL,['L'] = AL,['M'] = AL,['N'] = AL,['O'] = AL,['P'] = AL,
	['Q'] = AL,['R'] = AL,['S'] = AL,['T'] = AL,['U'] = AL,['V'] = AL,['W'] = AL,['X'] = AL,
	['Y'] = AL,['Z'] = AL,
	['a'] = AL,['b'] = AL,['c'] = AL,['d'] = AL,['e'] = AL,['f'] = AL,['g'] = AL,['h'] = AL,
	['i'] = AL,['j'] = AL,['k'] = AL,['l'] = AL,['m'] = AL,['n'] = AL,['o'] = AL,['p'] = AL,
	['q'] = AL,['r'] = AL,['s'] = AL,['t'] = AL,['u'] = AL,['v'] = AL,['w'] = AL,['x'] = AL,
	['y'] = AL,['z'] = AL,
};
#undef AL

/* the kind of an ASCII byte (never called with a non-ASCII one) */
static inline CharKind
ascii_kind_of(uint8_t c)
{
	return (CharKind) ascii_kind[c];
}

static inline uint8_t
fold_ascii(uint8_t c)
{
	return (c >= 'A' && c <= 'Z') ? c + ('a' - 'A') : c;
}

/* a found key waiting for the characters that decide its end boundary */
typedef struct Pending
{
	bool		active;
	uint8_t		wait;			/* 0: the next character decides; 1: it was a '.' or
								 * '\'' after a word, the one after decides; 2: it
								 * was "'s", the one after decides (possessive) */
	bool		apostrophe;		/* wait 1 is for a '\'' */
	int32_t		state;
	uint64_t	last;			/* stream position of the key's last byte */
	size_t		orig_end;
	bool		x_word;			/* is the key's last character a word character */
} Pending;

typedef struct Scanner
{
	const AcAutomaton *ac;
	const bool *lead_mark;
	const MsCallbacks *cb;
	int32_t		state;
	uint64_t	pos;			/* stream positions used so far */
	uint64_t	mask;
	size_t	   *r_orig;			/* original offset of each stream position */
	uint8_t    *r_word;			/* is it (part of) a word character */
	int32_t    *c_key;			/* candidates by start position */
	int32_t    *c_len;
	size_t	   *c_start;
	size_t	   *c_end;
	int			ncand;
	uint64_t	fin;			/* stream positions below this are decided */
	uint64_t	next_free;		/* a mention may start here at the earliest */
	size_t		orig_free;		/* and at this text offset: one character
								 * may fold to several ("½" -> "1⁄2") */

	/* the previous character */
	CharKind	prev_kind;
	bool		prev_word;
	bool		prev_unresolved;	/* '.'/'\'' whose class awaits this character */
	bool		prev_pp_alnum;	/* for such a '.', was the one before alnum */
	bool		prev_fed;
	uint64_t	prev_first;
	uint64_t	prev_last;

	Pending		pend[2];
} Scanner;

static void
finalize(Scanner *sc, uint64_t limit)
{
	if (sc->ncand == 0)
	{
		if (limit > sc->fin)
			sc->fin = limit;
		return;
	}
	while (sc->fin < limit)
	{
		uint64_t	slot = sc->fin & sc->mask;

		if (sc->c_len[slot] > 0)
		{
			if (sc->fin >= sc->next_free && sc->c_start[slot] >= sc->orig_free)
			{
				sc->cb->emit(sc->cb->arg, sc->c_key[slot], sc->c_start[slot], sc->c_end[slot]);
				sc->next_free = sc->fin + sc->c_len[slot];
				sc->orig_free = sc->c_end[slot];
			}
			sc->c_len[slot] = 0;
			if (--sc->ncand == 0)
			{
				sc->fin = limit;
				return;
			}
		}
		sc->fin++;
	}
}

/* the keys ending in p->state become candidates if their end is a boundary */
static void
record(Scanner *sc, Pending *p, bool end_ok)
{
	const AcAutomaton *ac = sc->ac;
	int32_t		k;

	p->active = false;
	if (!end_ok)
		return;
	for (k = ac->out[p->state] >= 0 ? p->state : ac->dict[p->state]; k >= 0; k = ac->dict[k])
	{
		int32_t		key = ac->out[k];
		int32_t		len = ac->depth[k];
		uint64_t	start = p->last + 1 - len;
		uint64_t	slot = start & sc->mask;

		/* a key that starts with a non-word character needs one in the text */
		if (!sc->lead_mark[key] && sc->r_word[slot])
			continue;
		if (start < sc->fin)
			continue;
		if (sc->c_len[slot] == 0)
			sc->ncand++;
		if (len > sc->c_len[slot])
		{
			sc->c_key[slot] = key;
			sc->c_len[slot] = len;
			sc->c_start[slot] = sc->r_orig[slot];
			sc->c_end[slot] = p->orig_end;
		}
	}
}

static inline void
step(Scanner *sc, uint8_t b, size_t orig, bool word)
{
	uint64_t	slot = sc->pos & sc->mask;

	sc->r_orig[slot] = orig;
	sc->r_word[slot] = word;
	sc->pos++;
	sc->state = ac_step(sc->ac, sc->state, b);
}

static void
settle(Scanner *sc)
{
	uint64_t	limit = sc->pos - sc->ac->depth[sc->state];
	int			i;

	for (i = 0; i < 2; i++)
		if (sc->pend[i].active)
		{
			uint64_t	l = sc->pend[i].last + 1 - sc->ac->depth[sc->pend[i].state];

			if (l < limit)
				limit = l;
		}
	finalize(sc, limit);
}

/* a key ending in the current state waits for the next character */
static void
add_pending(Scanner *sc, size_t oend, bool word)
{
	Pending    *p = !sc->pend[0].active ? &sc->pend[0] : &sc->pend[1];

	p->active = true;
	p->wait = 0;
	p->apostrophe = false;
	p->state = sc->state;
	p->last = sc->pos - 1;
	p->orig_end = oend;
	p->x_word = word;
}

/* one folded character: bytes s[0..n), from original bytes [ostart, oend) */
static void
feed_char_slow(Scanner *sc, const uint8_t *s, int n, CharKind kind, size_t ostart, size_t oend)
{
	bool		word;
	bool		unresolved = false;
	uint64_t	first;
	int			i;

	/* 1. a '.' or '\'' before this character is a word character iff between alnums */
	if (sc->prev_unresolved)
	{
		bool		w = sc->prev_pp_alnum && kind == CK_ALNUM;
		uint64_t	q;

		sc->prev_word = w;
		sc->prev_unresolved = false;
		if (w && sc->prev_fed)
			for (q = sc->prev_first; q <= sc->prev_last; q++)
				sc->r_word[q & sc->mask] = 1;
		for (i = 0; i < 2; i++)
			if (sc->pend[i].active && sc->pend[i].wait == 0 && sc->pend[i].last == sc->prev_last)
				sc->pend[i].x_word = w;
	}

	/* 2. this character's class, as far as it is known */
	switch (kind)
	{
		case CK_ALNUM:
			word = true;
			break;
		case CK_PLUSHASH:
			word = sc->prev_kind == CK_ALNUM || (sc->prev_kind == CK_PLUSHASH && sc->prev_word);
			break;
		case CK_DOTAPOS:
			word = false;
			unresolved = true;
			break;
		default:
			word = false;
			break;
	}

	/* 3. keys waiting for this character */
	for (i = 0; i < 2; i++)
	{
		Pending    *p = &sc->pend[i];

		if (!p->active)
			continue;
		switch (p->wait)
		{
			case 0:
				if (unresolved && p->x_word)
				{
					p->wait = 1;
					p->apostrophe = s[0] == '\'';
				}
				else
					record(sc, p, !(p->x_word && word));
				break;
			case 1:
				/* the '.' or '\'' after the key is now settled */
				if (!sc->prev_word)
					record(sc, p, true);
				else if (p->apostrophe && n == 1 && s[0] == 's')
					p->wait = 2;
				else
					record(sc, p, false);
				break;
			default:
				/* "'s" ending a word is a possessive, not part of the name */
				record(sc, p, !word);
				break;
		}
	}

	/* 4. feed: a word mark before a word, then the bytes */
	if (kind == CK_ALNUM && !sc->prev_word)
		step(sc, WORD_MARK, ostart, true);
	first = sc->pos;
	for (i = 0; i < n; i++)
		step(sc, s[i], ostart, word);

	/* 5. keys ending here wait for the next character */
	if (ac_has_output(sc->ac, sc->state))
		add_pending(sc, oend, word);

	sc->prev_pp_alnum = sc->prev_kind == CK_ALNUM;
	sc->prev_kind = kind;
	sc->prev_word = word;
	sc->prev_unresolved = unresolved;
	sc->prev_fed = true;
	sc->prev_first = first;
	sc->prev_last = sc->pos - 1;

	/* 6. decide what can no longer change */
	settle(sc);
}

/* the common case: nothing waits, and the character is a letter, digit, space or symbol */
static inline void
feed_char(Scanner *sc, const uint8_t *s, int n, CharKind kind, size_t ostart, size_t oend)
{
	bool		word;
	int			i;

	if (kind == CK_SEP && sc->prev_kind == CK_SEP)
		return;
	if (sc->prev_unresolved || sc->pend[0].active || sc->pend[1].active ||
		kind == CK_DOTAPOS || kind == CK_PLUSHASH)
	{
		feed_char_slow(sc, s, n, kind, ostart, oend);
		return;
	}
	word = kind == CK_ALNUM;
	if (word && !sc->prev_word)
		step(sc, WORD_MARK, ostart, true);
	sc->prev_first = sc->pos;
	for (i = 0; i < n; i++)
		step(sc, s[i], ostart, word);
	if (ac_has_output(sc->ac, sc->state))
		add_pending(sc, oend, word);
	sc->prev_pp_alnum = sc->prev_kind == CK_ALNUM;
	sc->prev_kind = kind;
	sc->prev_word = word;
	sc->prev_fed = true;
	sc->prev_last = sc->pos - 1;
	if (sc->ncand == 0 && !sc->pend[0].active && !sc->pend[1].active)
		sc->fin = sc->pos - sc->ac->depth[sc->state];
	else
		settle(sc);
}

/* a hard break (skipped region, paragraph end, end of text): nothing spans it */
static void
hard_break(Scanner *sc)
{
	int			i;

	if (sc->prev_unresolved)
	{
		sc->prev_word = false;
		sc->prev_unresolved = false;
	}
	for (i = 0; i < 2; i++)
		if (sc->pend[i].active)
			record(sc, &sc->pend[i], true);
	sc->state = 0;
	finalize(sc, sc->pos);
	sc->prev_kind = CK_SEP;
	sc->prev_word = false;
	sc->prev_fed = false;
	sc->prev_pp_alnum = false;
}

static size_t
utf8_len(uint8_t lead)
{
	if (lead < 0x80)
		return 1;
	if ((lead & 0xE0) == 0xC0)
		return 2;
	if ((lead & 0xF0) == 0xE0)
		return 3;
	if ((lead & 0xF8) == 0xF0)
		return 4;
	return 1;
}

static CharKind
kind_of_folded(const Scanner *sc, const uint8_t *s, int n)
{
	if (s[0] < 0x80)
		return ascii_kind_of(s[0]);
	return sc->cb->is_alnum(sc->cb->arg, (const char *) s, n) ? CK_ALNUM : CK_OTHER;
}

#define MS_MAX_SEGMENT 4096

/*
 * Text with non-ASCII characters from p: fold it through the callback and
 * feed the result.  The segment takes an ASCII character only when a
 * non-ASCII one follows it (NFKC may compose them), and ends before markup.
 */
static const char *
feed_segment(Scanner *sc, const char *text, const char *p, const char *end)
{
	const char *q = p;
	char	   *out;
	int		   *map;
	int			outlen,
				i;

	while (q < end)
	{
		uint8_t		c = (uint8_t) *q;

		if (c >= 0x80)
		{
			/* stop only at a character start once the segment is long */
			if (q - p >= MS_MAX_SEGMENT && (c & 0xC0) != 0x80)
				break;
			q++;
			continue;
		}
		if (q > p && (md_trigger[c] || q + 1 >= end || (uint8_t) q[1] < 0x80))
			break;
		if (q - p >= MS_MAX_SEGMENT)
			break;
		q++;
	}
	out = sc->cb->normalize(sc->cb->arg, p, (int) (q - p), &outlen, &map);
	for (i = 0; i < outlen;)
	{
		const uint8_t *s = (const uint8_t *) out + i;
		int			n = (int) utf8_len(s[0]);
		int			j;
		size_t		ostart,
					oend;

		if (i + n > outlen)
			n = outlen - i;
		ostart = (p - text) + map[i];
		for (j = i + n; j < outlen && map[j] == map[i]; j++)
			;
		oend = (p - text) + map[j];
		if (oend <= ostart)
			oend = (q - text);
		feed_char(sc, s, n, s[0] < 0x80 && s[0] == ' ' ? CK_SEP : kind_of_folded(sc, s, n),
				  ostart, oend);
		i += n;
	}
	if (sc->cb->release)
	{
		sc->cb->release(sc->cb->arg, out);
		sc->cb->release(sc->cb->arg, map);
	}
	return q;
}

void
ms_scan(const AcAutomaton *ac, const bool *lead_mark, const char *text, size_t len,
		const MsCallbacks *cb)
{
	Scanner		sc;
	MdScanState md;
	MdRegion	r;
	const char *p = text;
	const char *end = text + len;
	uint64_t	ring = 64;

	if (len == 0)
		return;
	while (ring < (uint64_t) ac->maxdepth + 64)
		ring *= 2;
	memset(&sc, 0, sizeof(sc));
	sc.ac = ac;
	sc.lead_mark = lead_mark;
	sc.cb = cb;
	sc.mask = ring - 1;
	sc.r_orig = cb->alloc(cb->arg, sizeof(size_t) * ring);
	sc.r_word = cb->alloc(cb->arg, ring);
	sc.c_key = cb->alloc(cb->arg, sizeof(int32_t) * ring);
	sc.c_len = cb->alloc(cb->arg, sizeof(int32_t) * ring);
	sc.c_start = cb->alloc(cb->arg, sizeof(size_t) * ring);
	sc.c_end = cb->alloc(cb->arg, sizeof(size_t) * ring);
	sc.prev_kind = CK_SEP;
	md_scan_init(&md, text, end);

	/* front matter or an import line may open the text */
	if (md_region(&md, p, &r))
	{
		if (cb->region)
			cb->region(cb->arg, &r, 0);
		p = r.end;
	}
	while (p < end)
	{
		uint8_t		b = (uint8_t) *p;

		if (b >= 0x80)
		{
			p = feed_segment(&sc, text, p, end);
			continue;
		}
		if (md_trigger[b] && md_region(&md, p, &r))
		{
			/* mentions before the region are decided before it is reported */
			hard_break(&sc);
			if (cb->region)
				cb->region(cb->arg, &r, p - text);
			p = r.end;
			continue;
		}
		if (p + 1 < end && (uint8_t) p[1] >= 0x80)
		{
			p = feed_segment(&sc, text, p, end);
			continue;
		}
		/*
		 * Nothing in progress (no key prefix read, no key waiting for its
		 * end, no '.' waiting for its class): a separator cannot start a key
		 * (keys are trimmed), so it only ends the word; and a word whose first
		 * symbols start no key (the automaton's word-start filter) is skipped
		 * whole without feeding it.
		 */
		if (sc.state == 0 && !sc.pend[0].active && !sc.pend[1].active && !sc.prev_unresolved)
		{
			const char *start = p;

			/* stays true while skipping: nothing is fed */
			for (;;)
			{
				CharKind	kind;

				if (p >= end)
					break;
				b = (uint8_t) *p;
				if (b >= 0x80 || md_trigger[b] || (p + 1 < end && (uint8_t) p[1] >= 0x80))
					break;
				kind = ascii_kind_of(b);
				if (kind == CK_SEP)
				{
					sc.prev_kind = CK_SEP;
					sc.prev_word = false;
					sc.prev_fed = false;
					p++;
					continue;
				}
				if (kind == CK_ALNUM && !sc.prev_word)
				{
					int			sym[AC_LEAD_MAX];
					int			n = 0;
					const char *q = p;
					bool		skip;

					/*
					 * The word's run of letters and digits if it is shorter
					 * than AC_LEAD_MAX, else its first AC_LEAD_MAX; then ASCII
					 * or the end (a following non-ASCII character might
					 * compose or be a letter).  A key can only start here if
					 * its own first run is the same: the bytes of both are fed
					 * one for one.
					 */
					while (n < AC_LEAD_MAX && q < end && (sym[n] = ac_lead_symbol((uint8_t) *q)) >= 0)
						n++, q++;
					skip = (q == end || (uint8_t) *q < 0x80) && !ac_lead_filter(ac, ac_lead_gram(sym, n));

					/* a longer run: the whole of it, up to AC_LEAD_WORD_MAX */
					if (!skip && n == AC_LEAD_MAX)
					{
						uint32_t	h = AC_LEAD_WORD_SEED;
						const char *w = p;
						int			x;

						while (w < end && w - p < AC_LEAD_WORD_MAX && (x = ac_lead_symbol((uint8_t) *w)) >= 0)
							h = ac_lead_word_step(h, x), w++;
						if ((w == end || ((uint8_t) *w < 0x80 && ac_lead_symbol((uint8_t) *w) < 0)) &&
							!ac_lead_filter(ac, ac_lead_word(h)))
						{
							skip = true;
							q = w;
						}
					}
					if (skip)
					{
						while (q + 1 < end && ascii_kind_of((uint8_t) *q) == CK_ALNUM && (uint8_t) q[1] < 0x80)
							q++;
						sc.prev_kind = CK_ALNUM;
						sc.prev_word = true;
						sc.prev_fed = false;
						p = q;
						continue;
					}
				}
				break;
			}
			/* moved: the byte at p gets the checks above again */
			if (p != start)
				continue;
		}
		/* inside a word that cannot match any more: skip to its end */
		if (sc.state == 0 && sc.prev_kind == CK_ALNUM && !sc.pend[0].active &&
			!sc.pend[1].active && ascii_kind_of(b) == CK_ALNUM)
		{
			const char *q = p;

			while (q + 1 < end && ascii_kind_of((uint8_t) *q) == CK_ALNUM && (uint8_t) q[1] < 0x80)
				q++;
			if (q > p)
			{
				sc.prev_fed = false;
				p = q;
				continue;
			}
		}
		{
			CharKind	kind = ascii_kind_of(b);
			uint8_t		f = kind == CK_SEP ? ' ' : fold_ascii(b);

			feed_char(&sc, &f, 1, kind, p - text, p - text + 1);
		}
		p++;
	}
	hard_break(&sc);
	cb->release(cb->arg, sc.r_orig);
	cb->release(cb->arg, sc.r_word);
	cb->release(cb->arg, sc.c_key);
	cb->release(cb->arg, sc.c_len);
	cb->release(cb->arg, sc.c_start);
	cb->release(cb->arg, sc.c_end);
}

int
ms_key_stream(const char *key, int keylen, char *out, bool *lead_mark, const MsCallbacks *cb)
{
	Scanner		ctx;			/* only for kind_of_folded's callback */
	CharKind	prev_kind = CK_SEP,
				pp_kind = CK_SEP;
	bool		prev_word = false;
	int			i = 0,
				o = 0;

	memset(&ctx, 0, sizeof(ctx));
	ctx.cb = cb;
	*lead_mark = false;
	while (i < keylen)
	{
		const uint8_t *s = (const uint8_t *) key + i;
		int			n = (int) utf8_len(s[0]);
		CharKind	kind;
		bool		word;

		if (i + n > keylen)
			n = keylen - i;
		kind = s[0] == ' ' ? CK_SEP : kind_of_folded(&ctx, s, n);
		/* settle a '.' before this character, as the scanner does */
		if (prev_kind == CK_DOTAPOS)
			prev_word = pp_kind == CK_ALNUM && kind == CK_ALNUM;
		switch (kind)
		{
			case CK_ALNUM:
				word = true;
				break;
			case CK_PLUSHASH:
				word = prev_kind == CK_ALNUM || (prev_kind == CK_PLUSHASH && prev_word);
				break;
			default:
				word = false;
				break;
		}
		if (kind == CK_ALNUM && !prev_word)
		{
			if (o == 0)
				*lead_mark = true;
			out[o++] = WORD_MARK;
		}
		memcpy(out + o, s, n);
		o += n;
		pp_kind = prev_kind;
		prev_kind = kind;
		prev_word = word;
		i += n;
	}
	return o;
}
