# tools/gen-license-table.pl: the build stops, naming the line, on any malformed
# line of data/licenses.tsv; the shipped file generates cleanly.
use strict;
use warnings;
use File::Temp qw(tempdir);
use Test::More;

my $gen = 'tools/gen-license-table.pl';
my $dir = tempdir(CLEANUP => 1);

# run the generator on a TSV body; returns (exit status, stdout, stderr)
sub generate
{
	my ($body) = @_;
	my $tsv = "$dir/licenses.tsv";
	open my $fh, '>', $tsv or die $!;
	print $fh $body;
	close $fh;
	my $out = `perl $gen $tsv 2>$dir/err`;
	my $status = $? >> 8;
	open my $eh, '<', "$dir/err" or die $!;
	local $/;
	my $err = <$eh>;
	return ($status, $out, $err);
}

my $good = "MIT\tMIT License\tosi-approved\t-\tmit|Expat\thttps://spdx.org/licenses/MIT.html\t-\n";

my ($status, $out, $err) = generate($good);
is($status, 0, 'a valid line generates');
like($out, qr/\{"mit", 0\}/, 'the spelling table holds the normalised spelling');
like($out, qr/\{"expat", 0\}/, 'extra spellings are in the table');

my @bad = (
	["MIT\tMIT License\tosi-approved\t-\tmit\n", qr/:1: expected 7 tab-separated columns, found 5/, 'missing columns'],
	["MIT\tMIT License\tfree\t-\tmit\thttps://x.org/\t-\n", qr/:1: unknown kind "free"/, 'unknown kind'],
	["X\tX Licence\trestricted\tno-fun\tx-licence\thttps://x.org/\t-\n", qr/:1: unknown restriction flag "no-fun"/, 'unknown flag'],
	["X\tX Licence\trestricted\tuser-cap,user-cap\tx\thttps://x.org/\t-\n", qr/restriction "user-cap" listed twice/, 'flag listed twice'],
	["MIT\tMIT License\tosi-approved\tuser-cap\tmit\thttps://x.org/\t-\n", qr/restrictions are only for restricted licences, not osi-approved ones/, 'open licence with flags'],
	["MIT\tMIT License\tosi-approved\t-\tmit\tspdx.org/MIT\t-\n", qr/source must be an http\(s\) URL/, 'source not a URL'],
	[$good . $good, qr/:2: duplicate id "MIT"/, 'duplicate id'],
	[$good . "Expat\tExpat License\tosi-approved\t-\t-\thttps://x.org/\t-\n", qr/:2: spelling "Expat" \(normalised "expat"\) already belongs to MIT on line 1/, 'spelling shared by two licences'],
	["MIT\tMIT License\tosi-approved\t-\tmit|mit\thttps://x.org/\t-\n", qr/spelling "mit" written twice/, 'spelling written twice'],
	["MIT\tMIT License\tosi-approved\t-\tThe License\thttps://x.org/\t-\n", qr/spelling "The License" is empty once normalised/, 'spelling of stop words only'],
	["MIT\tMIT License\tosi-approved\t-\tOther\thttps://x.org/\t-\n", qr/spelling "Other" is a placeholder tag/, 'placeholder as a spelling'],
	["MIT\tMIT License\tosi-approved\t-\t" . ('a' x 300) . "\thttps://x.org/\t-\n", qr/longer than 256 bytes once normalised/, 'spelling too long'],
	["MIT\tMIT License\tosi-approved\t-\tmit \thttps://x.org/\t-\n", qr/surrounding blanks/, 'trailing blank'],
	["M I T\tMIT License\tosi-approved\t-\tmit\thttps://x.org/\t-\n", qr/id "M I T" has characters outside/, 'bad id'],
	["# only a comment\n", qr/no licences/, 'empty file'],
);
for my $case (@bad)
{
	my ($body, $re, $name) = @$case;
	($status, $out, $err) = generate($body);
	isnt($status, 0, "$name: the build stops");
	like($err, $re, "$name: the message names the problem");
}

# the shipped file
$out = `perl $gen data/licenses.tsv 2>$dir/err`;
is($? >> 8, 0, 'data/licenses.tsv generates');
my $n = () = $out =~ /^\t\{".*, LICENSE_KIND_/mg;
cmp_ok($n, '>=', 80, "data/licenses.tsv has at least 80 licences ($n)");

done_testing();
