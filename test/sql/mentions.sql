-- Mentions, auto-linking, links, backlinks, dangling links and unlinked
-- mentions, on a small glossary of this test's own.
INSERT INTO glossary.categories (slug, title) VALUES ('men', 'Mention tests'), ('gov', 'Governance tests');
INSERT INTO glossary.entries (slug, term, category, summary, body) VALUES
	('llama', 'Llama', 'men', 'A family of open-weight models from Meta.', 'Llama ships under the [[llama-license|Llama license]] and runs in llama.cpp.'),
	('llama-cpp', 'llama.cpp', 'men', 'A C/C++ inference engine for "local" models & GGUF files.', 'llama.cpp reads GGUF files. It runs Llama and Qwen models; see <G term="gguf">GGUF</G>.'),
	('llama-license', 'Llama license', 'gov', 'The licence of Meta''s Llama models.', 'An acceptable use policy (AUP) applies; see [[AUP]] and [[acceptable use policy]].'),
	('acceptable-use', 'acceptable use', 'gov', 'Restrictions on what a model may be used for.', 'Llama and Gemma come with an acceptable use policy.'),
	('gguf', 'GGUF', 'men', 'A file format for quantized weights.', 'Used by llama.cpp. Not linked: Llama. [[Missing Page]] and [[missing-page]] and [[Nowhere]].'),
	('qwen', 'Qwen', 'men', 'Models from Alibaba under Apache 2.0.', 'Qwen <b>models</b> compete with [[Llama]]; [[qwen]] links to itself.'),
	('open-weights', 'open weights', 'men', 'Model weights published for download.', 'Open-weight models like [[llama]] and [[Qwen]] publish their weights.'),
	('c-plus-plus', 'C++', 'men', 'A programming language.', 'See [[C++]].'),
	('art', 'Art', 'men', 'A placeholder entry for word-boundary tests.', 'Nothing.'),
	('zeta', 'zeta', 'men', 'Sorted last by term.', 'zeta links [[llama]].'),
	('alpha', 'Alpha', 'men', 'Sorted first by term, case-insensitively.', 'Alpha links [[LLAMA]] twice: [[llama]].'),
	('beta-one', 'beta', 'men', 'Shares the alias "B" with beta-two.', ''),
	('beta-two', 'Beta Two', 'men', 'Shares the alias "B" with beta-one.', '');
INSERT INTO glossary.aliases (entry, alias) VALUES
	('acceptable-use', 'AUP'), ('acceptable-use', 'acceptable use policy'),
	('open-weights', 'open-weight'), ('llama-cpp', 'llama-cpp'),
	('beta-one', 'B'), ('beta-two', 'B');

-- leftmost-longest: llama.cpp is one mention, not a mention of Llama
SELECT * FROM glossary.mentions('I run Llama in llama.cpp and LLAMA.CPP, with Llama-cpp too.');
-- whole words: no "llama" inside "llamas2" or "ollama"; plural forms the index knows count
SELECT * FROM glossary.mentions('ollama llamas2 Llamas Qwen''s models, Llama''s weights; qwen_x');
-- hyphens, underscores and white space are separators: "art" is a word of "state-of-the-art"
SELECT * FROM glossary.mentions(E'state-of-the-art ART open\n  weights open_weights open-weight openweights');
-- '+', '#', '.' and '\'' follow normalize()'s word rules
SELECT * FROM glossary.mentions('C++ and C++17, c++. (C++) artisan art. art.x');
-- multibyte text: positions and lengths in characters, as strpos counts
SELECT m.*, strpos(d, m.text) AS strpos
FROM (VALUES ('Ünïcødé 日本語 — Llama, 😀 GGUF; ＬＬＡＭＡ full-width')) AS v(d), glossary.mentions(d) AS m;
-- typographic apostrophe, non-breaking space and en dash fold like normalize()
SELECT * FROM glossary.mentions(U&'Llama\2019s open\00A0weights, open\2013weights');

-- skipped: links of every spelling, code, HTML tags, comments and elements, URLs
SELECT * FROM glossary.mentions(E'[[llama]] [[gguf|Llama]] <G term="qwen">Llama</G> [Llama](/x) ![Llama](/l.png) '
	'[Llama][ref] <a href="/y">Llama</a> `Llama` <code>Llama</code> <!-- Llama --> '
	'<span title="Llama">Qwen</span> https://example.com/llama/Qwen Llama');
