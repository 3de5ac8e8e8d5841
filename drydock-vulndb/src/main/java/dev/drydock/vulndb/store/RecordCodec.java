package dev.drydock.vulndb.store;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.drydock.vulndb.osv.OsvRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;

/** OSV records as stored: JSON, deflate-compressed (zlib framing). */
final class RecordCodec {

  static final ObjectMapper MAPPER =
      new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private RecordCodec() {}

  static byte[] encode(OsvRecord record) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(2048);
    Deflater deflater = new Deflater(Deflater.BEST_SPEED);
    try (DeflaterOutputStream out = new DeflaterOutputStream(bytes, deflater, 4096)) {
      MAPPER.writeValue(out, record);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      deflater.end();
    }
    return bytes.toByteArray();
  }

  static OsvRecord decode(InputStream compressed) throws IOException {
    try (InputStream in = new InflaterInputStream(compressed)) {
      return MAPPER.readValue(in, OsvRecord.class);
    }
  }
}
