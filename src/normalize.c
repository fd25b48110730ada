/*
 * normalize.c
 *	  The comparison key of a label or of running text (rules in normalize.h).
 *
 * Pure ASCII input is folded byte by byte.  Other input is cut into
 * normalization segments (a segment ends before a character that has an NFKC
 * boundary before it), each segment goes through ICU's NFKC_Casefold, and
 * every output byte of a segment maps to the segment's first input byte.
 * Because segments meet at NFKC boundaries, the result equals normalizing
 * the whole string at once.
 */
#include "postgres.h"

#include <unicode/uchar.h>
#include <unicode/unorm2.h>

#include "mb/pg_wchar.h"
#include "utils/memutils.h"

#include "normalize.h"

typedef struct NormOut
{
	char	   *buf;
	int			len;
	int			cap;
	int		   *map;			/* NULL when the caller wants no map */
	bool		trim;
	bool		pending_sep;	/* a separator run is waiting to be written */
	int			sep_offset;		/* input offset of that run's first character */
} NormOut;

static const UNormalizer2 *nfkc_cf = NULL;

static const UNormalizer2 *
get_normalizer(void)
{
	if (nfkc_cf == NULL)
	{
		UErrorCode	status = U_ZERO_ERROR;

		nfkc_cf = unorm2_getNFKCCasefoldInstance(&status);
		if (U_FAILURE(status) || nfkc_cf == NULL)
			elog(ERROR, "could not load the ICU NFKC_Casefold normalizer: %s", u_errorName(status));
	}
	return nfkc_cf;
}

/*
 * The capacity to grow a buffer to, to hold need elements: doubled, in Size
 * arithmetic, and never more elements than a text value has bytes (so every
 * length and offset fits an int; the buffers themselves are huge
 * allocations).
 */
static Size
grown_capacity(Size cap, Size need)
{
	if (need > MaxAllocSize)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("normalized text would exceed the maximum size of a text value"),
				 errdetail("Normalizing needs room for %zu characters; a text value holds at most %zu bytes.",
						   need, (Size) MaxAllocSize)));
	while (cap < need)
		cap = Min(cap * 2, (Size) MaxAllocSize);
	return cap;
}

static void
out_reserve(NormOut *o, int more)
{
	Size		need = (Size) o->len + (Size) more + 1;

	if (need <= (Size) o->cap)
		return;
	o->cap = (int) grown_capacity((Size) o->cap, need);
	o->buf = repalloc_huge(o->buf, (Size) o->cap);
	if (o->map)
		o->map = repalloc_huge(o->map, (Size) o->cap * sizeof(int));
}

static inline void
out_byte(NormOut *o, char c, int offset)
{
	if (o->len + 2 > o->cap)
		out_reserve(o, 1);
	if (o->map)
		o->map[o->len] = offset;
	o->buf[o->len++] = c;
}

/* separators: every dash, the underscore, and Unicode white space */
static inline bool
is_separator(pg_wchar c)
{
	if (c < 0x80)
		return c == '-' || c == '_' || c == ' ' || (c >= '\t' && c <= '\r');
	switch (c)
	{
		case 0x0085:			/* next line */
		case 0x00A0:			/* no-break space */
		case 0x058A:			/* Armenian hyphen */
		case 0x05BE:			/* Hebrew maqaf */
		case 0x1680:			/* Ogham space mark */
		case 0x1806:			/* Mongolian todo soft hyphen */
		case 0x2028:			/* line separator */
		case 0x2029:			/* paragraph separator */
		case 0x202F:			/* narrow no-break space */
		case 0x205F:			/* medium mathematical space */
		case 0x2212:			/* minus sign */
		case 0x2E17:			/* double oblique hyphen */
		case 0x2E1A:			/* hyphen with diaeresis */
		case 0x2E3A:			/* two-em dash */
		case 0x2E3B:			/* three-em dash */
		case 0x2E40:			/* double hyphen */
		case 0x301C:			/* wave dash */
		case 0x3030:			/* wavy dash */
		case 0x30A0:			/* katakana-hiragana double hyphen */
		case 0x3000:			/* ideographic space */
		case 0xFE31:			/* presentation form vertical em dash */
		case 0xFE32:			/* presentation form vertical en dash */
		case 0xFE58:			/* small em dash */
		case 0xFE63:			/* small hyphen-minus */
		case 0xFF0D:			/* full-width hyphen-minus */
		case 0xFF3F:			/* full-width low line */
			return true;
	}
	/* hyphen, non-breaking hyphen, figure dash, en dash, em dash, bar; spaces */
	return (c >= 0x2010 && c <= 0x2015) || (c >= 0x2000 && c <= 0x200A);
}

