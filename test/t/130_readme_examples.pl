# Every example in README.md and docs/*.md works as written, against the
# shipped glossary.  The files are read in a fixed order: README.md, then the
# pages of docs/ in the order of @pages below (a page not listed there comes
# after them, in name order), and the examples run in that order, so a block
# may use what an earlier one of the same page made:
# - shell transcripts (indented blocks whose lines start with "$ ") run in
#   order in one scratch directory holding data/, with PATH, PGHOST and
#   PGPORT pointing at a fresh cluster, and print what the page shows
#   ("..." on the page stands for any number of lines; "$ cat FILE" followed
#   by its content writes FILE first, so a transcript can show its input);
# - every ```sql block runs without error, in order, in a database
#   holding the shipped glossary (so a block may use the tables an earlier
#   block of its section created).  The examples' placeholder paths under
#   /srv/ and /path/to/ read the repository's file of that name (data/,
#   test/data/) or else the shipped entry of that slug, from a fixture
#   directory; the user table model_cards holds the shipped release catalogue.
# Test names give the file and line of the example.
use strict;
use warnings;
use File::Path qw(make_path);
use File::Basename qw(dirname);
use PostgreSQL::Test::Cluster;
use PostgreSQL::Test::Utils;
use Test::More;
use GlossaryTest;

my $top = Cwd::getcwd();
my $stage = $ENV{GLOSSARY_STAGE} or plan skip_all => 'GLOSSARY_STAGE is not set (run through make test)';
my $bindir = `$ENV{PG_CONFIG} --bindir`;
chomp $bindir;

my $node = PostgreSQL::Test::Cluster->new('readme');
$node->init;
use_staged_extension($node);
$node->start;

# the pages, in the order their examples run
my @pages = qw(install data-model loading labels shared-index links pages
  classification hugging-face-and-mof reliability benchmarks development);
