# Every failure path of the shared label index, exercised (issue 19): runs
# against the fault-injection build (make FAULTS=1, src/fault_inject.h),
# which make test stages apart and names in GLOSSARY_FAULT_STAGE; skipped
# without it.  For each path (a full build, an in-area update, a session copy
# of a change too large for the room, the publish of a session's own copy,
# the sharing of the lazily built parts) the test counts the fault points a
# statement reaches, then for every N makes the Nth one fail: an ERROR
# there, and again a sleep there ended by statement_timeout.  After each:
# the statement failed at that point, the server did not crash, the session
# and then every session read no image (readers 0), no session is left
# attached, the database keeps exactly one image after its next statement,
# none once it is dropped, and the answers (resolve, mentions, suggest over
# a fixed list) equal those of an index built from scratch by a session
# with glossary.shared_index = off.  Then: statement_timeout and
# pg_cancel_backend of a session waiting on the build lock, and
# pg_terminate_backend of the builder that holds it half-way through
# writing its image; and the reader count when attaching fails after
# read_slot (in label_shmem_publish's finish_slot, and in label_shmem_find).
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use Time::HiRes qw(usleep);

plan skip_all => 'GLOSSARY_FAULT_STAGE is unset: make test builds the FAULTS=1 module and stages it there'
  unless $ENV{GLOSSARY_FAULT_STAGE} && $ENV{GLOSSARY_FAULT_STAGE_CONF};

my $node = PostgreSQL::Test::Cluster->new('faults');
$node->init;
my $pkglibdir = `pg_config --pkglibdir`;
chomp $pkglibdir;
# the extension's scripts and its library from the fault stage only: a
# second copy of the library (the normal stage's) must never be loaded
$node->append_conf('postgresql.conf', $ENV{GLOSSARY_FAULT_STAGE_CONF} . "\n" . qq{
shared_preload_libraries = '$ENV{GLOSSARY_FAULT_STAGE}$pkglibdir/glossary'
glossary.shared_index_size = '16MB'
log_min_messages = warning
log_statement = none
});
$node->start;

# the glossary: 22 entries, 2 of them with an alias (46 labels: the key
# table has room for a one-entry change to be applied in the area); every
# case gets a fresh copy
my @words = qw(alpha bravo charlie delta echo foxtrot golf hotel india juliet
  kilo lima mike november oscar papa quebec romeo sierra tango uniform victor);
$node->safe_psql('postgres', 'CREATE DATABASE checks');
$node->safe_psql('checks', 'CREATE EXTENSION glossary');
$node->safe_psql('postgres', 'CREATE DATABASE ftemplate');
$node->safe_psql('ftemplate', q{SET client_min_messages = warning; CREATE EXTENSION glossary;
	INSERT INTO glossary.categories VALUES ('faults', 'Faults');
	INSERT INTO glossary.entries (slug, term, category, summary)
		SELECT 'e-' || w, 'Term ' || w, 'faults', 'Summary of ' || w || '.'
		FROM unnest(ARRAY['} . join("','", @words) . q{']) w;
	INSERT INTO glossary.aliases SELECT 'e-' || w, 'alias ' || w
		FROM unnest(ARRAY['alpha', 'bravo']) w;});

my @labels = ((map { ("term $_", "alias $_", "terms $_") } @words),
	'changed term', 'changed alias', 'room term 7', 'room alias 7 3', 'own term');
my $answers = q{SELECT (SELECT string_agg(l || '=' || coalesce(glossary.resolve(l), '-'), ',' ORDER BY l)
		FROM unnest(ARRAY['} . join("','", @labels) . q{']) l)
	|| '|' || coalesce((SELECT string_agg(slug, ',' ORDER BY slug)
		FROM glossary.mentions('Term alpha with alias bravo, changed term, room term 7 and own term')), '')
	|| '|' || coalesce((SELECT string_agg(slug, ',') FROM (SELECT slug FROM glossary.suggest('term alpah') LIMIT 3) s), '')};

my $warm = q{SELECT glossary.resolve('term alpha')};
my $update = q{UPDATE glossary.entries SET term = 'Changed term' WHERE slug = 'e-echo';
	INSERT INTO glossary.aliases VALUES ('e-echo', 'changed alias')};
