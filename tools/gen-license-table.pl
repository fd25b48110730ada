#!/usr/bin/perl
# gen-license-table.pl: turn data/licenses.tsv into src/license_table.h, the C tables
# that src/licences.c searches.  Usage: gen-license-table.pl data/licenses.tsv > src/license_table.h
#
# Every spelling is normalised exactly as license_normalize() in src/licences.c does:
# ASCII upper case to lower case; runs of space, tab, CR, LF, _ - , / ( ) : ; " ' split
# words; a leading "v" before a digit is dropped from a word ("v2.0" -> "2.0"); the words
# license, licence, licensed, agreement, version and the are dropped; the words are joined
# with "-".  The spelling table is sorted by byte order for a binary search.
#
# The build stops on any malformed line: wrong column count, unknown kind or flag, an
# open licence with restrictions, a source that is not a URL, a duplicate id, or a spelling
# that two licences share.
use strict;
use warnings;

# The restriction flags, in bit order, with the sentence explain() prints for each.
my @flags = (
	['acceptable-use-policy', 'a separate acceptable-use policy binds every user'],
	['user-cap', 'licensees above a number of monthly active users need a separate licence'],
	['revenue-cap', 'licensees above a revenue threshold need a separate or paid licence'],
	['non-commercial', 'commercial or production use is not granted'],
	['no-derivatives', 'modified versions may not be shared'],
	['field-of-use', 'listed uses or fields of endeavour are prohibited'],
	['flow-down', 'the use restrictions must be imposed on every downstream recipient'],
	['naming-duty', 'derived models or products must carry a prescribed name'],
	['attribution-duty', 'products must display a prescribed "built with" notice'],
	['output-use-restriction', 'outputs may not be used to train or improve other models'],
	['remote-revocation', 'the licensor may restrict use remotely or unilaterally'],
	['geographic-restriction', 'rights are withheld from some regions'],
	['hosting-restriction', 'offering the model as a hosted service needs a separate licence'],
	['prior-authorisation', 'commercial use needs the licensor\'s prior written permission'],
	['unilateral-changes', 'the licensor may change binding terms or policies at any time'],
);
my %flagbit;
$flagbit{$flags[$_][0]} = $_ for 0 .. $#flags;
my %kinds = ('osi-approved' => 'LICENSE_KIND_OSI', 'open-data' => 'LICENSE_KIND_OPEN_DATA',
			 'restricted' => 'LICENSE_KIND_RESTRICTED');
my %stop = map { $_ => 1 } qw(license licence licensed agreement version the);
# Hugging Face placeholders: they mean "see weights_license_name" and are never a licence.
my %placeholder = map { $_ => 1 } qw(other unknown);
use constant MAX_NORMALIZED => 256;
use constant MAX_INPUT => 1024;