/* typographic quotes and apostrophes are written as their ASCII form */
static inline pg_wchar
unify_quote(pg_wchar c)
{
	switch (c)
	{
		case 0x02BC:			/* modifier letter apostrophe */
		case 0x2018:
		case 0x2019:
		case 0x201A:
		case 0x201B:
			return '\'';
		case 0x201C:
		case 0x201D:
		case 0x201E:
		case 0x201F:
			return '"';
	}
	return c;
}

/* write one folded character that came from input offset `offset` */
static void
out_char(NormOut *o, pg_wchar c, int offset)
{
	unsigned char utf8[8];
	int			n,
				i;

	if (is_separator(c))
	{
		if (!o->pending_sep)
		{
			o->pending_sep = true;
			o->sep_offset = offset;
		}
		return;
	}
	if (o->pending_sep)
	{
		/* trimmed labels drop leading separators */
		if (o->len > 0 || !o->trim)
			out_byte(o, ' ', o->sep_offset);
		o->pending_sep = false;
	}
	c = unify_quote(c);
	if (c < 0x80)
	{
		out_byte(o, (char) c, offset);
		return;
	}
	unicode_to_utf8(c, utf8);
	n = pg_utf_mblen(utf8);
	out_reserve(o, n);
	for (i = 0; i < n; i++)
		out_byte(o, (char) utf8[i], offset);
}

/*
 * Decode the character at in[pos]: its code point, *len its byte length.
 * An invalid or truncated sequence is one byte of U+FFFD.
 */
static inline pg_wchar
decode_char(const char *in, int inlen, int pos, int *len)
{
	const unsigned char *s = (const unsigned char *) in + pos;
	int			n;

	if (*s < 0x80)
	{
		*len = 1;
		return *s;
	}
	n = pg_utf_mblen(s);
	if (n < 2 || n > 4 || pos + n > inlen || !pg_utf8_islegal(s, n))
	{
		*len = 1;
		return 0xFFFD;
	}
	*len = n;
	return utf8_to_unicode(s);
}

/* append code point c as UTF-16 to a growable UChar buffer */
static void
u16_append(UChar **buf, int *len, int *cap, pg_wchar c)
{
	if ((Size) *len + 2 > (Size) *cap)
	{
		*cap = (int) grown_capacity((Size) *cap, (Size) *len + 2);
		*buf = repalloc_huge(*buf, (Size) *cap * sizeof(UChar));
	}
	if (c >= 0x10000)
	{
		(*buf)[(*len)++] = (UChar) (0xD800 + ((c - 0x10000) >> 10));
		(*buf)[(*len)++] = (UChar) (0xDC00 + ((c - 0x10000) & 0x3FF));
	}
	else
		(*buf)[(*len)++] = (UChar) c;
}