# 400 entries with 9 aliases each: more than the room a copy in the area gets
my $large = q{INSERT INTO glossary.entries (slug, term, category, summary)
		SELECT 'room-' || i, 'Room term ' || i, 'faults', 'Summary.' FROM generate_series(1, 400) i;
	INSERT INTO glossary.aliases SELECT 'room-' || i, 'room alias ' || i || ' ' || j
		FROM generate_series(1, 400) i, generate_series(1, 9) j};

# name => [setup statements (sessions of their own), statements before the
# counted one in its session, the counted statement]
my @paths = (
	[ 'full build', [], '', $warm ],
	[ 'in-area update', [ $warm, $update ], '', $warm ],
	[ 'session copy', [ $warm, $large ], '', $warm ],
	[
		'publish of the session\'s own copy', [$warm],
		"BEGIN;\nUPDATE glossary.entries SET term = 'Own term' WHERE slug = 'e-golf';\n$warm;\nCOMMIT;\n", $warm
	],
	[ 'shared parts', [$warm], '', q{SELECT count(*) FROM glossary.mentions('term alpha and alias bravo'), glossary.suggest('term alpah')} ],
);

my $dbn = 0;
my $cases = 0;
my %points_seen;

sub fresh_db
{
	my ($setup) = @_;
	my $db = 'f' . ++$dbn;
	$node->safe_psql('postgres', "CREATE DATABASE $db TEMPLATE ftemplate");
	$node->safe_psql($db, $_) for @$setup;
	return $db;
}

sub drop_db
{
	my ($db) = @_;
	$node->safe_psql('postgres', "DROP DATABASE $db WITH (FORCE)");
}

# the server has not crashed (or restarted) since $offset of its log
sub no_crash
{
	my ($offset, $what) = @_;
	my $log = slurp_file($node->logfile, $offset);
	if ($log =~ /(terminated by signal|was terminated by|all server processes terminated|database system was interrupted|PANIC)/)
	{
		fail("$what: no crash (log: $1)");
		return 0;
	}
	return 1;
}

# every session that ran a case has gone and left nothing read or attached
sub no_leaks
{
	my ($what) = @_;
	my $ok = 0;
	# a session that has just quit may still be on its way out: 10 s at most
	for (1 .. 100)
	{
		last if $ok = $node->safe_psql('checks', q{SELECT (SELECT sessions FROM glossary.shared_area_stats()) = 1
			AND (SELECT coalesce(sum(readers), 0) FROM glossary.shared_index_stats()) = 0}) eq 't';
		usleep(100_000);
	}
	if (!$ok)
	{
		fail("$what: no leaked reader or session: "
			  . $node->safe_psql('checks', q{SELECT (SELECT row(a.*)::text FROM glossary.shared_area_stats() a) || ' ' || coalesce((SELECT string_agg(row(s.*)::text, ' ') FROM glossary.shared_index_stats() s), '')}));
		return 0;
	}
	return 1;
}

# the names of the fault points the counted statement of a path reaches, in order
sub count_points
{
	my ($path) = @_;
	my ($name, $setup, $pre, $stmt) = @$path;
	my $db = fresh_db($setup);
	my ($out, $err);
	$node->psql($db, "$pre SET glossary.fault_trace = on;\nSET glossary.fault_at = 0;\n$stmt;\nSHOW glossary.fault_points_reached;",
		stdout => \$out, stderr => \$err, on_error_stop => 1);
	my @names = $err =~ /glossary fault point \d+: (\S+)/g;
	is($out =~ /(\d+)\s*$/ ? $1 : -1, scalar(@names), "$name: SHOW glossary.fault_points_reached counts the points traced");
	my $fresh = $node->safe_psql($db, "SET glossary.shared_index = off; $answers");
	drop_db($db);
	return ($fresh, @names);
}