sub normalize
{
	my ($s) = @_;
	$s =~ tr/A-Z/a-z/;
	my @words = grep { length } split /[ \t\r\n_\-,\/():;"']+/, $s;
	s/^v(?=[0-9])// for @words;
	return join '-', grep { !$stop{$_} } @words;
}

sub c_string
{
	my ($s) = @_;
	$s =~ s/(["\\])/\\$1/g;
	die "control character in string\n" if $s =~ /[\x00-\x1f]/;
	return "\"$s\"";
}

my $file = shift @ARGV or die "usage: $0 data/licenses.tsv\n";
open my $in, '<', $file or die "$file: $!\n";
my (@licenses, %by_id, %spelling);    # %spelling: normalized -> [licence index, line]
my $errors = 0;
sub bad { my ($line, $msg) = @_; print STDERR "$file:$line: $msg\n"; $errors++; }

while (my $row = <$in>)
{
	my $ln = $.;
	chomp $row;
	$row =~ s/\r$//;
	next if $row =~ /^\s*(#|$)/;
	my @c = split /\t/, $row, -1;
	if (@c != 7) { bad($ln, "expected 7 tab-separated columns, found " . scalar(@c)); next; }
	my ($id, $name, $kind, $restr, $spell, $source, $note) = @c;
	my $ok = 1;
	for ([id => $id], [name => $name], [source => $source], [note => $note], [spellings => $spell], [restrictions => $restr])
	{
		if ($_->[1] eq '' || $_->[1] =~ /^\s|\s$/) { bad($ln, "column $_->[0] is empty or has surrounding blanks"); $ok = 0; }
	}
	next unless $ok;
	bad($ln, "id \"$id\" has characters outside A-Z a-z 0-9 . + -"), next unless $id =~ /^[A-Za-z0-9.+-]+$/;
	bad($ln, "duplicate id \"$id\" (first on line $by_id{$id})"), next if exists $by_id{$id};
	bad($ln, "unknown kind \"$kind\" (expected osi-approved, open-data or restricted)"), next unless $kinds{$kind};
	bad($ln, "source must be an http(s) URL"), next unless $source =~ m{^https?://\S+$};
	my $mask = 0;
	my @rs = $restr eq '-' ? () : split /,/, $restr;
	for my $r (@rs)
	{
		if (!exists $flagbit{$r}) { bad($ln, "unknown restriction flag \"$r\""); $ok = 0; next; }
		if ($mask & (1 << $flagbit{$r})) { bad($ln, "restriction \"$r\" listed twice"); $ok = 0; }
		$mask |= 1 << $flagbit{$r};
	}
	bad($ln, "restrictions are only for restricted licences, not $kind ones"), next if $kind ne 'restricted' && @rs;
	next unless $ok;

	my @written = $spell eq '-' ? () : split /\|/, $spell, -1;
	my %seen_text;
	my $idx = scalar @licenses;
	for my $s ($id, $name, @written)
	{
		if ($s eq '' || $s =~ /^\s|\s$/) { bad($ln, "empty spelling or spelling with surrounding blanks"); $ok = 0; next; }
		if (length($s) > MAX_INPUT) { bad($ln, "spelling \"$s\" is longer than " . MAX_INPUT . " bytes"); $ok = 0; next; }
		if ($s =~ /[^\x20-\x7e]/) { bad($ln, "spelling \"$s\" has characters outside printable ASCII"); $ok = 0; next; }
		if ($seen_text{$s}++) { bad($ln, "spelling \"$s\" written twice"); $ok = 0; next; }
		my $n = normalize($s);
		if ($n eq '') { bad($ln, "spelling \"$s\" is empty once normalised"); $ok = 0; next; }
		if (length($n) > MAX_NORMALIZED) { bad($ln, "spelling \"$s\" is longer than " . MAX_NORMALIZED . " bytes once normalised"); $ok = 0; next; }
		if ($placeholder{$n}) { bad($ln, "spelling \"$s\" is a placeholder tag, not a licence"); $ok = 0; next; }
		if (exists $spelling{$n})
		{
			my ($other, $oln) = @{$spelling{$n}};
			next if $other == $idx;    # two spellings of this licence that normalise alike
			bad($ln, "spelling \"$s\" (normalised \"$n\") already belongs to $licenses[$other]{id} on line $oln");
			$ok = 0;
			next;
		}
		$spelling{$n} = [$idx, $ln];
	}
	next unless $ok;
	$by_id{$id} = $ln;
	push @licenses, { id => $id, name => $name, kind => $kinds{$kind}, mask => $mask,
					  spellings => join('|', @written), source => $source, note => $note };
}
close $in;
die "$file: $errors error(s); src/license_table.h not written\n" if $errors;
die "$file: no licences\n" unless @licenses;

print "/* Generated by tools/gen-license-table.pl from $file: do not edit. */\n\n";
printf "#define LICENSE_FLAG_COUNT %d\n", scalar @flags;
printf "#define LICENSE_MAX_NORMALIZED %d\n\n", MAX_NORMALIZED;
print "static const LicenseFlag license_flags[LICENSE_FLAG_COUNT] = {\n";
printf "\t{%s, %s},\n", c_string($_->[0]), c_string($_->[1]) for @flags;
print "};\n\n";
print "static const LicenseInfo license_table[] = {\n";
for my $l (@licenses)
{
	printf "\t{%s, %s, %s, 0x%04x, %s, %s, %s},\n", c_string($l->{id}), c_string($l->{name}), $l->{kind},
		$l->{mask}, c_string($l->{spellings}), c_string($l->{source}), c_string($l->{note});
}
print "};\n\n";
print "/* normalised spelling -> index into license_table, sorted by byte order */\n";
print "static const LicenseSpelling license_spellings[] = {\n";
{
	use bytes;
	printf "\t{%s, %d},\n", c_string($_), $spelling{$_}[0] for sort keys %spelling;
}
print "};\n";
