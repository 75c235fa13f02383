#!/usr/bin/env bash
# Whole-process benchmarks of the installed tool (build/install.sh), side by side with `true`, `cat` and in-toto-run:
#   1. start-up and overhead: `run -- true` in a small git repository, `--version`, in-toto-run signing a link;
#   2. where the time of `run -- true` goes (EVIDENCE_TRACE_PERFORMANCE=1, median of each phase over 20 runs);
#   3. capture throughput: a child printing 1 GiB of build/test log text through `run` (tool stdout to /dev/null),
#      and the tool's peak RSS;
#   4. verify: re-hashing a sealed bundle that kept a 1 GiB stream;
#   5. test reports: a check writing a 100,000-case JUnit report, read into tests.jsonl.
# Installs hyperfine, GNU time and in-toto from Debian when missing.
set -euo pipefail

need=()
command -v hyperfine >/dev/null || need+=(hyperfine)
[ -x /usr/bin/time ] || need+=(time)
command -v in-toto-run >/dev/null || need+=(in-toto)
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq && apt-get install -y -qq "${need[@]}" >/dev/null
fi
export PATH="$PATH:$HOME/.dotnet/tools"
command -v dotnet-evidence >/dev/null || { echo "bench: run build/install.sh first" >&2; exit 2; }
here=$(cd "$(dirname "$0")" && pwd)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
git init -q repo && cd repo
printf 'hello\n' > README.md && git add . && git -c user.email=b@example.com -c user.name=bench commit -qm init
in-toto-keygen "$work/key" >/dev/null

echo "== start-up and overhead in a small git repository (median of 30 runs after 5 warm-ups)"
hyperfine -N --warmup 5 --runs 30 --export-json "$work/overhead.json" \
  'true' \
  'dotnet-evidence --version' \
  'dotnet-evidence run -- true' \
  "in-toto-run -n step -k $work/key -s -- true" \
  'dotnet evidence --version' \
  'dotnet evidence run -- true' >/dev/null
python3 - "$work/overhead.json" <<'PY'
import json, sys
rows = {r["command"]: r["median"] * 1000 for r in json.load(open(sys.argv[1]))["results"]}
base = rows["true"]
intoto = next(ms for name, ms in rows.items() if name.startswith("in-toto-run"))
for name, ms in rows.items():
    print(f"  {name[:44]:44} median {ms:7.1f} ms   added {ms - base:7.1f} ms")
run = rows["dotnet-evidence run -- true"]
print(f"  run -- true: {run - base:.1f} ms added over true (goal <= 60), {run / intoto:.2f}x in-toto-run (goal <= 0.4);"
      f" --version {rows['dotnet-evidence --version']:.1f} ms (goal < 15)")
print(f"  the SDK's dispatch of 'dotnet evidence' adds {rows['dotnet evidence run -- true'] - run:.1f} ms (use dotnet-evidence in CI and hooks)")
PY

echo "== where the time of 'dotnet-evidence run -- true' goes (median per phase over 20 runs)"
for i in $(seq 20); do
  EVIDENCE_TRACE_PERFORMANCE=1 dotnet-evidence run -- true 2>&1 >/dev/null | grep 'performance:' || true
done > "$work/phases.txt"
python3 - "$work/phases.txt" <<'PY'
import re, statistics, sys
phases = {}
for line in open(sys.argv[1]):
    m = re.match(r"dotnet-evidence: performance: (.+?)\s+([0-9.]+) ms", line)
    if m:
        phases.setdefault(m.group(1), []).append(float(m.group(2)))
total = 0.0
for name, values in phases.items():
    median = statistics.median(values)
    total += median
    print(f"  {name:40} {median:7.1f} ms")
print(f"  {'sum of medians':40} {total:7.1f} ms")
PY

echo "== capture throughput: 1 GiB of build/test log text on stdout (median of 3 runs)"
python3 "$here/bench_log.py" 67108864 > "$work/log64"
produce="for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16; do cat $work/log64; done"
hyperfine -N --warmup 1 --runs 3 --export-json "$work/throughput.json" \
  "sh -c '$produce'" \
  "dotnet-evidence run --name flood -- sh -c '$produce'" >/dev/null 2>&1
/usr/bin/time -f '%M' -o "$work/rss.txt" dotnet-evidence run --name flood -- sh -c "$produce" >/dev/null 2>/dev/null
python3 - "$work/throughput.json" "$work/rss.txt" <<'PY'
import json, sys
gib = 1 << 30
for r in json.load(open(sys.argv[1]))["results"]:
    name = "the child alone (cat, 16 x 64 MiB)" if r["command"].startswith("sh") else "dotnet-evidence run -- (the same child)"
    print(f"  {name:44} median {r['median']:6.2f} s  {gib / r['median'] / 1e6:7.0f} MB/s")
