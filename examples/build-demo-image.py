#!/usr/bin/env python3
"""Builds examples/demo-app.tar, the bundled example image, from the real package metadata in
examples/demo-src/ (see examples/FIXTURES.md for where each file came from).

The result is a `docker save`-style archive (manifest.json, config JSON, one uncompressed layer.tar
per layer) of a small Debian 12 application image with six layers. It is deterministic: the same
inputs give the same bytes, so the committed tar can be checked with `git diff --stat` after a rebuild.

Usage: python3 examples/build-demo-image.py [OUTPUT]   (default: examples/demo-app.tar)
"""
import hashlib
import io
import json
import os
import sys
import tarfile
import zipfile

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = os.path.join(HERE, "demo-src")
MTIME = 1700000000  # fixed, for reproducible output
ZIP_TIME = (2023, 11, 14, 22, 13, 20)


def read(*parts):
    with open(os.path.join(SRC, *parts), "rb") as f:
        return f.read()


def tree(root):
    """All files under demo-src/<root> as {relative path: bytes}."""
    base = os.path.join(SRC, root)
    out = {}
    for d, _, files in os.walk(base):
        for name in files:
            full = os.path.join(d, name)
            out[os.path.relpath(full, base).replace(os.sep, "/")] = open(full, "rb").read()
    return out


def jar(entries, stored=()):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name in sorted(entries):
            info = zipfile.ZipInfo(name, ZIP_TIME)
            info.compress_type = zipfile.ZIP_STORED if name in stored else zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, entries[name])
    return buf.getvalue()


def stanzas(*names):
    text = b"\n\n".join(read("debian", n).strip() for n in names)
    return text + b"\n"


def without_package(status, package):
    kept = [s for s in status.strip().split(b"\n\n") if not s.startswith(b"Package: " + package.encode() + b"\n")]
    return b"\n\n".join(kept) + b"\n"


class Layer:
    def __init__(self, created_by):
        self.created_by = created_by
        self.entries = []  # (TarInfo, bytes or None)

    def _info(self, path, kind, mode):
        ti = tarfile.TarInfo(path)
        ti.type = kind
        ti.mode = mode
        ti.mtime = MTIME
        ti.uid = ti.gid = 0
        ti.uname = ti.gname = "root"
        return ti

    def dir(self, path, mode=0o755):
        self.entries.append((self._info(path, tarfile.DIRTYPE, mode), None))
        return self

    def file(self, path, data, mode=0o644):
        parts = path.split("/")[:-1]
        for i in range(1, len(parts) + 1):
            d = "/".join(parts[:i])
            if not any(e[0].name == d for e in self.entries):
                self.dir(d)
        ti = self._info(path, tarfile.REGTYPE, mode)
        ti.size = len(data)
        self.entries.append((ti, data))
        return self

    def symlink(self, path, target):
        ti = self._info(path, tarfile.SYMTYPE, 0o777)
        ti.linkname = target
        self.entries.append((ti, None))
        return self

    def whiteout(self, path):
        d, _, name = path.rpartition("/")
        return self.file((d + "/" if d else "") + ".wh." + name, b"")

    def opaque(self, path):
        return self.file(path + "/.wh..wh..opq", b"")

    def tar(self):
        buf = io.BytesIO()
        with tarfile.open(fileobj=buf, mode="w", format=tarfile.GNU_FORMAT) as t:
            for ti, data in self.entries:
                t.addfile(ti, io.BytesIO(data) if data is not None else None)
        return buf.getvalue()


