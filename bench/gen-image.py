#!/usr/bin/env python3
"""Generates a synthetic multi-layer OCI image layout for the scan benchmark.

  python3 bench/gen-image.py SCALE OUTDIR

SCALE 1 gives about 1 GiB uncompressed in 6 gzip layers with about 110k files, 600 dpkg packages and
about 400 jars (a fifth of them Spring Boot-style fat jars holding nested jars); SCALE 4 gives four
times as much of everything. File contents mix random bytes and text so that layers compress about
as well as real ones (roughly 2.5:1). Deterministic for a given SCALE (seeded).
"""
import hashlib
import io
import json
import os
import random
import sys
import tarfile
import zipfile
import zlib

MTIME = 1700000000


class LayerWriter:
    """Streams a tar into a gzip'd blob file, hashing both sides."""

    def __init__(self, path):
        self.raw = open(path, "wb")
        self.comp = zlib.compressobj(6, zlib.DEFLATED, 31)
        self.blob_hash = hashlib.sha256()
        self.diff_hash = hashlib.sha256()
        self.size = 0
        self.tar = tarfile.open(fileobj=self, mode="w|", format=tarfile.GNU_FORMAT, bufsize=1 << 20)
        self.dirs = set()

    def write(self, data):
        self.diff_hash.update(data)
        self.size += len(data)
        c = self.comp.compress(data)
        if c:
            self.blob_hash.update(c)
            self.raw.write(c)

    def _dir(self, d):
        if not d or d in self.dirs:
            return
        self._dir(os.path.dirname(d))
        ti = tarfile.TarInfo(d)
        ti.type = tarfile.DIRTYPE
        ti.mode = 0o755
        ti.mtime = MTIME
        self.tar.addfile(ti)
        self.dirs.add(d)

    def file(self, path, data, mode=0o644):
        self._dir(os.path.dirname(path))
        ti = tarfile.TarInfo(path)
        ti.size = len(data)
        ti.mode = mode
        ti.mtime = MTIME
        self.tar.addfile(ti, io.BytesIO(data))

    def close(self):
        self.tar.close()
        c = self.comp.flush()
        self.blob_hash.update(c)
        self.raw.write(c)
        self.raw.close()
        return "sha256:" + self.blob_hash.hexdigest(), "sha256:" + self.diff_hash.hexdigest()


WORDS = ("lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore "
         "et dolore magna aliqua package library function return value error config option").split()


_POOL = None


def content(rnd, size):
    """About 60% random bytes, 40% text: compresses roughly 1.6:1 with gzip -6."""
    global _POOL
    if _POOL is None:
        _POOL = " ".join(random.Random(7).choice(WORDS) for _ in range(400000)).encode()
    n_random = int(size * 0.6)
    n_text = size - n_random
    start = rnd.randrange(0, len(_POOL) - n_text) if n_text < len(_POOL) else 0
    return rnd.randbytes(n_random) + _POOL[start:start + n_text]


def jar_bytes(rnd, group, artifact, version, classes, nested=()):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("META-INF/MANIFEST.MF", f"Manifest-Version: 1.0\r\nImplementation-Title: {artifact}\r\n"
                                           f"Implementation-Version: {version}\r\n\r\n")
        z.writestr(f"META-INF/maven/{group}/{artifact}/pom.properties",
                   f"groupId={group}\nartifactId={artifact}\nversion={version}\n")
        pkg = group.replace(".", "/")
        for i in range(classes):
            z.writestr(f"{pkg}/{artifact.replace('-', '')}/C{i}.class", content(rnd, rnd.randint(500, 6000)))
        for name, data in nested:
            info = zipfile.ZipInfo(name)
            info.compress_type = zipfile.ZIP_STORED
            z.writestr(info, data)
    return buf.getvalue()


