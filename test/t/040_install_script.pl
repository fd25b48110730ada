# The install script as built (sql/glossary--1.0.sql, assembled by make from
# sql/NN-*.sql) and the control file are hardened:
# - no CREATE OR REPLACE and no IF NOT EXISTS (CVE-2022-2625: an object an
#   attacker created first must make CREATE EXTENSION fail, not be adopted);
# - outside the bodies of functions that pin search_path to pg_catalog,
#   pg_temp, every call of a built-in function is schema-qualified and every
#   operator is written OPERATOR(pg_catalog.x) (views, defaults, CHECKs,
#   SQL-standard bodies and unpinned bodies are all checked);
# - @extschema@ appears in no single-quoted literal except the regclass
#   argument of pg_extension_config_dump (CVE-2023-39417);
# - the control file pins the schema, is not relocatable, and is not trusted.
# Type names are not checked: they are resolved once, at CREATE time, with
# pg_catalog searched first, and a type never wins by being a better match.
use strict;
use warnings;
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;

sub slurp_file_text
{
	my ($f) = @_;
	open my $fh, '<', $f or die "$f: $!";
	local $/;
	return scalar <$fh>;
}

my @scripts = sort glob('sql/glossary--*.sql');
ok(scalar(grep { m{^sql/glossary--[0-9.]+\.sql$} } @scripts) >= 1, 'the assembled install script exists')
  or BAIL_OUT('run make first');

# names of every function in pg_catalog, from a running server
my $node = PostgreSQL::Test::Cluster->new('install_script');
$node->init;
$node->start;
my %builtin = map { $_ => 1 } split /\n/,
  $node->safe_psql('postgres', "SELECT DISTINCT proname FROM pg_proc WHERE pronamespace = 'pg_catalog'::regnamespace");
ok($builtin{lower} && $builtin{count}, 'the list of built-in functions is known');