# one case: the Nth point of a path fails ($mode 'error') or sleeps until statement_timeout ('timeout')
sub run_case
{
	my ($path, $n, $point, $fresh, $mode) = @_;
	my ($name, $setup, $pre, $stmt) = @$path;
	my $what = "$name, $mode at point $n ($point)";
	my $db = fresh_db($setup);
	my $offset = -s $node->logfile;
	my $arm = $mode eq 'error' ? "SET glossary.fault_at = $n;"
	  : "SET glossary.fault_action = 'sleep'; SET glossary.fault_sleep_ms = 2000; SET statement_timeout = '150ms'; SET glossary.fault_at = $n;";
	my ($out, $err);
	$node->psql($db, "$pre$arm\n$stmt;\nRESET statement_timeout;\nSET glossary.fault_at = 0;\n"
		  . "SELECT 'readers=' || coalesce(sum(readers), 0) FROM glossary.shared_index_stats();\n"
		  . "SELECT 'answers=' || ($answers);\n"
		  . "SELECT 'readers=' || coalesce(sum(readers), 0) FROM glossary.shared_index_stats();\n",
		stdout => \$out, stderr => \$err, on_error_stop => 0);
	$cases++;
	$points_seen{$point} = 1;
	my $expect = $mode eq 'error' ? qr/ERROR:  glossary fault injected at point $n: \Q$point\E(\n|$)/
	  : qr/ERROR:  canceling statement due to statement timeout/;
	# a sleep where interrupts are held (an LWLock) ends when the timeout
	# fires, and the statement fails at its next interruption point, if any
	my $failed = $err =~ $expect || ($mode eq 'timeout' && $err !~ /ERROR/);
	my ($readers1, $after, $readers2) = $out =~ /^readers=(\d+)\nanswers=(.*)\nreaders=(\d+)$/m;
	my $ok = $failed && defined $after && $readers1 == 0 && $readers2 == 0 && $after eq $fresh;
	ok($ok, "$what: the statement fails there; then its session reads nothing and answers as a fresh index")
	  or diag("stderr: $err\nstdout: $out\nfresh: $fresh");
	$ok &&= no_crash($offset, $what);
	$ok &&= no_leaks($what);
	my $again = $node->safe_psql($db, "$answers;\nSELECT count(*) FROM glossary.shared_index_stats() s WHERE s.database = (SELECT oid FROM pg_database WHERE datname = current_database()) AND s.newest");
	$ok &&= is($again, "$fresh\n1", "$what: a new session answers as a fresh index, from the one image of its database");
	drop_db($db);
	$ok &&= is($node->safe_psql('checks', 'SELECT count(*) FROM glossary.shared_index_stats()'), '0', "$what: nothing left after DROP DATABASE");
	return $ok;
}

my $npoints_total = 0;
my %fresh;
for my $path (@paths)
{
	my ($fresh, @names) = count_points($path);
	$fresh{ $path->[0] } = $fresh;
	my %uniq = map { $_ => 1 } @names;
	diag(sprintf('%s: %d fault points reached (%d distinct): %s', $path->[0], scalar(@names), scalar(keys %uniq), join(' ', @names)));
	ok(@names > 0, "$path->[0]: the path reaches fault points");
	$npoints_total += @names;
	# an error at every point reached; a sleep ended by statement_timeout
	# at the first time each point is reached
	my %first;
	for my $n (1 .. @names)
	{
		run_case($path, $n, $names[ $n - 1 ], $fresh, 'error');
		$first{ $names[ $n - 1 ] } //= $n;
	}
	run_case($path, $_, $names[ $_ - 1 ], $fresh, 'timeout') for sort { $a <=> $b } values %first;
}

