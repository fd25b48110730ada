# The README's reference names every SQL object of the install script
# (each CREATE FUNCTION, VIEW, TABLE, TYPE and DOMAIN of sql/NN-*.sql), every
# setting the module defines (DefineCustom*Variable in src/*.c, but for
# src/fault_inject.c, which only the FAULTS=1 test build has) and every
# long option of glossary-load (src/cli/options.c).  Needs no server.
use strict;
use warnings;
use Cwd;
use Test::More;

my $top = Cwd::getcwd();
sub slurp
{
	my ($path) = @_;
	open my $fh, '<', $path or die "$path: $!";
	local $/;
	return <$fh>;
}

my $readme = slurp("$top/README.md");
my $reference = $readme =~ /^## Reference\n(.*?)(?=^## |\z)/ms ? $1 : '';
ok($reference ne '', 'the README has a section "Reference"');

my (%objects, %settings, %options);
foreach my $f (sort glob("$top/sql/[0-9][0-9]-*.sql"))
{
	my $sql = slurp($f);
	while ($sql =~ /CREATE\s+(FUNCTION|VIEW|TABLE|TYPE|DOMAIN)\s+(?:\@extschema\@\.)?(\w+)/gi)
	{
		$objects{$2} = lc $1;
	}
}
foreach my $f (sort glob("$top/src/*.c"))
{
	# the fault-injection build's settings (make FAULTS=1) are no part of the module users get
	next if $f =~ m{/fault_inject\.c$};
	my $c = slurp($f);
	$settings{$1} = 1 while $c =~ /DefineCustom\w+Variable\(\s*"([^"]+)"/g;
}
my $cli = slurp("$top/src/cli/options.c");
$options{$1} = 1 while $cli =~ /\{\s*"([a-z][a-z-]*)",\s*(?:no|required|optional)_argument/g;

ok(keys(%objects) > 40, scalar(keys %objects) . ' SQL objects in sql/');
ok(keys(%settings) >= 2, scalar(keys %settings) . ' settings in src/');
ok(keys(%options) >= 10, scalar(keys %options) . ' glossary-load options in src/cli/options.c');

foreach my $name (sort keys %objects)
{
	ok($reference =~ /^\|[^|]*`\Q$name\E[`(]/m, "the reference has a row for the $objects{$name} $name");
}
foreach my $name (sort keys %settings)
{
	ok($reference =~ /^\|[^|]*`\Q$name\E`/m, "the reference has a row for the setting $name");
}
foreach my $name (sort keys %options)
{
	ok($reference =~ /^\|[^|]*`--\Q$name\E[`= ]/m, "the reference has a row for glossary-load --$name");
}

done_testing();