def dpkg_stanza(i):
    return (f"Package: pkg{i:04d}\nStatus: install ok installed\nPriority: optional\nSection: libs\n"
            f"Installed-Size: {100 + i}\nMaintainer: Bench <bench@example.org>\nArchitecture: amd64\n"
            f"Source: src{i // 3:04d} (1.{i % 7}.{i % 11}-{i % 5})\nVersion: 1.{i % 7}.{i % 11}-{i % 5}+b1\n"
            f"Depends: libc6 (>= 2.34)\nDescription: synthetic package {i}\n a generated package for the benchmark\n")


def main():
    scale = int(sys.argv[1])
    out = sys.argv[2]
    rnd = random.Random(42 * scale)
    blobs = os.path.join(out, "blobs", "sha256")
    os.makedirs(blobs, exist_ok=True)
    layers, diff_ids, history = [], [], []
    target_bytes = scale * (1 << 30)
    files_per_layer = scale * 18000
    n_layers = 6
    per_layer = target_bytes // n_layers
    total_files = 0
    for li in range(n_layers):
        tmp = os.path.join(out, f"layer{li}.tmp")
        w = LayerWriter(tmp)
        if li == 0:
            stanzas = [dpkg_stanza(i) for i in range(600 * scale)]
            w.file("etc/os-release", b'ID=debian\nVERSION_ID="12"\nVERSION_CODENAME=bookworm\n'
                                     b'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\n')
            w.file("var/lib/dpkg/status", "\n".join(stanzas).encode())
        if li in (2, 3, 4):  # application layers with jars
            for j in range(70 * scale):
                art = f"lib{li}x{j}"
                if j % 5 == 0:
                    nested = [(f"BOOT-INF/lib/dep{k}-1.{k}.jar",
                               jar_bytes(rnd, "org.bench.dep", f"dep{li}x{j}x{k}", f"1.{k}", 5)) for k in range(8)]
                    data = jar_bytes(rnd, "com.bench.app", art, "2.0.0", 10, nested)
                else:
                    data = jar_bytes(rnd, "org.bench", art, f"1.{j % 9}.{j % 4}", rnd.randint(5, 40))
                w.file(f"opt/app{li}/lib/{art}.jar", data)
                total_files += 1
        written = 0
        for f in range(files_per_layer):
            size = min(per_layer // files_per_layer * 2, int(rnd.expovariate(1 / (per_layer / files_per_layer))))
            written += size
            w.file(f"usr/share/bench{li}/d{f % 200:03d}/f{f:06d}.dat", content(rnd, size))
        total_files += files_per_layer
        digest, diff_id = w.close()
        os.replace(tmp, os.path.join(blobs, digest.split(":")[1]))
        layers.append({"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": digest,
                       "size": os.path.getsize(os.path.join(blobs, digest.split(":")[1]))})
        diff_ids.append(diff_id)
        history.append({"created_by": f"RUN generate layer {li}"})
        print(f"layer {li}: {w.size >> 20} MiB uncompressed, {layers[-1]['size'] >> 20} MiB gzip", file=sys.stderr)
    config = json.dumps({"architecture": "amd64", "os": "linux", "config": {},
                         "rootfs": {"type": "layers", "diff_ids": diff_ids}, "history": history}).encode()

    def put(data):
        d = hashlib.sha256(data).hexdigest()
        with open(os.path.join(blobs, d), "wb") as f:
            f.write(data)
        return "sha256:" + d, len(data)

    cd, cs = put(config)
    manifest = json.dumps({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
                           "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": cd, "size": cs},
                           "layers": layers}).encode()
    md, ms = put(manifest)
    with open(os.path.join(out, "index.json"), "w") as f:
        json.dump({"schemaVersion": 2, "manifests": [{"mediaType": "application/vnd.oci.image.manifest.v1+json",
                                                      "digest": md, "size": ms}]}, f)
    with open(os.path.join(out, "oci-layout"), "w") as f:
        json.dump({"imageLayoutVersion": "1.0.0"}, f)
    print(json.dumps({"layers": [l["digest"] for l in layers], "files": total_files,
                      "dpkg": 600 * scale}))


if __name__ == "__main__":
    main()