static void
normalize_general(const char *in, int inlen, NormOut *o)
{
	const UNormalizer2 *norm = get_normalizer();
	int			seg_cap = 32,
				res_cap = 64;
	UChar	   *seg = palloc(seg_cap * sizeof(UChar));
	UChar	   *res = palloc(res_cap * sizeof(UChar));
	int			pos = 0;

	while (pos < inlen)
	{
		int			start = pos,
					clen,
					seg_len = 0,
					res_len,
					i;
		pg_wchar	c = decode_char(in, inlen, pos, &clen);
		UErrorCode	status = U_ZERO_ERROR;

		pos += clen;
		/* ASCII followed by ASCII (or the end) needs no ICU call */
		if (c < 0x80 && (pos >= inlen || (unsigned char) in[pos] < 0x80))
		{
			out_char(o, pg_ascii_tolower((unsigned char) c), start);
			continue;
		}
		/* a segment: this character and those that may combine with it */
		u16_append(&seg, &seg_len, &seg_cap, c);
		while (pos < inlen)
		{
			pg_wchar	next = decode_char(in, inlen, pos, &clen);

			if (unorm2_hasBoundaryBefore(norm, (UChar32) next))
				break;
			u16_append(&seg, &seg_len, &seg_cap, next);
			pos += clen;
		}
		for (;;)
		{
			res_len = unorm2_normalize(norm, seg, seg_len, res, res_cap, &status);
			if (status != U_BUFFER_OVERFLOW_ERROR)
				break;
			res_cap = res_len + 16;
			res = repalloc(res, res_cap * sizeof(UChar));
			status = U_ZERO_ERROR;
		}
		if (U_FAILURE(status))
			elog(ERROR, "could not normalize text: %s", u_errorName(status));
		for (i = 0; i < res_len; i++)
		{
			pg_wchar	u = res[i];

			if (u >= 0xD800 && u <= 0xDBFF && i + 1 < res_len)
			{
				u = 0x10000 + ((u - 0xD800) << 10) + (res[i + 1] - 0xDC00);
				i++;
			}
			out_char(o, u, start);
		}
	}
	pfree(seg);
	pfree(res);
}

static inline bool
is_opener(char c)
{
	return c == '(' || c == '[' || c == '{' || c == '<';
}

static inline bool
is_closer(char c)
{
	return c == ')' || c == ']' || c == '}' || c == '>';
}

static inline char
partner(char c)
{
	switch (c)
	{
		case '(':
			return ')';
		case '[':
			return ']';
		case '{':
			return '}';
		case '<':
			return '>';
		case ')':
			return '(';
		case ']':
			return '[';
		case '}':
			return '{';
		case '>':
			return '<';
	}
	return c;
}

/* position of the bracket matching s[at] within [b, e), or -1 */
static int
match_bracket(const char *s, int b, int e, int at)
{
	char		self = s[at],
				other = partner(self);
	int			depth = 0,
				step = is_opener(self) ? 1 : -1,
				i;

	for (i = at; i >= b && i < e; i += step)
	{
		if (s[i] == self)
			depth++;
		else if (s[i] == other && --depth == 0)
			return i;
	}
	return -1;
}

/* length in bytes of a quote character at s[i] (ASCII or guillemet/CJK), or 0 */
static int
quote_at(const char *s, int b, int e, int i)
{
	const unsigned char *u = (const unsigned char *) s;
	int			clen;
	pg_wchar	c;

	if (u[i] < 0x80)
		return (u[i] == '"' || u[i] == '\'' || u[i] == '`') ? 1 : 0;
	c = decode_char(s, e, i, &clen);
	if (c == 0x00AB || c == 0x00BB || c == 0x2039 || c == 0x203A ||
		(c >= 0x300C && c <= 0x300F))
		return clen;
	return 0;
}

/* start of the character that ends at e (exclusive) */
static int
char_start_before(const char *s, int b, int e)
{
	int			i = e - 1;

	while (i > b && (((unsigned char) s[i]) & 0xC0) == 0x80)
		i--;
	return i;
}

