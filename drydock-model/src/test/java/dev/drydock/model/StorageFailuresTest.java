package dev.drydock.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Messages for a cache that cannot be written (issue 18's leftovers): a full disk says so, and a failed directory
 * names its path once. The full disk and the read-only file system themselves are produced for real in
 * drydock-engine's {@code StorageFaultsIT} (a small tmpfs); here a real SQLITE_FULL (a database capped at a few
 * pages) and a real file-system failure.
 */
class StorageFailuresTest {
  @TempDir Path tmp;

  @Test
  void sqliteFullIsADiskFull() throws Exception {
    Path db = tmp.resolve("small.sqlite");
    SQLException full;
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE t (b BLOB)");
      s.execute("PRAGMA max_page_count = 3");
      full = catchThrowableOfType(SQLException.class, () -> s.execute("INSERT INTO t VALUES (zeroblob(100000))"));
    }
    assertThat((Throwable) full).as("SQLite refuses the write").isNotNull();
    assertThat(StorageFailures.diskFull(db, full)).isTrue();
    assertThat(StorageFailures.cannotWrite("cannot write cache", db, full))
        .hasMessage("no space left on device writing " + db);
  }

  @Test
  void anotherSqlFailureOnADiskWithSpaceKeepsItsReason() {
    Path db = tmp.resolve("cache.sqlite");
    SQLException other = new SQLException("[SQLITE_CORRUPT] The database disk image is malformed", null, 11);
    assertThat(StorageFailures.diskFull(db, other)).isFalse();
    assertThat(StorageFailures.cannotWrite("cannot open cache", db, other))
        .hasMessage("cannot open cache " + db + ": [SQLITE_CORRUPT] The database disk image is malformed");
  }

  @Test
  void aDirectoryThatCannotBeCreatedIsNamedOnce() throws IOException {
    // a regular file where the cache's tmp directory should be: a real FileSystemException naming that path
    Path cache = Files.createDirectories(tmp.resolve("cache"));
    Files.writeString(cache.resolve("tmp"), "not a directory");
    IOException e = catchThrowableOfType(IOException.class, () -> Files.createDirectories(cache.resolve("tmp/x")));
    DrydockException d = StorageFailures.cannotCreateDirectory(cache, e);
    String m = d.getMessage();
    assertThat(m).startsWith("cannot create cache directory " + cache.resolve("tmp"));
    assertThat(m.split(java.util.regex.Pattern.quote(cache.toString()), -1)).as("the cache path appears once: " + m)
        .hasSize(2);
    assertThat(m).doesNotContain("\n");
  }
}
