#!/usr/bin/env python3
"""Secret-scanning benchmark: what secrets add to an image scan, and drydock next to ripgrep on a tree.

  python3 bench/secrets-bench.py image [SCALE [MB]] (default 1 500)
  python3 bench/secrets-bench.py tree [MB]         (default 500)
  python3 bench/secrets-bench.py                   (both, with the defaults)

image: the synthetic OCI image of bench/gen-image.py (SCALE 1: about 1 GiB, 108k files; generated once into
  bench/out/image-<SCALE>x, shared with scan-bench.py) scanned by `./drydock scan` with an empty cache twice
  with secrets (the default) and twice with `--no-secrets`, alternating; prints the best of each and the ratio.
  Most of that image is binaries (.jar, .dat) the secret analyzer skips by name, so it is measured again on an
  "app image": the mixed tree below (MB megabytes) in three layers under app/ on a small Debian-like base.
  Target (issue 6): secrets add under 20% (ratio < 1.20).

tree: a generated mixed tree of about MB megabytes in bench/out/tree-<MB>mb (sources, minified JavaScript
  bundles, JSON/YAML, binaries with and without binary extensions, and a few planted fake tokens of the
  documented shapes; rule keywords such as "token" or "password" in one identifier in 500), scanned by `./drydock secrets --threads 2` and by `rg -j2 -P -U` (ripgrep, PCRE2,
  multiline: the rules use lookarounds and the private-key rule spans lines) with every built-in rule's regex,
  dumped from the drydock jar in this same run. Prints both throughputs (MB of tree per second of wall
  time, JVM start included for drydock) and drydock/rg. Target (issue 6): >= 0.5 on two cores.

Nothing here is committed: bench/out is git-ignored.
"""
import hashlib
import importlib.util
import json
import os
import random
import shutil
import string
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "bench", "out")
DRYDOCK = os.path.join(ROOT, "drydock")
JAR = os.path.join(ROOT, "drydock-cli", "target", "drydock.jar")


def timed(cmd, ok=(0,), **kw):
    start = time.perf_counter()
    proc = subprocess.run(cmd, **kw)
    wall = time.perf_counter() - start
    if proc.returncode not in ok:
        sys.exit(f"{' '.join(cmd)} exited with {proc.returncode}")
    return wall, proc


# ---------------------------------------------------------------------------------------------- image mode

def image(scale):
    path = os.path.join(OUT, f"image-{scale}x")
    if not os.path.exists(os.path.join(path, "index.json")):
        shutil.rmtree(path, ignore_errors=True)
        print(f"generating {path} ...", file=sys.stderr)
        subprocess.run([sys.executable, os.path.join(ROOT, "bench", "gen-image.py"), str(scale), path],
                       check=True, stdout=subprocess.DEVNULL)
    return path


