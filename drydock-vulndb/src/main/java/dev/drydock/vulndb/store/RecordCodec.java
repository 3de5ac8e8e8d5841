package dev.drydock.vulndb.store;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.vulndb.osv.OsvRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * OSV records as stored: the whole record as drydock binds it in {@link RecordBinary}'s form, deflate-compressed
 * (zlib framing) with a preset dictionary per source when the source has one.
 *
 * <p>Why deflate and not zstd: the documents are small (1-8 kB), and on small documents a shared dictionary is
 * what compresses; the pure-Java zstd at hand (aircompressor 2.0.3) has no dictionary support, while the JDK's
 * deflate takes a 32 kB preset dictionary. The dictionary is "trained" by {@link #train}: greedy coverage of a
 * sample of the source's own records.
 */
final class RecordCodec {

  static final ObjectMapper MAPPER =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  /** Deflate's window: a preset dictionary longer than this is not used. */
  static final int MAX_DICTIONARY = 16 * 1024;
  /** Below this many samples a dictionary is not worth its row. */
  static final int MIN_SAMPLES = 8;

  private static final ThreadLocal<Inflater> INFLATERS = ThreadLocal.withInitial(Inflater::new);
  private static final ThreadLocal<byte[]> BUFFERS = ThreadLocal.withInitial(() -> new byte[16 * 1024]);

  private RecordCodec() {}

  /** The record as stored before compression. */
  static byte[] serialize(OsvRecord record) {
    return RecordBinary.encode(record);
  }

  /** One compressor per writer: {@link #compress} resets it for every document. */
  static final class Compressor implements AutoCloseable {
    private final Deflater deflater = new Deflater(Deflater.BEST_SPEED);
    private final byte[] dictionary;
    private byte[] out = new byte[8 * 1024];

    Compressor(byte[] dictionary) {
      this.dictionary = dictionary;
    }

    byte[] compress(byte[] json) {
      deflater.reset();
      if (dictionary != null) {
        deflater.setDictionary(dictionary);
      }
      deflater.setInput(json);
      deflater.finish();
      int n = 0;
      while (!deflater.finished()) {
        if (n == out.length) {
          out = Arrays.copyOf(out, out.length * 2);
        }
        n += deflater.deflate(out, n, out.length - n);
      }
      return Arrays.copyOf(out, n);
    }

    @Override
    public void close() {
      deflater.end();
    }
  }

  /** The uncompressed bytes of a stored document; {@code dictionary} is its source's (null when it has none). */
  static byte[] inflate(byte[] compressed, byte[] dictionary) throws IOException {
    Inflater inflater = INFLATERS.get();
    inflater.reset();
    inflater.setInput(compressed);
    byte[] buf = BUFFERS.get();
    int n = 0;
    try {
      while (!inflater.finished()) {
        if (n == buf.length) {
          if (buf.length >= 64 * 1024 * 1024) {
            throw new IOException("stored record inflates past 64 MiB");
          }
          buf = Arrays.copyOf(buf, buf.length * 2);
          BUFFERS.set(buf);
        }
        int r = inflater.inflate(buf, n, buf.length - n);
        if (r == 0) {
          if (inflater.needsDictionary()) {
            if (dictionary == null) {
              throw new IOException("stored record needs a dictionary its source does not have");
            }
            inflater.setDictionary(dictionary);
          } else if (inflater.needsInput()) {
            throw new IOException("stored record is truncated");
          }
        }
        n += r;
      }
    } catch (DataFormatException e) {
      throw new IOException("stored record is not deflate data: " + e.getMessage(), e);
    }
    return Arrays.copyOf(buf, n);
  }

  static OsvRecord decode(byte[] compressed, byte[] dictionary) throws IOException {
    return RecordBinary.decode(inflate(compressed, dictionary));
  }

  /**
   * A preset dictionary for documents like {@code samples}: greedy coverage, each sample that the dictionary so
   * far compresses poorly is added whole, and the dictionary keeps the last 32 kB (deflate's window), so later
   * additions sit nearest to the data. Null when there are too few samples for it to pay.
   */
  static byte[] train(List<byte[]> samples) {
    if (samples.size() < MIN_SAMPLES) {
      return null;
    }
    ByteArrayOutputStream dict = new ByteArrayOutputStream(MAX_DICTIONARY * 2);
    byte[] current = null;
    for (byte[] s : samples) {
      int size = Integer.MAX_VALUE;
      if (current != null) {
        try (Compressor probe = new Compressor(current)) {
          size = probe.compress(s).length;
        }
      }
      // a document the dictionary already covers compresses to a small fraction of itself
      if (current == null || (long) size * 8 > s.length) {
        dict.write(s, 0, s.length);
        byte[] all = dict.toByteArray();
        current = all.length <= MAX_DICTIONARY ? all
            : Arrays.copyOfRange(all, all.length - MAX_DICTIONARY, all.length);
        if (all.length > MAX_DICTIONARY * 2) {
          dict.reset();
          dict.write(current, 0, current.length);
        }
      }
    }
    return current;
  }
}
