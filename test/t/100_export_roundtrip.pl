# glossary-load --export: the glossary as files (categories.yaml, one .mdx
# per entry), loaded back into an empty database table by table, exported
# again file by file; the same through --map with site-shaped content;
# unchanged data leaves every file untouched; stale files; bad directories.
use strict;
use warnings;
use Cwd;
use File::Path qw(make_path);
use IPC::Run;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use GlossaryTest;

my $node = PostgreSQL::Test::Cluster->new('export');
$node->init;
use_staged_extension($node);
$node->start;

my $tmp = PostgreSQL::Test::Utils::tempdir;

# the glossary-load of this build, not one installed on the system
my $cli = staged_glossary_load();
my $top = $ENV{TESTDIR} // getcwd();
my $data = "$top/data";

sub new_db
{
	my ($name) = @_;
	$node->safe_psql('postgres', "CREATE DATABASE $name");
	$node->safe_psql($name, 'CREATE EXTENSION glossary');
	return $node->connstr($name);
}

sub run_cli
{
	my @args = @_;
	my ($out, $err) = ('', '');
	IPC::Run::run([ $cli, @args ], '<', \undef, '>', \$out, '2>', \$err);
	return ($? >> 8, $out, $err);
}

sub put
{
	my ($path, $text) = @_;
	(my $dir = $path) =~ s{/[^/]*$}{};
	make_path($dir);
	open my $fh, '>:raw', $path or die "$path: $!";
	print $fh $text;
	close $fh;
}

# every row of every glossary table, one string per table
my @tables = qw(categories entries entry_categories aliases sources links);
sub table_dump
{
	my ($db, $table) = @_;
	return $node->safe_psql($db,
		"SELECT count(*)::text || E'\\n' || coalesce(string_agg(t::text, E'\\n' ORDER BY t::text COLLATE \"C\"), '') FROM glossary.$table t");
}

sub same_tables
{
	my ($db_a, $db_b, $what) = @_;
	is(table_dump($db_b, $_), table_dump($db_a, $_), "$what: table $_ is the same") for @tables;
}

# diff -r: identical trees, nothing missing on either side
sub same_files
{
	my ($x, $y, $what) = @_;
	my ($out, $err) = ('', '');
	IPC::Run::run([ 'diff', '-r', $x, $y ], '>', \$out, '2>', \$err);
	is($? >> 8, 0, "$what: diff -r finds no difference") or diag($out . $err);
}

# path -> mtime of every file under a directory
sub mtimes
{
	my ($dir) = @_;
	my %m;
	for my $f (glob("$dir/*.yaml"), glob("$dir/entries/*"))
	{
		$m{$f} = (stat $f)[9];
	}
	return \%m;
}

# ---------------------------------------------------------------------------
# the shipped glossary: load, export, load the export, export again
# ---------------------------------------------------------------------------
my $db_a = new_db('t_a');
my ($rc, $out, $err) = run_cli('-d', $db_a, '-q', $data);
is($rc, 0, 'data/ loads') or diag($err);
my $nentries = $node->safe_psql('t_a', 'SELECT count(*) FROM glossary.entries');
my $nfiles = $nentries + 1;

my $x = "$tmp/x";
($rc, $out, $err) = run_cli('-d', $db_a, '--export', $x);
is($rc, 0, '--export writes the files') or diag($err);
is($out, "glossary-load: exported $nfiles files to $x: $nfiles written, 0 unchanged\n", 'the summary counts the files');
unlike($err, qr/ERROR|WARNING/, 'no error or warning');
ok(-f "$x/categories.yaml", 'categories.yaml');
my @written = glob("$x/entries/*.mdx");
is(scalar @written, $nentries, 'one .mdx per entry, in entries/');
like(slurp_file("$x/entries/open-weights.mdx"), qr/\A---\nterm: open weights\n(?s:.*)\n---\n\n\S/,
	'an entry file is front matter, then a blank line, then the body');
unlike(slurp_file("$x/entries/open-weights.mdx"), qr/^slug:/m, 'the slug is the file name, not a key');

my $db_b = new_db('t_b');
($rc, $out, $err) = run_cli('-d', $db_b, $x);
is($rc, 0, 'the export loads into an empty database') or diag($err);
like($out, qr/^glossary-load: loaded $nfiles files: .*, 0 warnings\n\z/, 'with no warning');
same_tables('t_a', 't_b', 'data/ -> export -> load');

my $y = "$tmp/y";
($rc, $out, $err) = run_cli('-d', $db_b, '--export', $y);
is($rc, 0, 'the second database exports');
same_files($x, $y, 'export -> load -> export');

