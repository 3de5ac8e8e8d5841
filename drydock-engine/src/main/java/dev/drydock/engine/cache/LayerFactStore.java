package dev.drydock.engine.cache;

import java.util.Map;
import java.util.Optional;

/**
 * The layer-fact cache port: per (layer diffID, analyzer name@version, options) what the analyzer found, and
 * what the integrity check needs to trust it (blobs verified against a diffID, file stamps of blobs read).
 * {@link LayerCache} is the embedded (SQLite) implementation; see docs/DESIGN.md, "Trust".
 */
public interface LayerFactStore {
  /** Every cached output of one layer for {@code options}, keyed by {@code name@version}. */
  Map<String, AnalyzerOutput> getAll(String diffId, String options);

  void put(String diffId, String analyzer, int version, String options, AnalyzerOutput output);

  /** Records that a walk read a blob hashing to {@code blobDigest} and verified it against {@code diffId}. */
  void putVerifiedLayer(String blobDigest, String diffId);

  /** Whether a walk verified a blob hashing to {@code blobDigest} against {@code diffId}. */
  boolean isVerifiedLayer(String blobDigest, String diffId);

  /**
   * Records that {@code entry} of the file at {@code path} (empty: the whole file), while the file had
   * {@code stamp}, held bytes hashing to {@code blobDigest}.
   */
  void putBlobStamp(String path, String entry, String stamp, String blobDigest);

  /** The digest recorded for {@code entry} of {@code path} if the file's stamp is still {@code stamp}. */
  Optional<String> blobDigestByStamp(String path, String entry, String stamp);

  /**
   * Claims the layer {@code diffId} while this process looks it up and, on a miss, analyses and stores it: a store
   * shared by several processes (the server's PostgreSQL store) makes another claimant of the same layer wait until
   * this claim is closed, so a layer is indexed once; the embedded store claims nothing (two processes on one cache
   * may both analyse a new layer, storing the same facts).
   */
  default Claim claimLayer(String diffId) {
    return Claim.NONE;
  }

  /** A held layer claim; closing it lets the next claimant in (it then finds the facts stored). */
  interface Claim extends AutoCloseable {
    Claim NONE = () -> {};

    @Override
    void close();
  }
}
