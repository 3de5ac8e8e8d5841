#!/usr/bin/env python3
"""Server benchmark (issue 16): one vs two `drydock server`s on one PostgreSQL, on loopback.

  python3 bench/server-bench.py [--images N] [--requests N]          (defaults: 40 images, 300 requests)

Builds N docker archives sharing the demo image's six layers (examples/demo-app.tar plus one layer of their own),
starts a throwaway PostgreSQL 15 cluster (initdb/pg_ctl, as the postgres user when run as root; stopped by PID),
and measures in this one run:
  - scans/min with one server, then with two servers (each on a fresh database, so both start cold), and the ratio;
    by default each server is pinned to its own CPU with one worker (--nodes pinned), standing for one node: on a
    2-core machine two unpinned servers share the same cores and cannot add throughput (--nodes shared shows that)
  - p50/p99 latency of GET /v1/scans/{id}/report (JSON) for a done scan (target p99 < 100 ms)
  - admission decisions/s and p50/p99 for a Pod of a scanned image, decisions cached (target p99 < 50 ms)
Uses the ./drydock launcher (it builds the CLI when needed). Figures belong in docs/performance.md.
"""
import argparse
import hashlib
import io
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tarfile
import tempfile
import threading
import time
import urllib.request
import uuid

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DRYDOCK = os.path.join(ROOT, "drydock")
ROOT_USER = os.geteuid() == 0


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pg_bin(tool):
    for v in ("15", "16", "17", "14"):
        p = f"/usr/lib/postgresql/{v}/bin/{tool}"
        if os.access(p, os.X_OK):
            return p
    sys.exit(f"{tool} not found: apt-get install postgresql-15")


def as_postgres(cmd):
    return (["runuser", "-u", "postgres", "--"] + cmd) if ROOT_USER else cmd


def start_postgres(work):
    d = os.path.join(work, "pg")
    os.makedirs(os.path.join(d, "sock"))
    if ROOT_USER:
        subprocess.run(["chown", "-R", "postgres:postgres", d], check=True)
    subprocess.run(as_postgres([pg_bin("initdb"), "-D", d + "/data", "-A", "trust", "-U", "postgres", "--no-sync"]),
                   check=True, stdout=subprocess.DEVNULL)
    port = free_port()
    subprocess.run(as_postgres([pg_bin("pg_ctl"), "-D", d + "/data", "-l", d + "/log", "-w", "-o",
                                f"-p {port} -k {d}/sock -c listen_addresses=127.0.0.1 -c fsync=off "
                                "-c max_connections=300", "start"]), check=True, stdout=subprocess.DEVNULL)
    with open(d + "/data/postmaster.pid") as f:
        pid = int(f.readline())
    return port, pid, d


