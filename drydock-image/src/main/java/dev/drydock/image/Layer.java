package dev.drydock.image;

/**
 * One layer of a target.
 *
 * @param index 0 for the base layer
 * @param diffId {@code sha256:...} of the uncompressed tar, from the config's rootfs.diff_ids; null for
 *     a directory pseudo-layer
 * @param digest {@code sha256:...} of the blob as stored, from the manifest (equals diffId for
 *     uncompressed docker-archive layers); null for directories
 * @param mediaType blob media type from the manifest (null when the archive does not say)
 * @param size blob size in bytes (-1 if unknown)
 * @param createdBy history {@code created_by} of the non-empty history entry for this layer; null if unknown
 */
public record Layer(int index, String diffId, String digest, String mediaType, long size, String createdBy) {
  /**
   * Longest history command kept in {@link #createdBy} (characters): the command is copied into every
   * package the layer installs, so a longer one is cut here, with a marker saying how much was cut. The
   * image config's history keeps the whole command.
   */
  public static final int MAX_CREATED_BY = 4096;

  /** {@code command} cut to {@link #MAX_CREATED_BY} characters with a marker; null stays null. */
  public static String boundedCommand(String command) {
    if (command == null || command.length() <= MAX_CREATED_BY) {
      return command;
    }
    int cut = MAX_CREATED_BY;
    if (Character.isHighSurrogate(command.charAt(cut - 1))) {
      cut--;
    }
    return command.substring(0, cut) + " ... [" + (command.length() - cut) + " more characters cut by drydock]";
  }
}