print(f"  peak RSS of the tool: {int(open(sys.argv[2]).read().split()[-1]) / 1024:.1f} MiB (goal: at least 500 MB/s, under 100 MiB)")
PY

echo "== verify: a sealed bundle of 1,000 files, 200 MB (a declared artifact), then one that kept a 1 GiB stream (median of 3 runs)"
mkdir -p "$work/files" && cd "$work/files" && git init -q && mkdir data
python3 - <<'PY'
import os
for i in range(1000):
    with open(f"data/part-{i:04}.bin", "wb") as f:
        f.write(os.urandom(200_000))
PY
printf 'checks:\n  - name: noop\n    run: ["true"]\nartifacts:\n  - name: data\n    type: dataset\n    path: "data/**"\n' > evidence.yml
dotnet-evidence run >/dev/null 2>&1
many=$(ls -t .evidence/runs | head -1)
hyperfine -N --warmup 1 --runs 3 --export-json "$work/verify-many.json" "dotnet-evidence verify $many" >/dev/null 2>&1
cd "$work/repo"
dotnet-evidence run --name kept --max-output 2GiB -- sh -c "$produce" >/dev/null 2>&1
one=$(ls -t .evidence/runs | head -1)
hyperfine -N --warmup 1 --runs 3 --export-json "$work/verify-one.json" "dotnet-evidence verify $one" >/dev/null 2>&1
python3 - "$work/verify-many.json" "$work/files/.evidence/runs/$many" "$work/verify-one.json" "$work/repo/.evidence/runs/$one" <<'PY'
import json, os, sys
def size(folder):
    return sum(os.path.getsize(os.path.join(d, f)) for d, _, files in os.walk(folder) for f in files)
for label, result, folder in (("1,000 files", sys.argv[1], sys.argv[2]), ("one 1 GiB stream (one core: SHA-256 of one file is sequential)", sys.argv[3], sys.argv[4])):
    bytes_ = size(folder)
    median = json.load(open(result))["results"][0]["median"]
    print(f"  verify of {bytes_ / 1e9:.2f} GB, {label}: median {median:.2f} s, {bytes_ / median / 1e9:.2f} GB/s")
print("  (goal: at least 1.5 GB/s)")
PY
rm -rf ".evidence/runs/$one" "$work/files"

echo "== test reports: a check that writes a 100,000-case JUnit report (tests.jsonl, redacted, the report kept)"
python3 - "$work/repo/big.xml" <<'PY'
import sys
out = open(sys.argv[1], "w")
out.write('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites>\n')
for s in range(1000):
    out.write(f'<testsuite name="com.example.Suite{s}Test" tests="100">\n')
    for i in range(s * 100, s * 100 + 100):
        k = i % 100
        out.write(f'  <testcase classname="com.example.Suite{s}Test" name="case{i}" time="0.0{i % 97}"')
        if k < 5:
            out.write(f'><failure message="expected: &lt;1&gt; but was: &lt;2&gt;" type="AssertionFailedError">at com.example.Suite{s}Test.case{i}(Suite{s}Test.java:{10 + i % 90})</failure></testcase>\n')
        elif k < 8:
            out.write('><skipped message="disabled"/></testcase>\n')
        else:
            out.write('/>\n')
    out.write('</testsuite>\n')
out.write('</testsuites>\n')
PY
hyperfine -N --warmup 1 --runs 5 --export-json "$work/reports.json" \
  "dotnet-evidence run --name plain -- cp big.xml copy.xml" \
  "dotnet-evidence run --name junit --tests copy.xml -- cp big.xml copy.xml" >/dev/null 2>&1
/usr/bin/time -f '%M' -o "$work/reports-rss.txt" dotnet-evidence run --name junit --tests copy.xml -- cp big.xml copy.xml >/dev/null 2>&1
python3 - "$work/reports.json" "$work/reports-rss.txt" <<'PY'
import json, sys
rows = [(r["command"], r["median"] * 1000) for r in json.load(open(sys.argv[1]))["results"]]
for name, ms in rows:
    print(f"  {name:72} median {ms:7.1f} ms")
print(f"  reading and recording the 100,000 cases added {rows[1][1] - rows[0][1]:.1f} ms; peak RSS {int(open(sys.argv[2]).read().split()[-1]) / 1024:.1f} MiB")
PY
