# The build needs cmark 0.29 or later (safe output by default: raw HTML and
# dangerous URLs dropped): render_markdown.c stops with a clear #error on
# older headers.  Compiled here against the installed cmark, and against a
# cmark.h that claims 0.28.3.
use strict;
use warnings;
use Cwd;
use PostgreSQL::Test::Utils;
use Test::More;

my $top = $ENV{TESTDIR} // getcwd();
my $pg_config = $ENV{PG_CONFIG} // 'pg_config';
my $cc = `$pg_config --cc`;
chomp $cc;
my $server = `$pg_config --includedir-server`;
chomp $server;
my @compile = (split(' ', $cc), '-fsyntax-only', "-I$top/src", "-I$server", "$top/src/render_markdown.c");

my ($ok, $out, $err);
$ok = IPC::Run::run([@compile], '>', \$out, '2>', \$err);
ok($ok, 'render_markdown.c compiles against the installed cmark') or diag($err);

my $fake = PostgreSQL::Test::Utils::tempdir;
open(my $fh, '>', "$fake/cmark.h") or die "$fake/cmark.h: $!";
print $fh "#include_next <cmark.h>\n#undef CMARK_VERSION\n#define CMARK_VERSION ((0 << 16) | (28 << 8) | 3)\n";
close $fh;
$ok = IPC::Run::run([ @compile[ 0 .. $#compile - 1 ], "-I$fake", $compile[-1] ], '>', \$out, '2>', \$err);
ok(!$ok, 'and not against cmark 0.28');
like($err, qr/error: #error "glossary needs cmark 0\.29 or later, which drops raw HTML by default/,
	'the error names the version needed');

done_testing();
