#!/usr/bin/env python3
"""Configuration-check benchmark: `drydock config` over 1,000 Kubernetes manifests and 1,000 Dockerfiles.

  python3 bench/config-bench.py [RUNS]            (default: 3)

Generates (once, in bench/out/config-tree/, seeded so every run checks the same files) 1,000 Kubernetes manifests
(Deployments, StatefulSets, DaemonSets, CronJobs, Jobs, Pods, multi-document files with Services and ConfigMaps,
`List` kinds; some privileged, with hostPath, hostNetwork, added capabilities, no limits) and 1,000 Dockerfiles
(single and multi-stage, apt/apk/pip/npm installs, heredocs, line continuations, USER or not, HEALTHCHECK or
not, ADD from URLs, curl | sh), spread over service directories like a monorepo. Then runs
`./drydock config --fail-on none -f json -o OUT DIR` RUNS times and prints, per run, the checking time the
command reports (stats.durationMillis: walking, reading and checking, after JVM start), the wall time (JVM start
included), the CPU time (user + system) of the process and, for reference, the CPU time of `drydock --version` (JVM
start alone) and the load average: on a shared machine the wall times stretch with the load, the CPU times do not.
Target (issue 5): checking under 2 s.
Which files are checked depends on the checkers in ConfigCheckers.all(): without a Kubernetes checker the
manifests are read and skipped.
"""
import json
import os
import random
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TREE = os.path.join(ROOT, "bench", "out", "config-tree")
N = 1000

BASES = ["debian:12", "debian:bookworm-slim", "ubuntu:22.04", "alpine:3.19", "python:3.12-slim", "node:20-alpine",
         "eclipse-temurin:21-jre", "golang:1.22", "nginx:1.25", "ubuntu", "redis:latest",
         "gcr.io/distroless/java21-debian12", "registry.example.com/base/runtime:2.3.1@sha256:" + "ab" * 32]
APT = ["curl", "ca-certificates", "git", "openssl", "libpq5", "tzdata", "jq", "unzip", "gnupg", "procps"]
PIP = ["flask==3.0.0", "requests", "gunicorn==21.2.0", "psycopg2-binary", "pyyaml"]
IMAGES = ["nginx:1.25", "redis:7", "ghcr.io/acme/api:1.4.2", "busybox", "postgres:16", "acme/worker:latest"]


def dockerfile(r, i):
    lines = []
    if r.random() < 0.1:
        lines.append("# syntax=docker/dockerfile:1.6")
    multi = r.random() < 0.4
    if multi:
        lines += [f"FROM {r.choice(['golang:1.22', 'maven:3.9-eclipse-temurin-21', 'node:20'])} AS build",
                  "WORKDIR /src", "COPY . .", r.choice(["RUN go build -o /out/app ./cmd/app",
                                                        "RUN mvn -B -q package -DskipTests",
                                                        "RUN npm ci && npm run build"]), ""]
    base = r.choice(BASES)
    lines.append(f"FROM {base}")
    if r.random() < 0.3:
        lines.append(f"ARG VERSION=1.{i % 20}.0")
    if r.random() < 0.1:
        lines.append("ENV DB_PASSWORD=changeme")
    lines.append(f"LABEL org.opencontainers.image.title=svc-{i}")
    if "alpine" in base:
        pkgs = " ".join(r.sample(["curl", "bash", "tini", "ca-certificates", "su-exec"], 3))
        lines.append(f"RUN apk add {'--no-cache ' if r.random() < 0.6 else ''}{pkgs}")
    elif "distroless" not in base:
        pkgs = r.sample(APT, r.randint(2, 6))
        pinned = r.random() < 0.3
        body = " \\\n    ".join((p + "=1.0-1" if pinned else p) for p in pkgs)
        clean = " \\\n && rm -rf /var/lib/apt/lists/*" if r.random() < 0.6 else ""
        lines.append(f"RUN apt-get update \\\n && apt-get install -y --no-install-recommends \\\n    {body}{clean}")
    if r.random() < 0.2:
        lines.append("RUN curl -fsSL https://install.example.com/setup.sh | sh")
    if r.random() < 0.2:
        lines += ["RUN <<EOF", "set -eux", "mkdir -p /app/data", "chmod 777 /app/data", "EOF"]
    if r.random() < 0.3:
        lines.append(f"RUN pip install --no-cache-dir {' '.join(r.sample(PIP, 2))}")
    if r.random() < 0.15:
        lines.append("ADD https://example.com/releases/tool.tar.gz /opt/")
    lines.append("WORKDIR /app")
    lines.append("COPY --from=build /out/app /app/app" if multi else r.choice(["COPY . /app", "ADD . /app",
                                                                               "COPY app.jar /app/app.jar"]))
    lines.append(f"EXPOSE {r.choice(['8080', '80', '22', '3000', '8080 9090'])}")
    if r.random() < 0.6:
        lines.append(r.choice(["USER 10001", "USER app:app", "USER root", "USER nobody"]))
    if r.random() < 0.5:
        lines.append('HEALTHCHECK --interval=30s CMD ["/app/app", "health"]')
    lines.append(r.choice(['CMD ["/app/app"]', 'ENTRYPOINT ["java", "-jar", "/app/app.jar"]', "CMD python app.py",
                           'CMD ["nginx", "-g", "daemon off;"]']))
    return "\n".join(lines) + "\n"


