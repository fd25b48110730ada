-- glossary.render_html and glossary.markdown_html: entry pages as HTML
-- fragments, glossary links with hover text, hostile bodies neutralised.
SET client_min_messages = warning;
SELECT glossary.import_yaml($$
categories:
  - {slug: weights, title: Weights, tier: core, position: 6}
  - {slug: governance, title: Governance, tier: meta, position: 12}
  - {slug: data, title: "Data & sets", tier: core, position: 4}
entries:
  - slug: open-weights
    term: open weights
    category: weights
    also: [governance, data]
    aliases: [open weight, Open-weight model]
    summary: Parameters anyone can "download" & run.
    body: |
      Unlike [[open-source-ai|open source AI]], see <G term="OSAID">the *definition*</G>.

      * a list item with [[Llama]] and [[OSS]] (ambiguous)
      * and `[[code]]` stays code, [[Nowhere]] is wanted

      Twice: [[open source ai]], and a [Markdown link](https://example.org/a?b=1&c=2 "t").
    sources:
      - {title: OSAID 1.0, url: "https://opensource.org/ai/open-source-ai-definition", publisher: OSI, date: 2024-10-28}
      - {title: "A <script> title", url: "javascript:alert(1)"}
    updated: 2026-11-20
  - slug: open-source-ai
    term: open source AI
    category: governance
    aliases: [OSS]
    summary: AI released with weights, code and data information under open terms.
    body: Goes further than [[open weight|open weights]].
  - slug: osaid
    term: OSAID
    category: governance
    aliases: [OSS]
    summary: The OSI's definition.
    body: Names <G term="Open-Weights">open models</G>.
  - slug: llama
    term: Llama
    category: weights
    summary: Meta's models.
$$, 'pages.yaml');

-- the whole page, parts in order: term, categories, aka, summary, body, sources, "Mentioned in"
SELECT glossary.render_html('open-weights');
-- no aliases, sources or backlinks: those parts are left out; base_url with {slug}
SELECT glossary.render_html('llama', 'https://example.org/g/{slug}.html');
SELECT glossary.render_html('open-source-ai', './');

-- render_site: every page, as render_html renders it, in slug order
SELECT s.slug, s.html = glossary.render_html(s.slug) AS same_as_render_html FROM glossary.render_site() s;
SELECT count(*) AS pages, bool_and(s.html = glossary.render_html(s.slug, '{slug}.html')) AS same
FROM glossary.render_site('{slug}.html') s;

-- hostile bodies: raw HTML, event handlers, javascript:/data: URLs, entity
-- tricks, MDX import/export lines, other MDX elements, a hostile <G> attribute
UPDATE glossary.entries SET body = $b$
import G from "../../components/G.astro";
export const meta = {title: 'x'};

<script>document.title = 'pwned'; window.pwned = 1;</script>

Text <img src=x onerror="window.pwned=1"> and <iframe src="javascript:parent.pwned=1"></iframe> <svg onload="window.pwned=1"></svg>.

[js](javascript:window.pwned=1) [case](JaVaScRiPt:alert(1)) [entity](&#106;avascript:alert(1)) [tab](java&#x09;script:alert(1))
[data](data:text/html,x) ![img](data:image/svg+xml,x) [vb](vbscript:x) [file](file:///etc/passwd) <javascript:alert(1)>
[ok](https://example.org/?a=1&b=2) [rel](/glossary/llama) ![pic](https://example.org/p.png "a pic")

<G term="llama" onclick="window.pwned=1">Llama</G>, [[llama|<b>bold</b>]], <Callout type="x">callout text</Callout> {window.pwned = 1}

[an outer [[llama]] link](https://example.org) and ![alt [[llama]]](https://example.org/i.png)

<G term='"><script>window.pwned=1</script>'>quoted</G> &lt;script&gt; &#xE000;
$b$ WHERE slug = 'llama';
SELECT glossary.render_html('llama');
SELECT h ~* '<(script|iframe|svg|object|embed|style)|\son[a-z]+=|(href|src)="[^"]*(javascript|vbscript|data|file):' AS unsafe,
	h ~ '<img src="https://example.org/p.png"' AS safe_image_kept,
	h LIKE '%raw HTML omitted%' AS comments_left
FROM glossary.render_html('llama') AS h;

-- links inside code (fenced, indented, spans) stay as written; a link in a URL too
UPDATE glossary.entries SET body = E'```\n[[llama]] in a fence\n```\n\n    [[llama]] indented\n\nSpan `[[llama]]`, URL [x](https://e.org/[[llama]]).'
WHERE slug = 'osaid';
SELECT glossary.render_html('osaid');

-- an import line inside a fence is code and stays; outside it is dropped, up to the blank line
UPDATE glossary.entries SET body = E'```js\nimport x from "y";\n[[llama]]\n```\nimport {a} from "b";\nstill the statement [[llama]]\n\nAfter it: [[llama]].'
WHERE slug = 'osaid';
SELECT glossary.render_html('osaid') ~ 'import x from &quot;y&quot;;\n\[\[llama\]\]' AS fenced_kept,
	glossary.render_html('osaid') !~ 'import \{a\}|still the statement' AS statement_dropped,
	(regexp_match(glossary.render_html('osaid'), '<p>After it: .*</p>'))[1];

-- markdown_html: cmark alone (safe mode), glossary links as written
SELECT glossary.markdown_html(E'# Title\n\n*em* <b>raw</b> [[llama]] <G term="llama">L</G> [js](javascript:x) [ok](https://example.org)');
SELECT glossary.markdown_html('');
SELECT glossary.markdown_html(U&'caf\00E9 \D83D\DE00');

-- bad input
SELECT glossary.render_html('no-such-entry') IS NULL AS unknown_slug;
SELECT glossary.render_html('Open Weights') IS NULL AS not_a_label;
SELECT glossary.render_html(NULL) IS NULL AS null_slug, glossary.render_html('llama', NULL) IS NULL AS null_base;
SELECT glossary.markdown_html(NULL) IS NULL AS null_doc;
SELECT glossary.render_html('llama', 'javascript:alert(1)//');
SELECT glossary.render_html('llama', ' data:text/html,');
SELECT glossary.render_html('llama', repeat('a', 2001));
SELECT * FROM glossary.render_site('vbscript:x');
SELECT count(*) AS no_rows FROM glossary.render_site(NULL);
SELECT glossary.markdown_html(repeat('a', 16 * 1024 * 1024 + 1));
-- a long body with many links renders (linear; every link an anchor)
UPDATE glossary.entries SET body = repeat('See [[llama]] and <G term="OSAID">it</G>. ', 20000) WHERE slug = 'osaid';
SELECT (SELECT count(*) FROM regexp_matches(h, 'class="glossary-link"', 'g')) AS anchors,
	h LIKE '%[[%' AS unconverted
FROM glossary.render_html('osaid') AS h;

-- 500 bodies made of random markup fragments (links cut in half, code
-- fences, raw HTML, placeholders' private-use characters, MDX statements,
-- broken UTF-8 is impossible in text): every page renders, no script gets
-- through, no placeholder is left
SELECT setseed(0.42);
INSERT INTO glossary.entries (slug, term, category, summary, body)
SELECT 'fuzz-' || i, 'fuzz ' || i, 'weights', 'Fuzz.',
	(SELECT string_agg((ARRAY['[[', ']]', '|', '<G term="', '">', '</G>', '<G term=''x'' />', '`', '```', E'\n', E'\n\n',
		'    ', 'import a from "b";', 'export {x}', '<script>', '</script>', '<img src=x onerror=alert(1)>', 'javascript:',
		'[a](', ')', '![', '&#x', ';', U&'\E000', U&'\E001', '0', 'llama', 'OSS', 'Nowhere', '*', '_', '<', '>', '&', '"', ' '])
		[1 + floor(random() * 37)::int], '') FROM generate_series(1, 1 + (i % 60)) WHERE i > 0)
FROM generate_series(1, 500) AS i;
SELECT count(*) AS pages,
	-- a tag, its quoted attributes, then an event handler: none; URLs of other schemes: none
	count(*) FILTER (WHERE html ~* '<(script|iframe|svg|object|embed|style)|<[a-z][a-z0-9]*(\s+[a-z-]+="[^"]*")*\s+on[a-z]+\s*=|(href|src)="\s*(javascript|vbscript|data|file):') AS unsafe,
	count(*) FILTER (WHERE html ~ U&'\E000[0-9a-f]{8}') AS placeholders_left
FROM glossary.render_site() WHERE slug LIKE 'fuzz-%';
DELETE FROM glossary.entries WHERE slug LIKE 'fuzz-%';

-- the rendered page follows the data: a new alias makes a dangling link resolve
INSERT INTO glossary.aliases VALUES ('llama', 'Nowhere');
SELECT (regexp_match(glossary.render_html('open-weights'), '<li>and <code>[^\n]*'))[1];

DELETE FROM glossary.entries;
DELETE FROM glossary.categories;