my %rank = map { ("docs/$pages[$_].md" => $_) } 0 .. $#pages;
my @files = ('README.md',
	sort { ($rank{$a} // @pages) <=> ($rank{$b} // @pages) or $a cmp $b }
	map { s{^\Q$top\E/}{}r } glob("$top/docs/*.md"));

# each file, split into shell transcripts and SQL blocks (with file and line)
my (@transcripts, @sql);
foreach my $file (@files)
{
	open my $fh, '<', "$top/$file" or die "$file: $!";
	my @lines = <$fh>;
	close $fh;
	for (my $i = 0; $i < @lines; $i++)
	{
		if ($lines[$i] =~ /^```(\w*)\s*$/)
		{
			my ($lang, $start) = ($1, $i + 1);
			my $body = '';
			for ($i++; $i < @lines && $lines[$i] !~ /^```\s*$/; $i++)
			{
				$body .= $lines[$i];
			}
			push @sql, { where => "$file line $start", text => $body } if $lang eq 'sql';
			next;
		}
		next unless $lines[$i] =~ /^    \$ /;
		my ($start, @block) = ($i + 1);
		while ($i < @lines && ($lines[$i] =~ /^    / || ($lines[$i] =~ /^\s*$/ && $i + 1 < @lines && $lines[$i + 1] =~ /^    /)))
		{
			(my $l = $lines[$i]) =~ s/^    //;
			push @block, $l;
			$i++;
		}
		push @transcripts, { where => "$file line $start", lines => \@block };
	}
}
ok(@files > 1, 'the README and the pages of docs/ are read: ' . join(' ', @files));
ok(@transcripts >= 3, 'the pages have shell transcripts');
ok(@sql >= 5, 'the pages have SQL blocks');

# the scratch directory the transcripts run in
my $scratch = PostgreSQL::Test::Utils::tempdir();
system('cp', '-r', "$top/data", "$scratch/data") == 0 or die "copy data: $?";
my %env = (
	PATH => "$stage$bindir:$ENV{PATH}",
	PGHOST => $node->host,
	PGPORT => $node->port,
	PGUSER => $ENV{USER} // scalar getpwuid($<));
delete $ENV{PGDATABASE};

# "$ cmd" lines with the output the README shows after each
sub commands
{
	my ($block) = @_;
	my @cmds;
	foreach my $l (@$block)
	{
		if ($l =~ /^\$ (.*)$/)
		{
			push @cmds, { cmd => $1, out => [] };
		}
		elsif (@cmds)
		{
			push @{ $cmds[-1]{out} }, $l;
		}
	}
	return @cmds;
}

# does the output match the README's lines, where "..." stands for any lines
sub matches
{
	my ($want, $got) = @_;
	my @w = map { (my $x = $_) =~ s/\s+$//; $x } @$want;
	pop @w while @w && $w[-1] eq '';
	my @g = split /\n/, $got, -1;
	pop @g while @g && $g[-1] eq '';
	s/\s+$// for @g;
	my $rx = join('', map { $_ eq '...' ? '(?:.*\n)*?' : quotemeta($_) . "\n" } @w);
	return (@g ? join("\n", @g) . "\n" : '') =~ /\A$rx\z/;
}

my $status = 0;
foreach my $t (@transcripts)
{
	foreach my $c (commands($t->{lines}))
	{
		my $out = join('', @{ $c->{out} });
		if ($c->{cmd} =~ /^cat (\S+)$/ && !-e "$scratch/$1")
		{
			# the transcript shows a file it is about to use: write it
			make_path(dirname("$scratch/$1"));
			open my $w, '>', "$scratch/$1" or die "$1: $!";
			print $w $out;
			close $w;
		}
		my ($stdout, $stderr);
		local @ENV{ keys %env } = values %env;
		# "$?" in a command is the status of the one before, as in one shell
		IPC::Run::run([ 'bash', '-c', "cd '$scratch' && (exit $status); { $c->{cmd} ; } 2>&1" ],
			'>', \$stdout, '2>', \$stderr);
		$status = $? >> 8;
		ok(matches($c->{out}, $stdout), "$t->{where}: \$ $c->{cmd}")
		  or diag("$t->{where} shows:\n$out\ngot:\n$stdout$stderr");
	}
}

# the SQL blocks, in a database with the shipped glossary and the fixtures
my $fixtures = PostgreSQL::Test::Utils::tempdir();
$node->safe_psql('postgres', 'CREATE DATABASE readme_sql');
$node->safe_psql('readme_sql', 'CREATE EXTENSION glossary');
{
	local @ENV{ keys %env } = values %env;
	system("glossary-load -q -d dbname=readme_sql '$top/data' >/dev/null 2>&1") == 0
	  or die 'glossary-load of the shipped glossary failed';
}
$node->safe_psql('readme_sql', qq{
	CREATE TABLE model_cards (name text, card jsonb);
	INSERT INTO model_cards SELECT l ->> 'name', l -> 'card'
	FROM regexp_split_to_table(pg_read_file('$top/data/example-releases.jsonl'), E'\\n') AS t,
		LATERAL (SELECT t::jsonb AS l WHERE t <> '') AS x;
	CREATE ROLE readers; CREATE ROLE editors; CREATE ROLE app_reader; CREATE ROLE app_writer;});

# files the examples read: the shipped content under the names they use
foreach my $block (@sql)
{
	while ($block->{text} =~ m{'((?:/srv|/path/to)/[^']+)'}g)
	{
		my $path = $1;
		(my $base = $path) =~ s{.*/}{};
		(my $slug = $base) =~ s/\.mdx?$//;
		# a file of that name in data/ or test/data/, else the entry of that slug, else the categories
		my ($found) = grep { -f $_ } map { glob("$top/$_/$base") } ('data', 'data/*', 'test/data', 'test/data/*');
		my $src = $found // (-e "$top/data/entries/$slug.mdx" ? "$top/data/entries/$slug.mdx" : "$top/data/categories.yaml");
		make_path(dirname("$fixtures$path"));
		system('cp', $src, "$fixtures$path") == 0 or die "copy $src: $?";
	}
}

foreach my $block (@sql)
{
	(my $text = $block->{text}) =~ s{'((?:/srv|/path/to)/[^']+)'}{'$fixtures$1'}g;
	my ($ret, $stdout, $stderr) = $node->psql('readme_sql', $text,
		extra_params => [ '-v', 'ON_ERROR_STOP=1' ]);
	is($ret, 0, "$block->{where}: the SQL block runs") or diag($stderr);
}

done_testing();