def container(r, name):
    c = [f"      - name: {name}", f"        image: {r.choice(IMAGES)}"]
    if r.random() < 0.7:
        c += ["        ports:", f"          - containerPort: {r.choice([80, 8080, 5432, 6379])}"]
        if r.random() < 0.1:
            c.append("            hostPort: 80")
    if r.random() < 0.6:
        c += ["        resources:", "          limits:", "            cpu: 500m", "            memory: 256Mi"]
    sc = []
    if r.random() < 0.15:
        sc.append("          privileged: true")
    if r.random() < 0.1:
        sc += ["          capabilities:", "            add: [\"SYS_ADMIN\", \"NET_ADMIN\"]"]
    if r.random() < 0.5:
        sc += ["          runAsNonRoot: true", "          allowPrivilegeEscalation: false",
               "          readOnlyRootFilesystem: true"]
    if r.random() < 0.05:
        sc += ["          seccompProfile:", "            type: Unconfined"]
    if sc:
        c += ["        securityContext:"] + sc
    if r.random() < 0.2:
        c += ["        env:", "          - name: API_TOKEN", "            value: not-a-real-token"]
    return c


def pod_spec(r, indent):
    spec = []
    if r.random() < 0.08:
        spec.append("hostNetwork: true")
    if r.random() < 0.05:
        spec.append("hostPID: true")
    spec.append("containers:")
    body = []
    for k in range(r.randint(1, 3)):
        body += container(r, f"c{k}")
    vols = []
    if r.random() < 0.1:
        vols = ["volumes:", "  - name: sock", "    hostPath:", "      path: /var/run/docker.sock"]
    pad = " " * indent
    out = [pad + l for l in spec]
    out += [pad + l[6:] for l in body]
    out += [pad + l for l in vols]
    return out


