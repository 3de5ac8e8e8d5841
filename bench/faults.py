#!/usr/bin/env python3
"""Fault script (issue 18): kill -9 at random moments, concurrent processes, a full disk, a read-only cache.

  python3 bench/faults.py            (FAULT_RUNS=100 kills of each kind; FAULT_RUNS=10 in .ci/run)
  FAULT_RUNS=10 FAULT_SEED=7 FAULT_JOBS=2 python3 bench/faults.py   (FAULT_JOBS kill runs at a time, default 2)

Builds drydock once (./drydock --version), imports examples/advisories into a template cache and takes a clean scan
of examples/demo-app.tar as the reference. Then, each FAULT_RUNS times, on a fresh copy of the template:

  scan (cold)    `scan` with an empty layer cache, killed (SIGKILL) after a random sleep in [0, its clean duration]
  db import      `db import examples/advisories` over an existing store, killed likewise
  cache write    `scan` with an empty layer cache, killed after a random sleep in [1/2, 1] of its clean duration:
                 the late half of a scan, when the analysed layers and the inventory are written to the cache

and after each kill checks that `db status` exits 0, that a new scan gives the reference result (createdAt, stats and
importedAt left out, and
per layer whether it came from the cache) and that nothing was left in the JVM's temp directory (java.io.tmpdir is pointed at a directory
of its own for every process, so leftovers outside the cache are counted exactly).

Then: N=4 processes (2 scans, 2 imports) at once on one cache, 3 rounds (every exit 0, every scan = reference); a
full disk (the cache on a 8 MiB tmpfs when root can mount one, else a 2 MiB `ulimit -f`); a read-only cache
(a read-only tmpfs remount, else a chmod'ed cache used by an unprivileged user): exit 2 with one line on stderr and no
stack trace, then the cache works again once space or write access is back. Prints a summary table; exits 1 if any
check failed. Work files go to bench/out/faults (git-ignored).
"""
import json
import os
import random
import re
import shutil
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
JAR = os.path.join(ROOT, "drydock-cli", "target", "drydock.jar")
JSA = os.path.join(ROOT, "drydock-cli", "target", "drydock.jsa")
WORK = os.path.join(ROOT, "bench", "out", "faults")
IMAGE = os.path.join(ROOT, "examples", "demo-app.tar")
ADVISORIES = os.path.join(ROOT, "examples", "advisories")
RUNS = int(os.environ.get("FAULT_RUNS", "100"))
SEED = int(os.environ.get("FAULT_SEED", str(int(time.time()))))
JOBS = int(os.environ.get("FAULT_JOBS", "2"))
STARTED = time.monotonic()
rows = []  # (check, runs, ok, failed, note)


def row(check, n, ok, bad, note):
    rows.append((check, n, ok, bad, note))
    print("  %s: %d of %d ok (%.0f s so far)" % (check, ok, n, time.monotonic() - STARTED), flush=True)
failures = []


def java(tmpdir):
    os.makedirs(tmpdir, exist_ok=True)
    cmd = ["java", "-XX:+UseSerialGC", "-XX:-UsePerfData", "-Xshare:auto", "-Xlog:cds=off",
           "-Xlog:cds+dynamic=off", "-Djava.io.tmpdir=" + tmpdir]
    if os.path.exists(JSA):
        cmd.append("-XX:SharedArchiveFile=" + JSA)
    return cmd + ["-jar", JAR]


def run(args, tmpdir, timeout=300, **kw):
    return subprocess.run(java(tmpdir) + args, capture_output=True, text=True, timeout=timeout, **kw)


def scan_cmd(cache, out):
    return ["scan", IMAGE, "--cache-dir", cache, "-f", "json", "-o", out, "-q"]


def import_cmd(cache):
    return ["db", "import", ADVISORIES, "--cache-dir", cache, "-q"]


def normalize(path):
    with open(path) as f:
        d = json.load(f)
    d.pop("createdAt", None)
    d.pop("stats", None)
    for a in d.get("advisoryData") or []:
        a.pop("importedAt", None)
    for layer in d.get("layers") or []:  # whether a layer came from the cache is not part of the result
        layer.pop("cached", None)
        layer["analyzers"] = sorted(layer.get("analyzers") or {})
    return json.dumps(d, sort_keys=True)


