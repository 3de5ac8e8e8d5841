#!/usr/bin/env python3
"""Writes nuget.tsv and nuget-valid.tsv from hand-transcribed NuGet facts. There is NO runnable oracle
(dotnet is not packaged for Debian 12): every base row below is transcribed from a cited source, and the
derived rows apply only the equivalences those same sources state. See FIXTURES.md.

usage: python3 generate.py      (writes the files next to this script)
"""
import itertools, os

HERE = os.path.dirname(os.path.abspath(__file__))

# Sources (tags used in the comments of the output):
#  DOC  learn.microsoft.com/nuget/concepts/package-versioning ("Pre-release versions" sort list,
#       "Normalized version numbers")
#  VCT  NuGet/NuGet.Client test/NuGet.Core.Tests/NuGet.Versioning.Test/VersionComparerTests.cs @70cb6afb
#  NVT  NuGet/NuGet.Client test/NuGet.Core.Tests/NuGet.Versioning.Test/NuGetVersionTest.cs @094d55dc
#  SVT  NuGet/NuGet.Client test/NuGet.Core.Tests/NuGet.Versioning.Test/SemVer201SpecTests.cs @05934c81
#  VPT  NuGet/NuGet.Client test/NuGet.Core.Tests/NuGet.Versioning.Test/VersionParsingTests.cs @6327b5af

# DOC: "NuGet ... picks ... in the exact order shown" -- highest first.
DOC_ORDER = ["1.0.1", "1.0.1-zzz", "1.0.1-rc.10", "1.0.1-rc.2", "1.0.1-open", "1.0.1-beta",
             "1.0.1-alpha2", "1.0.1-alpha10", "1.0.1-aaa"]

