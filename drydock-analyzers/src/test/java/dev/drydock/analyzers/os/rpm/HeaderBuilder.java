package dev.drydock.analyzers.os.rpm;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Builds rpm header blobs (il, dl, 16-byte index entries, data store; all big-endian) for tests. */
final class HeaderBuilder {
  private record Entry(int tag, int type, int offset, int count) {}

  private final List<Entry> entries = new ArrayList<>();
  private final ByteArrayOutputStream data = new ByteArrayOutputStream();

  HeaderBuilder string(int tag, String s) {
    entries.add(new Entry(tag, 6, data.size(), 1));
    writeString(s);
    return this;
  }

  HeaderBuilder strings(int tag, String... values) {
    entries.add(new Entry(tag, 8, data.size(), values.length));
    for (String v : values) {
      writeString(v);
    }
    return this;
  }

  HeaderBuilder int32(int tag, int... values) {
    while (data.size() % 4 != 0) {
      data.write(0);
    }
    entries.add(new Entry(tag, 4, data.size(), values.length));
    for (int v : values) {
      data.writeBytes(ByteBuffer.allocate(4).putInt(v).array());
    }
    return this;
  }

  /** An index entry with arbitrary (possibly bogus) type, offset and count. */
  HeaderBuilder raw(int tag, int type, int offset, int count) {
    entries.add(new Entry(tag, type, offset, count));
    return this;
  }

  HeaderBuilder pkg(String name, String version, String release) {
    return string(RpmHeader.NAME, name).string(RpmHeader.VERSION, version).string(RpmHeader.RELEASE, release)
        .string(RpmHeader.ARCH, "x86_64");
  }

  byte[] build() {
    byte[] d = data.toByteArray();
    ByteBuffer b = ByteBuffer.allocate(8 + entries.size() * 16 + d.length);
    b.putInt(entries.size()).putInt(d.length);
    for (Entry e : entries) {
      b.putInt(e.tag).putInt(e.type).putInt(e.offset).putInt(e.count);
    }
    b.put(d);
    return b.array();
  }

  private void writeString(String s) {
    data.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    data.write(0);
  }
}