SELECT * FROM glossary.mentions(E'```\nLlama\n```\nQwen\n~~~\nGGUF\n~~~\n  ```python\nllama\n  ```\nLlama');
SELECT * FROM glossary.mentions(E'---\ntitle: Llama\n---\nimport G from "../G.astro";\nQwen');
-- an indented code block (four spaces or a tab after a blank line) is code;
-- indented lines inside a paragraph are not, and the block ends at the first
-- line that is not indented
SELECT * FROM glossary.mentions(E'Qwen\n\n    llama run gguf\n\n\tLlama again\nGGUF\n    Qwen');
SELECT glossary.autolink(E'Intro on Qwen.\n\n    $ ollama run llama\n\nAfter: Llama.', 'wiki');
-- a paragraph break ends a mention: "open" and "weights" in two paragraphs are not one
SELECT count(*) FROM glossary.mentions(E'open\n\nweights');
-- unterminated constructs: a fence or tag runs to the end; a lone bracket or backtick is text
SELECT * FROM glossary.mentions(E'Qwen\n```\nLlama');
SELECT * FROM glossary.mentions('Qwen <span class="x Llama');
SELECT * FROM glossary.mentions('Qwen [Llama `GGUF 1 < 2 Llama');
-- ambiguous labels are reported with no slug
SELECT * FROM glossary.mentions('Plan B works.');

-- bad input: NULL, empty, separators only, broken markup, invalid byte sequences cannot be text
SELECT count(*) FROM glossary.mentions(NULL);
SELECT count(*) FROM glossary.mentions('');
SELECT count(*) FROM glossary.mentions(E' \n\n - _ ');
SELECT count(*) FROM glossary.mentions('<<<[[[```!!![[]]<a<G>]]');
-- a large text: 1,000,000 mentions, the last position checked against strpos
SELECT count(*), max(position), max(position) = strpos(repeat('Qwen, ', 999999) || 'x', 'x') AS last_ok
FROM glossary.mentions(repeat('Qwen, ', 1000000));

-- autolink: every format
SELECT glossary.autolink('Llama runs in llama.cpp; GGUF too. Llama again.');
SELECT glossary.autolink('Llama runs in llama.cpp; GGUF too. Llama again.', 'markdown', false);
SELECT glossary.autolink('Llama runs in llama.cpp.', 'markdown', true, 'https://example.org/g/{slug}.html');
SELECT glossary.autolink('Llama & <b>llama.cpp</b>', 'html');
SELECT glossary.autolink('Llama runs in llama.cpp.', 'wiki');
SELECT glossary.autolink('Llama runs in llama.cpp.', 'mdx');
-- html: the summary's quotes and ampersand, the URL and the text are escaped
SELECT glossary.autolink('GGUF and "llama.cpp"', 'html', true, '/g?a=1&s={slug}');
-- existing links are left alone and count as the first link of their entry
SELECT glossary.autolink('[[llama]] then Llama, Qwen, [GGUF](/glossary/gguf) GGUF <a href="/glossary/qwen">x</a>');
SELECT glossary.autolink('<G term="Llama">the model</G>: Llama. `Llama` <img alt="Llama"> Llama', 'mdx');
-- never links an entry to itself: given explicitly, or found from its stored body
SELECT glossary.autolink('Qwen and Llama', 'wiki', true, '/glossary/{slug}', 'qwen');
SELECT glossary.autolink(body, 'wiki') FROM glossary.entries WHERE slug = 'llama-cpp';
-- ambiguous labels are not linked; text that would break the syntax is not linked
SELECT glossary.autolink('Plan B and Llama', 'wiki');
-- bad input
SELECT glossary.autolink(NULL) IS NULL AS null_doc, glossary.autolink('') AS empty;
SELECT glossary.autolink('Llama', 'latex');
SELECT glossary.autolink('Llama', 'html', true, '/no-slug');
SELECT glossary.autolink('Llama', NULL);
SELECT glossary.autolink(E'Llama\n```\nLlama', 'wiki') AS unterminated_fence;

-- links(): targets as written, what they resolve to, status
SELECT * FROM glossary.links('Llama license');
SELECT * FROM glossary.links('gguf');
SELECT * FROM glossary.links('no such entry');
-- backlinks(): through aliases ([[AUP]] credits acceptable-use), each entry once,
-- sorted by term case-insensitively, self-links left out
SELECT * FROM glossary.backlinks('llama');
SELECT * FROM glossary.backlinks('acceptable use policy');
SELECT * FROM glossary.backlinks('qwen');
SELECT * FROM glossary.backlinks('nothing');
SELECT * FROM glossary.backlinks_all WHERE slug IN ('llama', 'gguf') ORDER BY slug, rank;
-- dangling links: wanted entries, grouped by key
SELECT * FROM glossary.dangling_links;
-- unlinked mentions: bodies that mention Llama without linking it
SELECT * FROM glossary.unlinked_mentions('llama');
-- the graph follows changes: a new alias resolves a dangling link
INSERT INTO glossary.aliases VALUES ('gguf', 'Nowhere');
SELECT * FROM glossary.backlinks('gguf');
SELECT target, wanted FROM glossary.dangling_links;
-- and a body edit is seen at once
UPDATE glossary.entries SET body = 'Now linking [[Qwen]].' WHERE slug = 'zeta';
SELECT slug FROM glossary.backlinks('llama');
SELECT slug FROM glossary.backlinks('qwen');

DELETE FROM glossary.entries WHERE category IN ('men', 'gov');
DELETE FROM glossary.categories WHERE slug IN ('men', 'gov');
