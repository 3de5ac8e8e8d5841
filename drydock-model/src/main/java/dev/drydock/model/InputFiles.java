package dev.drydock.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Map;

/**
 * Files a user names as input (configuration files, baselines, ignore files, VEX documents, saved results).
 * Only regular files are read: a FIFO would block forever, a device such as {@code /dev/zero} never ends, so both
 * are refused at once with one line naming the file. A symbolic link is followed; what it points to must be a
 * regular file.
 */
public final class InputFiles {
  private InputFiles() {}

  /**
   * Returns {@code file} if it is a regular file (after following links).
   *
   * @param what what the file is for, in messages ({@code "baseline"}, {@code "ignore file"}, ...)
   * @throws DrydockException {@code <file>: <what> not found}, or {@code <file>: <what> is a FIFO, not a regular
   *     file} (directory, device, socket likewise)
   */
  public static Path requireRegularFile(Path file, String what) {
    BasicFileAttributes a;
    try {
      a = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (NoSuchFileException e) {
      throw new DrydockException(file + ": " + what + " not found");
    } catch (IOException e) {
      throw new DrydockException(file + ": cannot read " + what + ": " + e.getMessage(), e);
    }
    if (!a.isRegularFile()) {
      throw new DrydockException(file + ": " + what + " is " + kind(file, a) + ", not a regular file");
    }
    return file;
  }

  /**
   * The UTF-8 text of a regular file of at most {@code maxBytes} bytes; reads at most one byte more, so a file
   * that grows (or lies about its size) cannot make it read more.
   *
   * @throws DrydockException not found, not a regular file, larger than {@code maxBytes}, not UTF-8, or unreadable
   */
  public static String readText(Path file, String what, long maxBytes) {
    requireRegularFile(file, what);
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
    } catch (IOException e) {
      throw new DrydockException(file + ": cannot read " + what + ": " + e.getMessage(), e);
    }
    if (bytes.length > maxBytes) {
      throw new DrydockException(file + ": " + what + " is larger than " + maxBytes + " bytes");
    }
    try {
      String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
      return s.startsWith("\uFEFF") ? s.substring(1) : s;
    } catch (CharacterCodingException e) {
      throw new DrydockException(file + ": " + what + " is not UTF-8 text");
    }
  }

  private static String kind(Path file, BasicFileAttributes a) {
    if (a.isDirectory()) {
      return "a directory";
    }
    try {
      Map<String, Object> unix = Files.readAttributes(file, "unix:mode");
      int type = ((Integer) unix.get("mode")) & 0170000;
      return switch (type) {
        case 0010000 -> "a FIFO";
        case 0020000 -> "a character device";
        case 0060000 -> "a block device";
        case 0140000 -> "a socket";
        default -> "a special file";
      };
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      // no unix view: say what we know
    }
    return "a special file";
  }
}
