# glossary-load, the command-line loader: directories, exit codes, one
# transaction, --dry-run, --replace, --map, warnings, error locations, hostile
# input, and the glossary shipped in data/.
use strict;
use warnings;
use Cwd;
use File::Path qw(make_path);
use IPC::Run;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use GlossaryTest;

my $node = PostgreSQL::Test::Cluster->new('load');
$node->init;
use_staged_extension($node);
$node->append_conf('postgresql.conf', "log_line_prefix = '[%a] '");
$node->start;

my $tmp = PostgreSQL::Test::Utils::tempdir;

# the glossary-load of this build, not one installed on the system
my $cli = staged_glossary_load();

# a fresh database with the extension; returns its conninfo
sub new_db
{
	my ($name) = @_;
	$node->safe_psql('postgres', "CREATE DATABASE $name");
	$node->safe_psql($name, 'CREATE EXTENSION glossary');
	return $node->connstr($name);
}

# run glossary-load; returns (exit status, stdout, stderr)
sub load
{
	my @args = @_;
	my ($out, $err) = ('', '');
	IPC::Run::run([ $cli, @args ], '<', \undef, '>', \$out, '2>', \$err);
	return ($? >> 8, $out, $err);
}

# write a file, creating its directory
sub put
{
	my ($path, $text) = @_;
	(my $dir = $path) =~ s{/[^/]*$}{};
	make_path($dir);
	open my $fh, '>:raw', $path or die "$path: $!";
	print $fh $text;
	close $fh;
}

# a fingerprint of every glossary table
my $tables = join ' UNION ALL ', map {
	"SELECT '$_', count(*)::text || ':' || md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM glossary.$_ t"
} qw(categories entries entry_categories aliases sources links);
sub fingerprint { return $node->safe_psql($_[0], $tables); }

my $categories = <<'EOT';
categories:
  - slug: weights
    title: Weights
    tier: core
    position: 1
    description: Model parameters and the families that publish them.
  - slug: governance
    title: Governance
    tier: meta
    position: 2
    description: Definitions, licences and the bodies that write them.
EOT

my $open_weights = <<'EOT';
---
term: open weights
category: weights
also: [governance]
aliases: [open-weight, open model weights]
summary: Model parameters that anyone can download and run.
sources:
  - title: The Open Source AI Definition 1.0
    url: https://opensource.org/ai/open-source-ai-definition
    publisher: Open Source Initiative
updated: 2026-11-20
---
Open weights are not the same as [[osaid|open source AI]].
EOT

my $osaid = <<'EOT';
---
term: OSAID
category: governance
aliases: [Open Source AI Definition]
summary: The OSI definition of what makes an AI system open source.
---
import G from "../components/G.astro";

The <G term="open-weights">open weights</G> of a model are one part of it.
EOT

my $llama = <<'EOT';
---
slug: llama
term: Llama
category: weights
summary: Meta's family of open-weight language models.
---
Llama is released with [[open-weights]] under its own licence.
EOT

# the tree: categories in YAML at the top, entries in Markdown and MDX below
my $tree = "$tmp/tree";
put("$tree/categories.yaml", $categories);
put("$tree/entries/open-weights.md", $open_weights);
put("$tree/entries/osaid.mdx", $osaid);
put("$tree/entries/models/meta-llama.md", $llama);
put("$tree/README.txt", "not loaded\n");
put("$tree/.drafts/secret.md", "---\nterm: x\n---\nnot loaded\n");

# ---------------------------------------------------------------------------
# a directory loads: YAML first, then Markdown, in one run
# ---------------------------------------------------------------------------
my $db = new_db('t_load');
my ($rc, $out, $err) = load('-d', $db, $tree);
is($rc, 0, 'a directory of YAML and Markdown loads') or diag($err);
like($out,
	qr/^glossary-load: loaded 4 files: 2 categories, 3 entries, 3 aliases, 1 source, 3 links, 0 warnings\n\z/,
	'the run ends with a summary line');
