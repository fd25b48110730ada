# The site in a real browser: the shipped glossary plus hostile bodies,
# written as files by tools/write-site.sh (as make demo writes them),
# opened in headless Chromium.  A check script in every page writes what it
# finds into the DOM after the page's own scripts ran; Chromium's
# --dump-dom gives that DOM back.  Every body link must be an anchor to an
# existing entry's page or be marked dangling or ambiguous, hover text must be
# there, and no script from a body may have run.  Screenshots are saved in
# tmp_check/screenshots (and copied to $GLOSSARY_SCREENSHOTS when set).
use strict;
use warnings;
use Cwd;
use Encode qw(decode);
use File::Copy;
use File::Path qw(make_path);
use IPC::Run;
use JSON::PP;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use GlossaryTest;

my $chromium = (grep { -x $_ } qw(/usr/bin/chromium /usr/bin/chromium-browser))[0];
plan skip_all => 'Chromium is not installed (Debian package chromium: apt-get install chromium); the browser test needs it'
  unless $chromium;
my $top = $ENV{TESTDIR} // getcwd();
plan skip_all => "no data/ at $top/data" unless -f "$top/data/categories.yaml";

my $node = PostgreSQL::Test::Cluster->new('browser');
$node->init;
use_staged_extension($node);
$node->start;
$node->safe_psql('postgres', 'CREATE DATABASE site');
$node->safe_psql('site', 'CREATE EXTENSION glossary');
my $conninfo = $node->connstr('site');

my ($out, $err) = ('', '');
IPC::Run::run([ 'glossary-load', '-d', $conninfo, "$top/data" ], '<', \undef, '>', \$out, '2>', \$err);
is($? >> 8, 0, 'the shipped glossary loads') or diag($err);