def gen_image_module():
    spec = importlib.util.spec_from_file_location("gen_image", os.path.join(ROOT, "bench", "gen-image.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def app_image(mb):
    """An OCI image of the mixed tree below app/ (three layers) on a Debian-like base layer."""
    path = os.path.join(OUT, f"app-image-{mb}mb")
    if os.path.exists(os.path.join(path, "index.json")):
        return path
    src = tree(mb)
    print(f"generating {path} ...", file=sys.stderr)
    g = gen_image_module()
    shutil.rmtree(path, ignore_errors=True)
    blobs = os.path.join(path, "blobs", "sha256")
    os.makedirs(blobs)
    files = sorted(os.path.relpath(os.path.join(dp, f), src) for dp, _, fs in os.walk(src) for f in fs)
    groups = [[f for f in files if hash_bucket(f) == i] for i in range(3)]
    layers, diff_ids, history = [], [], []
    for li, group in enumerate([None] + groups):
        tmp = os.path.join(path, f"layer{li}.tmp")
        w = g.LayerWriter(tmp)
        if group is None:
            w.file("etc/os-release", b'ID=debian\nVERSION_ID="12"\n')
            w.file("var/lib/dpkg/status", "\n".join(g.dpkg_stanza(i) for i in range(300)).encode())
        else:
            for rel in group:
                with open(os.path.join(src, rel), "rb") as f:
                    w.file("app/" + rel, f.read())
        digest, diff_id = w.close()
        os.replace(tmp, os.path.join(blobs, digest.split(":")[1]))
        layers.append({"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip", "digest": digest,
                       "size": os.path.getsize(os.path.join(blobs, digest.split(":")[1]))})
        diff_ids.append(diff_id)
        history.append({"created_by": f"COPY part{li} /app/"})
    write_oci(path, layers, diff_ids, history)
    return path


def hash_bucket(name):
    return sum(name.encode()) % 3


def write_oci(path, layers, diff_ids, history):
    blobs = os.path.join(path, "blobs", "sha256")

    def put(data):
        d = hashlib.sha256(data).hexdigest()
        with open(os.path.join(blobs, d), "wb") as f:
            f.write(data)
        return "sha256:" + d, len(data)

    cd, cs = put(json.dumps({"architecture": "amd64", "os": "linux", "config": {},
                             "rootfs": {"type": "layers", "diff_ids": diff_ids}, "history": history}).encode())
    md, ms = put(json.dumps({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
                             "config": {"mediaType": "application/vnd.oci.image.config.v1+json", "digest": cd,
                                        "size": cs}, "layers": layers}).encode())
    with open(os.path.join(path, "index.json"), "w") as f:
        json.dump({"schemaVersion": 2, "manifests": [{"mediaType": "application/vnd.oci.image.manifest.v1+json",
                                                      "digest": md, "size": ms}]}, f)
    with open(os.path.join(path, "oci-layout"), "w") as f:
        json.dump({"imageLayoutVersion": "1.0.0"}, f)


def image_bench(scale, app_mb):
    compare(f"image SCALE {scale} (gen-image.py: mostly binaries, little for the secret analyzer)", image(scale))
    compare(f"app image of the {app_mb} MB mixed tree (half its bytes are text the secret analyzer reads)",
            app_image(app_mb))


def compare(label, path):
    best = {"secrets": None, "no-secrets": None}
    found = None
    for _ in range(2):
        for mode in ("no-secrets", "secrets"):
            cache = os.path.join(OUT, f"cache-secrets-bench-{mode}")
            shutil.rmtree(cache, ignore_errors=True)  # cold cache every time
            cmd = [DRYDOCK, "scan", "-q", "--cache-dir", cache, "-f", "json", path]
            if mode == "no-secrets":
                cmd.append("--no-secrets")
            wall, proc = timed(cmd, stdout=subprocess.PIPE)
            if mode == "secrets":
                found = len(json.loads(proc.stdout)["secrets"])
            best[mode] = wall if best[mode] is None else min(best[mode], wall)
            shutil.rmtree(cache, ignore_errors=True)
    ratio = best["secrets"] / best["no-secrets"]
    print(f"{label}: cold scan {best['no-secrets']:.1f} s without secrets, {best['secrets']:.1f} s with "
          f"({found} secrets); with/without = {ratio:.2f} (target < 1.20)")


# ----------------------------------------------------------------------------------------------- tree mode

ALNUM = string.ascii_letters + string.digits
WORDS = ("value result count index buffer stream config handler request response user order item price total "
         "status message parse render update create delete select filter mapper client server session cache "
         "name path file line column build test check assert error warn info debug").split()
# rule keywords in identifiers (csrfToken, apiKey, passwordField): one identifier in KEYWORD_EVERY
KEYWORDS = ["Token", "Password", "Secret", "ApiKey", "Passwd"]
KEYWORD_EVERY = 500


def ident(r):
    word = r.choice(WORDS) + r.choice(WORDS).capitalize() + (str(r.randrange(100)) if r.random() < 0.3 else "")
    return word + r.choice(KEYWORDS) if r.random() < 1 / KEYWORD_EVERY else word


def source_lines(r, n):
    templates = [
        "    {a} = {b}.{c}({d}, {e});",
        "    if ({a} != null && {b}.{c}() > {n}) {{",
        "    }}",
        "    return {a}.{c}({d});",
        "  // {a} {b} {c}: {d} {e}",
        "    final String {a} = \"{b} {c} {d}\";",
        "    for (int i = 0; i < {a}.size(); i++) {{ {b} += {a}.get(i); }}",
        "def {a}({b}, {c}):\n        return {b} + {c} * {n}",
        "    log.{c}(\"{a} is %s\", {b})",
        "    {a}_{b} = os.environ.get(\"{c}_{d}\", \"\")",
    ]
    out = []
    for _ in range(n):
        t = r.choice(templates)
        out.append(t.format(a=ident(r), b=ident(r), c=ident(r), d=ident(r), e=ident(r), n=r.randrange(1000)))
    return out


def fake_tokens(r):
    """Fake tokens of documented shapes (random characters, never real credentials)."""
    rnd = lambda alphabet, n: "".join(r.choice(alphabet) for _ in range(n))
    return [
        "AKIA" + rnd(string.ascii_uppercase + string.digits, 16),
        "ghp_" + rnd(ALNUM, 36),
        "glpat-" + rnd(ALNUM, 20),
        "xoxb-" + rnd(string.digits, 12) + "-" + rnd(string.digits, 12) + "-" + rnd(ALNUM, 24),
        "sk_live_" + rnd(ALNUM, 30),
        "npm_" + rnd(ALNUM, 36),
    ]


def generate_tree(mb, path):
    r = random.Random(mb)
    target = mb * 1024 * 1024
    pool = source_lines(r, 20000)
    written = 0
    n = 0
    tokens = fake_tokens(r)
    planted = 0

    def put(rel, data):
        nonlocal written
        full = os.path.join(path, rel)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "wb") as f:
            f.write(data)
        written += len(data)

    while written < target:
        n += 1
        d = f"pkg{n % 97}/mod{n % 13}"
        kind = r.random()
        if kind < 0.45:  # source files, 4-60 kB
            lines = r.choices(pool, k=r.randrange(100, 1500))
            if planted < len(tokens) and n % 401 == 0:
                lines.insert(r.randrange(len(lines)), f"    api = \"{tokens[planted]}\"")
                planted += 1
            ext = r.choice([".java", ".py", ".go", ".ts", ".rb"])
            put(f"{d}/{ident(r)}{n}{ext}", ("\n".join(lines) + "\n").encode())
        elif kind < 0.60:  # minified bundles: one long line, 0.3-2 MB
            size = r.randrange(300_000, 2_000_000)
            body = ";".join(f"var {ident(r)}=function(a,b){{return a.{ident(r)}(b)}}" for _ in range(size // 45))
            put(f"{d}/dist/bundle{n}.min.js", body.encode())
        elif kind < 0.70:  # data files
            rows = [{"id": i, "name": ident(r), "tags": [ident(r) for _ in range(3)]} for i in range(r.randrange(50, 800))]
            put(f"{d}/data{n}.json", json.dumps(rows, indent=2).encode())
        elif kind < 0.85:  # binaries with a binary extension
            put(f"{d}/lib{n}.{r.choice(['so', 'png', 'jar', 'class'])}", os.urandom(r.randrange(50_000, 1_500_000)))
        else:  # binaries without an extension (executables): NUL bytes early
            put(f"{d}/bin/tool{n}", b"\x7fELF\x02\x01\x01\x00" + os.urandom(r.randrange(50_000, 1_500_000)))
    # the rest of the tokens in a config file, so that every shape is present
    put("config/settings.env", "".join(f"TOKEN_{i}={t}\n" for i, t in enumerate(tokens[planted:])).encode())
    return len(tokens)


def tree(mb):
    path = os.path.join(OUT, f"tree-{mb}mb")
    if not os.path.exists(os.path.join(path, ".done")):
        shutil.rmtree(path, ignore_errors=True)
        print(f"generating {path} ...", file=sys.stderr)
        generate_tree(mb, path)
        open(os.path.join(path, ".done"), "w").close()
    return path


def rule_regexes():
    """Every built-in rule's regex, from the jar this run uses."""
    # outside the repository: ./drydock rebuilds when any .java file under it is newer than the jar
    src = os.path.join(tempfile.mkdtemp(prefix="drydock-bench-"), "DumpRules.java")
    with open(src, "w") as f:
        # regex() is a java.util.regex.Pattern (pattern()) or a SecretPattern (source()), by rule-engine version
        f.write("public class DumpRules { public static void main(String[] a) throws Exception {\n"
                "  for (var r : dev.drydock.secrets.BuiltinRules.all()) {\n"
                "    Object rx = r.getClass().getMethod(\"regex\").invoke(r);\n"
                "    java.lang.reflect.Method m;\n"
                "    try { m = rx.getClass().getMethod(\"source\"); }\n"
                "    catch (NoSuchMethodException e) { m = rx.getClass().getMethod(\"pattern\"); }\n"
                "    m.setAccessible(true);\n"
                "    System.out.println(((String) m.invoke(rx)).replace(\"\\n\", \"\\\\n\")); } } }\n")
    out = subprocess.run(["java", "-cp", JAR, src], check=True, capture_output=True, text=True).stdout
    return [l for l in out.splitlines() if l]


def tree_size(path):
    total = 0
    for dirpath, _, files in os.walk(path):
        for f in files:
            total += os.path.getsize(os.path.join(dirpath, f))
    return total


def tree_bench(mb):
    if shutil.which("rg") is None:
        sys.exit("ripgrep not found: apt-get install -y ripgrep")
    path = tree(mb)
    size = tree_size(path) / (1024 * 1024)
    regexes = rule_regexes()
    # warm the page cache so that both read from memory
    subprocess.run(["rg", "-j2", "-c", "--no-ignore", "--hidden", "zzzzqqqq", path], stdout=subprocess.DEVNULL)
    rg_cmd = ["rg", "-j2", "-P", "-U", "--no-ignore", "--hidden", "-c"]
    for rx in regexes:
        rg_cmd += ["-e", rx]
    rg_cmd.append(path)
    dd_cmd = [DRYDOCK, "secrets", "-q", "--threads", "2", "-f", "json", path]
    best_rg = best_dd = None
    found = None
    for _ in range(2):
        wall, _ = timed(rg_cmd, ok=(0, 1), stdout=subprocess.DEVNULL)
        best_rg = wall if best_rg is None else min(best_rg, wall)
        wall, proc = timed(dd_cmd, ok=(0, 1), stdout=subprocess.PIPE)
        best_dd = wall if best_dd is None else min(best_dd, wall)
        found = len(json.loads(proc.stdout)["secrets"])
    print(f"tree {size:.0f} MB, {len(regexes)} rules: drydock {size / best_dd:.0f} MB/s ({best_dd:.1f} s, {found} "
          f"secrets), rg {size / best_rg:.0f} MB/s ({best_rg:.1f} s); drydock/rg = {best_rg / best_dd:.2f} "
          f"(target >= 0.5)")


def main():
    os.makedirs(OUT, exist_ok=True)
    subprocess.run([DRYDOCK, "--version"], check=True, stdout=subprocess.DEVNULL)  # build on first use
    args = sys.argv[1:]
    if not args:
        image_bench(1, 500)
        tree_bench(500)
    elif args[0] == "image":
        image_bench(int(args[1]) if len(args) > 1 else 1, int(args[2]) if len(args) > 2 else 500)
    elif args[0] == "tree":
        tree_bench(int(args[1]) if len(args) > 1 else 500)
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