# meta-llama.md links to open-weights.md, which goes in after it: no warning
is($err, '', 'nothing on stderr for a clean load: links to later files are no warning');
is($node->safe_psql('t_load', 'SELECT string_agg(slug, \' \' ORDER BY slug) FROM glossary.entries'),
	'llama open-weights osaid', 'the slug is the file name unless the front matter names one');
is($node->safe_psql('t_load', q{SELECT string_agg(entry || '>' || target, ' ' ORDER BY entry, position) FROM glossary.links}),
	'llama>open-weights open-weights>osaid osaid>open-weights', 'links of Markdown and MDX bodies');
is($node->safe_psql('t_load', q{SELECT category FROM glossary.entry_categories WHERE entry = 'open-weights'}),
	'governance', 'secondary categories');
like($node->safe_psql('t_load', q{SELECT body FROM glossary.entries WHERE slug = 'osaid'}),
	qr/^The <G term="open-weights">/, 'MDX import lines are not body text');

# verbose mode names skipped files and what each file gave
($rc, $out, $err) = load('-d', $db, '-v', $tree);
is($rc, 0, 'reloading the same tree works');
like($err, qr{\Q$tree\E/README\.txt: not a \.yaml, \.yml, \.md or \.mdx file, skipped}, 'verbose: other extensions are skipped with a note');
like($err, qr{\Q$tree\E/\.drafts: hidden, skipped}, 'verbose: hidden directories are skipped');
like($err, qr{\Q$tree\E/categories\.yaml: 2 categories, 0 entries.*\n(?s:.*)\Q$tree\E/entries/models/meta-llama\.md: 0 categories, 1 entry},
	'verbose: YAML before Markdown, one line per file');
is($node->safe_psql('t_load', 'SELECT count(*) FROM glossary.entries'), '3', 're-importing updates, it does not duplicate');

# -q prints nothing on success; the application name is glossary-load
($rc, $out, $err) = load('-d', $db, '-q', $tree);
is("$rc|$out|$err", '0||', '--quiet prints nothing on success');

# ---------------------------------------------------------------------------
# exit status 2: usage and connection errors
# ---------------------------------------------------------------------------
($rc, $out, $err) = load();
is($rc, 2, 'no PATH: exit 2');
like($err, qr/no PATH given/, 'no PATH: says so');
($rc, $out, $err) = load('--no-such-option', $tree);
is($rc, 2, 'unknown option: exit 2');
($rc, $out, $err) = load('-d', $db, "$tmp/does-not-exist");
is($rc, 2, 'a missing path: exit 2');
like($err, qr{\Q$tmp\E/does-not-exist: ERROR:  could not open: No such file or directory}, 'a missing path is named');
($rc, $out, $err) = load('-d', $db, '--map', 'category', $tree);
is($rc, 2, '--map without = : exit 2');
like($err, qr/--map needs FROM=TO/, '--map without = : says what is expected');
($rc, $out, $err) = load('-d', $db, '-q', '-v', $tree);
is($rc, 2, '--quiet with --verbose: exit 2');
put("$tmp/notes.txt", "x\n");
($rc, $out, $err) = load('-d', $db, "$tmp/notes.txt");
is($rc, 2, 'a named file of another type: exit 2');
like($err, qr/unsupported file type/, 'a named file of another type: says so');
($rc, $out, $err) = load('-d', $node->connstr('no_such_db'), $tree);
is($rc, 2, 'connection error: exit 2');
like($err, qr/could not connect: .*no_such_db/, 'connection error: libpq says why');
$node->safe_psql('postgres', 'CREATE DATABASE t_noext');
($rc, $out, $err) = load('-d', $node->connstr('t_noext'), $tree);
is($rc, 2, 'database without the extension: exit 2');
like($err, qr/the glossary extension is not installed in database "t_noext"\nHINT:  Run CREATE EXTENSION glossary/,
	'database without the extension: says how to fix it');
($rc, $out, $err) = load('--help');
is($rc, 0, '--help exits 0');
like($out, qr/Exit status: 0 loaded, 1 the input was refused, 2 usage or connection error/, '--help lists the exit codes');
($rc, $out, $err) = load('--version');
like($out, qr/^glossary-load \(glossary\) \d/, '--version');