# Hostile bodies: every way a body could try to run a script or leave the
# page.  Each attempt sets window.pwned or document.title.
$node->safe_psql('site', q{
INSERT INTO glossary.entries (slug, term, category, summary, body) VALUES
('hostile-page', 'Hostile <script>document.title="pwned"</script> page', 'safety-guardrails',
 'A summary with "quotes", <b>tags</b> & an <img src=x onerror="window.pwned=1"> in it.',
 $b$import G from "../../components/G.astro";
export const x = (window.pwned = 1);

<script>document.title = 'pwned'; window.pwned = 1;</script>

Raw <img src="x" onerror="window.pwned = 1; document.title = 'pwned'"> and
<iframe src="javascript:parent.pwned = 1"></iframe> <svg onload="window.pwned = 1"></svg>
<object data="javascript:window.pwned = 1"></object> <style>body { display: none }</style>

Links: [js](javascript:window.pwned=1) [entity](&#106;avascript:window.pwned=1)
[tab](java&#x09;script:window.pwned=1) [data](data:text/html,<script>parent.pwned=1</script>)
![img](data:image/svg+xml,<svg onload="window.pwned=1">) <javascript:window.pwned=1>

A glossary link <G term="llama" onmouseover="window.pwned=1">to Llama</G>, one with markup in its
text [[open weights|<img src=x onerror="window.pwned=1">]], a wanted [[entry never written]],
an ambiguous [[shared label]], and <Callout onclick="window.pwned=1">an MDX element</Callout>.

<G term='"><script>window.pwned=1</script>'>broken attribute</G> &lt;script&gt;window.pwned=1&lt;/script&gt;
$b$);
-- "shared label" names two entries: an ambiguous link
INSERT INTO glossary.aliases VALUES ('llama', 'shared label'), ('qwen', 'shared label');
});

# the pages: three entries and the index, wrapped as make demo wraps them
my $site = PostgreSQL::Test::Utils::tempdir;
my @pages = qw(open-weights acceptable-use hostile-page);
my $check_js = <<'EOT';
// Written by test/t/120_browser.pl: runs after the page's own scripts, on
// load, and writes its findings into the DOM as JSON.
window.addEventListener('load', function () {
	'use strict';
	var r = { pwned: typeof window.pwned !== 'undefined', title: document.title, anchors: [],
		marked: 0, other_links: [], problems: [] };
	var own = ['hover.js', 'check.js'];
	document.querySelectorAll('script').forEach(function (s) {
		var src = (s.getAttribute('src') || '');
		if (own.indexOf(src) < 0)
			r.problems.push('script element ' + (src || s.textContent.slice(0, 40)));
	});
	document.querySelectorAll('iframe, object, embed, style, svg, img[onerror]').forEach(function (e) {
		r.problems.push('element ' + e.tagName);
	});
	document.querySelectorAll('*').forEach(function (e) {
		for (var i = 0; i < e.attributes.length; i++)
			if (/^on/i.test(e.attributes[i].name))
				r.problems.push('handler ' + e.attributes[i].name + ' on ' + e.tagName);
	});
	document.querySelectorAll('a.glossary-link').forEach(function (a) {
		var summary = a.getAttribute('data-glossary-summary') || a.getAttribute('title') || '';
		r.anchors.push({ href: a.getAttribute('href'), slug: a.getAttribute('data-glossary-slug'),
			summary: summary, in_body: !!a.closest('.glossary-body') });
		if (!summary)
			r.problems.push('no hover text on ' + a.getAttribute('href'));
	});
	r.marked = document.querySelectorAll('.glossary-body .glossary-dangling, .glossary-body .glossary-ambiguous').length;
	document.querySelectorAll('a:not(.glossary-link)').forEach(function (a) {
		r.other_links.push(a.getAttribute('href'));
	});
	var body = document.querySelector('.glossary-body');
	if (body) {
		var text = body.cloneNode(true);
		text.querySelectorAll('code').forEach(function (c) { c.remove(); });
		if (/\[\[|<G\s/.test(text.textContent))
			r.problems.push('a glossary link left as text');
	}
	var pre = document.createElement('pre');
	pre.id = 'glossary-check';
	pre.textContent = JSON.stringify(r);
	document.body.appendChild(pre);
});
EOT
{
	local $ENV{GLOSSARY_SITE_DB} = $conninfo;
	local $ENV{GLOSSARY_SITE_SCRIPT} = 'check.js';
	($out, $err) = ('', '');
	IPC::Run::run([ 'bash', "$top/tools/write-site.sh", $site, @pages ], '<', \undef, '>', \$out, '2>', \$err);
	is($? >> 8, 0, 'tools/write-site.sh writes the pages') or diag($err);
}
open my $fh, '>', "$site/check.js" or die "$site/check.js: $!";
print $fh $check_js;
close $fh;
ok(-f "$site/$_.html", "$_.html written") for (@pages, 'index');

# the feed is valid XML (xmllint, libxml2) with an entry per dated entry
($out, $err) = ('', '');
IPC::Run::run([ 'xmllint', '--noout', "$site/feed.xml" ], '>', \$out, '2>', \$err);
is($? >> 8, 0, 'feed.xml is well-formed XML for xmllint') or diag($err);
($out, $err) = ('', '');
IPC::Run::run([ 'xmllint', '--xpath', q{count(/*[local-name()='feed']/*[local-name()='entry'][*[local-name()='id'] and *[local-name()='title'] and *[local-name()='updated']])}, "$site/feed.xml" ],
	'>', \$out, '2>', \$err);
chomp $out;
is($out, $node->safe_psql('site', 'SELECT least(50, count(*)) FROM glossary.entries WHERE updated IS NOT NULL'),
	'every feed entry has id, title and updated');

my $profile = PostgreSQL::Test::Utils::tempdir;
my @flags = (
	'--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
	'--disable-background-networking', '--disable-component-update', '--disable-sync',
	"--user-data-dir=$profile", '--hide-scrollbars', '--virtual-time-budget=3000');
local $ENV{HOME} = $profile;

sub chromium
{
	my ($out, $err) = ('', '');
	my $ok = IPC::Run::run([ $chromium, @flags, @_ ], '<', \undef, '>', \$out, '2>', \$err,
		IPC::Run::timeout(120));
	return ($ok, $out, $err);
}

my %slugs = map { $_ => 1 } split /\n/, $node->safe_psql('site', 'SELECT slug FROM glossary.entries');
my $shots = "$PostgreSQL::Test::Utils::tmp_check/screenshots";
make_path($shots);

for my $page (@pages, 'index')
{
	my ($ok, $dom, $err) = chromium('--dump-dom', "file://$site/$page.html");
	ok($ok, "$page: Chromium renders it") or diag($err);
	my ($json) = $dom =~ m{<pre id="glossary-check">(.*?)</pre>}s;
	ok(defined $json, "$page: the check script ran") or do { diag(substr($dom, 0, 2000)); next; };
	$json =~ s/&lt;/</g; $json =~ s/&gt;/>/g; $json =~ s/&quot;/"/g; $json =~ s/&amp;/&/g;
	my $r = decode_json($json);

	ok(!$r->{pwned}, "$page: no script from the content ran (window.pwned unset)");
	my $title = decode('UTF-8', $node->safe_psql('site',
		$page eq 'index' ? "SELECT 'Glossary'" : "SELECT term || ' · Glossary' FROM glossary.entries WHERE slug = '$page'"));
	is($r->{title}, $title, "$page: document.title is the page's own");
	is_deeply($r->{problems}, [], "$page: no script element, handler, frame or unconverted link in the DOM");
	my @bad = grep { !($_->{href} =~ /^([a-z0-9-]+)\.html$/ && $slugs{$1} && $1 eq $_->{slug}) } @{ $r->{anchors} };
	is_deeply(\@bad, [], "$page: every glossary anchor goes to an existing entry's page");
	my @unsafe = grep { defined $_ && /^\s*(?!https?:)[a-z][a-z0-9+.-]*:/i } @{ $r->{other_links} };
	is_deeply(\@unsafe, [], "$page: other links are http, https or relative");

	next if $page eq 'index';
	my $in_body = grep { $_->{in_body} } @{ $r->{anchors} };
	my $links = $node->safe_psql('site', "SELECT count(*) FROM glossary.links WHERE entry = '$page'");
	is($in_body + $r->{marked}, $links, "$page: each of the $links links of the body is an anchor or marked");
}

# what the hostile page shows of its links
{
	my ($ok, $dom) = chromium('--dump-dom', "file://$site/hostile-page.html");
	like($dom, qr{<span class="glossary-dangling" data-glossary-target="entry never written"[^>]*>entry never written</span>},
		'hostile-page: the wanted entry is marked dangling');
	like($dom, qr{<span class="glossary-ambiguous" data-glossary-target="shared label"[^>]*>shared label</span>},
		'hostile-page: the ambiguous label is marked');
	like($dom, qr{<a class="glossary-link" href="open-weights.html"[^>]*>&lt;img src=x onerror="window.pwned=1"&gt;</a>},
		'hostile-page: markup in a link text is shown as text');
	like($dom, qr{<h1 class="glossary-term">Hostile &lt;script&gt;}, 'hostile-page: the term is escaped');
}

# the index: counts and every category
{
	my ($ok, $dom) = chromium('--dump-dom', "file://$site/index.html");
	my $n = $node->safe_psql('site', 'SELECT count(*) FROM glossary.entries');
	my $m = $node->safe_psql('site', 'SELECT count(*) FROM glossary.categories');
	like($dom, qr{<p class="glossary-counts">$n entries · $m categories</p>}, 'index: the counts');
	my $sections = () = $dom =~ /<section class="glossary-category"/g;
	is($sections, $m, 'index: one section per category');
}

# screenshots, the card of the first body link shown by the hover script
for my $page (@pages, 'index')
{
	my $png = "$shots/$page.png";
	my ($ok, $out, $err) = chromium('--window-size=900,1000', "--screenshot=$png", "file://$site/$page.html#show-card");
	ok($ok && -s $png, "$page: screenshot saved") or diag($err);
	open my $ph, '<:raw', $png or next;
	read $ph, my $magic, 8;
	close $ph;
	is($magic, "\x89PNG\r\n\x1a\n", "$page: the screenshot is a PNG");
	copy($png, "$ENV{GLOSSARY_SCREENSHOTS}/$page.png") if $ENV{GLOSSARY_SCREENSHOTS};
}

$node->stop;
done_testing();
