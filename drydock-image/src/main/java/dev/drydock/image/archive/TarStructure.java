package dev.drydock.image.archive;

import dev.drydock.model.DrydockException;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Function;

/**
 * Checks the block structure of a tar stream as its bytes pass through, independently of the tar reader
 * above it: every header's checksum, every size field, and that the stream does not end inside a header
 * or inside an entry's data (padding included). As Go's archive/tar (what container runtimes unpack
 * with) does, a stream may end at a block boundary after a complete entry, or with an all-zero block;
 * an empty stream is an empty layer; whatever follows the first all-zero block is not read as entries.
 *
 * <p>Header-only types (links, directories, devices, FIFOs) carry no data whatever their size field
 * says, as in Go; a pax {@code size} record overrides the next entry's size field.
 */
final class TarStructure extends ReadThroughStream {
  /** Largest pax extended header read for a {@code size} record. */
  static final int MAX_PAX_HEADER = 1 << 20;

  private enum State { HEADER, EXTENSION, DATA, END }

  private final Function<String, DrydockException> bad;
  private final byte[] header = new byte[TarHeaders.BLOCK];
  private State state = State.HEADER;
  private int filled;
  private long offset;
  private long headerOffset;
  private long dataLeft;
  private long paddingLeft;
  private String entry = "";
  private byte[] pax;
  private int paxFilled;
  private long paxSize = -1;

  /** @param bad makes the error for a message (naming the layer) */
  TarStructure(InputStream in, Function<String, DrydockException> bad) {
    super(in);
    this.bad = bad;
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    int n = in.read(b, off, len);
    if (n < 0) {
      atEnd();
      return n;
    }
    consume(b, off, n);
    return n;
  }

  /** Reads what the tar reader left up to the end-of-archive block (or the end), checking it. */
  void finish() throws IOException {
    byte[] buf = new byte[64 * 1024];
    while (state != State.END && read(buf, 0, buf.length) >= 0) {
      // consume() checks as it goes; atEnd() checks the end
    }
  }

  private void atEnd() {
    switch (state) {
      case HEADER, EXTENSION -> {
        if (filled > 0 || state == State.EXTENSION) {
          throw bad.apply("truncated tar: the stream ends inside the header at offset " + headerOffset
              + after());
        }
      }
      case DATA -> throw bad.apply("truncated tar: the stream ends inside the data of " + entry + " ("
          + (dataLeft + paddingLeft) + " bytes missing)");
      case END -> { }
    }
  }

  private String after() {
    return entry.isEmpty() ? "" : " (after " + entry + ")";
  }

  private void consume(byte[] b, int off, int n) {
    int i = off;
    int end = off + n;
    while (i < end) {
      switch (state) {
        case END -> i = end;
        case HEADER, EXTENSION -> {
          if (filled == 0 && state == State.HEADER) {
            headerOffset = offset;
          }
          int take = Math.min(TarHeaders.BLOCK - filled, end - i);
          System.arraycopy(b, i, header, filled, take);
          filled += take;
          i += take;
          offset += take;
          if (filled == TarHeaders.BLOCK) {
            filled = 0;
            if (state == State.HEADER) {
              header();
            } else {
              extension();
            }
          }
        }
        case DATA -> {
          if (dataLeft > 0) {
            int take = (int) Math.min(dataLeft, end - i);
            if (pax != null) {
              int keep = Math.min(take, pax.length - paxFilled);
              System.arraycopy(b, i, pax, paxFilled, keep);
              paxFilled += keep;
            }
            dataLeft -= take;
            i += take;
            offset += take;
          } else {
            int take = (int) Math.min(paddingLeft, end - i);
            paddingLeft -= take;
            i += take;
            offset += take;
          }
          if (dataLeft == 0 && paddingLeft == 0) {
            if (pax != null) {
              paxSize = TarHeaders.paxSize(pax, paxFilled);
              if (paxSize == -2) {
                throw bad.apply("invalid size record in the pax header at offset " + headerOffset + after());
              }
              pax = null;
            }
            state = State.HEADER;
          }
        }
      }
    }
  }

  private void header() {
    if (TarHeaders.isZeroBlock(header)) {
      state = State.END;
      return;
    }
    if (!TarHeaders.checksumOk(header)) {
      throw bad.apply("tar header checksum mismatch at offset " + headerOffset + after());
    }
    char type = TarHeaders.type(header);
    long size = TarHeaders.size(header);
    if (size < 0) {
      throw bad.apply("invalid size field in the tar header at offset " + headerOffset + after());
    }
    boolean meta = type == 'x' || type == 'g' || type == 'L' || type == 'K' || type == 'X';
    if (!meta) {
      entry = TarHeaders.name(header);
      if (paxSize >= 0) {
        size = paxSize;
      }
      paxSize = -1;
    }
    if (type == '1' || type == '2' || type == '3' || type == '4' || type == '5' || type == '6') {
      size = 0;
    }
    if (type == 'x') {
      if (size > MAX_PAX_HEADER) {
        throw bad.apply("pax header at offset " + headerOffset + " is larger than " + MAX_PAX_HEADER + " bytes"
            + after());
      }
      pax = new byte[(int) size];
      paxFilled = 0;
    }
    dataLeft = size;
    paddingLeft = (TarHeaders.BLOCK - size % TarHeaders.BLOCK) % TarHeaders.BLOCK;
    state = TarHeaders.hasSparseExtension(header) ? State.EXTENSION : afterHeader();
  }

  private void extension() {
    state = TarHeaders.extensionContinues(header) ? State.EXTENSION : afterHeader();
  }

  private State afterHeader() {
    if (dataLeft == 0) {
      if (pax != null) {
        pax = null;
      }
      return State.HEADER;
    }
    return State.DATA;
  }
}