def build_layers():
    status_base = stanzas("status.base")
    status_full = stanzas("status.base", "status.extra")

    base = Layer("/bin/sh -c #(nop) ADD file:debian-12-rootfs.tar.xz in / ")
    base.file("usr/lib/os-release", read("debian", "os-release"))
    base.symlink("etc/os-release", "../usr/lib/os-release")
    base.file("etc/debian_version", read("debian", "debian_version"))
    base.file("var/lib/dpkg/status", status_base)
    base.file("usr/bin/passwd", b"placeholder for the setuid passwd binary\n", 0o4755)
    base.dir("tmp", 0o1777)

    install = Layer("RUN /bin/sh -c apt-get update && apt-get install -y --no-install-recommends "
                    "openssl ca-certificates curl # buildkit")
    install.file("var/lib/dpkg/status", status_full)
    install.file("var/cache/apt/archives/curl_7.88.1-10+deb12u14_amd64.deb", b"placeholder for a downloaded .deb\n")
    install.file("var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_InRelease", b"placeholder\n")

    cleanup = Layer("RUN /bin/sh -c apt-get purge -y curl && rm -rf /var/cache/apt/archives/*.deb "
                    "/var/lib/apt/lists/* # buildkit")
    cleanup.file("var/lib/dpkg/status", without_package(status_full, "curl"))
    cleanup.whiteout("var/cache/apt/archives/curl_7.88.1-10+deb12u14_amd64.deb")
    cleanup.opaque("var/lib/apt/lists")

    libs = {
        "BOOT-INF/lib/log4j-core-2.14.1.jar": jar(tree("jars/log4j-core-2.14.1")),
        "BOOT-INF/lib/jackson-databind-2.9.8.jar": jar(tree("jars/jackson-databind-2.9.8")),
        "BOOT-INF/lib/spring-core-5.3.17.jar": jar(tree("jars/spring-core-5.3.17")),
    }
    app_entries = dict(libs)
    app_entries["META-INF/MANIFEST.MF"] = (b"Manifest-Version: 1.0\r\nMain-Class: org.springframework.boot.loader.JarLauncher\r\n"
                                           b"Start-Class: com.example.demo.DemoApplication\r\n"
                                           b"Implementation-Title: demo-app\r\nImplementation-Version: 1.0.0\r\n\r\n")
    app_entries["META-INF/maven/com.example/demo-app/pom.properties"] = (
        b"artifactId=demo-app\ngroupId=com.example\nversion=1.0.0\n")
    app_entries["BOOT-INF/classes/application.properties"] = b"server.port=8080\n"
    app = Layer("COPY target/demo-app.jar /app/app.jar # buildkit")
    app.file("app/app.jar", jar(app_entries, stored=set(libs)))

    node = Layer("RUN /bin/sh -c cd /app/web && npm ci --omit=dev # buildkit")
    node.file("app/web/node_modules/lodash/package.json", read("npm", "lodash-package.json"))
    node.file("app/web/node_modules/minimist/package.json", read("npm", "minimist-package.json"))

    py = Layer("RUN /bin/sh -c python3 -m venv /opt/venv && /opt/venv/bin/pip install PyYAML==6.0 # buildkit")
    py.file("opt/venv/lib/python3.11/site-packages/PyYAML-6.0.dist-info/METADATA", read("python", "PyYAML-6.0.METADATA"))
    return [base, install, cleanup, app, node, py]


def sha256(data):
    return "sha256:" + hashlib.sha256(data).hexdigest()


def main():
    out_path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "demo-app.tar")
    layers = build_layers()
    tars = [l.tar() for l in layers]
    diff_ids = [sha256(t) for t in tars]
    created = "2023-11-14T22:13:20Z"
    history = []
    for l in layers[:1]:
        history.append({"created": created, "created_by": l.created_by})
    history.append({"created": created, "created_by": '/bin/sh -c #(nop)  CMD ["bash"]', "empty_layer": True})
    for l in layers[1:4]:
        history.append({"created": created, "created_by": l.created_by, "comment": "buildkit.dockerfile.v0"})
    history.append({"created": created, "created_by": "WORKDIR /app", "comment": "buildkit.dockerfile.v0", "empty_layer": True})
    for l in layers[4:]:
        history.append({"created": created, "created_by": l.created_by, "comment": "buildkit.dockerfile.v0"})
    history += [
        {"created": created, "created_by": "ENV PATH=/opt/venv/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
         "comment": "buildkit.dockerfile.v0", "empty_layer": True},
        {"created": created, "created_by": "EXPOSE map[8080/tcp:{}]", "comment": "buildkit.dockerfile.v0", "empty_layer": True},
        {"created": created, "created_by": 'CMD ["java" "-jar" "/app/app.jar"]', "comment": "buildkit.dockerfile.v0",
         "empty_layer": True},
    ]
    config = {
        "architecture": "amd64",
        "os": "linux",
        "created": created,
        "config": {
            "Env": ["PATH=/opt/venv/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],
            "ExposedPorts": {"8080/tcp": {}},
            "Cmd": ["java", "-jar", "/app/app.jar"],
            "WorkingDir": "/app",
            "Labels": {"org.opencontainers.image.title": "demo-app", "org.opencontainers.image.version": "1.0.0"},
        },
        "rootfs": {"type": "layers", "diff_ids": diff_ids},
        "history": history,
    }
    config_bytes = json.dumps(config, indent=None, separators=(",", ":"), sort_keys=True).encode()
    config_name = hashlib.sha256(config_bytes).hexdigest() + ".json"
    layer_names = [d.split(":")[1] + "/layer.tar" for d in diff_ids]
    manifest = [{"Config": config_name, "RepoTags": ["drydock/demo-app:1.0"], "Layers": layer_names}]

    tmp = out_path + ".tmp"
    with tarfile.open(tmp, "w", format=tarfile.GNU_FORMAT) as t:
        def add(name, data):
            ti = tarfile.TarInfo(name)
            ti.size = len(data)
            ti.mtime = MTIME
            ti.mode = 0o644
            t.addfile(ti, io.BytesIO(data))
        for name, data in zip(layer_names, tars):
            add(name, data)
        add(config_name, config_bytes)
        add("manifest.json", json.dumps(manifest).encode())
        add("repositories", json.dumps({"drydock/demo-app": {"1.0": diff_ids[-1].split(":")[1]}}).encode())
    os.replace(tmp, out_path)
    print(f"{out_path}: {os.path.getsize(out_path)} bytes, {len(layers)} layers")


if __name__ == "__main__":
    main()