# connection through the PG* environment variables alone
{
	local $ENV{PGHOST} = $node->host;
	local $ENV{PGPORT} = $node->port;
	local $ENV{PGDATABASE} = 't_load';
	($rc, $out, $err) = load('-q', $tree);
	is($rc, 0, 'without -d the PG* environment variables are used');
}

# ---------------------------------------------------------------------------
# exit status 1: an error in the last file rolls everything back
# ---------------------------------------------------------------------------
my $bad = "$tmp/bad";
put("$bad/categories.yaml", $categories);
put("$bad/entries/a-first.md", $open_weights);
put("$bad/entries/b-second.mdx", $osaid);
put("$bad/entries/z last.md", <<'EOT');
---
term: last one
category: weights
sumary: The key above has a typo.
---
Body.
EOT
$db = new_db('t_bad');
my $before = fingerprint('t_bad');
($rc, $out, $err) = load('-d', $db, $bad);
is($rc, 1, 'an error in the last file: exit 1');
is($out, '', 'no summary of loaded rows on stdout when nothing was loaded');
like($err, qr{\Q$bad\E/entries/z last\.md}, 'the error names the file');
like($err, qr{unknown key "sumary"}, 'the error says what is wrong');
like($err, qr{line 4\b}, 'the error names the line');
like($err, qr{column 1\b}, 'the error names the column');
like($err, qr{HINT:  .*"summary"}, 'the hint suggests the closest key');
like($err, qr{nothing was loaded: the load stopped at file 4 of 4 \(\Q$bad\E/entries/z last\.md\) and was rolled back},
	'the last line says nothing was kept');
is(fingerprint('t_bad'), $before, 'all or nothing: the tables are unchanged');
like(slurp_file($node->logfile), qr/\[glossary-load\] ERROR:  .*unknown key "sumary"/,
	'the server sees application_name glossary-load');

# a YAML syntax error names its line and column too
put("$tmp/broken.yaml", "categories:\n  - slug: x\n    title: [unclosed\n");
($rc, $out, $err) = load('-d', $db, "$tmp/broken.yaml");
is($rc, 1, 'a YAML syntax error: exit 1');
like($err, qr{\Q$tmp\E/broken\.yaml.*line \d+.*column \d+}s, 'a YAML syntax error names file, line and column');

# ---------------------------------------------------------------------------
# --dry-run checks and reports, then keeps nothing
# ---------------------------------------------------------------------------
$db = new_db('t_dry');
$before = fingerprint('t_dry');
($rc, $out, $err) = load('-d', $db, '--dry-run', $tree);
is($rc, 0, '--dry-run of good input: exit 0');
like($out, qr/^glossary-load: dry run, nothing kept; checked 4 files: 2 categories, 3 entries, /, '--dry-run reports what would load');
is(fingerprint('t_dry'), $before, '--dry-run keeps nothing');
($rc, $out, $err) = load('-d', $db, '--dry-run', $bad);
is($rc, 1, '--dry-run of bad input: exit 1');

# ---------------------------------------------------------------------------
# --replace deletes the entries that are not in the input
# ---------------------------------------------------------------------------
$db = new_db('t_replace');
($rc, $out, $err) = load('-d', $db, '-q', $tree);
is($rc, 0, 'replace: initial load');
my $smaller = "$tmp/smaller";
put("$smaller/glossary.yaml", <<'EOT');
entries:
  - slug: osaid
    term: OSAID
    category: governance
    summary: The OSI definition of what makes an AI system open source.
EOT
put("$smaller/llama.md", $llama);
($rc, $out, $err) = load('-d', $db, '--replace', '-v', "$tree/categories.yaml", $smaller);
is($rc, 0, '--replace: exit 0') or diag($err);
like($out, qr/, 1 entry deleted\n\z/, '--replace counts the deleted entries');
like($err, qr/deleted entry "open-weights", which is not in the input/, '--replace names them in verbose mode');
is($node->safe_psql('t_replace', 'SELECT string_agg(slug, \' \' ORDER BY slug) FROM glossary.entries'),
	'llama osaid', '--replace: the entry that is not in the input is gone');
