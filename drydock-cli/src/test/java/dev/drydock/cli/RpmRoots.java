package dev.drydock.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Root filesystems of rpm distributions for the CLI's distribution tests: an {@code etc/os-release} and an rpm
 * SQLite database ({@code var/lib/rpm/rpmdb.sqlite}, rpm 4.16's {@code Packages} table) holding rpm headers built
 * here from real packages' name, epoch, version, release, source rpm and module label.
 */
final class RpmRoots {
  private RpmRoots() {}

  /** {@code root} with {@code osRelease} and an rpm database of {@code headers}; returns {@code root}. */
  static Path rootfs(Path root, String osRelease, List<byte[]> headers) throws IOException, SQLException {
    Files.createDirectories(root.resolve("etc"));
    Files.writeString(root.resolve("etc/os-release"), osRelease);
    Path db = Files.createDirectories(root.resolve("var/lib/rpm")).resolve("rpmdb.sqlite");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db); Statement st = c.createStatement()) {
      st.execute("CREATE TABLE Packages (hnum INTEGER PRIMARY KEY AUTOINCREMENT, blob BLOB NOT NULL)");
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO Packages (blob) VALUES (?)")) {
        for (byte[] h : headers) {
          ps.setBytes(1, h);
          ps.executeUpdate();
        }
      }
    }
    return root;
  }

  /** A header without epoch or module label. */
  static byte[] header(String name, String version, String release, String sourceRpm) {
    return header(name, 0, version, release, sourceRpm, null);
  }

  /**
   * An rpm header blob (index entries sorted by tag, then the data store; big-endian): NAME, EPOCH (INT32, when not
   * 0), VERSION, RELEASE, ARCH x86_64, SOURCERPM and MODULARITYLABEL (when given).
   */
  static byte[] header(String name, int epoch, String version, String release, String sourceRpm, String label) {
    List<int[]> index = new ArrayList<>();
    ByteArrayOutputStream data = new ByteArrayOutputStream();
    if (epoch != 0) {
      index.add(new int[] {1003, 4, data.size(), 1});
      data.writeBytes(ByteBuffer.allocate(4).putInt(epoch).array());
    }
    Object[][] strings = {{1000, name}, {1001, version}, {1002, release}, {1022, "x86_64"}, {1044, sourceRpm},
        {5096, label}};
    for (Object[] t : strings) {
      if (t[1] != null) {
        index.add(new int[] {(int) t[0], 6, data.size(), 1});
        data.writeBytes(((String) t[1]).getBytes(StandardCharsets.UTF_8));
        data.write(0);
      }
    }
    index.sort((a, b) -> Integer.compare(a[0], b[0]));
    byte[] d = data.toByteArray();
    ByteBuffer out = ByteBuffer.allocate(8 + index.size() * 16 + d.length).putInt(index.size()).putInt(d.length);
    for (int[] e : index) {
      out.putInt(e[0]).putInt(e[1]).putInt(e[2]).putInt(e[3]);
    }
    return out.put(d).array();
  }
}
