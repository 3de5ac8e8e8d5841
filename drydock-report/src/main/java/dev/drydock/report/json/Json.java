package dev.drydock.report.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.drydock.model.DrydockException;
import dev.drydock.model.InputFiles;
import dev.drydock.model.ScanResult;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The one Jackson configuration for drydock JSON: records, {@code null} fields left out, properties in
 * declaration order, map entries sorted by key, pretty printed, unknown properties ignored on reading
 * (newer files stay readable). The target stream is never closed by Jackson.
 */
public final class Json {
  private static final ObjectMapper MAPPER = JsonMapper.builder()
      .serializationInclusion(JsonInclude.Include.NON_NULL)
      .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
      .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
      .build();

  private static final int MAX_REASON = 160;

  /**
   * The largest saved result read, in bytes (256 MiB). A scan of a large image (tens of thousands of packages and
   * thousands of findings) writes tens of megabytes; the bound leaves room for that while keeping the records
   * read within a default JVM heap. Checked before reading and again while reading (a file that grows).
   */
  public static final long MAX_RESULT_BYTES = 256L * 1024 * 1024;

  private Json() {}

  /** The shared mapper; do not reconfigure it (copy it instead). */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /**
   * Reads a drydock JSON result written by {@link JsonReport}.
   *
   * @throws DrydockException when the file cannot be read, is not JSON, or is not a drydock result
   */
  public static ScanResult read(Path file) {
    InputFiles.requireRegularFile(file, "result");
    ScanResult result;
    try (InputStream in = new BoundedInput(Files.newInputStream(file), MAX_RESULT_BYTES)) {
      if (Files.size(file) > MAX_RESULT_BYTES) {
        throw tooLarge(file);
      }
      result = MAPPER.readValue(in, ScanResult.class);
    } catch (TooLarge e) {
      throw tooLarge(file);
    } catch (JsonProcessingException e) {
      throw new DrydockException("not a drydock result: " + file + ": " + reason(e), e);
    } catch (NoSuchFileException e) {
      throw new DrydockException("cannot read " + file + ": no such file", e);
    } catch (IOException e) {
      throw new DrydockException("cannot read " + file + ": " + e.getMessage(), e);
    }
    if (result == null) {
      throw new DrydockException("not a drydock result: " + file + ": the document is JSON null");
    }
    if (result.schemaVersion() <= 0) {
      throw new DrydockException("not a drydock result: " + file + ": no schemaVersion field at top level");
    }
    if (result.schemaVersion() > ScanResult.SCHEMA_VERSION) {
      throw new DrydockException("not a drydock result: " + file + ": schemaVersion " + result.schemaVersion()
          + " is newer than this drydock reads (" + ScanResult.SCHEMA_VERSION + ")");
    }
    if (result.target() != null && (result.target().kind() == null || result.target().kind().isBlank())) {
      // every drydock result names what it scanned; the reports and the gate decide by it
      throw new DrydockException("not a drydock result: " + file + ": target has no kind");
    }
    return result;
  }

  private static DrydockException tooLarge(Path file) {
    return new DrydockException(file + ": result is larger than " + MAX_RESULT_BYTES + " bytes");
  }

  /** Fails the read once more than {@code max} bytes come out of {@code in}. */
  private static final class BoundedInput extends FilterInputStream {
    private final long max;
    private long count;

    BoundedInput(InputStream in, long max) {
      super(in);
      this.max = max;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        advance(1);
      }
      return b;
    }

    @Override
    public int read(byte[] buf, int off, int len) throws IOException {
      int n = super.read(buf, off, len);
      if (n > 0) {
        advance(n);
      }
      return n;
    }

    private void advance(int n) throws TooLarge {
      count += n;
      if (count > max) {
        throw new TooLarge();
      }
    }
  }

  /** An IOException, so that Jackson passes it through unwrapped. */
  private static final class TooLarge extends IOException {
    private static final long serialVersionUID = 1L;
  }

  /** {@code <json path>: <first line of the parser message> at line N}, short enough for one line. */
  static String reason(JsonProcessingException e) {
    String message = e.getOriginalMessage() == null ? e.getClass().getSimpleName() : e.getOriginalMessage();
    if (e instanceof ValueInstantiationException && e.getCause() instanceof NullPointerException npe
        && npe.getMessage() != null && npe.getMessage().matches("\\w+")) {
      // the records' Objects.requireNonNull(x, "x") checks
      message = "missing required field '" + npe.getMessage() + "'";
    }
    int newline = message.indexOf('\n');
    if (newline >= 0) {
      message = message.substring(0, newline);
    }
    message = message.strip();
    if (message.length() > MAX_REASON) {
      message = message.substring(0, MAX_REASON - 3) + "...";
    }
    if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
      message = path(mapping) + ": " + message;
    }
    JsonLocation location = e.getLocation();
    if (location != null && location.getLineNr() > 0) {
      message = message + " at line " + location.getLineNr();
    }
    return message;
  }

  private static String path(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        if (path.length() > 0) {
          path.append('.');
        }
        path.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.toString();
  }
}