# The build lock (a heavyweight lock) and a builder held half-way: the
# builder sleeps at publish.write, holding the build lock and a slot it is
# writing.  A second session waits on the lock: statement_timeout ends its
# wait, then pg_cancel_backend does; then the builder is terminated.
{
	my $what = 'build lock';
	my $db = fresh_db([]);
	my $offset = -s $node->logfile;
	my $in_db = qq{(SELECT oid FROM pg_database WHERE datname = '$db')};
	my $builder = $node->background_psql($db, on_error_stop => 0);
	$builder->query_safe(q{SET glossary.fault_match = 'publish.write'; SET glossary.fault_action = 'sleep';
		SET glossary.fault_sleep_ms = 120000; SET glossary.fault_at = 1});
	$builder->query_until(qr/building/, "\\echo building\n$warm;\n");
	ok($node->poll_query_until($db, q{SELECT count(*) = 1 FROM pg_stat_activity WHERE wait_event = 'PgSleep' AND datname = current_database()}),
		"$what: the builder sleeps half-way through writing its image");
	is($node->safe_psql('checks', qq{SELECT readers || ' ' || newest FROM glossary.shared_index_stats() WHERE database = $in_db}),
		'1 false', "$what: its half-written image is read by it alone and is not the newest");

	my ($out, $err);
	$node->psql($db, "SET statement_timeout = '300ms';\n$warm;", stdout => \$out, stderr => \$err);
	like($err, qr/canceling statement due to statement timeout/, "$what: statement_timeout ends a wait on the build lock");
	$cases++;

	my $waiter = $node->background_psql($db, on_error_stop => 0);
	$waiter->query_until(qr/waiting/, "\\echo waiting\n$warm;\n");
	ok($node->poll_query_until($db, q{SELECT count(*) = 1 FROM pg_locks WHERE locktype = 'advisory' AND NOT granted}),
		"$what: a second session waits on the build lock");
	$node->safe_psql('postgres', q{SELECT pg_cancel_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted});
	pump_until($waiter->{run}, $waiter->{timeout}, \$waiter->{stderr}, qr/canceling statement due to user request/);
	like($waiter->{stderr}, qr/canceling statement due to user request/, "$what: pg_cancel_backend ends a wait on the build lock");
	$cases++;
	$waiter->{stderr} = '';
	is($waiter->query_safe(qq{SELECT coalesce(sum(readers), 0) || ' ' || count(*) FROM glossary.shared_index_stats() WHERE database = $in_db}),
		'1 1', "$what: the waits left no reader and no image behind: only the builder's");

	$node->safe_psql('postgres', q{SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE wait_event = 'PgSleep'});
	eval { $builder->quit };
	$cases++;
	ok($node->poll_query_until('checks', qq{SELECT count(*) = 0 FROM glossary.shared_index_stats() WHERE database = $in_db}),
		"$what: pg_terminate_backend of the builder frees its half-written image");
	is($waiter->query_safe($answers), $fresh{'full build'}, "$what: the waiting session then builds and answers as a fresh index");
	is($node->safe_psql($db, $answers), $fresh{'full build'}, "$what: and so does a new session");
	$waiter->quit;
	no_crash($offset, $what);
	ok(no_leaks($what), "$what: no leaked reader or session");
	drop_db($db);
}

# Attaching fails after read_slot: in finish_slot, at the end of
# label_shmem_publish (the first image.attach of a build), and in
# label_shmem_find (a session finding the image).  The reader count is
# given back each time, and the image stays whole.
{
	my $what = 'attach after read_slot';
	my $db = fresh_db([]);
	my $check = "SET glossary.fault_at = 0;\nSELECT 'readers=' || coalesce(sum(readers), 0) || ' images=' || count(*) || ' newest=' || bool_and(newest) FROM glossary.shared_index_stats();";
	for my $where ('label_shmem_publish', 'label_shmem_find')
	{
		my ($out, $err);
		$node->psql($db, "SET glossary.fault_match = 'image.attach'; SET glossary.fault_at = 1;\n$warm;\n$check",
			stdout => \$out, stderr => \$err, on_error_stop => 0);
		like($err, qr/glossary fault injected at point 1: image\.attach/, "$what: attaching fails in $where");
		is($out, 'readers=0 images=1 newest=true', "$what ($where): the reader count is given back, the image stays");
		ok(no_leaks($what), "$what ($where): no leaked reader or session");
		$cases++;
	}
	is($node->safe_psql($db, $answers), $fresh{'full build'}, "$what: the image answers as a fresh index");
	drop_db($db);
}

# the fault points in the code: the GLOSSARY_FAULT_POINT()s of src/*.c
my $in_code = 0;
for my $f (glob('src/*.c'))
{
	my $text = slurp_file($f);
	$in_code += () = $text =~ /GLOSSARY_FAULT_POINT\("/g;
}
diag(sprintf('fault injection: %d fault points in the code, %d reached by the %d paths (%d distinct), %d cases run',
	$in_code, $npoints_total, scalar(@paths), scalar(keys %points_seen), $cases));

done_testing();
