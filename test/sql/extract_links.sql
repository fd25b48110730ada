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