def manifest(r, i):
    kind = r.choice(["Deployment", "Deployment", "StatefulSet", "DaemonSet", "Job", "CronJob", "Pod", "multi", "List"])
    name = f"svc-{i}"
    if kind == "Pod":
        return "\n".join(["apiVersion: v1", "kind: Pod", "metadata:", f"  name: {name}", "spec:"]
                         + pod_spec(r, 2)) + "\n"
    if kind == "CronJob":
        return "\n".join(["apiVersion: batch/v1", "kind: CronJob", "metadata:", f"  name: {name}", "spec:",
                          "  schedule: \"*/5 * * * *\"", "  jobTemplate:", "    spec:", "      template:",
                          "        spec:", "          restartPolicy: OnFailure"] + pod_spec(r, 10)) + "\n"
    if kind == "Job":
        return "\n".join(["apiVersion: batch/v1", "kind: Job", "metadata:", f"  name: {name}", "spec:",
                          "  template:", "    spec:", "      restartPolicy: Never"] + pod_spec(r, 6)) + "\n"
    workload_kind = "Deployment" if kind in ("multi", "List") else kind
    workload = ["apiVersion: apps/v1", f"kind: {workload_kind}", "metadata:", f"  name: {name}",
                f"  labels: {{app: {name}}}", "spec:", f"  replicas: {r.randint(1, 5)}",
                f"  selector: {{matchLabels: {{app: {name}}}}}", "  template:",
                f"    metadata: {{labels: {{app: {name}}}}}", "    spec:"] + pod_spec(r, 6)
    if kind == "List":
        return "\n".join(["apiVersion: v1", "kind: List", "items:"]
                         + ["  - " + workload[0]] + ["    " + l for l in workload[1:]]) + "\n"
    if kind == "multi":
        svc = ["apiVersion: v1", "kind: Service", "metadata:", f"  name: {name}", "spec:",
               f"  selector: {{app: {name}}}", "  ports:", "    - port: 80", "      targetPort: 8080"]
        cm = ["apiVersion: v1", "kind: ConfigMap", "metadata:", f"  name: {name}-config", "data:",
              "  LOG_LEVEL: info", f"  FEATURE_FLAGS: \"a,b,{i}\""]
        return "---\n".join("\n".join(d) + "\n" for d in (workload, svc, cm))
    return "\n".join(workload) + "\n"


def generate():
    marker = os.path.join(TREE, ".complete")
    if os.path.exists(marker):
        return
    r = random.Random(20261129)
    for i in range(N):
        svc = os.path.join(TREE, f"team-{i % 25:02d}", f"svc-{i:04d}")
        os.makedirs(os.path.join(svc, "deploy"), exist_ok=True)
        with open(os.path.join(svc, "Dockerfile" if i % 3 else f"svc-{i}.Dockerfile"), "w") as f:
            f.write(dockerfile(r, i))
        with open(os.path.join(svc, "deploy", f"{'k8s' if i % 2 else 'workload'}.yaml"), "w") as f:
            f.write(manifest(r, i))
    open(marker, "w").close()


def timed(cmd, **kw):
    """Runs cmd; returns (exit code, wall seconds, CPU seconds of the child, stderr)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True, **kw)
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    return os.waitstatus_to_exitcode(status), wall, usage.ru_utime + usage.ru_stime, err


def main():
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    generate()
    drydock = os.path.join(ROOT, "drydock")
    subprocess.run([drydock, "--version"], check=True, stdout=subprocess.DEVNULL)  # builds the jar if needed
    _, _, jvm_cpu, _ = timed([drydock, "--version"], stdout=subprocess.DEVNULL)
    print(f"JVM start alone (drydock --version): {jvm_cpu:.2f} s CPU; load average {os.getloadavg()[0]:.1f}"
          f" on {os.cpu_count()} CPUs")
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "result.json")
        for n in range(runs):
            code, wall, cpu, err = timed([drydock, "config", "--fail-on", "none", "-q", "-f", "json", "-o", out, TREE])
            if code != 0:
                sys.exit(f"drydock config exited with {code}: {err.strip()}")
            with open(out) as f:
                result = json.load(f)
            by_family = {}
            for m in result["misconfigurations"]:
                family = m["ruleId"].rsplit("-", 1)[0]
                by_family[family] = by_family.get(family, 0) + 1
            stats = result["stats"]
            print(f"run {n + 1}: checking {stats['durationMillis'] / 1000:.2f} s (target < 2 s), wall {wall:.2f} s"
                  f" with JVM start, CPU {cpu:.2f} s ({cpu - jvm_cpu:.2f} s beyond JVM start); "
                  f"{stats['filesAnalysed']} files checked of {2 * N}, {stats['bytesRead'] / 1e6:.1f} MB read, "
                  f"families {result['checksRun']}, findings {by_family}, warnings {len(result['warnings'])}; "
                  f"load {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