BASE = [
    # (a, op, b, source)
    ("1.00", "=", "1.0", "DOC normalized: leading zeroes removed"),
    ("1.01.1", "=", "1.1.1", "DOC normalized: leading zeroes removed"),
    ("1.00.0.1", "=", "1.0.0.1", "DOC normalized: leading zeroes removed"),
    ("1.0.0.0", "=", "1.0.0", "DOC normalized: zero fourth part omitted"),
    ("1.0.01.0", "=", "1.0.1", "DOC normalized: zero fourth part omitted"),
    ("1.0.7+r3456", "=", "1.0.7", "DOC normalized: build metadata removed"),
    ("1.0.0", "=", "1.0.0", "VCT VersionComparisonDefaultEqual"),
    ("1.0.0-BETA", "=", "1.0.0-beta", "VCT VersionComparisonDefaultEqual"),
    ("1.0.0-BETA+AA", "=", "1.0.0-beta+aa", "VCT VersionComparisonDefaultEqual"),
    ("1.0.0-BETA.X.y.5.77.0+AA", "=", "1.0.0-beta.x.y.5.77.0+aa", "VCT VersionComparisonDefaultEqual"),
    ("0.0.0", "<", "1.0.0", "VCT VersionComparisonDefaultLess"),
    ("1.0.0", "<", "1.1.0", "VCT VersionComparisonDefaultLess"),
    ("1.0.0", "<", "1.0.1", "VCT VersionComparisonDefaultLess"),
    ("1.999.9999", "<", "2.1.1", "VCT VersionComparisonDefaultLess"),
    ("1.0.0-BETA", "<", "1.0.0-beta2", "VCT VersionComparisonDefaultLess"),
    ("1.0.0-beta+AA", "<", "1.0.0+aa", "VCT VersionComparisonDefaultLess"),
    ("1.0.0-BETA", "<", "1.0.0-beta.1+AA", "VCT VersionComparisonDefaultLess"),
    ("1.0.0-BETA.X.y.5.77.0+AA", "<", "1.0.0-beta.x.y.5.79.0+aa", "VCT VersionComparisonDefaultLess"),
    ("1.0.0-BETA.X.y.5.79.0+AA", "<", "1.0.0-beta.x.y.5.790.0+abc", "VCT VersionComparisonDefaultLess"),
    ("1.1.0", ">", "1.0.0", "VCT VersionComparisonDefaultNotEqual"),
    ("1.0.1", ">", "1.0.0", "VCT VersionComparisonDefaultNotEqual"),
    ("1.0.0-BETA+AA", "=", "1.0.0-beta", "VCT (DefaultNotEqual only checks the strings; Default ignores metadata)"),
    ("1.0", "<", "1.0.1", "NVT SemVerLessThanAndGreaterThanOperatorsWorks"),
    ("1.23", "<", "1.231", "NVT SemVerLessThanAndGreaterThanOperatorsWorks"),
    ("1.4.5.6", "<", "1.45.6", "NVT SemVerLessThanAndGreaterThanOperatorsWorks"),
    ("1.4.5.6", "<", "1.4.5.60", "NVT SemVerLessThanAndGreaterThanOperatorsWorks"),
    ("1.01", "<", "1.10", "NVT SemVerLessThanAndGreaterThanOperatorsWorks"),
    ("1.01-alpha", "<", "1.10-beta", "NVT SemVerLessThanAndGreaterThanOperatorsWorks"),
    ("1.01.0-RC-1", "<", "1.10.0-rc-2", "NVT SemVerLessThanAndGreaterThanOperatorsWorks"),
    ("1.01-RC-1", "<", "1.01", "NVT SemVerLessThanAndGreaterThanOperatorsWorks"),
    ("1.01", "<", "1.2-preview", "NVT SemVerLessThanAndGreaterThanOperatorsWorks"),
    ("1.0", "=", "1.0.0.0", "NVT SemVerEqualsOperatorWorks"),
    ("1.23.01", "=", "1.23.1", "NVT SemVerEqualsOperatorWorks"),
    ("1.45.6", "=", "1.45.6.0", "NVT SemVerEqualsOperatorWorks"),
    ("1.45.6-Alpha", "=", "1.45.6-Alpha", "NVT SemVerEqualsOperatorWorks"),
    ("1.6.2-BeTa", "=", "1.6.02-beta", "NVT SemVerEqualsOperatorWorks"),
    ("22.3.07     ", "=", "22.3.07", "NVT SemVerEqualsOperatorWorks (trailing spaces)"),
    ("2", "=", "2.0.0", "VPT VersionLength"),
    ("2.0", "=", "2.0.0", "VPT VersionLength"),
    ("2.0.0.0", "=", "2.0.0", "VPT VersionLength"),
    ("1.0+A", "=", "1.0.0", "NVT ToStringReturnsNormalizedForSemVer2"),
    ("1.0-1.1+B.B", "=", "1.0.0-1.1", "NVT ToStringReturnsNormalizedForSemVer2"),
    ("1.0.0009.01-1.1+A", "=", "1.0.9.1-1.1", "NVT ToStringReturnsNormalizedForSemVer2"),
    ("1.022", "=", "1.22.0.0", "NVT ParseReadsLegacyStyleVersionNumbers"),
    ("1.3.42.10133", "=", "1.3.42.10133", "NVT ParseReadsLegacyStyleVersionNumbers"),
    ("  1.022-Beta", "=", "1.22.0.0-Beta", "NVT ParseIgnoresLeadingAndTrailingWhitespace"),
    ("1.2.3", "<", "1.2.4", "SVT SemVerSortVersion"),
    ("1.2.3", "<", "2.0.0", "SVT SemVerSortVersion"),
    ("9.9.9", "<", "10.1.1", "SVT SemVerSortVersion"),
    ("1.2.3-alpha", "<", "1.2.3", "SVT SemVerSortRelease"),
    ("1.2.3-2", "<", "1.2.3-3", "SVT SemVerSortReleaseNumeric"),
    ("1.2.3-1.9", "<", "1.2.3-1.50", "SVT SemVerSortReleaseNumeric"),
    ("1.2.3-2A", "<", "1.2.3-3A", "SVT SemVerSortReleaseAlpha"),
    ("1.2.3-1.50A", "<", "1.2.3-1.9A", "SVT SemVerSortReleaseAlpha"),
    ("1.2.3-999999", "<", "1.2.3-Z", "SVT SemVerSortNumericAlpha"),
    ("1.2.3-A.999999", "<", "1.2.3-A.56-2", "SVT SemVerSortNumericAlpha"),
    ("1.2.3-a", "<", "1.2.3-a.2", "SVT SemVerSortReleaseLabelCount"),
    ("1.2.3-a.2.3.4", "<", "1.2.3-a.2.3.4.5", "SVT SemVerSortReleaseLabelCount"),
    ("1.2.3-a", "=", "1.2.3-A", "SVT SemVerSortIgnoreReleaseCasing"),
    ("1.2.3-A-b2-C", "=", "1.2.3-a-B2-c", "SVT SemVerSortIgnoreReleaseCasing"),
]

