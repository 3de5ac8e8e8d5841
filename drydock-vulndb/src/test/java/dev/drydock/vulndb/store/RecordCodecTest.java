package dev.drydock.vulndb.store;

import static dev.drydock.vulndb.store.VulnStoreTest.feeds;
import static dev.drydock.vulndb.store.VulnStoreTest.parseAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.model.DrydockException;
import dev.drydock.vulndb.osv.OsvRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stored form of records (schema 3): binary, deflated with a per-source dictionary, read in batches. */
class RecordCodecTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path cache;

  private static List<OsvRecord> realRecords() throws IOException {
    List<OsvRecord> records = parseAll(feeds("osv"), ".json", JSON);
    records.addAll(parseAll(feeds("ghsa"), ".json", JSON));
    records.addAll(parseAll(feeds("golang"), ".json", JSON));
    records.addAll(parseAll(feeds("osv-distro"), ".json", JSON));
    return records;
  }

  @Test
  void everyRealRecordRoundTripsWithAndWithoutADictionary() throws IOException {
    List<OsvRecord> records = realRecords();
    assertThat(records).hasSizeGreaterThan(150);
    List<byte[]> samples = records.stream().limit(SourceWriter.SAMPLES).map(RecordCodec::serialize).toList();
    byte[] dictionary = RecordCodec.train(samples);
    assertThat(dictionary).isNotNull();
    assertThat(dictionary.length).isBetween(1, RecordCodec.MAX_DICTIONARY);
    long plain = 0;
    long withDictionary = 0;
    try (RecordCodec.Compressor none = new RecordCodec.Compressor(null);
        RecordCodec.Compressor dict = new RecordCodec.Compressor(dictionary)) {
      for (OsvRecord r : records) {
        byte[] raw = RecordCodec.serialize(r);
        byte[] a = none.compress(raw);
        byte[] b = dict.compress(raw);
        assertThat(RecordCodec.decode(a, null)).as(r.id()).isEqualTo(r);
        assertThat(RecordCodec.decode(b, dictionary)).as(r.id()).isEqualTo(r);
        plain += a.length;
        withDictionary += b.length;
      }
    }
    // what the dictionary is for: the same real records take less room with it (these fixtures mix every
    // ecosystem and feed, so little is shared: about a tenth; records of one feed share far more)
    assertThat(withDictionary).isLessThan(plain * 95 / 100);
    assertThat(RecordCodec.train(samples.subList(0, RecordCodec.MIN_SAMPLES - 1))).isNull();
  }

  @Test
  void aDamagedRecordIsAnIoErrorNotAnException() throws IOException {
    OsvRecord r = realRecords().get(0);
    byte[] raw = RecordCodec.serialize(r);
    for (int cut : new int[] {1, 2, raw.length / 2, raw.length - 1}) {
      assertThatThrownBy(() -> RecordBinary.decode(Arrays.copyOf(raw, cut))).as("cut at %d", cut)
          .isInstanceOf(IOException.class);
    }
    byte[] longer = Arrays.copyOf(raw, raw.length + 1);
    assertThatThrownBy(() -> RecordBinary.decode(longer)).isInstanceOf(IOException.class)
        .hasMessageContaining("past its end");
    byte[] compressed;
    try (RecordCodec.Compressor c = new RecordCodec.Compressor(new byte[] {1, 2, 3})) {
      compressed = c.compress(raw);
    }
    assertThatThrownBy(() -> RecordCodec.decode(compressed, null)).isInstanceOf(IOException.class)
        .hasMessageContaining("needs a dictionary");
    assertThatThrownBy(() -> RecordCodec.decode(Arrays.copyOf(compressed, compressed.length / 2), new byte[] {1, 2, 3}))
        .isInstanceOf(IOException.class);
  }

  @Test
  void aCorruptStoredDocumentIsOneClearLine() throws Exception {
    List<OsvRecord> records = realRecords();
    build(records);
    try (Connection c = VulnStore.connect(VulnStore.storeFile(cache), false); Statement st = c.createStatement()) {
      st.executeUpdate("UPDATE advisories SET doc = x'0102030405'");
    }
    OsvRecord.OsvPackage pkg = records.get(0).affected().get(0).pkg();
    try (VulnStore store = VulnStore.open(cache)) {
      assertThatThrownBy(() -> store.advisories(pkg.ecosystem(), pkg.name())).isInstanceOf(DrydockException.class)
          .hasMessageStartingWith("vulnerability store " + VulnStore.storeFile(cache) + " has a corrupt record: ")
          .hasMessageEndingWith(": run 'drydock db update'")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }
  }

  @Test
  void aBatchedLookupAnswersAsOneLookupPerName() throws IOException {
    List<OsvRecord> records = realRecords();
    build(records);
    Map<String, Set<String>> names = new TreeMap<>();
    for (OsvRecord r : records) {
      for (OsvRecord.OsvAffected a : r.affected()) {
        if (a.pkg() != null) {
          names.computeIfAbsent(a.pkg().ecosystem(), k -> new LinkedHashSet<>()).add(a.pkg().name());
        }
      }
    }
    assertThat(names.keySet()).hasSizeGreaterThan(3);
    int found = 0;
    try (VulnStore store = VulnStore.open(cache)) {
      for (Map.Entry<String, Set<String>> e : names.entrySet()) {
        List<String> asked = new ArrayList<>(e.getValue());
        asked.add("no-such-package-" + e.getKey());
        Map<String, List<OsvRecord>> batch = store.advisories(e.getKey(), asked);
        assertThat(batch).containsOnlyKeys(asked);
        for (String n : asked) {
          assertThat(batch.get(n)).as("%s %s", e.getKey(), n).containsExactlyElementsOf(store.advisories(e.getKey(), n));
          found += batch.get(n).size();
        }
      }
      // PyPI names as the package spells them find the normalised key
      assertThat(store.advisories("PyPI", List.of("no-such", "PyYAML_x"))).containsOnlyKeys("no-such", "PyYAML_x");
    }
    assertThat(found).isGreaterThan(records.size() / 2);
  }

  private void build(List<OsvRecord> records) {
    try (StoreBuilder b = StoreBuilder.open(cache)) {
      try (SourceWriter w = b.beginSource("osv", "test", "memory", null, null, null)) {
        records.forEach(w::addAdvisory);
      }
      b.commit();
    }
  }
}
