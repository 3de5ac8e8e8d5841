package dev.drydock.image.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * Builds real container images for tests, with correct sha256 digests, in the three formats drydock
 * reads: {@code docker save} archives, OCI image layout directories and OCI archives (tars).
 *
 * <pre>{@code
 * ImageBuilder img = ImageBuilder.dockerArchive()
 *     .layer(l -> l.file("etc/os-release", "ID=alpine\n").dir("tmp", 01777))
 *     .emptyHistory("ENV A=1")                        // empty_layer history entry (no layer)
 *     .layer(ImageBuilder.Compression.GZIP, l -> l.whiteout("etc/motd").symlink("bin/sh", "busybox"))
 *     .history("ADD rootfs /").history("RUN rm /etc/motd")
 *     .user("nobody").env("PATH=/bin").repoTag("demo:1");
 * Path tar = img.write(dir.resolve("img.tar"));
 * String diffId = img.diffId(1);                        // digests are known after write
 * }</pre>
 *
 * <p>Formats: {@link #dockerArchive()} writes {@code manifest.json}, {@code <hex>.json} and
 * {@code <hex>/layer.tar} (or, with {@link #blobsLayout()}, the Docker 25+ layout with {@code blobs/sha256},
 * {@code index.json} and {@code oci-layout} as well); {@link #ociLayout()} writes a directory and
 * {@link #ociArchive()} the same files as a tar. {@link #gzipOuter()} gzips a written tar.
 *
 * <p>Layers ({@link LayerSpec}): files with mode/uid/gid, directories, symlinks, hard links, whiteouts
 * ({@code .wh.<name>}), opaque markers ({@code .wh..wh..opq}), entries with exact raw names (e.g.
 * absolute or {@code ../} names, for negative tests) and streamed zero-filled files (for bombs). Each layer
 * is stored uncompressed, gzip'd or zstd'd ({@link Compression}); the default is NONE for docker-archive
 * and GZIP for OCI.
 *
 * <p>Config: {@link #platform}, {@link #user}, {@link #env}, {@link #entrypoint}, {@link #cmd},
 * {@link #workingDir}, {@link #label}, {@link #exposedPort}, {@link #healthcheck}, history via
 * {@link #history} (a layer-producing entry) and {@link #emptyHistory} ({@code empty_layer: true}); history
 * entries are written in call order, independent of layers.
 *
 * <p>OCI extras: {@link #alsoPlatform} adds another image (its own layers, config and platform) to the
 * same index; {@link #nestedIndex()} puts the manifests behind a nested image index;
 * {@link #layerMediaType} overrides a layer's media type. Negative tests: {@link #tamperLayer} changes a
 * stored blob after its digests were computed.
 */
public final class ImageBuilder {
  /** How a layer blob is stored. */
  public enum Compression { NONE, GZIP, ZSTD }

  private enum Format { DOCKER_ARCHIVE, OCI_LAYOUT, OCI_ARCHIVE }

  private static final ObjectMapper JSON = new ObjectMapper();
  /** Every entry gets this modification time, so equal layer specs give equal diffIDs. */
  private static final java.util.Date MTIME = new java.util.Date(1_700_000_000_000L);
  private static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
  private static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
  private static final String OCI_CONFIG = "application/vnd.oci.image.config.v1+json";

  private final Format format;
  private final List<LayerSpec> layers = new ArrayList<>();
  private final List<ObjectNode> history = new ArrayList<>();
  private final ObjectNode containerConfig = JSON.createObjectNode();
  private final List<String> repoTags = new ArrayList<>();
  private final List<ImageBuilder> others = new ArrayList<>();
  private final Map<Integer, String> mediaTypes = new LinkedHashMap<>();
  private final Map<Integer, UnaryOperator<byte[]>> tampers = new LinkedHashMap<>();
  private final Map<Integer, String> claimedDiffIds = new LinkedHashMap<>();
  private final Map<Integer, UnaryOperator<byte[]>> tarEdits = new LinkedHashMap<>();
  private String platform = "linux/amd64";
  private boolean gzipOuter;
  private boolean blobsLayout;
  private boolean nestedIndex;

  // Results, known after write().
  private final List<String> diffIds = new ArrayList<>();
  private final List<String> layerDigests = new ArrayList<>();
  private String configDigest;
  private String manifestDigest;

  private ImageBuilder(Format format) {
    this.format = format;
  }

  /** A {@code docker save} archive (tar). */
  public static ImageBuilder dockerArchive() {
    return new ImageBuilder(Format.DOCKER_ARCHIVE);
  }

  /** An OCI image layout directory. */
  public static ImageBuilder ociLayout() {
    return new ImageBuilder(Format.OCI_LAYOUT);
  }

  /** An OCI image layout stored as a tar. */
  public static ImageBuilder ociArchive() {
    return new ImageBuilder(Format.OCI_ARCHIVE);
  }

  /** A platform image to add to another builder's index with {@link #alsoPlatform}. */
  public static ImageBuilder image() {
    return new ImageBuilder(Format.OCI_LAYOUT);
  }

  /** Adds a layer stored with the format's default compression. */
  public ImageBuilder layer(Consumer<LayerSpec> spec) {
    return layer(format == Format.DOCKER_ARCHIVE ? Compression.NONE : Compression.GZIP, spec);
  }

  /** Adds a layer stored with {@code compression}. */
  public ImageBuilder layer(Compression compression, Consumer<LayerSpec> spec) {
    LayerSpec l = new LayerSpec(compression);
    spec.accept(l);
    layers.add(l);
    return this;
  }

  /** A history entry that produced a layer. */
  public ImageBuilder history(String createdBy) {
    history.add(JSON.createObjectNode().put("created", "2024-01-01T00:00:00Z").put("created_by", createdBy));
    return this;
  }

  /** A history entry with {@code empty_layer: true}. */
  public ImageBuilder emptyHistory(String createdBy) {
    history.add(JSON.createObjectNode().put("created", "2024-01-01T00:00:00Z").put("created_by", createdBy)
        .put("empty_layer", true));
    return this;
  }

  /** {@code os/arch[/variant]}; default {@code linux/amd64}. */
  public ImageBuilder platform(String osArchVariant) {
    this.platform = osArchVariant;
    return this;
  }

  public ImageBuilder user(String user) {
    containerConfig.put("User", user);
    return this;
  }

  public ImageBuilder env(String... env) {
    ArrayNode a = containerConfig.withArray("Env");
    for (String e : env) {
      a.add(e);
    }
    return this;
  }

  public ImageBuilder entrypoint(String... args) {
    containerConfig.set("Entrypoint", strings(args));
    return this;
  }

  public ImageBuilder cmd(String... args) {
    containerConfig.set("Cmd", strings(args));
    return this;
  }

  public ImageBuilder workingDir(String dir) {
    containerConfig.put("WorkingDir", dir);
    return this;
  }

  public ImageBuilder label(String key, String value) {
    containerConfig.withObject("Labels").put(key, value);
    return this;
  }

  /** e.g. {@code "80/tcp"}. */
  public ImageBuilder exposedPort(String port) {
    containerConfig.withObject("ExposedPorts").set(port, JSON.createObjectNode());
    return this;
  }

  /** Healthcheck.Test, e.g. {@code "CMD-SHELL", "curl -f http://localhost/"}. */
  public ImageBuilder healthcheck(String... test) {
    containerConfig.withObject("Healthcheck").set("Test", strings(test));
    return this;
  }

  /** docker-archive RepoTags entry; for OCI the index annotation {@code io.containerd.image.name}. */
  public ImageBuilder repoTag(String tag) {
    repoTags.add(tag);
    return this;
  }

  /** Gzip the whole written tar (docker-archive, oci-archive). */
  public ImageBuilder gzipOuter() {
    this.gzipOuter = true;
    return this;
  }

  /** docker-archive only: Docker 25+ layout (blobs/sha256, index.json, oci-layout besides manifest.json). */
  public ImageBuilder blobsLayout() {
    this.blobsLayout = true;
    return this;
  }

  /** OCI: put the image manifests behind a nested image index. */
  public ImageBuilder nestedIndex() {
    this.nestedIndex = true;
    return this;
  }

  /** OCI: add another platform's image (built with {@link #image()}) to the index. */
  public ImageBuilder alsoPlatform(ImageBuilder other) {
    others.add(other);
    return this;
  }

  /** OCI: media type written for layer {@code index} instead of the one matching its compression. */
  public ImageBuilder layerMediaType(int index, String mediaType) {
    mediaTypes.put(index, mediaType);
    return this;
  }

  /** Rewrites the stored bytes of layer {@code index} after its digests were computed. */
  public ImageBuilder tamperLayer(int index, UnaryOperator<byte[]> edit) {
    tampers.put(index, edit);
    return this;
  }

  /**
   * Rewrites the uncompressed tar of layer {@code index} before it is compressed and its digests are
   * computed: the manifest and config are made for the edited bytes (an attacker's own image).
   */
  public ImageBuilder editLayerTar(int index, UnaryOperator<byte[]> edit) {
    tarEdits.put(index, edit);
    return this;
  }

  /**
   * Writes {@code diffId} into the config for layer {@code index} instead of the real one (an image
   * claiming another image's layer); the manifest keeps the true digest of the stored blob.
   */
  public ImageBuilder claimDiffId(int index, String diffId) {
    claimedDiffIds.put(index, diffId);
    return this;
  }

  /** {@code sha256:...} of layer {@code i}'s uncompressed tar (after {@link #write}). */
  public String diffId(int i) {
    return diffIds.get(i);
  }

  /** {@code sha256:...} of layer {@code i}'s stored blob, before tampering (after {@link #write}). */
  public String layerDigest(int i) {
    return layerDigests.get(i);
  }

  /** {@code sha256:...} of the config (after {@link #write}). */
  public String configDigest() {
    return configDigest;
  }

  /** {@code sha256:...} of this image's manifest; OCI and blobs-layout only (after {@link #write}). */
  public String manifestDigest() {
    return manifestDigest;
  }

  /** Writes the image to {@code out} (a tar file, or a directory for {@link #ociLayout()}) and returns it. */
  public Path write(Path out) throws IOException {
    Map<String, byte[]> files = new LinkedHashMap<>();
    if (format == Format.DOCKER_ARCHIVE) {
      writeDocker(files);
    } else {
      writeOci(files);
    }
    if (format == Format.OCI_LAYOUT) {
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        Path p = out.resolve(f.getKey());
        Files.createDirectories(p.getParent());
        Files.write(p, f.getValue());
      }
    } else {
      if (out.getParent() != null) {
        Files.createDirectories(out.getParent());
      }
      try (OutputStream fo = Files.newOutputStream(out);
          OutputStream o = gzipOuter ? new GZIPOutputStream(fo) : fo;
          TarArchiveOutputStream tar = new TarArchiveOutputStream(o)) {
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
          TarArchiveEntry e = new TarArchiveEntry(f.getKey());
          e.setModTime(MTIME);
          e.setSize(f.getValue().length);
          e.setMode(0100644);
          tar.putArchiveEntry(e);
          tar.write(f.getValue());
          tar.closeArchiveEntry();
        }
      }
    }
    return out;
  }

  // ---- docker-archive ----

  private void writeDocker(Map<String, byte[]> files) throws IOException {
    List<byte[]> blobs = buildLayers();
    List<String> layerNames = new ArrayList<>();
    for (int i = 0; i < blobs.size(); i++) {
      String hex = hex(layerDigests.get(i));
      String name = blobsLayout ? "blobs/sha256/" + hex : hex + "/layer.tar";
      files.put(name, blobs.get(i));
      layerNames.add(name);
    }
    byte[] config = configJson();
    configDigest = sha256(config);
    String configName = blobsLayout ? "blobs/sha256/" + hex(configDigest) : hex(configDigest) + ".json";
    files.put(configName, config);
    ObjectNode entry = JSON.createObjectNode();
    entry.put("Config", configName);
    entry.set("RepoTags", strings(repoTags.toArray(String[]::new)));
    entry.set("Layers", strings(layerNames.toArray(String[]::new)));
    files.put("manifest.json", JSON.writeValueAsBytes(JSON.createArrayNode().add(entry)));
    if (blobsLayout) {
      byte[] manifest = manifestJson();
      manifestDigest = sha256(manifest);
      files.put("blobs/sha256/" + hex(manifestDigest), manifest);
      ObjectNode desc = descriptor(OCI_MANIFEST, manifestDigest, manifest.length);
      if (!repoTags.isEmpty()) {
        desc.withObject("annotations").put("io.containerd.image.name", "docker.io/library/" + repoTags.get(0));
      }
      files.put("index.json", indexJson(List.of(desc)));
      files.put("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
    }
  }

  // ---- OCI ----

  private void writeOci(Map<String, byte[]> files) throws IOException {
    List<ObjectNode> descs = new ArrayList<>();
    descs.add(addOciImage(files));
    for (ImageBuilder other : others) {
      descs.add(other.addOciImage(files));
    }
    files.put("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
    if (nestedIndex) {
      byte[] nested = indexJson(descs);
      String d = sha256(nested);
      files.put("blobs/sha256/" + hex(d), nested);
      ObjectNode top = descriptor(OCI_INDEX, d, nested.length);
      tagAnnotations(top);
      files.put("index.json", indexJson(List.of(top)));
    } else {
      if (others.isEmpty()) {
        tagAnnotations(descs.get(0));
      }
      files.put("index.json", indexJson(descs));
    }
  }

  private void tagAnnotations(ObjectNode desc) {
    if (!repoTags.isEmpty()) {
      desc.withObject("annotations").put("io.containerd.image.name", repoTags.get(0));
    }
  }

  /** Adds this image's blobs and returns its manifest descriptor (with platform). */
  private ObjectNode addOciImage(Map<String, byte[]> files) throws IOException {
    List<byte[]> blobs = buildLayers();
    for (int i = 0; i < blobs.size(); i++) {
      files.put("blobs/sha256/" + hex(layerDigests.get(i)), blobs.get(i));
    }
    byte[] config = configJson();
    configDigest = sha256(config);
    files.put("blobs/sha256/" + hex(configDigest), config);
    byte[] manifest = manifestJson();
    manifestDigest = sha256(manifest);
    files.put("blobs/sha256/" + hex(manifestDigest), manifest);
    ObjectNode desc = descriptor(OCI_MANIFEST, manifestDigest, manifest.length);
    String[] p = platform.split("/");
    ObjectNode plat = desc.putObject("platform").put("architecture", p[1]).put("os", p[0]);
    if (p.length > 2) {
      plat.put("variant", p[2]);
    }
    return desc;
  }

  private byte[] manifestJson() throws IOException {
    ObjectNode m = JSON.createObjectNode();
    m.put("schemaVersion", 2);
    m.put("mediaType", OCI_MANIFEST);
    m.set("config", descriptor(OCI_CONFIG, configDigest, configJson().length));
    ArrayNode ls = m.putArray("layers");
    for (int i = 0; i < layers.size(); i++) {
      String mt = mediaTypes.getOrDefault(i, switch (layers.get(i).compression) {
        case NONE -> "application/vnd.oci.image.layer.v1.tar";
        case GZIP -> "application/vnd.oci.image.layer.v1.tar+gzip";
        case ZSTD -> "application/vnd.oci.image.layer.v1.tar+zstd";
      });
      ls.add(descriptor(mt, layerDigests.get(i), layerSizes.get(i)));
    }
    return JSON.writeValueAsBytes(m);
  }

  private static byte[] indexJson(List<ObjectNode> manifests) throws IOException {
    ObjectNode idx = JSON.createObjectNode();
    idx.put("schemaVersion", 2);
    idx.put("mediaType", OCI_INDEX);
    ArrayNode a = idx.putArray("manifests");
    manifests.forEach(a::add);
    return JSON.writeValueAsBytes(idx);
  }

  private static ObjectNode descriptor(String mediaType, String digest, long size) {
    return JSON.createObjectNode().put("mediaType", mediaType).put("digest", digest).put("size", size);
  }

  // ---- shared ----

  private final List<Long> layerSizes = new ArrayList<>();

  /** Builds every layer blob, records digests (of the untampered blob), returns the stored bytes. */
  private List<byte[]> buildLayers() throws IOException {
    diffIds.clear();
    layerDigests.clear();
    layerSizes.clear();
    List<byte[]> out = new ArrayList<>();
    for (int i = 0; i < layers.size(); i++) {
      LayerSpec l = layers.get(i);
      ByteArrayOutputStream plain = new ByteArrayOutputStream();
      l.writeTar(plain);
      byte[] tarBytes = tarEdits.containsKey(i) ? tarEdits.get(i).apply(plain.toByteArray()) : plain.toByteArray();
      ByteArrayOutputStream stored = new ByteArrayOutputStream();
      MessageDigest diff = newSha256();
      try (OutputStream c = compressor(l.compression, stored);
          DigestOutputStream d = new DigestOutputStream(c, diff)) {
        d.write(tarBytes);
      }
      byte[] blob = stored.toByteArray();
      diffIds.add(claimedDiffIds.getOrDefault(i, "sha256:" + HexFormat.of().formatHex(diff.digest())));
      layerDigests.add(sha256(blob));
      layerSizes.add((long) blob.length);
      out.add(tampers.containsKey(i) ? tampers.get(i).apply(blob) : blob);
    }
    return out;
  }

  private static OutputStream compressor(Compression c, OutputStream out) throws IOException {
    return switch (c) {
      case NONE -> new NonClosing(out);
      case GZIP -> new GZIPOutputStream(out);
      case ZSTD -> new com.github.luben.zstd.ZstdOutputStream(out);
    };
  }

  private byte[] configJson() throws IOException {
    ObjectNode c = JSON.createObjectNode();
    String[] p = platform.split("/");
    c.put("architecture", p[1]);
    c.put("os", p[0]);
    if (p.length > 2) {
      c.put("variant", p[2]);
    }
    c.set("config", containerConfig);
    ObjectNode rootfs = c.putObject("rootfs").put("type", "layers");
    rootfs.set("diff_ids", strings(diffIds.toArray(String[]::new)));
    ArrayNode h = c.putArray("history");
    history.forEach(h::add);
    return JSON.writeValueAsBytes(c);
  }

  private static ArrayNode strings(String... values) {
    ArrayNode a = JSON.createArrayNode();
    for (String v : values) {
      a.add(v);
    }
    return a;
  }

  static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code sha256:<hex>} of {@code bytes}. */
  public static String sha256(byte[] bytes) {
    return "sha256:" + HexFormat.of().formatHex(newSha256().digest(bytes));
  }

  private static String hex(String digest) {
    return digest.substring("sha256:".length());
  }

  /** The entries of one layer tar, written in call order. */
  public static final class LayerSpec {
    private final Compression compression;
    private final List<Consumer<TarArchiveOutputStream>> entries = new ArrayList<>();

    private LayerSpec(Compression compression) {
      this.compression = compression;
    }

    /** A regular file, mode 0644, owned by root. */
    public LayerSpec file(String path, String content) {
      return file(path, content.getBytes(StandardCharsets.UTF_8), 0644);
    }

    public LayerSpec file(String path, byte[] content, int mode) {
      return file(path, content, mode, 0, 0);
    }

    /** A regular file with permission bits (including setuid/setgid/sticky) and owner. */
    public LayerSpec file(String path, byte[] content, int mode, int uid, int gid) {
      entries.add(tar -> put(tar, entry(path, TarConstants.LF_NORMAL, mode, uid, gid), content));
      return this;
    }

    /** A regular file of {@code size} zero bytes, streamed (for decompression-bomb tests). */
    public LayerSpec zeros(String path, long size) {
      entries.add(tar -> {
        TarArchiveEntry e = entry(path, TarConstants.LF_NORMAL, 0644, 0, 0);
        e.setSize(size);
        try {
          tar.putArchiveEntry(e);
          byte[] buf = new byte[1 << 20];
          for (long left = size; left > 0; left -= buf.length) {
            tar.write(buf, 0, (int) Math.min(buf.length, left));
          }
          tar.closeArchiveEntry();
        } catch (IOException ex) {
          throw new UncheckedIOException(ex);
        }
      });
      return this;
    }

    public LayerSpec dir(String path) {
      return dir(path, 0755);
    }

    public LayerSpec dir(String path, int mode) {
      entries.add(tar -> put(tar, entry(path + "/", TarConstants.LF_DIR, mode, 0, 0), new byte[0]));
      return this;
    }

    /** A symbolic link at {@code path} pointing to {@code target} (written as given). */
    public LayerSpec symlink(String path, String target) {
      entries.add(tar -> {
        TarArchiveEntry e = entry(path, TarConstants.LF_SYMLINK, 0777, 0, 0);
        e.setLinkName(target);
        put(tar, e, new byte[0]);
      });
      return this;
    }

    /** A hard link at {@code path} to the earlier entry {@code target}. */
    public LayerSpec hardlink(String path, String target) {
      entries.add(tar -> {
        TarArchiveEntry e = entry(path, TarConstants.LF_LINK, 0644, 0, 0);
        e.setLinkName(target);
        put(tar, e, new byte[0]);
      });
      return this;
    }

    /** Deletes {@code path} from lower layers: writes {@code dir/.wh.name}. */
    public LayerSpec whiteout(String path) {
      int slash = path.lastIndexOf('/');
      String name = slash < 0 ? ".wh." + path : path.substring(0, slash + 1) + ".wh." + path.substring(slash + 1);
      return file(name, new byte[0], 0644);
    }

    /** Marks {@code dir} opaque: writes {@code dir/.wh..wh..opq}. */
    public LayerSpec opaque(String dir) {
      return file(dir + "/.wh..wh..opq", new byte[0], 0644);
    }

    /** A regular file whose tar name is exactly {@code name} (absolute, {@code ../}, {@code ./}...). */
    public LayerSpec rawEntry(String name, byte[] content) {
      entries.add(tar -> {
        TarArchiveEntry e = new TarArchiveEntry(name, TarConstants.LF_NORMAL, true);
        e.setModTime(MTIME);
        e.setMode(0100644);
        put(tar, e, content);
      });
      return this;
    }

    private static TarArchiveEntry entry(String path, byte type, int mode, int uid, int gid) {
      TarArchiveEntry e = new TarArchiveEntry(path, type, true);
      e.setModTime(MTIME);
      int kind = type == TarConstants.LF_DIR ? 040000 : type == TarConstants.LF_SYMLINK ? 0120000 : 0100000;
      e.setMode(kind | mode);
      e.setUserId(uid);
      e.setGroupId(gid);
      return e;
    }

    private static void put(TarArchiveOutputStream tar, TarArchiveEntry e, byte[] content) {
      try {
        e.setSize(content.length);
        tar.putArchiveEntry(e);
        tar.write(content);
        tar.closeArchiveEntry();
      } catch (IOException ex) {
        throw new UncheckedIOException(ex);
      }
    }

    void writeTar(OutputStream out) throws IOException {
      try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new NonClosing(out))) {
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        for (Consumer<TarArchiveOutputStream> e : entries) {
          e.accept(tar);
        }
      }
    }
  }

  /** Lets an inner stream be closed without closing the one below. */
  private static final class NonClosing extends java.io.FilterOutputStream {
    NonClosing(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
