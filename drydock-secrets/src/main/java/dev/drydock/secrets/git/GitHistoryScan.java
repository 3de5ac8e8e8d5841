package dev.drydock.secrets.git;

import dev.drydock.model.DrydockException;
import dev.drydock.model.ExposedSecret;
import dev.drydock.secrets.SecretScanner;
import dev.drydock.secrets.tree.BinaryNames;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.Edit;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.util.io.DisabledOutputStream;

/**
 * Scans the lines every commit of a git repository added, like {@code gitleaks git}: every commit reachable
 * from any ref (branches, tags, HEAD) is diffed against its first parent (the empty tree for a root commit),
 * with rename detection, and only added or changed lines are scanned. Line numbers are those of the file in
 * that commit. Merge commits are skipped (their changes are reported in the commits that made them), as are
 * submodules, binary files and blobs over the size limit.
 */
public final class GitHistoryScan {

  /**
   * @param secrets findings, oldest commit first, then by path and line
   * @param commits commits scanned
   * @param warnings what could not be read
   */
  public record Result(List<ExposedSecret> secrets, int commits, List<String> warnings) {}

  private final SecretScanner scanner;
  private final long maxFileSize;

  public GitHistoryScan(SecretScanner scanner, long maxFileSize) {
    this.scanner = scanner;
    this.maxFileSize = maxFileSize;
  }

  /** Scans the repository at {@code dir} (a work tree or a bare repository). */
  public Result scan(Path dir) {
    try (Git git = Git.open(dir.toFile())) {
      return scan(git.getRepository());
    } catch (RepositoryNotFoundException e) {
      throw new DrydockException(dir + ": not a git repository");
    } catch (IOException e) {
      throw new DrydockException(dir + ": cannot read the git repository: " + e.getMessage(), e);
    }
  }

  private Result scan(Repository repo) throws IOException {
    List<Found> found = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    int commits = 0;
    try (RevWalk walk = new RevWalk(repo);
        ObjectReader reader = repo.newObjectReader();
        DiffFormatter diff = new DiffFormatter(DisabledOutputStream.INSTANCE)) {
      diff.setRepository(repo);
      diff.setDetectRenames(true);
      boolean any = false;
      for (Ref ref : repo.getRefDatabase().getRefs()) {
        Ref peeled = repo.getRefDatabase().peel(ref);
        var id = peeled.getPeeledObjectId() != null ? peeled.getPeeledObjectId() : peeled.getObjectId();
        if (id == null) {
          continue;
        }
        RevObject obj = walk.parseAny(id);
        if (obj instanceof RevCommit c) {
          walk.markStart(c);
          any = true;
        }
      }
      if (!any) {
        return new Result(List.of(), 0, List.of());
      }
      for (RevCommit commit : walk) {
        if (commit.getParentCount() > 1) {
          continue;
        }
        commits++;
        var oldTree = commit.getParentCount() == 0 ? new EmptyTreeIterator()
            : new CanonicalTreeParser(null, reader, walk.parseCommit(commit.getParent(0)).getTree());
        var newTree = new CanonicalTreeParser(null, reader, commit.getTree());
        for (DiffEntry entry : diff.scan(oldTree, newTree)) {
          if (entry.getChangeType() == DiffEntry.ChangeType.DELETE || entry.getNewMode() == FileMode.GITLINK
              || BinaryNames.isBinary(entry.getNewPath())) {
            continue;
          }
          scanEntry(commit, entry, reader, diff, found, warnings);
        }
      }
    }
    found.sort(Comparator.comparingInt(Found::time).thenComparing(f -> f.secret().path())
        .thenComparingInt(f -> f.secret().line()).thenComparingInt(f -> f.secret().column()));
    return new Result(found.stream().map(Found::secret).toList(), commits, warnings);
  }

  private record Found(int time, ExposedSecret secret) {}

  private void scanEntry(RevCommit commit, DiffEntry entry, ObjectReader reader, DiffFormatter diff,
      List<Found> found, List<String> warnings) throws IOException {
    ObjectLoader loader = reader.open(entry.getNewId().toObjectId(), Constants.OBJ_BLOB);
    if (loader.getSize() > maxFileSize) {
      warnings.add(commit.name() + ": " + entry.getNewPath() + ": skipped (" + loader.getSize() + " bytes)");
      return;
    }
    byte[] content = loader.getBytes();
    List<Edit> edits = diff.toFileHeader(entry).toEditList();
    byte[] added = onlyLines(content, edits);
    if (added == null) {
      return;
    }
    PersonIdent author = commit.getAuthorIdent();
    String who = author.getName() + " <" + author.getEmailAddress() + ">";
    String when = OffsetDateTime.ofInstant(author.getWhenAsInstant(), author.getZoneId())
        .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    for (ExposedSecret s : scanner.scan(entry.getNewPath(), added)) {
      found.add(new Found(commit.getCommitTime(), new ExposedSecret(s.ruleId(), s.category(), s.severity(),
          s.title(), s.path(), s.line(), s.column(), s.redacted(), s.fingerprint(), null, false, commit.name(), who, when)));
    }
  }

  /**
   * The content with every line outside the edits' new ranges emptied (line breaks kept, so line numbers
   * and columns stay those of the file); null when nothing was added.
   */
  static byte[] onlyLines(byte[] content, List<Edit> edits) {
    boolean[] keep = null;
    for (Edit e : edits) {
      if (e.getEndB() > e.getBeginB()) {
        if (keep == null) {
          keep = new boolean[e.getEndB() + 1];
        }
        if (keep.length < e.getEndB()) {
          keep = java.util.Arrays.copyOf(keep, e.getEndB());
        }
        for (int i = e.getBeginB(); i < e.getEndB(); i++) {
          keep[i] = true;
        }
      }
    }
    if (keep == null) {
      return null;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(content.length);
    int line = 0;
    int start = 0;
    for (int i = 0; i <= content.length; i++) {
      if (i == content.length || content[i] == '\n') {
        if (line < keep.length && keep[line]) {
          out.write(content, start, i - start);
        }
        if (i < content.length) {
          out.write('\n');
        }
        line++;
        start = i + 1;
      }
    }
    return out.toByteArray();
  }
}