is($node->safe_psql('t_replace', q{SELECT count(*) FROM glossary.aliases WHERE entry = 'open-weights'}),
	'0', '--replace: with its aliases');
like($err, qr{\Q$smaller\E/llama\.md: WARNING:  1 link target does not resolve to an entry\nDETAIL:  Unresolved: "open-weights" \(in "llama"\)},
	'--replace: a link left dangling by the deletion is a warning of the file that holds it');
($rc, $out, $err) = load('-d', $db, '--replace', "$tree/categories.yaml");
is($rc, 1, '--replace with no entry in the input is refused');
like($err, qr/--replace with no entry in the input would delete every entry/, '--replace with no entry: says why');
is($node->safe_psql('t_replace', 'SELECT count(*) FROM glossary.entries'), '2', '--replace with no entry: nothing deleted');
($rc, $out, $err) = load('-d', $db, '--replace', '--dry-run', "$smaller/llama.md");
like($out, qr/1 entry deleted/, '--replace --dry-run reports the deletion');
is($node->safe_psql('t_replace', 'SELECT count(*) FROM glossary.entries'), '2', '--replace --dry-run deletes nothing');

# ---------------------------------------------------------------------------
# --map: content written for another site loads unchanged
# ---------------------------------------------------------------------------
my $site = "$tmp/site";
put("$site/layers.yaml", $categories);
put("$site/gemma.mdx", <<'EOT');
---
term: Gemma
primary_layer: weights
secondary_layers: [governance]
summary: Google's family of open-weight models.
---
Gemma ships under the Gemma terms, unlike [[llama]].
EOT
$db = new_db('t_map');
($rc, $out, $err) = load('-d', $db, $site);
is($rc, 1, 'front matter with primary_layer is refused without --map');
like($err, qr{\Q$site\E/gemma\.mdx.*unknown key "primary_layer"}s, 'the unknown key is named');
($rc, $out, $err) = load('-d', $db, '--map', 'primary_layer=category', '--map=secondary_layers=also', $site);
is($rc, 0, '--map primary_layer=category --map secondary_layers=also loads it') or diag($err);
is($node->safe_psql('t_map', q{SELECT e.category || ' ' || ec.category FROM glossary.entries e JOIN glossary.entry_categories ec ON ec.entry = e.slug WHERE e.slug = 'gemma'}),
	'weights governance', '--map: primary and secondary categories');

# a link to an entry that does not exist is a warning, and the load succeeds
like($err, qr{\Q$site\E/gemma\.mdx: WARNING:  1 link target does not resolve to an entry\nDETAIL:  Unresolved: "llama" \(in "gemma"\)\.\nHINT:  },
	'a dangling link is a warning naming the file');
like($out, qr/, 1 warning\n\z/, 'the summary counts the warning');
is($node->safe_psql('t_map', q{SELECT target FROM glossary.links WHERE entry = 'gemma'}), 'llama', 'the dangling link is kept');
($rc, $out, $err) = load('-d', $db, '-q', '--map', 'primary_layer=category', '--map=secondary_layers=also', $site);
like($err, qr/WARNING/, '--quiet still shows warnings');

# a label collision is a warning of the file that brings it, and the load succeeds
put("$tmp/collide/gemma-terms.md", <<'EOT');
---
term: Gemma terms
category: governance
aliases: [Gemma]
summary: The licence Google attaches to Gemma models.
---
See [[gemma]].
EOT
($rc, $out, $err) = load('-d', $db, "$tmp/collide");
is($rc, 0, 'a label collision does not stop the load') or diag($err);
like($err, qr{\Q$tmp\E/collide/gemma-terms\.md: WARNING:  1 label collision\nDETAIL:  Labels are compared by their glossary.normalize\(\) key: alias "Gemma" of "gemma-terms" and the slug "gemma" of "gemma" have the key "gemma" \(resolve\(\) gives "gemma"\)\.\n},
	'a label collision is a warning naming the file and what resolve() does with the label');
like($out, qr/, 1 warning\n\z/, 'the summary counts it');

# ---------------------------------------------------------------------------
# hostile input
# ---------------------------------------------------------------------------
$db = new_db('t_hostile');
($rc, $out, $err) = load('-d', $db, '-q', "$tree/categories.yaml");
$before = fingerprint('t_hostile');

