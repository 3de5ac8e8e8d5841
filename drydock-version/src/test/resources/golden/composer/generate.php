<?php
// Builds composer.tsv and composer-valid.tsv with Debian's Composer\Semver as the oracle.
//
// usage: php generate.php /work/shared/data/vulns      (writes the files next to this script)
// Real versions: introduced/fixed/last_affected/limit/versions values of Packagist records in the OSV JSON
// files under the given directory. Random versions: seeded (SEED below).
// Each pair is normalised with VersionParser::normalize and ordered with Comparator::compare (<, ==, >).
// Versions that normalize rejects, and named branches (normalised form starting "dev-"), are left out
// of the pairs: Composer does not order branches against versions.
require '/usr/share/php/Composer/Semver/autoload.php';

use Composer\Semver\Comparator;
use Composer\Semver\VersionParser;

const SEED = 2026;
mt_srand(SEED);
$parser = new VersionParser();

function normalized(VersionParser $p, string $v): ?string {
    try {
        $n = $p->normalize($v);
    } catch (\UnexpectedValueException $e) {
        return null;
    }
    return strpos($n, 'dev-') === 0 ? null : $n;
}

function pick(array $a) { return $a[mt_rand(0, count($a) - 1)]; }

function realVersions(string $root): array {
    $out = [];
    $it = new RecursiveIteratorIterator(new RecursiveDirectoryIterator($root, FilesystemIterator::SKIP_DOTS));
    $files = [];
    foreach ($it as $f) { if (substr($f, -5) === '.json') { $files[] = (string) $f; } }
    sort($files);
    foreach ($files as $f) {
        $data = json_decode(file_get_contents($f), true);
        if (!is_array($data)) { continue; }
        $recs = array_is_list($data) ? $data : [$data];
        foreach ($recs as $rec) {
            if (!is_array($rec)) { continue; }
            foreach ($rec['affected'] ?? [] as $aff) {
                if (($aff['package']['ecosystem'] ?? '') !== 'Packagist') { continue; }
                foreach ($aff['versions'] ?? [] as $v) { $out[(string) $v] = true; }
                foreach ($aff['ranges'] ?? [] as $r) {
                    foreach ($r['events'] ?? [] as $ev) {
                        foreach (['introduced', 'fixed', 'last_affected', 'limit'] as $k) {
                            if (isset($ev[$k])) { $out[(string) $ev[$k]] = true; }
                        }
                    }
                }
            }
        }
    }
    $out = array_map('strval', array_keys($out));
    sort($out, SORT_STRING);
    return $out;
}

function randVersion(): string {
    $parts = [];
    $n = mt_rand(1, 4);
    for ($i = 0; $i < $n; $i++) { $parts[] = (string) pick([0, 0, 1, 2, 3, 10, 12, 999]); }
    $s = (mt_rand(0, 9) === 0 ? pick(['v', 'V']) : '') . implode('.', $parts);
    if (mt_rand(0, 19) === 0) { $s = pick(['2023', '20230115', '2023.01.15', '2023-01-15']); }
    if (mt_rand(0, 9) < 4) {
        $label = pick(['alpha', 'a', 'beta', 'b', 'RC', 'rc', 'patch', 'pl', 'p', 'stable', 'Beta', 'ALPHA']);
        $s .= pick(['', '-', '.', '_']) . $label;
        if (mt_rand(0, 1)) { $s .= pick(['', '.', '-']) . mt_rand(0, 12); }
        if (mt_rand(0, 5) === 0) { $s .= '.' . mt_rand(0, 3); }
    }
    if (mt_rand(0, 5) === 0) { $s .= pick(['-dev', '.dev', 'dev', '-DEV']); }
    if (mt_rand(0, 12) === 0) { $s .= '+build.' . mt_rand(1, 9); }
    if (mt_rand(0, 20) === 0) { $s = pick(['1.x-dev', '2.1.x-dev', '3.*-dev', 'v1.X-dev', '1.0.x-dev']); }
    return $s;
}

function variant(string $v): string {
    switch (mt_rand(0, 5)) {
        case 0: return $v . '.0';
        case 1: return $v . pick(['-alpha1', '-beta', '-RC2', '-dev', '-patch1', 'p1', '.1', '+meta']);
        case 2: return strtoupper($v);
        default:
            $idx = [];
            for ($i = 0; $i < strlen($v); $i++) { if (ctype_digit($v[$i])) { $idx[] = $i; } }
            if (!$idx) { return $v; }
            $i = pick($idx);
            return substr($v, 0, $i) . ((intval($v[$i]) + pick([1, 9])) % 10) . substr($v, $i + 1);
    }
}

