# glossary-load against a server that wants a password (SCRAM): with
# PGPASSWORD it connects, with --no-password it fails and says why, without
# a terminal it fails instead of reading stdin, and on a terminal (a pty) it
# asks, as psql does.
use strict;
use warnings;
use File::Path qw(make_path);
use IPC::Run;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use GlossaryTest;

my $node = PostgreSQL::Test::Cluster->new('password');
$node->init;
use_staged_extension($node);
$node->append_conf('postgresql.conf', "password_encryption = 'scram-sha-256'");
$node->start;
$node->safe_psql('postgres', q{CREATE ROLE loader LOGIN PASSWORD 'correct horse'});
$node->safe_psql('postgres', 'CREATE DATABASE t_pw OWNER loader');
$node->safe_psql('t_pw', 'CREATE EXTENSION glossary');
$node->safe_psql('t_pw', 'GRANT USAGE ON SCHEMA glossary TO loader; GRANT ALL ON ALL TABLES IN SCHEMA glossary TO loader');
# the superuser keeps trust for the test's own psql calls; everyone else needs SCRAM
open my $hba, '>', $node->data_dir . '/pg_hba.conf' or die;
print $hba "local all postgres trust\nlocal all all scram-sha-256\n";
close $hba;
$node->reload;

my $tmp = PostgreSQL::Test::Utils::tempdir;

# the glossary-load of this build, not one installed on the system
my $cli = staged_glossary_load();
make_path("$tmp/in");
open my $fh, '>', "$tmp/in/glossary.yaml" or die;
print $fh "categories:\n  - {slug: weights, title: Weights}\n"
  . "entries:\n  - {slug: open-weights, term: open weights, category: weights, summary: Parameters anyone can download.}\n";
close $fh;

my $conninfo = $node->connstr('t_pw') . ' user=loader';
delete $ENV{PGPASSWORD};
delete $ENV{PGPASSFILE};
$ENV{PGPASSFILE} = "$tmp/no-such-pgpass";

# run without a controlling terminal (setsid), so that nothing can prompt
sub load_detached
{
	my @args = @_;
	my ($out, $err) = ('', '');
	IPC::Run::run([ 'setsid', '-w', $cli, @args ], '<', \undef, '>', \$out, '2>', \$err);
	return ($? >> 8, $out, $err);
}

my ($rc, $out, $err) = load_detached('-d', $conninfo, '-w', "$tmp/in");
is($rc, 2, '--no-password without a password: exit 2');
like($err, qr/^glossary-load: could not connect: the server asks for a password, and --no-password forbids asking for one\nHINT:  Set PGPASSWORD/,
	'--no-password: a clear message and what to do');
($rc, $out, $err) = load_detached('-d', $conninfo, "$tmp/in");
is($rc, 2, 'no terminal to ask on: exit 2');
like($err, qr/the server asks for a password, and there is no terminal to ask on/, 'no terminal: says so, reads nothing from stdin');
($rc, $out, $err) = load_detached('-d', $conninfo, '-W', "$tmp/in");
is($rc, 2, '--password without a terminal: exit 2');
($rc, $out, $err) = load_detached('-d', $conninfo, '-w', '-W', "$tmp/in");
is($rc, 2, '--no-password with --password: usage error');
is($node->safe_psql('t_pw', 'SELECT count(*) FROM glossary.entries'), '0', 'nothing was loaded');

{
	local $ENV{PGPASSWORD} = 'correct horse';
	($rc, $out, $err) = load_detached('-d', $conninfo, '-w', "$tmp/in");
	is($rc, 0, 'PGPASSWORD with --no-password: loads') or diag($err);
	like($out, qr/loaded 1 file: 1 category, 1 entry/, 'and says what it loaded');
	$ENV{PGPASSWORD} = 'wrong';
	($rc, $out, $err) = load_detached('-d', $conninfo, '-w', "$tmp/in");
	is($rc, 2, 'a wrong PGPASSWORD: exit 2');
	like($err, qr/could not connect: .*password authentication failed for user "loader"/s, 'libpq says the password was wrong');
}

# the prompt, on a pseudo-terminal
SKIP:
{
	skip 'IO::Pty is not installed (Debian package libio-pty-perl): the prompt is not tested', 6
	  unless eval { require IO::Pty; 1 };
	# a chroot or container without /dev/pts has no pseudo-terminals to give
	skip 'no pseudo-terminal can be opened here (is /dev/pts mounted?): the prompt is not tested', 6
	  unless eval { local $SIG{__WARN__} = sub { }; IO::Pty->new; 1 };

	# answer the prompt with $answer; returns (exit status, everything the terminal showed)
	my $prompted = sub {
		my ($answer, @args) = @_;
		my ($in, $tty) = ('', '');
		my $h = IPC::Run::start([ $cli, @args ],
			'<pty<', \$in, '>pty>', \$tty, IPC::Run::timeout(60));
		eval { $h->pump until $tty =~ /Password: /; };
		if ($@)
		{
			$h->kill_kill;
			return (-1, $tty);
		}
		$in .= "$answer\n";
		$h->finish;
		return ($h->result(0), $tty);
	};

	$node->safe_psql('t_pw', 'DELETE FROM glossary.entries; DELETE FROM glossary.categories');
	my ($prc, $shown) = $prompted->('correct horse', '-d', $conninfo, "$tmp/in");
	is($prc, 0, 'on a terminal it asks for the password and loads') or diag($shown);
	like($shown, qr/Password: /, 'the prompt is shown');
	unlike($shown, qr/correct horse/, 'the password is not echoed');
	is($node->safe_psql('t_pw', 'SELECT count(*) FROM glossary.entries'), '1', 'the entry is there');

	($prc, $shown) = $prompted->('not it', '-d', $conninfo, "$tmp/in");
	is($prc, 2, 'a wrong password typed: exit 2');
	like($shown, qr/password authentication failed/, 'a wrong password typed: libpq says so');
}

$node->stop;
done_testing();