# a binary file
put("$tmp/h1/binary.md", "---\nterm: x\n---\nabc\0def\n");
($rc, $out, $err) = load('-d', $db, "$tmp/h1");
is($rc, 1, 'a binary file: exit 1');
like($err, qr{binary\.md: ERROR:  file contains a NUL byte at line 4, column 4 \(byte offset 19\); it is not a text file}, 'a binary file: where the NUL byte is');

# broken UTF-8
put("$tmp/h2/latin1.md", "---\nterm: caf\xe9\ncategory: weights\nsummary: x.\n---\n");
($rc, $out, $err) = load('-d', $db, "$tmp/h2");
is($rc, 1, 'broken UTF-8: exit 1');
like($err, qr{latin1\.md: ERROR:  invalid UTF-8 byte 0xE9 at line 2, column 10 \(byte offset 13\)\nHINT:  Save the file in UTF-8 encoding\.},
	'broken UTF-8: line, column and byte offset');

# an empty file is refused by the server with a message naming it
put("$tmp/h3/empty.md", '');
($rc, $out, $err) = load('-d', $db, "$tmp/h3");
is($rc, 1, 'an empty Markdown file: exit 1');
like($err, qr{empty\.md}, 'an empty Markdown file is named');

# a file over 64 MB is refused before it is read (a sparse file: quick)
open my $big, '>', "$tmp/huge.yaml" or die;
truncate $big, 65 * 1024 * 1024 or die;
close $big;
($rc, $out, $err) = load('-d', $db, "$tmp/huge.yaml");
is($rc, 1, 'a huge file: exit 1');
like($err, qr{huge\.yaml: ERROR:  file is too large: 68157440 bytes, the limit is 67108864 bytes \(64 MB\)}, 'a huge file: the limit is named');

# a directory with nothing to load
make_path("$tmp/h4/empty-dir");
($rc, $out, $err) = load('-d', $db, "$tmp/h4");
is($rc, 1, 'a directory with nothing to load: exit 1');
like($err, qr/no \.yaml, \.yml, \.md or \.mdx files found/, 'a directory with nothing to load: says so');

# symbolic links: a loop is not followed, a link to a file already loaded counts once
put("$tmp/h5/entries/osaid.mdx", $osaid);
symlink("..", "$tmp/h5/entries/loop") or die;
symlink("osaid.mdx", "$tmp/h5/entries/again.md") or die;
symlink("nowhere.md", "$tmp/h5/entries/dangling.md") or die;
($rc, $out, $err) = load('-d', $db, '-v', '--dry-run', "$tmp/h5");
is($rc, 0, 'a directory with a symlink loop loads') or diag($err);
like($err, qr{loop: symbolic link to a directory, not followed}, 'the link to a directory is not followed');
like($err, qr{dangling\.md: broken symbolic link, skipped}, 'a broken link is skipped');
like($out, qr/checked 1 file: .* 1 entry,/, 'a file reached twice is loaded once');

