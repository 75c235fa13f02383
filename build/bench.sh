#!/usr/bin/env bash
# Whole-process benchmarks for `dotnet evidence run`:
#   1. overhead: `dotnet evidence run -- true` against `true` in a small git repo (hyperfine, median);
#   2. throughput: a child printing 1 GiB to stdout through the tool (tool stdout to /dev/null), and the
#      tool's peak RSS;
#   3. test reports: a check writing a 100,000-case JUnit report, read into tests.jsonl, against the same check without.
# Uses the installed tool (build/install.sh); installs hyperfine and GNU time from Debian when missing.
set -euo pipefail

command -v hyperfine >/dev/null && [ -x /usr/bin/time ] || { apt-get update -qq && apt-get install -y -qq hyperfine time >/dev/null; }
export PATH="$PATH:$HOME/.dotnet/tools"
command -v dotnet-evidence >/dev/null || { echo "bench: run build/install.sh first" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
git init -q repo && cd repo
printf 'hello\n' > README.md && git add . && git -c user.email=b@example.com -c user.name=bench commit -qm init

echo "== overhead (median of 30 runs after 5 warm-ups)"
hyperfine -N --warmup 5 --runs 30 --export-json "$work/overhead.json" \
  'true' 'dotnet-evidence run -- true' 'dotnet evidence run -- true' \
  'dotnet-evidence --version' 'dotnet evidence --version' >/dev/null
python3 - "$work/overhead.json" <<'PY'
import json, sys
rows = {r["command"]: r["median"] * 1000 for r in json.load(open(sys.argv[1]))["results"]}
base = rows["true"]
for name, ms in rows.items():
    print(f"  {name:34} median {ms:7.1f} ms   added {ms - base:7.1f} ms")
print(f"  SDK dispatch of 'dotnet <tool>'    {rows['dotnet evidence --version'] - rows['dotnet-evidence --version']:7.1f} ms (outside the tool)")
PY

echo "== throughput: 1 GiB on stdout"
gib=1073741824
produce="yes 0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ | head -c $gib"
hyperfine -N --warmup 1 --runs 3 --export-json "$work/throughput.json" \
  "sh -c '$produce'" \
  "dotnet-evidence run --name flood -- sh -c '$produce'" >/dev/null 2>&1
/usr/bin/time -f '%M' -o "$work/rss.txt" dotnet-evidence run --name flood -- sh -c "$produce" >/dev/null 2>/dev/null
python3 - "$work/throughput.json" "$work/rss.txt" "$gib" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
gib = int(sys.argv[3])
for r in results:
    print(f"  {r['command'][:60]:60} median {r['median']:6.2f} s  {gib / r['median'] / 1e6:7.0f} MB/s")
print(f"  peak RSS of the tool: {int(open(sys.argv[2]).read().split()[-1]) / 1024:.1f} MiB")
PY

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
