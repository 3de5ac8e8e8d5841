package dev.drydock.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.engine.cache.LayerCache;
import dev.drydock.image.testing.ImageBuilder;
import dev.drydock.model.DrydockException;
import dev.drydock.model.ScanResult;
import dev.drydock.model.SchemaMigrations;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11: a {@code cache.sqlite} written before schema migrations existed (the DDL of commit 221a71d, in
 * {@code cache/cache-before-migrations.sql}, filled with rows in the encodings that code wrote) is migrated
 * when opened: its layer facts, verified blobs and path-keyed inventories stay usable, and a cache written by
 * a newer drydock is refused in one line rather than misread.
 */
class CacheMigrationTest {
  @TempDir Path tmp;

  private static final String STATUS = "Package: libc6\nStatus: install ok installed\nArchitecture: amd64\n"
      + "Version: 2.36-9+deb12u4\n\nPackage: curl\nStatus: install ok installed\nArchitecture: amd64\n"
      + "Version: 7.88.1-10+deb12u5\n";

  private static Connection connect(Path file) throws SQLException {
    return new org.sqlite.JDBC().connect("jdbc:sqlite:" + file, new Properties());
  }

  private static List<String> oldSchema() throws IOException {
    try (InputStream in = CacheMigrationTest.class.getResourceAsStream("/cache/cache-before-migrations.sql")) {
      List<String> out = new ArrayList<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (!line.isBlank() && !line.startsWith("--")) {
          out.add(line.substring(0, line.lastIndexOf(';')));
        }
      }
      return out;
    }
  }

  private static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
      out.write(data);
    }
    return bytes.toByteArray();
  }

  private static List<String> column(Path db, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = connect(db); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  @Test
  void aCacheWrittenBeforeMigrationsIsMigratedAndKeepsItsLayerFactsAndInventories() throws Exception {
    ImageBuilder img = ImageBuilder.dockerArchive()
        .layer(l -> l.file("etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n").file("var/lib/dpkg/status", STATUS))
        .history("ADD rootfs.tar /")
        .layer(l -> l.file("app/node_modules/lodash/package.json", "{\"name\":\"lodash\",\"version\":\"4.17.20\"}"))
        .history("RUN npm ci");
    Path image = img.write(tmp.resolve("img.tar"));
    // the rows: facts from a real scan (their encoding did not change), the inventory as the old code stored it
    Path donor = tmp.resolve("donor");
    ScanResult scanned = new Scanner().scan(image, ScanOptions.defaults(donor));
    assertThat(scanned.packages()).hasSize(3);

    Path old = Files.createDirectories(tmp.resolve("old"));
    Path file = old.resolve("cache.sqlite");
    try (Connection c = connect(file); Statement s = c.createStatement()) {
      for (String ddl : oldSchema()) {
        s.execute(ddl);
      }
      s.execute("ATTACH DATABASE '" + donor.resolve("cache.sqlite") + "' AS donor");
      s.execute("INSERT INTO layer_facts SELECT * FROM donor.layer_facts");
      s.execute("INSERT INTO verified_layers SELECT * FROM donor.verified_layers");
      s.execute("INSERT INTO scans SELECT * FROM donor.scans WHERE image_key LIKE 'inventory:%'");
      s.execute("DETACH DATABASE donor");
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO scans VALUES (?,?,?,?)")) {
        ps.setString(1, "path:" + image.toAbsolutePath().normalize());
        ps.setString(2, image.toString());
        ps.setBytes(3, gzip(Inventories.encode(scanned)));
        ps.setString(4, "2026-12-01T00:00:00Z");
        ps.executeUpdate();
      }
    }
    assertThat(column(file, "SELECT name FROM sqlite_master WHERE name = 'schema_migrations'")).isEmpty();

    // rescan: the inventory the old cache kept for this path, this image
    ScanResult stored = Inventories.load(old, image).orElseThrow();
    assertThat(stored.packages()).isEqualTo(scanned.packages());
    assertThat(column(file, "SELECT version FROM schema_migrations ORDER BY version")).containsExactly("1", "2");
    assertThat(column(file, "SELECT count(*) FROM layer_facts"))
        .isEqualTo(column(donor.resolve("cache.sqlite"), "SELECT count(*) FROM layer_facts"));

    // scan: every layer answered by the migrated cache, nothing walked
    ScanResult warm = new Scanner().scan(image, ScanOptions.defaults(old));
    assertThat(warm.stats().layersFromCache()).isEqualTo(2);
    assertThat(warm.stats().layersAnalysed()).isZero();
    assertThat(warm.packages()).isEqualTo(scanned.packages());
    // the path-keyed entry is superseded by the image's identity
    assertThat(column(file, "SELECT image_key FROM scans WHERE image_key NOT LIKE 'inventory:%'"))
        .containsExactly("image:" + img.configDigest());
    assertThat(column(file, "SELECT image_key FROM image_paths"))
        .containsExactly("image:" + img.configDigest());
    Files.delete(image);
    assertThat(Inventories.load(old, image).orElseThrow().packages()).isEqualTo(scanned.packages());
  }

  @Test
  void aCacheWrittenByANewerDrydockIsRefusedInOneLine() throws Exception {
    Path dir = tmp.resolve("cache");
    LayerCache.open(dir).close();
    try (Connection c = connect(dir.resolve("cache.sqlite")); Statement s = c.createStatement()) {
      s.execute("INSERT INTO schema_migrations VALUES (3, 'from the future', '2027-01-01T00:00:00Z')");
    }
    assertThatThrownBy(() -> LayerCache.open(dir)).isInstanceOf(DrydockException.class)
        .hasMessage("cache " + dir.resolve("cache.sqlite") + " was written by a newer drydock (schema 3; this"
            + " drydock knows up to 2): use that drydock, or give this one another --cache-dir");
    Path image = ImageBuilder.dockerArchive().layer(l -> l.file("etc/hostname", "x\n")).history("ADD x /")
        .write(tmp.resolve("img.tar"));
    assertThatThrownBy(() -> new Scanner().scan(image, ScanOptions.defaults(dir)))
        .isInstanceOf(DrydockException.class).hasMessageContaining("written by a newer drydock");
    try (Connection c = connect(dir.resolve("cache.sqlite"))) {
      assertThat(SchemaMigrations.current(c)).as("left as it was").isEqualTo(3);
    }
  }
}