# file names with spaces, quotes, a newline and a byte that is not UTF-8
my $odd = "$tmp/h6/it's a \"name\"\nwith \xff.md";
put($odd, "---\nslug: odd-name\nterm: odd\ncategory: weights\nsummary: A file with an odd name.\n---\n");
($rc, $out, $err) = load('-d', $db, '-v', "$tmp/h6");
is($rc, 0, 'a file name with quotes, a newline and a stray byte loads') or diag($err);
like($err, qr{h6/it's a "name"\\x0Awith \\xFF\.md: 0 categories, 1 entry}, 'the name is shown with escapes, on one line');
is($node->safe_psql('t_hostile', q{SELECT count(*) FROM glossary.entries WHERE slug = 'odd-name'}), '1', 'the entry is there');
$node->safe_psql('t_hostile', q{DELETE FROM glossary.entries WHERE slug = 'odd-name'});

# an unreadable file (meaningless as root, who reads everything)
SKIP:
{
	skip 'running as root', 2 if $> == 0;
	put("$tmp/h7/locked.md", $osaid);
	chmod 0000, "$tmp/h7/locked.md";
	($rc, $out, $err) = load('-d', $db, "$tmp/h7");
	is($rc, 1, 'an unreadable file: exit 1');
	like($err, qr{locked\.md: ERROR:  could not open file: Permission denied}, 'an unreadable file: says so');
	chmod 0644, "$tmp/h7/locked.md";
}
is(fingerprint('t_hostile'), $before, 'hostile input changed nothing');

# ---------------------------------------------------------------------------
# the server is the only reader of the files
# ---------------------------------------------------------------------------
$db = new_db('t_parse');
($rc, $out, $err) = load('-d', $db, '-q', "$tree/categories.yaml");

# anchors and aliases: the client no longer has a YAML reader that would
# take them; the refusal is the server's, the same as from SQL
my $anchored = "---\nterm: anchored\ncategory: &c weights\nalso: [*c]\nsummary: Uses an anchor.\n---\nBody.\n";
put("$tmp/p1/anchored.md", $anchored);
($rc, $out, $err) = load('-d', $db, "$tmp/p1");
is($rc, 1, 'a Markdown file with an anchor is refused');
my ($src, $sout, $serr) = $node->psql('t_parse',
	"SELECT glossary.import_markdown('anchored', \$doc\$$anchored\$doc\$, '$tmp/p1/anchored.md')");
my ($server_error) = $serr =~ /ERROR:  (.*)$/m;
ok(defined $server_error, 'import_markdown refuses it too') or diag($serr);
like($err, qr{\Q$tmp\E/p1/anchored\.md: ERROR:  \Q$server_error\E\n}, 'the load says exactly what the server says');
like($err, qr/CONTEXT:  while importing "\Q$tmp\E\/p1\/anchored\.md", line 3, column 11/, 'at the anchor');
my $aliased = "categories:\n  - &w {slug: weights, title: Weights}\nentries:\n  - {slug: x, term: X, category: weights, summary: S.}\n  - *w\n";
put("$tmp/p2/aliased.yaml", $aliased);
($rc, $out, $err) = load('-d', $db, '--replace', "$tmp/p2");
is($rc, 1, 'a YAML file with an anchor and an alias is refused, also with --replace');
like($err, qr/ERROR:  YAML anchor "&w" is not supported/, 'the first refusal is the anchor');
is($node->safe_psql('t_parse', 'SELECT count(*) FROM glossary.entries'), '0', 'nothing was loaded');

# --replace keeps exactly what the server wrote: "entries: ~" (no entry, as
# the server reads it) used to stop --replace, whose own reader expected a list
put("$tmp/p3/categories.yaml", $categories . "entries: ~\n");
put("$tmp/p3/entries/llama.md", $llama);
put("$tmp/p3/entries/open-weights.md", $open_weights);
($rc, $out, $err) = load('-d', $db, '-q', "$tmp/p3");
is($rc, 0, 'a load with "entries: ~"') or diag($err);
$node->safe_psql('t_parse', q{INSERT INTO glossary.entries (slug, term, category, summary) VALUES ('extra', 'Extra', 'weights', 'Not in the files.')});
($rc, $out, $err) = load('-d', $db, '--replace', '-v', "$tmp/p3");
is($rc, 0, '--replace with "entries: ~" in a file works') or diag($err);
like($out, qr/3 files: 2 categories, 2 entries, .*, 1 entry deleted\n\z/, '--replace: the entry not in the files is deleted');
like($err, qr/deleted entry "extra", which is not in the input/, '--replace names it');
is($node->safe_psql('t_parse', 'SELECT string_agg(slug, \' \' ORDER BY slug) FROM glossary.entries'),
	'llama open-weights', '--replace: exactly the entries the server wrote are kept');

# the slug of a Markdown entry given through --map
put("$tmp/p4/llama.md", "---\nid: llama\nterm: Llama\ncategory: weights\nsummary: A model family.\n---\n");
($rc, $out, $err) = load('-d', $db, '--map', 'id=slug', '--replace', '-q', "$tmp/p4", "$tmp/p3/entries/open-weights.md");
is($rc, 0, '--replace with a slug given through --map') or diag($err);
is($node->safe_psql('t_parse', 'SELECT string_agg(slug, \' \' ORDER BY slug) FROM glossary.entries'),
	'llama open-weights', '--replace: the slug read through --map is kept');

# an extension older than the client
$node->safe_psql('postgres', 'CREATE DATABASE t_old');
$node->safe_psql('t_old', q{CREATE EXTENSION glossary VERSION '1.1'});
($rc, $out, $err) = load('-d', $node->connstr('t_old'), $tree);
is($rc, 2, 'an extension of version 1.1: exit 2');
like($err, qr/the glossary extension in database "t_old" is version 1\.1; glossary-load 1\.3 needs 1\.2 or later\nHINT:  Run ALTER EXTENSION glossary UPDATE/,
	'an old extension: says how to update it');

# ---------------------------------------------------------------------------
# make install puts glossary-load on PATH the Debian way, make uninstall
# takes it away again (into a DESTDIR, as make test stages)
# ---------------------------------------------------------------------------
SKIP:
{
	my $src = $ENV{TESTDIR} // getcwd();
	skip 'not a Debian PostgreSQL layout (no pg_wrapper)', 5
	  unless -x '/usr/share/postgresql-common/pg_wrapper' && -f "$src/Makefile";
	my $pg_config = $ENV{PG_CONFIG} // 'pg_config';
	my $bindir = `$pg_config --bindir`;
	chomp $bindir;
	skip "bindir $bindir is not Debian's", 5 unless $bindir =~ m{^/usr/lib/postgresql/};
	my $dest = "$tmp/destdir";
	my ($mout, $merr) = ('', '');
	IPC::Run::run([ 'make', '-s', '-C', $src, "PG_CONFIG=$pg_config", 'with_llvm=no', 'install-cli', "DESTDIR=$dest" ],
		'>', \$mout, '2>', \$merr);
	is($? >> 8, 0, 'make install-cli into a DESTDIR') or diag($merr);
	ok(-x "$dest$bindir/glossary-load", 'the program is in the version\'s bindir');
	is(readlink("$dest/usr/bin/glossary-load"), '../share/postgresql-common/pg_wrapper',
		'/usr/bin/glossary-load links to pg_wrapper, as /usr/bin/psql does');
	like($mout, qr{glossary-load installed in \Q$bindir\E, run it as glossary-load}, 'make install says where it went');
	IPC::Run::run([ 'make', '-s', '-C', $src, "PG_CONFIG=$pg_config", 'with_llvm=no', 'uninstall-cli', "DESTDIR=$dest" ],
		'>', \$mout, '2>', \$merr);
	ok(!-e "$dest$bindir/glossary-load" && !-l "$dest/usr/bin/glossary-load", 'make uninstall removes both');
}

# ---------------------------------------------------------------------------
# the glossary shipped in data/
# ---------------------------------------------------------------------------
my $top = $ENV{TESTDIR} // getcwd();
my $data = "$top/data";
SKIP:
{
	skip "no data/ directory at $data", 4 unless -f "$data/categories.yaml";
	opendir(my $dh, "$data/entries") or die "$data/entries: $!";
	my $nentries = grep { /\.mdx?$/ && !/^\./ } readdir $dh;
	closedir $dh;
	my $ncategories = () = slurp_file("$data/categories.yaml") =~ /^\s*- slug:/mg;
	my $nfiles = $nentries + 1;

	$db = new_db('t_data');
	($rc, $out, $err) = load('-d', $db, "$data/categories.yaml", "$data/entries");
	is($rc, 0, 'the shipped glossary loads') or diag($err);
	like($out, qr/^glossary-load: loaded $nfiles files: $ncategories categories, $nentries entries, .*, 0 warnings\n\z/,
		'the summary counts every shipped file, category and entry, and no warning');
	is($node->safe_psql('t_data', 'SELECT count(*) FROM glossary.entries'), $nentries, 'one entry per file in data/entries');
	is($node->safe_psql('t_data', 'SELECT count(*) FROM glossary.categories'), $ncategories, 'every category of data/categories.yaml');
}

$node->stop;
done_testing();
