package dev.drydock.checks.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * Builds a Docker host's root directory for a test: files, directories, sockets and links with the owner,
 * group and mode asked for, each checked after it is set (the tests run as root, so chown works; if it did
 * not, the fixture would not be what the test says, and it fails here).
 */
final class HostFixture {
  static final int ROOT = 0;
  static final int ALICE = 1000;
  static final int DOCKER_GID = 999;

  final Path root;

  HostFixture(Path root) {
    this.root = root;
  }

  Path path(String hostPath) {
    return root.resolve(hostPath.substring(1));
  }

  HostFixture file(String hostPath, String text, int mode, int uid, int gid) {
    try {
      Path p = path(hostPath);
      Files.createDirectories(p.getParent());
      Files.writeString(p, text, StandardCharsets.UTF_8);
      return set(p, mode, uid, gid);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  HostFixture file(String hostPath, String text, int mode) {
    return file(hostPath, text, mode, ROOT, ROOT);
  }

  HostFixture dir(String hostPath, int mode, int uid, int gid) {
    try {
      Path p = path(hostPath);
      Files.createDirectories(p);
      return set(p, mode, uid, gid);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A real Unix domain socket file, as dockerd and containerd leave them. */
  HostFixture socket(String hostPath, int mode, int uid, int gid) {
    try {
      Path p = path(hostPath);
      Files.createDirectories(p.getParent());
      try (ServerSocketChannel ch = ServerSocketChannel.open(java.net.StandardProtocolFamily.UNIX)) {
        ch.bind(UnixDomainSocketAddress.of(p));
      }
      assertThat(Files.exists(p, LinkOption.NOFOLLOW_LINKS)).as("socket %s", p).isTrue();
      assertThat(Files.isRegularFile(p) || Files.isDirectory(p)).as("%s is a socket", p).isFalse();
      return set(p, mode, uid, gid);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  HostFixture link(String hostPath, String target) {
    try {
      Path p = path(hostPath);
      Files.createDirectories(p.getParent());
      Files.createSymbolicLink(p, Path.of(target));
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private HostFixture set(Path p, int mode, int uid, int gid) throws IOException {
    Files.setPosixFilePermissions(p, permissions(mode));
    Files.setAttribute(p, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
    Files.setAttribute(p, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
    var a = Files.readAttributes(p, "unix:uid,gid,mode", LinkOption.NOFOLLOW_LINKS);
    assertThat(a.get("uid")).as("owner of %s (tests must run as root)", p).isEqualTo(uid);
    assertThat(a.get("gid")).as("group of %s", p).isEqualTo(gid);
    assertThat(((Integer) a.get("mode")) & 07777).as("mode of %s", p).isEqualTo(mode);
    return this;
  }

  static Set<PosixFilePermission> permissions(int mode) {
    Set<PosixFilePermission> s = EnumSet.noneOf(PosixFilePermission.class);
    PosixFilePermission[] order = {
      PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
      PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
      PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};
    for (int i = 0; i < order.length; i++) {
      if ((mode & (1 << i)) != 0) {
        s.add(order[i]);
      }
    }
    return s;
  }

  static final String PASSWD = "root:x:0:0:root:/root:/bin/bash\n"
      + "daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n"
      + "alice:x:1000:1000:Alice:/home/alice:/bin/bash\n"
      + "bob:x:1001:999:Bob:/home/bob:/bin/bash\n";

  static final String GROUP = "root:x:0:\n"
      + "daemon:x:1:\n"
      + "alice:x:1000:\n"
      + "docker:x:999:alice\n";

  private static final String UNIT = "[Unit]\nDescription=Docker Application Container Engine\n"
      + "After=network-online.target docker.socket containerd.service\nRequires=docker.socket\n\n"
      + "[Service]\nType=notify\n"
      + "ExecStart=/usr/bin/dockerd --containerd=/run/containerd/containerd.sock\n"
      + "ExecReload=/bin/kill -s HUP $MAINPID\n\n[Install]\nWantedBy=multi-user.target\n";

  private static final String SOCKET_UNIT = "[Unit]\nDescription=Docker Socket for the API\n\n[Socket]\n"
      + "ListenStream=/run/docker.sock\nSocketMode=0660\nSocketUser=root\nSocketGroup=docker\n\n"
      + "[Install]\nWantedBy=sockets.target\n";

  static final String HARDENED_DAEMON_JSON = """
      {
        "icc": false,
        "log-level": "info",
        "userns-remap": "default",
        "authorization-plugins": ["authz-broker"],
        "log-driver": "syslog",
        "log-opts": {"syslog-address": "tcp://192.0.2.10:514"},
        "no-new-privileges": true,
        "live-restore": true,
        "userland-proxy": false,
        "default-ulimits": {"nofile": {"Name": "nofile", "Hard": 64000, "Soft": 64000}},
        "hosts": ["fd://", "tcp://0.0.0.0:2376"],
        "tlsverify": true,
        "tlscacert": "/etc/docker/tls/ca.pem",
        "tlscert": "/etc/docker/tls/server-cert.pem",
        "tlskey": "/etc/docker/tls/server-key.pem"
      }
      """;

  /** Every file-readable control of sections 1-3 passes. */
  static HostFixture hardened(Path root) {
    HostFixture h = new HostFixture(root);
    h.file("/etc/passwd", PASSWD, 0644).file("/etc/group", GROUP, 0644)
        .file("/etc/fstab", "# <file system> <mount point> <type> <options> <dump> <pass>\n"
            + "/dev/mapper/vg0-root / ext4 errors=remount-ro 0 1\n"
            + "/dev/mapper/vg0-docker /var/lib/docker ext4 defaults,nodev 0 2\n", 0644);
    StringBuilder rules = new StringBuilder("## docker (CIS Docker Benchmark 1.1.3-1.1.18)\n");
    for (String p : new String[] {"/usr/bin/dockerd", "/var/lib/docker", "/etc/docker",
        "/lib/systemd/system/docker.service", "/run/containerd/containerd.sock", "/lib/systemd/system/docker.socket",
        "/etc/default/docker", "/etc/docker/daemon.json", "/etc/containerd/config.toml", "/etc/sysconfig/docker",
        "/usr/bin/containerd", "/usr/bin/containerd-shim", "/usr/bin/containerd-shim-runc-v1",
        "/usr/bin/containerd-shim-runc-v2", "/usr/bin/runc"}) {
      rules.append("-w ").append(p).append(" -p rwxa -k docker\n");
    }
    rules.append("-a exit,always -F path=/run/containerd -F perm=war -k docker\n");
    h.file("/etc/audit/rules.d/docker.rules", rules.toString(), 0640);
    for (String bin : new String[] {"dockerd", "containerd", "containerd-shim", "containerd-shim-runc-v1",
        "containerd-shim-runc-v2", "runc"}) {
      h.file("/usr/bin/" + bin, "\177ELF", 0755);
    }
    h.dir("/var/lib/docker", 0710, ROOT, ROOT)
        .file("/lib/systemd/system/docker.service", UNIT, 0644)
        .file("/lib/systemd/system/docker.socket", SOCKET_UNIT, 0644)
        .file("/etc/default/docker", "# Docker Upstart and SysVinit configuration file\n", 0644)
        .file("/etc/sysconfig/docker", "OPTIONS=\n", 0644)
        .file("/etc/containerd/config.toml", "version = 2\n", 0644)
        .file("/etc/docker/daemon.json", HARDENED_DAEMON_JSON, 0644)
        .file("/etc/docker/tls/ca.pem", "-----BEGIN CERTIFICATE-----\n", 0444)
        .file("/etc/docker/tls/server-cert.pem", "-----BEGIN CERTIFICATE-----\n", 0444)
        .file("/etc/docker/tls/server-key.pem", "-----BEGIN PRIVATE KEY-----\n", 0400)
        .file("/etc/docker/certs.d/registry.example:5000/ca.crt", "-----BEGIN CERTIFICATE-----\n", 0444)
        .dir("/etc/docker", 0755, ROOT, ROOT)
        .socket("/run/docker.sock", 0660, ROOT, DOCKER_GID)
        .socket("/run/containerd/containerd.sock", 0660, ROOT, ROOT)
        .link("/var/run", "/run"); // absolute, as on real hosts: must resolve inside the fixture
    return h;
  }

  static final String CARELESS_DAEMON_JSON = """
      {
        "icc": true,
        "log-level": "debug",
        "insecure-registries": ["registry.internal:5000"],
        "storage-driver": "aufs",
        "storage-opts": ["dm.basesize=20G"],
        "hosts": ["unix:///var/run/docker.sock", "tcp://0.0.0.0:2375"],
        "cgroup-parent": "/docker-custom",
        "log-driver": "json-file",
        "seccomp-profile": "unconfined",
        "experimental": true
      }
      """;

  /** A host with many failures (the test lists them all). */
  static HostFixture careless(Path root) {
    HostFixture h = new HostFixture(root);
    h.file("/etc/passwd", PASSWD, 0644).file("/etc/group", GROUP, 0644)
        .file("/etc/fstab", "UUID=0a1b2c3d / ext4 errors=remount-ro 0 1\n", 0644)
        .file("/etc/audit/audit.rules", "# written by augenrules\n-D\n-w /usr/bin/dockerd -k docker\n", 0640);
    for (String bin : new String[] {"dockerd", "containerd", "containerd-shim-runc-v2", "runc"}) {
      h.file("/usr/bin/" + bin, "\177ELF", 0755);
    }
    h.dir("/var/lib/docker", 0711, ROOT, ROOT)
        .file("/lib/systemd/system/docker.service", UNIT, 0664, ALICE, ALICE)
        .file("/etc/systemd/system/docker.service.d/override.conf",
            "[Service]\nExecStart=\nExecStart=/usr/bin/dockerd --iptables=false \\\n  --userland-proxy=true\n", 0644)
        .file("/etc/sysconfig/docker", "OPTIONS=--selinux-enabled\n", 0600, ALICE, ALICE)
        .file("/etc/docker/daemon.json", CARELESS_DAEMON_JSON, 0666)
        .file("/etc/docker/certs.d/registry.internal:5000/ca.crt", "-----BEGIN CERTIFICATE-----\n", 0644, ALICE,
            ALICE)
        .dir("/etc/docker", 0777, ROOT, ROOT)
        .socket("/run/docker.sock", 0666, ROOT, ROOT)
        .socket("/run/containerd/containerd.sock", 0660, ROOT, ROOT)
        .link("/var/run", "../run");
    return h;
  }
}
