package dev.drydock.vulndb.fetch;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Another process holding a lock file: locks {@code args[0]}, prints {@code locked}, releases when stdin closes. */
public final class LockHolderMain {
  private LockHolderMain() {}

  public static void main(String[] args) throws Exception {
    try (FileChannel ch = FileChannel.open(Path.of(args[0]), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = ch.lock()) {
      System.out.println("locked");
      System.out.flush();
      System.in.readAllBytes();
    }
  }
}
