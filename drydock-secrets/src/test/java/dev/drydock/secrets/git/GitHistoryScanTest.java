package dev.drydock.secrets.git;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.model.DrydockException;
import dev.drydock.model.ExposedSecret;
import dev.drydock.secrets.SecretScanner;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitHistoryScanTest {
  private static final String ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  @TempDir Path dir;

  private static String token(long seed) {
    Random r = new Random(seed);
    StringBuilder sb = new StringBuilder("ghp_");
    for (int i = 0; i < 36; i++) {
      sb.append(ALNUM.charAt(r.nextInt(ALNUM.length())));
    }
    return sb.toString();
  }

  private static RevCommit commit(Git git, Path dir, String file, String text, String message, long epoch)
      throws Exception {
    Path p = dir.resolve(file);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text, StandardCharsets.UTF_8);
    git.add().addFilepattern(".").call();
    PersonIdent who = new PersonIdent("Ada Lovelace", "ada@example.org", Instant.ofEpochSecond(epoch),
        ZoneOffset.ofHours(2));
    return git.commit().setMessage(message).setAuthor(who).setCommitter(who).call();
  }

  @Test
  void reportsTheCommitThatAddedATokenRemovedLater() throws Exception {
    String token = token(1);
    RevCommit c2;
    try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
      commit(git, dir, "app/config.yml", "name: demo\nport: 8080\n", "first", 1_700_000_000L);
      c2 = commit(git, dir, "app/config.yml", "name: demo\nport: 8080\ngithub: " + token + "\n", "second",
          1_700_000_100L);
      commit(git, dir, "app/config.yml", "name: demo\nport: 8080\n", "third: remove the token", 1_700_000_200L);
    }
    GitHistoryScan.Result r = new GitHistoryScan(new SecretScanner(), 1 << 20).scan(dir);
    assertThat(r.commits()).isEqualTo(3);
    assertThat(r.secrets()).hasSize(1);
    ExposedSecret s = r.secrets().get(0);
    assertThat(s.ruleId()).isEqualTo("DD-SEC-003");
    assertThat(s.commit()).isEqualTo(c2.name());
    assertThat(s.author()).isEqualTo("Ada Lovelace <ada@example.org>");
    assertThat(s.date()).isEqualTo("2023-11-15T00:15:00+02:00");
    assertThat(s.path()).isEqualTo("app/config.yml");
    assertThat(s.line()).isEqualTo(3);
    assertThat(s.column()).isEqualTo(9);
    assertThat(s.toString()).doesNotContain(token);
  }

  @Test
  void onlyAddedLinesCountAndLineNumbersAreThoseOfThatCommit() throws Exception {
    String old = token(2);
    String added = token(3);
    try (Git git = Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call()) {
      commit(git, dir, "a.txt", "k = " + old + "\n", "one", 1_700_000_000L);
      // the old token stays (not added again); a new one arrives above it, moving it to line 3
      commit(git, dir, "a.txt", "first\nk2 = " + added + "\nk = " + old + "\n", "two", 1_700_000_100L);
      // a branch with its own commit is scanned too
      git.checkout().setCreateBranch(true).setName("feature").call();
      commit(git, dir, "b.txt", "\n\n\n\nx = " + token(4) + "\n", "three", 1_700_000_200L);
    }
    List<ExposedSecret> found = new GitHistoryScan(new SecretScanner(), 1 << 20).scan(dir).secrets();
    assertThat(found).extracting(s -> s.path() + ":" + s.line()).containsExactly("a.txt:1", "a.txt:2", "b.txt:5");
  }

  @Test
  void notARepositoryIsBadInput() {
    assertThatThrownBy(() -> new GitHistoryScan(new SecretScanner(), 1 << 20).scan(dir))
        .isInstanceOf(DrydockException.class).hasMessageContaining("not a git repository");
  }

  @Test
  void emptyRepositoryHasNoFindings() throws Exception {
    Git.init().setDirectory(dir.toFile()).call().close();
    assertThat(new GitHistoryScan(new SecretScanner(), 1 << 20).scan(dir).secrets()).isEmpty();
  }
}