# Split a script into top-level statements; within each, separate code from
# comments, single-quoted literals and dollar-quoted bodies.  Returns a list
# of { code => text with literals replaced by '', bodies => [...],
# literals => [...], line => first line }.
sub statements
{
	my ($sql) = @_;
	my @out;
	my $cur = { code => '', bodies => [], literals => [], line => 1 };
	my $line = 1;
	while (length $sql)
	{
		if ($sql =~ s/^(--[^\n]*)//) { next; }
		elsif ($sql =~ s/^(\/\*.*?\*\/)//s) { $line += () = $1 =~ /\n/g; next; }
		elsif ($sql =~ s/^(\$([A-Za-z_]*)\$)(.*?)\1//s)
		{
			push @{ $cur->{bodies} }, $3;
			$cur->{code} .= ' $BODY$ ';
			$line += () = $3 =~ /\n/g;
		}
		elsif ($sql =~ s/^((?:[EeUu]&?)?'((?:[^']|'')*)')//s)
		{
			push @{ $cur->{literals} }, $2;
			$cur->{code} .= " '' ";
			$line += () = $2 =~ /\n/g;
		}
		elsif ($sql =~ s/^("(?:[^"]|"")*")//) { $cur->{code} .= $1; }
		elsif ($sql =~ s/^;//)
		{
			push @out, $cur if $cur->{code} =~ /\S/;
			$cur = { code => '', bodies => [], literals => [], line => $line };
		}
		elsif ($sql =~ s/^(\n)//) { $cur->{code} .= $1; $line++; $cur->{line} = $line if $cur->{code} !~ /\S/; }
		elsif ($sql =~ s/^([^-\/\$'";\n]+|.)//s) { $cur->{code} .= $1; }
	}
	push @out, $cur if $cur->{code} =~ /\S/;
	return @out;
}

# problems in a piece of SQL code (literals already blanked)
sub unqualified
{
	my ($code) = @_;
	my @bad;
	(my $c = $code) =~ s/OPERATOR\s*\(\s*pg_catalog\.[^)]+\)/ /g;
	$c =~ s/^\s*SET\s+\w+\s*=//mg;                          # SET search_path = ...
	$c =~ s/\bSET\s+(search_path|client_min_messages)\s*=/ /g;
	$c =~ s/\bDEFAULT\b/ /g;
	# storage parameters, WITH (security_invoker = true) or SET (...): no operator
	$c =~ s/\b(?:WITH|SET)\s*\(\s*\w+\s*=\s*\w+(?:\s*,\s*\w+\s*=\s*\w+)*\s*\)/ /g;
	while ($c =~ /(?<![\w."@])([A-Za-z_][A-Za-z_0-9]*)\s*\(/g)
	{
		my $name = lc $1;
		next unless $builtin{$name};
		push @bad, "function $1()";
	}
	while ($c =~ /(=|<>|!=|<=|>=|<|>|~~?\*?|!~~?\*?|\|\||@@|@>|<@|&&)/g)
	{
		push @bad, "operator $1";
	}
	return @bad;
}

for my $script (@scripts)
{
	my $update = $script =~ /--.*--/;
	my $text = slurp_file_text($script);
	my @problems;

	for my $st (statements($text))
	{
		my $code = $st->{code};
		my $head = join(' ', (split ' ', $code)[0 .. 3]);
		push @problems, "line $st->{line}: CREATE OR REPLACE ($head)"
		  if $code =~ /\bCREATE\s+OR\s+REPLACE\b/i && !($update && $code =~ /\bCREATE\s+OR\s+REPLACE\s+FUNCTION\b/i);
		push @problems, "line $st->{line}: IF NOT EXISTS ($head)" if $code =~ /\bIF\s+NOT\s+EXISTS\b/i;
		push @problems, "line $st->{line}: IF EXISTS ($head)" if $code =~ /\bIF\s+EXISTS\b/i && !$update;

		my $pinned = $code =~ /\bSET\s+search_path\s*=\s*pg_catalog\s*,\s*pg_temp\b/i;
		# the statement itself: view and table definitions, defaults, CHECKs, SQL-standard bodies
		push @problems, map { "line $st->{line}: unqualified $_ in: $head" } unqualified($code);
		# function bodies, unless the function pins its search_path
		unless ($pinned)
		{
			for my $body (@{ $st->{bodies} })
			{
				# the body's own literals do not count
				my $b = join '', map { $_->{code} } statements($body);
				push @problems, map { "line $st->{line}: unqualified $_ in the body of an unpinned function: $head" }
				  unqualified($b);
			}
		}
		for my $lit (@{ $st->{literals} })
		{
			next unless $lit =~ /\@extschema\@/;
			next if $code =~ /^\s*SELECT\s+pg_catalog\.pg_extension_config_dump\s*\(/i;
			push @problems, "line $st->{line}: \@extschema\@ inside a string literal: '$lit'";
		}
	}
	is(join("\n", @problems), '', "$script: hardened")
	  or diag "rules: qualify built-ins as pg_catalog.f(), operators as OPERATOR(pg_catalog.=), or pin SET search_path = pg_catalog, pg_temp";
}

# the heuristic itself finds what it must
my @selftest = statements(q{
CREATE OR REPLACE FUNCTION @extschema@.f(a text) RETURNS text LANGUAGE sql AS $$ SELECT lower(a) || 'x' $$;
CREATE VIEW @extschema@.v AS SELECT min(x) FROM t WHERE a = 'it''s -- not a comment';
CREATE FUNCTION @extschema@.g() RETURNS int LANGUAGE sql SET search_path = pg_catalog, pg_temp AS $$ SELECT count(*) FROM t WHERE a = b $$;
SELECT pg_catalog.set_config('x', '@extschema@', false);
});
is(scalar(@selftest), 4, 'self-test: four statements');
is_deeply([ unqualified(join '', map { $_->{code} } statements($selftest[0]{bodies}[0])) ], [ 'function lower()', 'operator ||' ],
	'self-test: an unpinned body is checked');
is_deeply([ unqualified($selftest[1]{code}) ], [ 'function min()', 'operator =' ], 'self-test: a view is checked');
is_deeply([ unqualified($selftest[2]{code}) ], [], 'self-test: a pinned body is not');
is($selftest[3]{literals}[1], '@extschema@', 'self-test: literals are found');

# the control file
my $control = slurp_file_text('glossary.control');
like($control, qr/^relocatable\s*=\s*false/m, 'control: not relocatable');
like($control, qr/^schema\s*=\s*glossary/m, 'control: the schema is fixed');
like($control, qr/^trusted\s*=\s*false/m, 'control: not trusted (see docs/reliability.md, "Trusted?")');
unlike($control, qr/^superuser\s*=\s*false/m, 'control: installing needs a superuser');

$node->stop;
done_testing();