VALID = [
    # (version, valid, source)
    ("2", True, "VPT VersionLength"), ("2.0", True, "VPT"), ("2.0.0", True, "VPT"), ("2.0.0.0", True, "VPT"),
    ("1.0.0-Beta.2", True, "VPT FullVersionParsing"), ("1.0.0+MetaOnly", True, "VPT"),
    ("1.0.0-RC.X.35.A.3455+Meta-A-B-C", True, "VPT"), ("234.234234.1111", True, "VPT VersionParsing"),
    ("1.2.3-X.yZ.3.234.243.3242342+METADATA", True, "NVT NuGetVersionParseStrict"), ("1.2.3-0", True, "NVT"),
    ("1.2.3+0", True, "NVT"), ("3.4.0.3-RC-3", True, "NVT StringConstructorParsesValuesCorrectly"),
    ("1.022", True, "NVT ParseReadsLegacyStyleVersionNumbers"), ("1.3.42.200930-RC-2", True, "NVT"),
    ("    1.3.42.10133-PreRelease  ", True, "NVT ParseIgnoresLeadingAndTrailingWhitespace"),
    ("01.42.0-alpha+metadata", True, "NVT NuGetVersionKeepsOriginalVersionString"), ("01.0", True, "NVT"),
    ("2.1.4.3-pre-1", True, "NVT ToStringReturnsOriginalValueForNonSemVer2"),
    ("1.0.0009.01-1.1+A", True, "NVT ToStringReturnsNormalizedForSemVer2"),
    ("1.3.2-CTP-2-Refresh-Alpha", True, "NVT TryParseStrictParsesStrictVersion"),
    ("", False, "NVT ParseThrowsIfStringIsNullOrEmpty"),
    ("1beta", False, "NVT ParseThrowsIfStringIsNotAValidSemVer"), ("$version$", False, "NVT"),
    ("1.2Av^c", False, "NVT"), ("1.2..", False, "NVT"), ("1.2.3.4.5", False, "NVT"), ("1.2.3.Beta", False, "NVT"),
    ("1.2.3.4This version is full of awesomeness!!", False, "NVT"), ("So.is.this", False, "NVT"),
    ("1.34.2Alpha", False, "NVT"), ("1.34.2Release Candidate", False, "NVT"), ("1.4.7-", False, "NVT"),
    ("1.4.7-*", False, "NVT"), ("1.4.7+*", False, "NVT"), ("1.4.7-AA.01^", False, "NVT"),
    ("1.4.7-AA.0A^", False, "NVT"), ("1.4.7-A^A", False, "NVT"), ("1.4.7+AA.01^", False, "NVT"),
    # SVT release-label and metadata rules: NuGetVersion.TryParse applies the same IsValidPart checks
    ("0.1.2-Alpha-2-5Bdd", True, "SVT SemVerVersionValidReleaseLabels"), ("0.1.2--", True, "SVT"),
    ("0.1.2--B2.-.C.-A0-", True, "SVT"), ("0.1.2-Alpha..2", False, "SVT SemVerVersionInvalidReleaseId"),
    ("0.1.2-Alpha.", False, "SVT"), ("0.1.2-.AA", False, "SVT"), ("0.1.2-alp=ha", False, "SVT"),
    ("0.1.2-a&444", False, "SVT"), ("0.1.2-02", False, "SVT SemVerVersionReleaseLabelZeros"),
    ("0.1.2-2.A.02", False, "SVT"), ("0.1.2-02A", True, "SVT SemVerVersionReleaseLabelValidZeros"),
    ("0.1.2+02.02-02", True, "SVT SemVerVersionMetadataLeadingZeros"), ("0.1.2+ÄÄ", False, "SVT"),
    ("0.1.2+2+A", False, "SVT SemVerVersionMetadataInvalidChars"), ("0.1.2+02..A", False, "SVT"),
    ("0.1.2+", False, "SVT SemVerVersionMetadataNonEmptyParts"), ("0.1.2----+----", True, "SVT"),
]


def flip(op):
    return {"<": ">", ">": "<", "=": "="}[op]


def derived(a, op, b):
    """Rows that follow from the documented equivalences: metadata is ignored, labels compare
    ignoring case, a zero fourth part is omitted (1.2.3 == 1.2.3.0), and the reverse of a < b is b > a."""
    out = [(b, flip(op), a, "reversed")]
    out.append((a.strip() + ("." if "+" in a else "+") + "meta9", op, b, "metadata ignored"))
    if "-" in b.strip():
        out.append((a, op, b.upper(), "label case ignored"))
    core = b.strip().split("-")[0].split("+")[0]
    if core.count(".") == 2:
        out.append((a, op, b.strip().replace(core, core + ".0", 1), "zero fourth part"))
    return out


def main():
    rows = []
    for (hi_i, hi), (lo_i, lo) in itertools.combinations(enumerate(DOC_ORDER), 2):
        rows.append((hi, ">", lo, "DOC pre-release sort list (highest first)"))
    rows += BASE
    more = []
    for a, op, b, src in rows:
        more += [(x, o, y, f"derived from {a!r} {op} {b!r}: {why}") for x, o, y, why in derived(a, op, b)]
    seen = set()
    with open(os.path.join(HERE, "nuget.tsv"), "w") as out:
        out.write("# NuGet: NO runnable oracle. Rows transcribed from Microsoft's NuGet docs and NuGet.Client tests,\n"
                  "# plus rows derived by their stated equivalences. Made by generate.py; see FIXTURES.md\n")
        for a, op, b, src in rows + more:
            if (a, b) in seen:
                continue
            seen.add((a, b))
            out.write(f"# {src}\n{a}\t{op}\t{b}\n")
    with open(os.path.join(HERE, "nuget-valid.tsv"), "w") as out:
        out.write("# version<TAB>valid|invalid for NuGetVersion.Parse, transcribed from NuGet.Client tests; see FIXTURES.md\n")
        for v, ok, src in VALID:
            out.write(f"# {src}\n{v}\t{'valid' if ok else 'invalid'}\n")


main()