# a second export of unchanged data touches no file
my $before = mtimes($x);
sleep 1;
($rc, $out, $err) = run_cli('-d', $db_a, '--export', $x);
is($out, "glossary-load: exported $nfiles files to $x: 0 written, $nfiles unchanged\n", 're-export: every file unchanged');
is_deeply(mtimes($x), $before, 're-export: no file was rewritten (same mtimes)');

# one changed entry rewrites one file; --dry-run reports it and writes nothing
$node->safe_psql('t_a', q{UPDATE glossary.entries SET summary = 'A changed summary.' WHERE slug = 'gguf'});
($rc, $out, $err) = run_cli('-d', $db_a, '--export', $x, '--dry-run', '-v');
like($out, qr/dry run, nothing written; checked $nfiles files to \Q$x\E: 1 to write, ${\($nfiles - 1)} unchanged/, '--dry-run counts the file to write');
like($err, qr{\Q$x\E/entries/gguf\.mdx: would be written}, '--dry-run -v names it');
is_deeply(mtimes($x), $before, '--dry-run writes nothing');
($rc, $out, $err) = run_cli('-d', $db_a, '--export', $x);
like($out, qr/: 1 written, ${\($nfiles - 1)} unchanged\n/, 'one changed entry: one file written');
like(slurp_file("$x/entries/gguf.mdx"), qr/^summary: A changed summary\.$/m, 'with the new summary');

# ---------------------------------------------------------------------------
# bodies byte for byte, also those Markdown would not keep after front matter
# ---------------------------------------------------------------------------
my $db_c = new_db('t_c');
$node->safe_psql('t_c', q{
	INSERT INTO glossary.categories (slug, title) VALUES ('misc', 'Misc');
	INSERT INTO glossary.entries (slug, term, category, summary, body) VALUES
	  ('leading', 'Leading', 'misc', 'Starts with blank lines.', E'\n\n  indented\n'),
	  ('esm', 'ESM', 'misc', 'A paragraph that reads as an MDX import.', E'Intro.\n\nimport x from "y"\n\nOutro.'),
	  ('crlf', 'CRLF', 'misc', 'Windows line ends.', E'one\r\ntwo\r\n'),
	  ('unicode', U&'K\00F6ln \2013 \D83D\DE00', 'misc', U&'Caf\00E9, na\00EFve, \65E5\672C.', U&'\00E9\0301 <G term="x">y</G>'),
	  ('fence', 'Fence', 'misc', 'A body with a front-matter fence.', E'---\ntitle: not front matter\n---'),
	  ('plain', 'yes', 'misc', '2026-01-01', 'Plain.');
	INSERT INTO glossary.aliases VALUES ('plain', 'null'), ('plain', '~'), ('plain', 'a: b');
});
my $cx = "$tmp/cx";
($rc, $out, $err) = run_cli('-d', $db_c, '--export', $cx);
is($rc, 0, 'hostile bodies export') or diag($err);
like(slurp_file("$cx/entries/leading.mdx"), qr/^body: /m, 'a body with leading blank lines goes into the front matter');
like(slurp_file("$cx/entries/esm.mdx"), qr/^body: /m, 'a body with an import-like paragraph goes into the front matter');
my $db_d = new_db('t_d');
($rc, $out, $err) = run_cli('-d', $db_d, $cx);
is($rc, 0, 'and load back') or diag($err);
same_tables('t_c', 't_d', 'hostile bodies');
my $cy = "$tmp/cy";
run_cli('-d', $db_d, '--export', $cy);
same_files($cx, $cy, 'hostile bodies, exported again');

# ---------------------------------------------------------------------------
# site-shaped content through --map
# ---------------------------------------------------------------------------
my $site = "$tmp/site";
put("$site/layers.yaml", <<'EOT');
categories:
  - slug: weights
    title: Weights
    tier: core
    order: 6
    description: Parameters and the families that publish them.
  - slug: governance
    title: Governance
    tier: meta
    order: 12
    description: Definitions, licences and the bodies that write them.
EOT
put("$site/glossary/open-weights.mdx", <<'EOT');
---
term: open weights
aliases: [open-weight, open weight]
primary_layer: weights
secondary_layers: [governance]
summary: Model parameters anyone can download and run.
sources:
  - title: "The Open Source AI Definition 1.0"
    url: "https://opensource.org/ai/open-source-ai-definition"
updated: 2026-05-18
---

import G from "../../components/G.astro";

