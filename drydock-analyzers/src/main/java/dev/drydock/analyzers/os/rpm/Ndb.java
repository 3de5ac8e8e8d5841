package dev.drydock.analyzers.os.rpm;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads rpm's NDB {@code Packages.db} (SUSE): a 32-byte file header ("RpmP", version, generation,
 * slot page count, next package index), 16-byte slots ("Slot", package index, block offset, block
 * count; index 0 = free) filling the slot pages after the header, and blobs at {@code blockOffset*16}
 * ("BlbS", package index, generation, length, then the header blob). Integers are in the writer's byte
 * order; the magics are written as integers, so a big-endian file starts with "PmpR".
 */
final class Ndb {
  private static final int SLOT_PAGE = 4096;
  private static final int BLOCK = 16;
  /** More slot pages than this would describe millions of packages: treat as corrupt and cap. */
  private static final long MAX_SLOT_PAGES = 4096;

  private Ndb() {}

  /** @return false when the file is not an NDB package database */
  static boolean readBlobs(PagedFile file, Consumer<byte[]> sink) throws IOException {
    if (!file.contains(0, 32)) {
      return false;
    }
    byte[] head = file.read(0, 32);
    String magic = new String(head, 0, 4, StandardCharsets.ISO_8859_1);
    ByteOrder order;
    if (magic.equals("RpmP")) {
      order = ByteOrder.LITTLE_ENDIAN;
    } else if (magic.equals("PmpR")) {
      order = ByteOrder.BIG_ENDIAN;
    } else {
      return false;
    }
    int slotMagic = ByteBuffer.wrap("Slot".getBytes(StandardCharsets.ISO_8859_1)).order(ByteOrder.LITTLE_ENDIAN).getInt();
    int blobMagic = ByteBuffer.wrap("BlbS".getBytes(StandardCharsets.ISO_8859_1)).order(ByteOrder.LITTLE_ENDIAN).getInt();
    long slotPages = ByteBuffer.wrap(head).order(order).getInt(12) & 0xffffffffL;
    long slotEnd = Math.min(Math.min(slotPages, MAX_SLOT_PAGES) * SLOT_PAGE, file.size() / BLOCK * BLOCK);
    if (slotEnd <= 32) {
      return true;
    }
    ByteBuffer slots = ByteBuffer.wrap(file.read(0, (int) slotEnd)).order(order);
    Set<Integer> done = new HashSet<>();
    for (int off = 32; off + BLOCK <= slotEnd; off += BLOCK) {
      int pkgIdx = slots.getInt(off + 4);
      if (slots.getInt(off) != slotMagic || pkgIdx == 0 || !done.add(pkgIdx)) {
        continue;
      }
      long blkOff = slots.getInt(off + 8) & 0xffffffffL;
      long pos = blkOff * BLOCK;
      if (!file.contains(pos, BLOCK)) {
        continue;
      }
      ByteBuffer bh = ByteBuffer.wrap(file.read(pos, BLOCK)).order(order);
      long len = bh.getInt(12) & 0xffffffffL;
      if (bh.getInt(0) != blobMagic || bh.getInt(4) != pkgIdx || len > Integer.MAX_VALUE
          || !file.contains(pos + BLOCK, len)) {
        continue;
      }
      sink.accept(file.read(pos + BLOCK, (int) len));
    }
    return true;
  }
}