$real = realVersions($argv[1]);
$randoms = [];
for ($i = 0; $i < 700; $i++) { $randoms[] = randVersion(); }
$pool = [];
foreach (array_merge($real, $randoms) as $v) {
    if (normalized($parser, $v) !== null) { $pool[$v] = true; }
}
$pool = array_map('strval', array_keys($pool));
$pairs = [];
$add = function (string $a, string $b) use (&$pairs) {
    if (mt_rand(0, 1)) { [$a, $b] = [$b, $a]; }
    $pairs[$a . "\t" . $b] = [$a, $b];
};
foreach ($pool as $v) {
    for ($k = 0; $k < 2; $k++) {
        $w = variant($v);
        if (normalized($parser, $w) !== null) { $add($v, $w); }
    }
}
$ordered = $pool;
usort($ordered, fn($a, $b) => Comparator::lessThan(normalized($parser, $a), normalized($parser, $b)) ? -1
    : (Comparator::greaterThan(normalized($parser, $a), normalized($parser, $b)) ? 1 : 0));
for ($i = 0; $i + 1 < count($ordered); $i++) { $add($ordered[$i], $ordered[$i + 1]); }
while (count($pairs) < 5000) { $add(pick($pool), pick($pool)); }
ksort($pairs, SORT_STRING);

$out = fopen(__DIR__ . '/composer.tsv', 'w');
fwrite($out, "# a<TAB>op<TAB>b by composer/semver (Debian php-composer-semver 3.3.2, PHP " . PHP_VERSION
    . "): Comparator::compare(normalize(a), op, normalize(b)). Made by generate.php (seed " . SEED . "); see FIXTURES.md\n");
foreach ($pairs as [$a, $b]) {
    $na = normalized($parser, $a);
    $nb = normalized($parser, $b);
    $lt = Comparator::compare($na, '<', $nb);
    $eq = Comparator::compare($na, '==', $nb);
    $gt = Comparator::compare($na, '>', $nb);
    if ((int) $lt + (int) $eq + (int) $gt !== 1) { fwrite(STDERR, "inconsistent: $a $b\n"); exit(1); }
    fwrite($out, $a . "\t" . ($lt ? '<' : ($eq ? '=' : '>')) . "\t" . $b . "\n");
}
fclose($out);

$candidates = array_merge(array_slice($real, 0, 40), array_slice($randoms, 0, 60), [
    '', ' ', '1', 'v1.0.0', ' 1.0 ', '1.0.0.0.0', '100000.0', '99999.1', 'dev-master', 'master', 'trunk', 'dev-feature/x',
    '1.0.x-dev', '1.x-dev', 'x.1-dev', 'feature-dev', '1.0-dev', '1.0.0-beta.1', '1.0.0-beta-1', '1.0.0-pre1',
    '1.0.0-preview', '1.0.0-snapshot', '1.0.0+build', '1.0.0 as 2.0.0', '1.0.0@dev', '1.0.0@beta', '1.0.0@foo',
    '20230115', '2023-01-15', '2023.01.15.1234', '1.0.0-', '1.0.0.', 'v', 'V1.2', '1.0.0-alpha.beta', '1.2.3.4-p1',
    '1.0RC1', '1.0-rc.1.2', '1.0.0-stable', '1.0.0-STABLE', '1.0-dev-dev', '1,0', '1.0.0-b2', '1.0.0-a',
    '1.0.0-patch', '1.0.0-pl3', 'DEV-master', '1.0.0-alpha1-dev',
]);
$candidates = array_values(array_unique($candidates));
sort($candidates, SORT_STRING);
$out = fopen(__DIR__ . '/composer-valid.tsv', 'w');
fwrite($out, "# version<TAB>valid|invalid: valid when VersionParser::normalize accepts it and it is not a named branch"
    . " (normalised form starting dev-); composer/semver 3.3.2; see FIXTURES.md\n");
foreach ($candidates as $c) {
    if (strpbrk($c, "\t\n") !== false) { continue; }
    fwrite($out, $c . "\t" . (normalized($parser, $c) !== null ? 'valid' : 'invalid') . "\n");
}
fclose($out);