Not the same as <G term="osaid">open source AI</G>; compare <G term="llama">Llama</G>.
EOT
put("$site/glossary/osaid.mdx", <<'EOT');
---
term: OSAID
aliases: [Open Source AI Definition]
primary_layer: governance
summary: The OSI definition of what makes an AI system open source.
updated: 2026-05-18
---

import G from "../../components/G.astro";

It asks for more than <G term="open-weights">open weights</G>.
EOT
my @map = ('--map', 'primary_layer=category', '--map', 'secondary_layers=also', '--map', 'order=position');
my $s1 = new_db('t_s1');
($rc, $out, $err) = run_cli('-d', $s1, @map, $site);
is($rc, 0, 'site content loads with --map') or diag($err);
my $sx = "$tmp/sx";
($rc, $out, $err) = run_cli('-d', $s1, @map, '--export', $sx);
is($rc, 0, 'and exports with the same --map') or diag($err);
my $ow = slurp_file("$sx/entries/open-weights.mdx");
like($ow, qr/^primary_layer: weights$/m, '--map read backwards: primary_layer');
like($ow, qr/^secondary_layers: \[governance\]$/m, '--map read backwards: secondary_layers');
unlike($ow, qr/^(category|also):/m, 'no glossary key names where the site has its own');
like(slurp_file("$sx/categories.yaml"), qr/^  order: 12$/m, 'categories.yaml: order, not position');
my $s2 = new_db('t_s2');
($rc, $out, $err) = run_cli('-d', $s2, @map, $sx);
is($rc, 0, 'the site-shaped export loads with the same --map') or diag($err);
like($err, qr/"llama"/, 'the dangling link of the site is still reported');
same_tables('t_s1', 't_s2', 'site content through --map');
my $sy = "$tmp/sy";
run_cli('-d', $s2, @map, '--export', $sy);
same_files($sx, $sy, 'site content through --map, exported again');
($rc, $out, $err) = run_cli('-d', $s2, $sx);
is($rc, 1, 'without --map the site-shaped export is refused, as the site content is');
like($err, qr/unknown key "order"/, 'the site key is named');

# ---------------------------------------------------------------------------
# files that are not in the database; bad directories and maps
# ---------------------------------------------------------------------------
put("$sx/entries/gone.mdx", "---\nterm: gone\n---\n");
put("$sx/entries/notes.txt", "not an entry file\n");
($rc, $out, $err) = run_cli('-d', $s1, @map, '--export', $sx);
is($rc, 0, 'a stale entry file is no error');
like($err, qr{\Q$sx\E/entries/gone\.mdx: WARNING:  this file is not part of the export; it was left as it is\nHINT:  Loading the directory would load these files too; export with --replace to delete them\.},
	'a stale entry file is a warning');
ok(-f "$sx/entries/gone.mdx", 'and is kept');
($rc, $out, $err) = run_cli('-d', $s1, @map, '--export', $sx, '--replace');
like($out, qr/, 1 deleted\n\z/, '--export --replace deletes it');
ok(!-e "$sx/entries/gone.mdx", 'the stale file is gone');
ok(-f "$sx/entries/notes.txt", 'files of other types are left alone');

my $empty = new_db('t_empty');
($rc, $out, $err) = run_cli('-d', $empty, '--export', $sx, '--replace');
is($rc, 1, '--export --replace from an empty glossary is refused');
like($err, qr/--replace with no entry in the database would delete every entry file/, 'and says why');
ok(-f "$sx/entries/open-weights.mdx", 'no entry file was deleted');
like(slurp_file("$sx/categories.yaml"), qr/^  order: 12$/m, 'and no file was written');

put("$tmp/a-file", "x\n");
($rc, $out, $err) = run_cli('-d', $s1, '--export', "$tmp/a-file");
is($rc, 1, 'export into a file that is not a directory: exit 1');
like($err, qr{a-file: ERROR:  could not create directory: Not a directory}, 'says why');
($rc, $out, $err) = run_cli('-d', $s1, '--export', "$tmp/new", '--map', 'layer=category', '--map', 'primary_layer=category');
is($rc, 1, 'a --map that cannot be read backwards: exit 1');
like($err, qr/"key_map" maps both "layer" and "primary_layer" to "category"/, 'the server says why');
ok(!-e "$tmp/new", 'and nothing was written');
($rc, $out, $err) = run_cli('-d', $s1, '--export', "$tmp/new", $site);
is($rc, 2, '--export with a PATH: usage error');

$node->stop;
done_testing();