/* trim = true: strip surrounding separators, quotes, punctuation, brackets */
static void
trim_key(NormOut *o)
{
	char	   *s = o->buf;
	int			b = 0,
				e = o->len;
	bool		changed = true;

	while (changed && b < e)
	{
		int			last = char_start_before(s, b, e);
		int			q;

		changed = false;
		if (s[b] == ' ' || (s[b] != '\0' && strchr(",;:!?*", s[b])))
			b++, changed = true;
		else if ((q = quote_at(s, b, e, b)) > 0)
			b += q, changed = true;
		else if (is_closer(s[b]))
			b++, changed = true;
		else if (is_opener(s[b]))
		{
			int			m = match_bracket(s, b, e, b);

			if (m == e - 1)
				b++, e--, changed = true;
			else if (m < 0)
				b++, changed = true;
		}
		if (changed || b >= e)
			continue;
		if (s[last] == ' ' || (s[last] != '\0' && strchr(",;:!?*.", s[last])) ||
			quote_at(s, b, e, last) > 0)
			e = last, changed = true;
		else if (is_opener(s[last]))
			e = last, changed = true;
		else if (is_closer(s[last]) && match_bracket(s, b, e, last) < 0)
			e = last, changed = true;
	}
	if (b >= e)
		b = e = 0;
	if (b > 0)
	{
		memmove(s, s + b, e - b);
		if (o->map)
			memmove(o->map, o->map + b, (e - b) * sizeof(int));
	}
	o->len = e - b;
}

char *
glossary_normalize(const char *in, int inlen, bool trim, int *outlen, int **map)
{
	NormOut		o;
	int			i;

	o.cap = (int) Min(Max((Size) inlen + inlen / 4 + 8, 16), (Size) MaxAllocSize);
	o.buf = palloc_extended(o.cap, MCXT_ALLOC_HUGE);
	o.map = map ? palloc_extended((Size) o.cap * sizeof(int), MCXT_ALLOC_HUGE) : NULL;
	o.len = 0;
	o.trim = trim;
	o.pending_sep = false;
	o.sep_offset = 0;

	for (i = 0; i < inlen; i++)
		if ((unsigned char) in[i] >= 0x80)
			break;
	if (i == inlen)
	{
		/* ASCII fast path */
		for (i = 0; i < inlen; i++)
			out_char(&o, pg_ascii_tolower((unsigned char) in[i]), i);
	}
	else
		normalize_general(in, inlen, &o);

	if (o.pending_sep && !trim)
		out_byte(&o, ' ', o.sep_offset);
	if (trim)
		trim_key(&o);
	o.buf[o.len] = '\0';
	if (map)
	{
		o.map[o.len] = inlen;
		*map = o.map;
	}
	*outlen = o.len;
	return o.buf;
}

/* letters, digits and marks */
static inline bool
is_alnum_at(const char *s, int len, int pos)
{
	const unsigned char *u = (const unsigned char *) s;
	int			clen;
	pg_wchar	c;

	if (pos < 0 || pos >= len)
		return false;
	if (u[pos] < 0x80)
		return isalnum(u[pos]) != 0;
	c = decode_char(s, len, pos, &clen);
	return u_isalnum((UChar32) c) || (U_GET_GC_MASK((UChar32) c) & U_GC_M_MASK) != 0;
}

bool
glossary_is_word_char(const char *s, int len, int pos)
{
	int			i;

	if (pos < 0 || pos >= len)
		return false;
	switch (s[pos])
	{
		case '+':
		case '#':
			/* a word character when the run of + and # follows one */
			for (i = pos - 1; i >= 0 && (s[i] == '+' || s[i] == '#'); i--)
				;
			return i >= 0 && is_alnum_at(s, len, char_start_before(s, 0, i + 1));
		case '.':
		case '\'':
			return pos > 0 && is_alnum_at(s, len, char_start_before(s, 0, pos)) &&
				is_alnum_at(s, len, pos + 1);
	}
	return is_alnum_at(s, len, pos);
}

bool
glossary_word_boundary(const char *s, int len, int pos)
{
	if (pos <= 0 || pos >= len)
		return true;
	return !(glossary_is_word_char(s, len, char_start_before(s, 0, pos)) &&
			 glossary_is_word_char(s, len, pos));
}
