-- glossary.extract_links: the three spellings, positions in characters, code skipped.

SELECT * FROM glossary.extract_links('See [[llama]] and [[fine-tuning|fine-tune]] or <G term="open weights">open-weight</G>.');

-- positions count characters as strpos does, also after multibyte text
SELECT l.position, l.target, strpos(d, '[[') AS strpos_of_first
FROM (VALUES ('Ünïcødé — [[gguf]]')) AS v(d), glossary.extract_links(d) AS l;
SELECT position, target FROM glossary.extract_links('日本語 <G term="qwen">通义</G> 😀 [[x]]');

-- white space inside the brackets is trimmed; an empty label falls back to the target
SELECT * FROM glossary.extract_links('[[ rag | retrieval ]] [[lora|]] <G term=''vllm''></G> <G term="gguf" />');

-- other attributes before term=, single quotes
SELECT * FROM glossary.extract_links('<G class="x" hidden term=''kv-cache''>KV cache</G>');

-- not links: empty targets, line breaks, nesting, unterminated, other tags
SELECT count(*) FROM glossary.extract_links('[[]] [[ ]] [[a
b]] [[a [[b]] c]] [[open <G>x</G> <Gx term="a">b</Gx> <G term="a">never closed');
SELECT * FROM glossary.extract_links('[[a [[b]] c]]');

-- code spans and fenced blocks are skipped; an unterminated fence runs to the end
SELECT target FROM glossary.extract_links(E'`[[in-span]]` [[out]] ``a ` [[in-double]]`` \n```\n[[in-fence]]\n```\n[[after-fence]]\n~~~md\n[[in-tilde]]\n');
SELECT target FROM glossary.extract_links(E'[[one]]\n```\n[[never]]\n');
-- a lone backtick is text
SELECT target FROM glossary.extract_links('a ` b [[two]]');

-- NULL in, no rows out; empty text
SELECT count(*) FROM glossary.extract_links(NULL);
SELECT count(*) FROM glossary.extract_links('');

-- a large body: 100,000 links
SELECT count(*), max(position) FROM glossary.extract_links(repeat('ab [[x]] ', 100000));

-- One code rule for the three readers of prose: extract_links() (and so the
-- stored links), mentions() and autolink() all skip fenced blocks, code spans
-- and indented blocks after a blank line, and all read the same text outside
-- code.  Each case is a body with %s where the links (for extract_links) or
-- a bare mention of llama (for mentions and autolink) go.
BEGIN;
INSERT INTO glossary.categories (slug, title) VALUES ('code-rule', 'Code rule');
INSERT INTO glossary.entries (slug, term, category, summary) VALUES ('llama', 'Llama', 'code-rule', 'A model.');
CREATE TEMP TABLE code_cases (name text, body text, in_code boolean);
INSERT INTO code_cases VALUES
	('backtick fence', E'Intro.\n```\n%s\n```\n', true),
	('tilde fence', E'Intro.\n~~~text\n%s\n~~~\n', true),
	('code span', E'Run `%s` here.', true),
	('indented, spaces', E'Intro.\n\n    %s\n\nAfter.', true),
	('indented, tab', E'Intro.\n\n\t%s\n', true),
	('indented, second line', E'Intro.\n\n    first line\n    %s\n', true),
	('indented without blank line before: a paragraph continues', E'Intro.\n    %s\n', false),
	('plain paragraph', E'Intro.\n\n%s\n', false),
	('after the fence closes', E'```\ncode\n```\n%s\n', false);
CREATE TEMP VIEW code_reads AS
	SELECT name, in_code,
		(SELECT count(*) FROM glossary.extract_links(format(body, '[[llama]] <G term="llama">x</G>'))) AS links,
		(SELECT count(*) FROM glossary.mentions(format(body, 'llama'))) AS mentions,
		glossary.autolink(format(body, 'llama')) <> format(body, 'llama') AS autolinked
	FROM code_cases;
SELECT * FROM code_reads ORDER BY in_code DESC, name;
-- every reader agrees with in_code
SELECT name FROM code_reads
WHERE (links = 0) IS DISTINCT FROM in_code OR (mentions = 0) IS DISTINCT FROM in_code
	OR autolinked = in_code;
ROLLBACK;