def fresh(name, template):
    path = os.path.join(WORK, name)
    shutil.rmtree(path, ignore_errors=True)
    if template:
        shutil.copytree(template, path, symlinks=True)
    else:
        os.makedirs(path)
    return path


def leftovers(tmpdir):
    n = 0
    for _, dirs, files in os.walk(tmpdir):
        n += len(files) + len(dirs)
    return n


def clear(tmpdir):
    shutil.rmtree(tmpdir, ignore_errors=True)
    os.makedirs(tmpdir)


def timed(args, tmpdir):
    t = time.monotonic()
    r = run(args, tmpdir)
    if r.returncode not in (0, 1):
        sys.exit("clean run failed: %s\n%s" % (" ".join(args), r.stderr))
    return time.monotonic() - t


def kill_at_random(args, tmpdir, window, late, r):
    p = subprocess.Popen(java(tmpdir) + args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(r.uniform(late * window, window))
    finished = p.poll() is not None
    if not finished:
        p.kill()
    p.wait()
    return finished


def check_after(cache, tmpdir, what, i):
    """db status works, a scan gives the reference, no leftovers in the killed process's temp directory."""
    problems = []
    left = leftovers(tmpdir)
    if left:
        problems.append("%d leftover(s) in java.io.tmpdir" % left)
    check_tmp = tmpdir + "-check"
    clear(check_tmp)
    s = run(["db", "status", "--cache-dir", cache], check_tmp)
    if s.returncode != 0:
        problems.append("db status exit %d: %s" % (s.returncode, s.stderr.strip().splitlines()[-1:]))
    out = cache + "-check.json"
    r = run(scan_cmd(cache, out), check_tmp)
    if r.returncode != 0:
        problems.append("scan exit %d: %s" % (r.returncode, r.stderr.strip().splitlines()[-1:]))
    elif normalize(out) != reference:
        problems.append("scan result differs from the clean run")
    if leftovers(check_tmp):
        problems.append("the check's scan left files in java.io.tmpdir")
    if problems:
        failures.append("%s run %d: %s" % (what, i, "; ".join(problems)))
    return not problems


def kills(what, template, args_of, window, late=0.0):
    def one(i):
        r = random.Random("%d/%s/%d" % (SEED, what, i))
        cache = fresh("kill-cache-%d" % (i % JOBS), template)
        tmpdir = os.path.join(WORK, "kill-tmp-%d" % (i % JOBS))
        clear(tmpdir)
        finished = kill_at_random(args_of(cache), tmpdir, window, late, r)
        return finished, check_after(cache, tmpdir, what, i)

    done = ok = bad = 0
    with ThreadPoolExecutor(JOBS) as pool:
        # runs i and i + JOBS share directories: submit in waves of JOBS
        for start in range(0, RUNS, JOBS):
            for finished, good in pool.map(one, range(start, min(RUNS, start + JOBS))):
                done += finished
                ok += good
                bad += not good
    row(*(what + " kill -9", RUNS, ok, bad, "%d finished before the kill; sleep U(%.1f, %.1f s)"
                 % (done, late * window, window)))


def concurrent(template):
    ok = bad = 0
    rounds = 3
    for i in range(rounds):
        cache = fresh("conc-cache", template)
        procs = []
        for k in range(4):
            tmpdir = os.path.join(WORK, "conc-tmp-%d" % k)
            clear(tmpdir)
            out = os.path.join(WORK, "conc-%d.json" % k)
            args = scan_cmd(cache, out) if k % 2 == 0 else import_cmd(cache)
            procs.append((k, out, tmpdir, subprocess.Popen(java(tmpdir) + args, stdout=subprocess.DEVNULL,
                                                           stderr=subprocess.PIPE, text=True)))
        problems = []
        for k, out, tmpdir, p in procs:
            _, err = p.communicate(timeout=600)
            if p.returncode != 0:
                problems.append("process %d exit %d: %s" % (k, p.returncode, err.strip().splitlines()[-1:]))
            elif k % 2 == 0 and normalize(out) != reference:
                problems.append("scan %d differs from the clean run" % k)
            if leftovers(tmpdir):
                problems.append("process %d left files in java.io.tmpdir" % k)
        if problems:
            bad += 1
            failures.append("concurrent round %d: %s" % (i, "; ".join(problems)))
        else:
            ok += 1
    row(*("4 processes at once (2 scan, 2 db import)", rounds, ok, bad, "one cache per round"))


def can_mount():
    if os.geteuid() != 0 or shutil.which("mount") is None:
        return False
    probe = os.path.join(WORK, "mount-probe")
    os.makedirs(probe, exist_ok=True)
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", probe], capture_output=True)
    if r.returncode == 0:
        subprocess.run(["umount", probe])
        return True
    return False


def one_line_error(r):
    lines = r.stderr.strip().splitlines()
    return r.returncode == 2 and len(lines) == 1 and "Exception" not in r.stderr and "\tat " not in r.stderr


def full_disk(template, mountable):
    tmpdir = os.path.join(WORK, "disk-tmp")
    clear(tmpdir)
    out = os.path.join(WORK, "disk.json")
    problems = []
    if mountable:
        cache = os.path.join(WORK, "disk-cache")
        os.makedirs(cache, exist_ok=True)
        subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", cache], check=True)
        how = "cache on a 8 MiB tmpfs"
        try:
            shutil.copy(os.path.join(template, "vulndb.sqlite"), cache)
            # fill the disk but for a few KiB
            fd = os.open(os.path.join(cache, "filler"), os.O_WRONLY | os.O_CREAT)
            try:
                while True:
                    os.write(fd, b"\0" * 4096)
            except OSError:
                pass
            finally:
                os.close(fd)
            r = run(scan_cmd(cache, out), tmpdir)
            if not one_line_error(r):
                problems.append("scan on a full disk: exit %d, stderr %r" % (r.returncode, r.stderr[-300:]))
            msg = r.stderr.strip()
            os.remove(os.path.join(cache, "filler"))
            subprocess.run(["mount", "-o", "remount,size=64m", cache], check=True)
            r2 = run(scan_cmd(cache, out), tmpdir)
            if r2.returncode != 0 or normalize(out) != reference:
                problems.append("scan after freeing space: exit %d %s" % (r2.returncode, r2.stderr.strip()[-200:]))
            s = run(["db", "status", "--cache-dir", cache], tmpdir)
            if s.returncode != 0:
                problems.append("db status after freeing space: exit %d" % s.returncode)
        finally:
            subprocess.run(["umount", cache])
    else:
        cache = fresh("disk-cache", None)
        shutil.copy(os.path.join(template, "vulndb.sqlite"), cache)
        how = "ulimit -f 2048 (2 MiB per file)"
        r = subprocess.run(["bash", "-c", "ulimit -f 2048; exec \"$@\"", "x"] + java(tmpdir) + scan_cmd(cache, out),
                           capture_output=True, text=True, timeout=300)
        if not one_line_error(r):
            problems.append("scan past the file size limit: exit %d, stderr %r" % (r.returncode, r.stderr[-300:]))
        msg = r.stderr.strip()
        r2 = run(scan_cmd(cache, out), tmpdir)
        if r2.returncode != 0 or normalize(out) != reference:
            problems.append("scan without the limit: exit %d %s" % (r2.returncode, r2.stderr.strip()[-200:]))
    if problems:
        failures.append("full disk: " + "; ".join(problems))
    row(*("full disk (" + how + ")", 1, 0 if problems else 1, 1 if problems else 0, "stderr: " + msg[:160]))


def read_only(template, mountable):
    tmpdir = os.path.join(WORK, "ro-tmp")
    clear(tmpdir)
    out = os.path.join(WORK, "ro.json")
    problems = []
    results = []
    if mountable:
        cache = os.path.join(WORK, "ro-cache")
        os.makedirs(cache, exist_ok=True)
        subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", cache], check=True)
        how = "read-only tmpfs remount"
        try:
            shutil.copy(os.path.join(template, "vulndb.sqlite"), cache)
            subprocess.run(["mount", "-o", "remount,ro", cache], check=True)
            for args in (scan_cmd(cache, out), import_cmd(cache)):
                r = run(args, tmpdir)
                results.append(r)
                if not one_line_error(r):
                    problems.append("%s on a read-only cache: exit %d, stderr %r" % (args[0] + " " + args[1],
                                                                                    r.returncode, r.stderr[-300:]))
            subprocess.run(["mount", "-o", "remount,rw", cache], check=True)
            r2 = run(scan_cmd(cache, out), tmpdir)
            if r2.returncode != 0 or normalize(out) != reference:
                problems.append("scan once writable: exit %d %s" % (r2.returncode, r2.stderr.strip()[-200:]))
        finally:
            subprocess.run(["umount", cache])
    else:
        how = "chmod a-w, run as nobody"
        cache = fresh("ro-cache", template)
        subprocess.run(["chmod", "-R", "a+rX,a-w", cache])
        os.chmod(tmpdir, 0o777)
        os.chmod(WORK, 0o777)
        for args in (scan_cmd(cache, out), import_cmd(cache)):
            r = subprocess.run(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"] + java(tmpdir) + args,
                               capture_output=True, text=True, timeout=300)
            results.append(r)
            if not one_line_error(r):
                problems.append("%s on a read-only cache: exit %d, stderr %r" % (args[0] + " " + args[1],
                                                                                r.returncode, r.stderr[-300:]))
        subprocess.run(["chmod", "-R", "u+w", cache])
        r2 = run(scan_cmd(cache, out), tmpdir)
        if r2.returncode != 0 or normalize(out) != reference:
            problems.append("scan once writable: exit %d %s" % (r2.returncode, r2.stderr.strip()[-200:]))
    if problems:
        failures.append("read-only cache: " + "; ".join(problems))
    note = " | ".join(r.stderr.strip()[:120] for r in results)
    row(*("read-only cache (" + how + "): scan, db import", 1, 0 if problems else 1, 1 if problems else 0,
                 "stderr: " + note))


def main():
    global reference
    started = time.monotonic()
    r = subprocess.run([os.path.join(ROOT, "drydock"), "--version"], capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit("build failed:\n" + r.stderr)
    shutil.rmtree(WORK, ignore_errors=True)
    os.makedirs(WORK)
    # run a copy, so that a build during the run cannot change the jar under running processes
    global JAR, JSA
    shutil.copy(JAR, os.path.join(WORK, "drydock.jar"))
    JAR = os.path.join(WORK, "drydock.jar")
    JSA = os.path.join(WORK, "no.jsa")  # the launcher's archive names the original jar's path
    tmpdir = os.path.join(WORK, "setup-tmp")
    template = fresh("template", None)
    import_secs = timed(import_cmd(template), tmpdir)
    cold = fresh("clean-cache", template)
    ref_out = os.path.join(WORK, "reference.json")
    scan_secs = timed(scan_cmd(cold, ref_out), tmpdir)
    reference = normalize(ref_out)
    warm_secs = timed(scan_cmd(cold, os.path.join(WORK, "warm.json")), tmpdir)
    if normalize(os.path.join(WORK, "warm.json")) != reference:
        sys.exit("a warm scan differs from a cold one: fix that first")
    print("drydock faults: FAULT_RUNS=%d FAULT_SEED=%d FAULT_JOBS=%d; clean runs: db import %.1f s, cold scan %.1f s, warm scan "
          "%.1f s" % (RUNS, SEED, JOBS, import_secs, scan_secs, warm_secs), flush=True)

    kills("scan (cold cache)", template, lambda c: scan_cmd(c, c + "-killed.json"), scan_secs)
    kills("db import", template, import_cmd, import_secs)

    kills("cache write (scan, late kill)", template, lambda c: scan_cmd(c, c + "-killed.json"), scan_secs, 0.5)
    concurrent(template)
    mountable = can_mount()
    full_disk(template, mountable)
    read_only(template, mountable)

    print()
    print("| check | runs | ok | failed | note |")
    print("| --- | --- | --- | --- | --- |")
    for check, n, ok, bad, note in rows:
        print("| %s | %d | %d | %d | %s |" % (check, n, ok, bad, note.replace("|", "/").replace("\n", " ")))
    print()
    print("%d failure(s); %.0f s" % (len(failures), time.monotonic() - started))
    by_reason = {}
    for f in failures:
        for problem in f.split(": ", 1)[1].split("; "):
            key = re.sub(r" run \d+$", "", f.split(": ", 1)[0]) + ": " + problem
            by_reason[key] = by_reason.get(key, 0) + 1
    for reason, n in sorted(by_reason.items()):
        print("  %d x %s" % (n, reason))
    sys.exit(1 if failures else 0)


reference = None
if __name__ == "__main__":
    main()
