# Every relative link in README.md, CHANGELOG.md and docs/*.md leads to a
# file of the repository, and every #anchor to a heading of the page it names
# (as GitHub makes anchors: lower case, punctuation dropped, spaces as
# hyphens, "-1", "-2" for repeats).  Links inside code (fenced and indented
# blocks, code spans) are examples, not links, and are not checked.
# Needs no server.
use strict;
use warnings;
use Cwd;
use File::Basename qw(dirname);
use File::Spec;
use Test::More;

my $top = Cwd::getcwd();
my @files = grep { -f "$top/$_" } ('README.md', 'CHANGELOG.md',
	map { s{^\Q$top\E/}{}r } sort glob("$top/docs/*.md"));

# the prose of a Markdown file: its lines with code blocks blanked out
sub prose
{
	my ($path) = @_;
	open my $fh, '<', $path or die "$path: $!";
	my @lines = <$fh>;
	close $fh;
	my ($fence, $prev_blank, $in_indent) = (undef, 1, 0);
	foreach my $l (@lines)
	{
		if (defined $fence)
		{
			$fence = undef if $l =~ /^\Q$fence\E\s*$/;
			$l = "\n";
			next;
		}
		if ($l =~ /^(```+|~~~+)/)
		{
			$fence = $1;
			$l = "\n";
			next;
		}
		my $blank = $l =~ /^\s*$/;
		if ($l =~ /^(    |\t)/ && ($prev_blank || $in_indent))
		{
			$in_indent = 1;
			$l = "\n";
		}
		elsif (!$blank)
		{
			$in_indent = 0;
		}
		$prev_blank = $blank;
	}
	return @lines;
}

# the anchors GitHub gives the headings of a file
my %anchors;
sub anchors
{
	my ($path) = @_;
	return $anchors{$path} if $anchors{$path};
	my (%seen, %set);
	foreach my $l (prose($path))
	{
		next unless $l =~ /^#{1,6}\s+(.*?)\s*#*\s*$/;
		my $a = lc $1;
		utf8::decode($a);
		$a =~ s/[^\w\- ]//g;
		$a =~ s/ /-/g;
		utf8::encode($a);
		my $n = $seen{$a}++;
		$set{ $n ? "$a-$n" : $a } = 1;
	}
	return $anchors{$path} = \%set;
}

ok(scalar(@files) > 1, 'pages to check: ' . join(' ', @files));
my $links = 0;
foreach my $file (@files)
{
	my @lines = prose("$top/$file");
	for my $n (0 .. $#lines)
	{
		(my $l = $lines[$n]) =~ s/`+[^`]*`+//g;
		while ($l =~ /\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)
		{
			my $target = $1;
			next if $target =~ m{^[a-z][a-z0-9+.-]*:}i;    # https:, mailto: ...
			$links++;
			my ($path, $anchor) = $target =~ /^([^#]*)(?:#(.*))?$/;
			my $where = "$file line " . ($n + 1) . ": $target";
			my $dest = $path eq '' ? "$top/$file"
			  : File::Spec->canonpath("$top/" . dirname($file) . "/$path");
			if ($path =~ m{^/} || !-e $dest)
			{
				fail("$where: no such file");
				next;
			}
			if (defined $anchor)
			{
				if ($dest !~ /\.md$/ || !anchors($dest)->{$anchor})
				{
					fail("$where: no heading with that anchor");
					next;
				}
			}
			pass($where);
		}
	}
}
ok($links > 50, "$links relative links checked");

done_testing();
