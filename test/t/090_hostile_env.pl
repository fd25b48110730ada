# The scripts behind make test, make demo and make bench choose their own port,
# socket, user, database and locale: a caller's exported libpq variables
# (PGPORT, PGHOST, PGUSER, PGDATABASE, PGOPTIONS), LANG=C or LC_ALL=C and a
# read-only HOME must not change which server they start or talk to, nor how.
use strict;
use warnings;
use File::Temp qw(tempdir);
use PostgreSQL::Test::Utils;
use Test::More;

my $top = Cwd::getcwd();
my $tmp = tempdir(CLEANUP => 1, DIR => $ENV{TMPDIR} // '/tmp');
my $home = "$tmp/home";
mkdir $home or die "$home: $!";
chmod 0555, $home;

my %hostile = (
	PGPORT => '54329',
	PGHOST => '/nonexistent',
	PGUSER => 'evil',
	PGDATABASE => 'evil',
	PGOPTIONS => '-c search_path=evil',
	PGSERVICE => 'evil',
	PGCLIENTENCODING => 'LATIN1',
	HOME => $home);

# the caller's locale: LANG=C, or LC_ALL=C (and LC_CTYPE=C) without LANG;
# each once with a whole make test run of a regress test and a TAP test,
# whose cluster takes its encoding from the environment
my @locales = (
	[ 'LANG=C', { LANG => 'C', LC_ALL => '' } ],
	[ 'LC_ALL=C without LANG', { LC_ALL => 'C', LC_CTYPE => 'C' }, 'LANG' ]);

for my $locale (@locales)
{
	my ($name, $vars, @unset) = @$locale;
	my %vars = (%hostile, %$vars);

	# the caller's environment as a shell prefix: env [-u NAME] NAME=value ... (values have no quotes)
	my $env = join(' ', 'env', (map { "-u $_" } @unset), map { "$_='$vars{$_}'" } sort keys %vars);

	# 1. cluster_start from tools/common.sh, then a client the way the scripts connect
	my $dir = "$tmp/pg";
	mkdir $dir or die "$dir: $!";
	my $script = <<"EOS";
set -e
. '$top/tools/common.sh'
cluster_start '$dir'
trap "cluster_stop '$dir'" EXIT
psql -X -A -t -c "SELECT current_setting('port'), current_setting('data_directory') LIKE '$dir/%', current_user, current_database(), current_setting('search_path'), current_setting('client_encoding')"
EOS
	my ($out, $err);
	my $ok = IPC::Run::run([ 'bash', '-c', "$env bash -s" ], '<', \$script, '>', \$out, '2>', \$err);
	ok($ok, "$name: cluster_start and a client work under the hostile environment") or diag($err);
	is($out, "5432|t|postgres|postgres|\"\$user\", public|UTF8\n",
		"$name: the client reached our cluster on its own port, as postgres, with default search_path and UTF-8");
	system('rm', '-rf', $dir);

	# 2. a whole make test run (one regress test, one TAP test that stores
	# non-ASCII text) under the same environment
	$ok = IPC::Run::run([ 'bash', '-c', "$env ONLY='schema 100_export_roundtrip' make -s -C '$top' test" ],
		'>', \$out, '2>', \$err);
	ok($ok, "$name: make test passes under the hostile environment") or diag("$out\n$err");
	like($out, qr/^2 passed, 0 failed$/m, "$name: make test ran its two tests and counted them");
}

done_testing();
