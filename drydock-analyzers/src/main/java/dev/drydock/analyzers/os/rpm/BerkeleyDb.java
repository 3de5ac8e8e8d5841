package dev.drydock.analyzers.os.rpm;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.BitSet;
import java.util.function.Consumer;

/**
 * Reads the values of a Berkeley DB hash (or btree) database file without the Berkeley DB library,
 * from its on-disk layout: a metadata page (magic at byte 12, page size at 20, type at 25, metaflags at
 * 26, last page number at 32), then pages with a 26-byte header (pgno 8, prev 12, next 16, entries 20,
 * hf_offset 22, level 24, type 25) followed by a 2-byte offset per item. Integers are in the byte order
 * of the machine that wrote the file; the magic tells which.
 *
 * <p>Every page is visited once in file order; key/data items on hash and btree leaf pages are paired
 * and each data item is handed on, following overflow chains for items stored off-page.
 */
final class BerkeleyDb {
  static final int HASH_MAGIC = 0x061561;
  static final int BTREE_MAGIC = 0x053162;

  private static final int PAGE_HEADER = 26;
  private static final int CHECKSUM_BYTES = 20;
  private static final int META_CHKSUM = 0x01;

  private static final int P_HASH_UNSORTED = 2;
  private static final int P_LBTREE = 5;
  private static final int P_OVERFLOW = 7;
  private static final int P_HASH = 13;

  private static final int H_KEYDATA = 1;
  private static final int H_OFFPAGE = 3;
  private static final int B_KEYDATA = 1;
  private static final int B_OVERFLOW = 3;
  private static final int B_DELETE = 0x80;

  private final PagedFile file;
  private final ByteOrder order;
  private final int pageSize;
  private final int overhead;
  private final long pageCount;

  private BerkeleyDb(PagedFile file, ByteOrder order, int pageSize, int overhead, long pageCount) {
    this.file = file;
    this.order = order;
    this.pageSize = pageSize;
    this.overhead = overhead;
    this.pageCount = pageCount;
  }

  /**
   * Hands every data value of the database to {@code sink}, in page order.
   *
   * @return false when the file is not a readable Berkeley DB hash or btree database
   */
  static boolean readValues(PagedFile file, Consumer<byte[]> sink) throws IOException {
    if (!file.contains(0, 72)) {
      return false;
    }
    byte[] meta = file.read(0, 72);
    ByteOrder order = null;
    for (ByteOrder o : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
      int magic = ByteBuffer.wrap(meta).order(o).getInt(12);
      if (magic == HASH_MAGIC || magic == BTREE_MAGIC) {
        order = o;
      }
    }
    if (order == null) {
      return false;
    }
    ByteBuffer m = ByteBuffer.wrap(meta).order(order);
    int pageSize = m.getInt(20);
    int encryptAlg = meta[24] & 0xff;
    int metaFlags = meta[26] & 0xff;
    long lastPgno = m.getInt(32) & 0xffffffffL;
    // Page sizes are powers of two from 512 bytes to 64 KiB.
    if (pageSize < 512 || pageSize > 65536 || Integer.bitCount(pageSize) != 1 || encryptAlg != 0) {
      return false;
    }
    int overhead = PAGE_HEADER + ((metaFlags & META_CHKSUM) != 0 ? CHECKSUM_BYTES : 0);
    long pages = Math.min(lastPgno + 1, file.size() / pageSize);
    new BerkeleyDb(file, order, pageSize, overhead, pages).walk(sink);
    return true;
  }

  private void walk(Consumer<byte[]> sink) throws IOException {
    for (long pgno = 1; pgno < pageCount; pgno++) {
      ByteBuffer page = page(pgno);
      int type = page.get(25) & 0xff;
      if (type == P_HASH || type == P_HASH_UNSORTED) {
        hashPage(page, sink);
      } else if (type == P_LBTREE) {
        btreeLeaf(page, sink);
      }
    }
  }

  private ByteBuffer page(long pgno) throws IOException {
    return ByteBuffer.wrap(file.read(pgno * pageSize, pageSize)).order(order);
  }

  private int entries(ByteBuffer page) {
    int n = page.getShort(20) & 0xffff;
    return Math.min(n, (pageSize - overhead) / 2);
  }

  private int itemOffset(ByteBuffer page, int i) {
    return page.getShort(overhead + 2 * i) & 0xffff;
  }

  /** Hash page: items alternate key, data; an item runs to the start of the previous one. */
  private void hashPage(ByteBuffer page, Consumer<byte[]> sink) throws IOException {
    int n = entries(page);
    for (int i = 1; i < n; i += 2) {
      int off = itemOffset(page, i);
      int end = itemOffset(page, i - 1);
      if (off < overhead || off >= pageSize || end > pageSize || end <= off) {
        continue;
      }
      int kind = page.get(off) & 0xff;
      if (kind == H_KEYDATA) {
        byte[] value = new byte[end - off - 1];
        page.get(off + 1, value);
        sink.accept(value);
      } else if (kind == H_OFFPAGE && off + 12 <= pageSize) {
        byte[] value = overflow(page.getInt(off + 4) & 0xffffffffL, page.getInt(off + 8) & 0xffffffffL);
        if (value != null) {
          sink.accept(value);
        }
      }
    }
  }

  /** Btree leaf page: items alternate key, data; BKEYDATA is (len u16, type u8, bytes). */
  private void btreeLeaf(ByteBuffer page, Consumer<byte[]> sink) throws IOException {
    int n = entries(page);
    for (int i = 1; i < n; i += 2) {
      int off = itemOffset(page, i);
      if (off < overhead || off + 3 > pageSize) {
        continue;
      }
      int kind = page.get(off + 2) & 0xff;
      if ((kind & B_DELETE) != 0) {
        continue;
      }
      if (kind == B_KEYDATA) {
        int len = page.getShort(off) & 0xffff;
        if (off + 3 + len <= pageSize) {
          byte[] value = new byte[len];
          page.get(off + 3, value);
          sink.accept(value);
        }
      } else if (kind == B_OVERFLOW && off + 12 <= pageSize) {
        byte[] value = overflow(page.getInt(off + 4) & 0xffffffffL, page.getInt(off + 8) & 0xffffffffL);
        if (value != null) {
          sink.accept(value);
        }
      }
    }
  }

  /**
   * Follows an overflow chain: each overflow page holds hf_offset bytes after its header and links
   * to the next by next_pgno. Null when the chain is broken, loops or does not add up to {@code length}.
   */
  private byte[] overflow(long pgno, long length) throws IOException {
    if (length > file.size()) {
      return null;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(length, 1 << 20));
    BitSet seen = new BitSet();
    long remaining = length;
    while (remaining > 0) {
      if (pgno < 1 || pgno >= pageCount || seen.get((int) pgno)) {
        return null;
      }
      seen.set((int) pgno);
      ByteBuffer page = page(pgno);
      if ((page.get(25) & 0xff) != P_OVERFLOW) {
        return null;
      }
      int len = page.getShort(22) & 0xffff;
      if (len > pageSize - overhead || len == 0 || len > remaining) {
        return null;
      }
      out.write(page.array(), overhead, len);
      remaining -= len;
      pgno = page.getInt(16) & 0xffffffffL;
    }
    return out.toByteArray();
  }
}
