package dev.drydock.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A job's registry credentials (a Harbor scan request's robot account) rest in its row only while it may still run:
 * a job whose server stopped answering {@link Jobs#MAX_ATTEMPTS} times is abandoned by the next claim, and its row
 * then holds the request without {@code auth}, not until retention removes it.
 */
class JobCredentialsTest {
  @TempDir Path tmp;

  @Test
  void anAbandonedJobKeepsNoCredential() throws Exception {
    try (Database db = Database.open("sqlite:" + tmp.resolve("server.sqlite"), tmp)) {
      Jobs jobs = new Jobs(db);
      String request = "{\"image\":\"registry.example:5000/app@sha256:" + "ab".repeat(32) + "\","
          + "\"auth\":{\"username\":\"robot$harbor\",\"password\":\"s3cr3t-robot-token\"}}";
      String id = jobs.submit(request);
      // three servers claim it in turn and die: each lease expires at once (0 ms)
      for (int i = 0; i < Jobs.MAX_ATTEMPTS; i++) {
        assertThat(jobs.claim("dead-" + i, 0)).get().satisfies(j -> assertThat(j.target()).contains("s3cr3t"));
        Thread.sleep(5);
      }
      assertThat(jobs.get(id).orElseThrow().target()).contains("s3cr3t-robot-token"); // may still run
      assertThat(jobs.claim("next", 60_000)).isEmpty(); // the claim abandons it instead
      Jobs.Job job = jobs.get(id).orElseThrow();
      assertThat(job.state()).isEqualTo("failed");
      assertThat(job.error()).startsWith("abandoned");
      assertThat(job.target()).doesNotContain("s3cr3t").doesNotContain("robot$harbor")
          .contains("registry.example:5000/app@sha256:");
    }
  }

  @Test
  void aRequestWithoutCredentialsIsLeftAsItIs() {
    String plain = "{\"target\":\"/images/app.tar\"}";
    assertThat(Jobs.withoutCredentials(plain)).isSameAs(plain);
    assertThat(Jobs.withoutCredentials("{\"image\":\"a\",\"auth\":{\"username\":\"u\"}}")).isEqualTo("{\"image\":\"a\"}");
  }
}