def psql(port, sql):
    subprocess.run(["psql", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres", "-q", "-c", sql], check=True)


def build_images(out, n):
    with tarfile.open(os.path.join(ROOT, "examples", "demo-app.tar")) as t:
        files = {m.name: t.extractfile(m).read() for m in t.getmembers() if m.isfile()}
    manifest = json.loads(files["manifest.json"])[0]
    config = json.loads(files[manifest["Config"]])
    paths = []
    for i in range(n):
        layer = io.BytesIO()
        with tarfile.open(fileobj=layer, mode="w", format=tarfile.PAX_FORMAT) as lt:
            data = f"bench build {i}\n".encode()
            info = tarfile.TarInfo(f"app/bench-{i}.txt")
            info.size, info.mtime = len(data), 1700000000
            lt.addfile(info, io.BytesIO(data))
        layer = layer.getvalue()
        digest = hashlib.sha256(layer).hexdigest()
        c = json.loads(json.dumps(config))
        c["rootfs"]["diff_ids"].append("sha256:" + digest)
        c["history"].append({"created": "2023-11-14T22:13:20Z", "created_by": f"RUN echo {i}"})
        cb = json.dumps(c).encode()
        cname = hashlib.sha256(cb).hexdigest() + ".json"
        m = dict(manifest, Config=cname, RepoTags=[f"bench/app:{i}"], Layers=manifest["Layers"] + [digest + "/layer.tar"])
        entries = {l: files[l] for l in manifest["Layers"]}
        entries[digest + "/layer.tar"] = layer
        entries[cname] = cb
        entries["manifest.json"] = json.dumps([m]).encode()
        p = os.path.join(out, f"bench-{i}.tar")
        with tarfile.open(p, "w", format=tarfile.PAX_FORMAT) as t:
            for name, b in entries.items():
                info = tarfile.TarInfo(name)
                info.size, info.mtime = len(b), 1700000000
                t.addfile(info, io.BytesIO(b))
        paths.append(p)
    return paths


class Client:
    def __init__(self, addr, token):
        self.base, self.token = "http://" + addr, token

    def call(self, method, path, body=None):
        req = urllib.request.Request(self.base + path, method=method,
                                     data=None if body is None else json.dumps(body).encode(),
                                     headers={"Authorization": "Bearer " + self.token})
        with urllib.request.urlopen(req, timeout=120) as r:
            return r.status, r.read()


def start_server(work, name, store, roots, cpu=None):
    """One server; with `cpu`, pinned to that CPU (taskset) with one worker: one node of a one-core machine."""
    ready = os.path.join(work, "ready-" + name)
    log = open(os.path.join(work, name + ".log"), "w")
    cmd = [DRYDOCK, "server", "--listen", "127.0.0.1:0", "--store", store, "--cache-dir",
           os.path.join(work, "cache-" + name), "--scan-root", roots, "--node", name,
           "--ready-file", ready, "--rate-limit", "1000000", "--grace-seconds", "2"]
    if cpu is not None:
        cmd = ["taskset", "-c", str(cpu)] + cmd + ["--workers", "1"]
    p = subprocess.Popen(cmd, stdout=log, stderr=log)
    while not os.path.exists(ready):
        if p.poll() is not None:
            sys.exit(f"server {name} did not start: see {log.name}")
        time.sleep(0.1)
    with open(ready) as f:
        return p, f.read().strip()


def stop(procs):
    for p in procs:
        p.terminate()
    for p in procs:
        p.wait(60)


def scans_per_minute(clients, images):
    ids = []
    start = time.perf_counter()
    for i, img in enumerate(images):
        ids.append(json.loads(clients[i % len(clients)].call("POST", "/v1/scans", {"target": img})[1])["id"])
    for sid in ids:
        while True:
            st = json.loads(clients[0].call("GET", "/v1/scans/" + sid)[1])["status"]
            if st in ("done", "failed"):
                if st == "failed":
                    sys.exit(f"scan {sid} failed")
                break
            time.sleep(0.05)
    return len(images) / ((time.perf_counter() - start) / 60), ids


def latencies(fn, n, warmup=20):
    """p50, p99 (ms) and rate of n calls, after `warmup` calls that are not measured: the targets are for a cached
    result or decision on a running server, and the first call is the one that fills the cache (and JITs the path)."""
    for _ in range(warmup):
        fn()
    out = []
    for _ in range(n):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    out.sort()
    return out[len(out) // 2], out[min(len(out) - 1, int(len(out) * 0.99))], n / (sum(out) / 1000)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--images", type=int, default=40)
    ap.add_argument("--requests", type=int, default=300)
    ap.add_argument("--nodes", choices=["pinned", "shared"], default="pinned" if shutil.which("taskset") and
                    (os.cpu_count() or 1) >= 2 else "shared",
                    help="pinned (default with taskset and 2+ CPUs): each server is pinned to its own CPU with one"
                         " worker, standing for one node, so the second server brings its own core as a second"
                         " machine would; shared: both servers on all CPUs (on a 2-core machine they compete for"
                         " the same cores and cannot add throughput)")
    a = ap.parse_args()
    work = tempfile.mkdtemp(prefix="drydock-server-bench-")
    os.chmod(work, 0o755)
    port, pg_pid, _ = start_postgres(work)
    procs = []
    try:
        roots = os.path.join(work, "images")
        os.makedirs(roots)
        images = build_images(roots, a.images)
        results = {}
        for n in (1, 2):
            db = f"bench{n}"
            psql(port, f"CREATE DATABASE {db}")
            store = f"postgresql://127.0.0.1:{port}/{db}?user=postgres"
            token = subprocess.run([DRYDOCK, "server", "token", "create", "--scope", "admin", "--store", store,
                                    "--cache-dir", os.path.join(work, "token")], check=True, capture_output=True,
                                   text=True).stdout.strip()
            servers = [start_server(work, f"s{n}-{i}", store, roots, i if a.nodes == "pinned" else None)
                       for i in range(n)]
            procs = [p for p, _ in servers]
            clients = [Client(addr, token) for _, addr in servers]
            results[n], ids = scans_per_minute(clients, images)
            print(f"{n} server(s): {results[n]:.1f} scans/min ({a.images} images sharing 6 base layers)")
            if n == 1:
                p50, p99, _ = latencies(lambda: clients[0].call("GET", f"/v1/scans/{ids[0]}/report"), a.requests)
                print(f"cached result (JSON report): p50 {p50:.1f} ms, p99 {p99:.1f} ms (target p99 < 100 ms)")
                lenient = "version: 1\nrules:\n  - class: vuln.any\n    level: info\n"
                req = urllib.request.Request(clients[0].base + "/v1/baselines/default", method="PUT",
                                             data=lenient.encode(), headers={"Authorization": "Bearer " + token})
                urllib.request.urlopen(req).read()
                review = {"apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview", "request": {
                    "uid": str(uuid.uuid4()), "namespace": "default", "operation": "CREATE",
                    "kind": {"group": "", "version": "v1", "kind": "Pod"},
                    "object": {"kind": "Pod", "metadata": {"name": "x"},
                               "spec": {"containers": [{"name": "a", "image": "bench/app:0"}]}}}}
                p50, p99, rate = latencies(lambda: clients[0].call("POST", "/admission", review), a.requests)
                print(f"admission (cached decision): {rate:.0f} decisions/s, p50 {p50:.1f} ms, p99 {p99:.1f} ms"
                      " (target p99 < 50 ms)")
            stop(procs)
            procs = []
        print(f"two servers / one server: {results[2] / results[1]:.2f}x scans/min (nodes: {a.nodes}"
              + (", one CPU and one worker each)" if a.nodes == "pinned" else ", every CPU each)"))
    finally:
        stop(procs)
        try:
            os.kill(pg_pid, 15)
            for _ in range(300):
                os.kill(pg_pid, 0)
                time.sleep(0.1)
        except ProcessLookupError:
            pass
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
