package dev.drydock.analyzers.os.rpm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.model.Fact;
import dev.drydock.model.Package;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RpmHeaderTest {

  @Test
  void gpgPubkeyPseudoPackagesAreSkipped() {
    byte[] key = new HeaderBuilder().pkg("gpg-pubkey", "fd431d51", "4ae0493b").build();
    byte[] real = new HeaderBuilder().pkg("bash", "5.1.8", "6.el9").build();
    List<Fact> facts = RpmAnalyzer.facts("var/lib/rpm/Packages", List.of(key, real));
    assertThat(facts).hasSize(2);
    assertThat(((Fact.PackageFound) facts.get(0)).pkg().name()).isEqualTo("bash");
    assertThat(((Fact.OwnedFiles) facts.get(1)).owner()).isEqualTo("bash");
  }

  @Test
  void explicitEpochZeroIsAnAttributeButNotInTheVersion() {
    RpmHeader h = RpmHeader.parse(new HeaderBuilder().pkg("zlib", "1.2.11", "40.el9").int32(RpmHeader.EPOCH, 0).build());
    Package p = RpmAnalyzer.toPackage(h, "var/lib/rpm/rpmdb.sqlite");
    assertThat(p.version()).isEqualTo("1.2.11-40.el9");
    assertThat(p.attribute("epoch")).isEqualTo("0");
    assertThat(p.sourceName()).isNull();
    assertThat(p.licenses()).isEmpty();
  }

  @Test
  void positiveEpochPrefixesTheVersion() {
    RpmHeader h = RpmHeader.parse(new HeaderBuilder().pkg("perl-IO", "1.43", "481.el9").int32(RpmHeader.EPOCH, 2)
        .string(RpmHeader.SOURCERPM, "perl-5.32.1-481.el9.src.rpm").string(RpmHeader.LICENSE, "GPL+ or Artistic").build());
    Package p = RpmAnalyzer.toPackage(h, "var/lib/rpm/rpmdb.sqlite");
    assertThat(p.version()).isEqualTo("2:1.43-481.el9");
    assertThat(p.sourceName()).isEqualTo("perl");
    assertThat(p.sourceVersion()).isEqualTo("5.32.1-481.el9");
    assertThat(p.licenses()).containsExactly("GPL+ or Artistic");
  }

  @Test
  void filesFromBasenamesDirnamesDirindexes() {
    RpmHeader h = RpmHeader.parse(new HeaderBuilder().pkg("a", "1", "1")
        .strings(RpmHeader.BASENAMES, "bin", "sh", "ls", "bad")
        .strings(RpmHeader.DIRNAMES, "/", "/usr/bin/")
        .int32(RpmHeader.DIRINDEXES, 0, 1, 1, 7).build());
    assertThat(h.files()).containsExactly("bin", "usr/bin/sh", "usr/bin/ls");
  }

  @Test
  void filesFromOldFilenames() {
    RpmHeader h = RpmHeader.parse(new HeaderBuilder().pkg("a", "1", "1")
        .strings(RpmHeader.OLDFILENAMES, "/etc/passwd", "/usr/lib/libx.so").build());
    assertThat(h.files()).containsExactly("etc/passwd", "usr/lib/libx.so");
  }

  @Test
  void mismatchedFileArraysGiveNoFiles() {
    RpmHeader h = RpmHeader.parse(new HeaderBuilder().pkg("a", "1", "1")
        .strings(RpmHeader.BASENAMES, "x", "y").strings(RpmHeader.DIRNAMES, "/").int32(RpmHeader.DIRINDEXES, 0).build());
    assertThat(h.files()).isEmpty();
  }

  @Test
  void implausibleHeadersAreRejected() {
    assertThat(RpmHeader.parse(new byte[0])).isNull();
    assertThat(RpmHeader.parse(new byte[7])).isNull();
    assertThat(RpmHeader.parse(new byte[8])).isNull(); // no tags
    assertThat(RpmHeader.parse(ByteBuffer.allocate(64).putInt(-1).putInt(0).array())).isNull();
    assertThat(RpmHeader.parse(ByteBuffer.allocate(64).putInt(1).putInt(Integer.MAX_VALUE).array())).isNull();
    byte[] ok = new HeaderBuilder().pkg("a", "1", "1").build();
    for (int len = 0; len < ok.length; len++) {
      assertThat(RpmHeader.parse(java.util.Arrays.copyOf(ok, len))).as("prefix %d", len).isNull();
    }
  }

  @Test
  void bogusEntriesReadAsAbsent() {
    RpmHeader h = RpmHeader.parse(new HeaderBuilder().pkg("a", "1", "1")
        .raw(RpmHeader.BASENAMES, 8, 0, Integer.MAX_VALUE)        // count far beyond the data
        .raw(RpmHeader.DIRNAMES, 8, -4, 1)                        // offset beyond the data
        .raw(RpmHeader.DIRINDEXES, 4, 2, 0x40000000)              // ints beyond the data
        .raw(RpmHeader.EPOCH, 6, 0, 1)                            // wrong type
        .raw(RpmHeader.LICENSE, 6, 0x7ffffff0, 1).build());
    assertThat(h.strings(RpmHeader.BASENAMES)).isNull();
    assertThat(h.strings(RpmHeader.DIRNAMES)).isNull();
    assertThat(h.ints(RpmHeader.DIRINDEXES)).isNull();
    assertThat(h.ints(RpmHeader.EPOCH)).isNull();
    assertThat(h.string(RpmHeader.LICENSE)).isNull();
    assertThat(h.files()).isEmpty();
    assertThat(RpmAnalyzer.toPackage(h, "x").version()).isEqualTo("1-1");
  }

  @Test
  void unterminatedStringIsAbsent() {
    byte[] blob = new HeaderBuilder().pkg("abc", "1", "1").build();
    blob[blob.length - 1] = 'x'; // the last string (ARCH) loses its NUL
    RpmHeader h = RpmHeader.parse(blob);
    assertThat(h.string(RpmHeader.NAME)).isEqualTo("abc");
    assertThat(h.string(RpmHeader.ARCH)).isNull();
  }

  @Test
  void randomDamageToARealHeaderNeverThrows() {
    byte[] real = new HeaderBuilder().pkg("glibc", "2.34", "2.cm2").int32(RpmHeader.EPOCH, 1)
        .strings(RpmHeader.BASENAMES, "libc.so.6", "ld.so").strings(RpmHeader.DIRNAMES, "/lib64/")
        .int32(RpmHeader.DIRINDEXES, 0, 0).string(RpmHeader.SOURCERPM, "glibc-2.34-2.cm2.src.rpm").build();
    Random r = new Random(42);
    for (int i = 0; i < 20_000; i++) {
      byte[] b = real.clone();
      for (int k = 0; k < 1 + r.nextInt(4); k++) {
        b[r.nextInt(b.length)] = (byte) r.nextInt(256);
      }
      assertThat(RpmAnalyzer.facts("var/lib/rpm/Packages", List.of(b))).hasSizeLessThanOrEqualTo(2);
    }
  }
}
