package dev.drydock.checks.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The small parsers the mappers share: image references, host paths, bind specs, security options. */
class DockerOptionsTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', nullValues = "null", value = {
      "nginx|no tag",
      "nginx:latest|latest tag",
      "nginx:1.27|null",
      "registry:5000/team/app|no tag",
      "registry:5000/team/app:latest|latest tag",
      "registry:5000/team/app:2.1|null",
      "app@sha256:0123|null",
      "app:latest@sha256:0123|null",
      "${IMAGE}|null",
      "sha256:abcdef|null",
      "ghcr.io/org/app:v1-latest|null"})
  void imageTags(String ref, String problem) {
    assertThat(Images.tagProblem(ref)).isEqualTo(problem);
  }

  @ParameterizedTest
  @CsvSource({"/,/", "//,/", "/etc/,/etc", "/var//run/./docker.sock,/var/run/docker.sock", "/proc/.,/proc"})
  void hostPathsAreNormalised(String raw, String normal) {
    assertThat(Mount.normalise(raw)).isEqualTo(normal);
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', nullValues = "null", value = {
      "/etc:/host/etc:ro|/etc|true|null",
      "/srv/x:/x:rw,rshared|/srv/x|false|rshared",
      "/srv/x:/x|/srv/x|false|null",
      "/data|null|false|null",
      "./src:/app|null|false|null",
      "named:/data:ro|null|false|null"})
  void bindSpecs(String spec, String host, boolean readOnly, String propagation) {
    Mount m = DockerOptions.bind(Setting.of(spec, "/v"));
    if (host == null) {
      assertThat(m).isNull();
    } else {
      assertThat(m.hostPath()).isEqualTo(host);
      assertThat(m.readOnly()).isEqualTo(readOnly);
      assertThat(m.propagation()).isEqualTo(propagation);
    }
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', nullValues = "null", value = {
      "seccomp=unconfined|unconfined|null|null|null",
      "seccomp:Unconfined|unconfined|null|null|null",
      "apparmor:unconfined|null|unconfined|null|null",
      "label=disable|null|null|disable|null",
      "label:type:spc_t|null|null|type=spc_t|null",
      "no-new-privileges|null|null|null|true",
      "no-new-privileges:false|null|null|null|false",
      "no-new-privileges=true|null|null|null|true",
      "systempaths=unconfined|null|null|null|null"})
  void securityOptions(String opt, String seccomp, String apparmor, String selinux, Boolean nnp) {
    ContainerSpec.Builder b = ContainerSpec.builder(Source.COMPOSE, "service", "s", "s", "/s", "/s");
    DockerOptions.securityOpt(Setting.of(opt, "/o"), b);
    assertThat(b.seccomp == null ? null : b.seccomp.value()).isEqualTo(seccomp);
    assertThat(b.apparmor == null ? null : b.apparmor.value()).isEqualTo(apparmor);
    assertThat(b.selinux.isEmpty() ? null : b.selinux.get(0).value()).isEqualTo(selinux);
    assertThat(b.noNewPrivileges == null ? null : b.noNewPrivileges.value()).isEqualTo(nnp);
  }
}
