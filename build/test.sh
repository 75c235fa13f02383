#!/usr/bin/env bash
# Builds and runs the whole test suite, then prints one line of totals: "N passed, N failed, N skipped".
#   build/test.sh           every test: the in-process tier and the end-to-end tier that drives the real CLI (the
#                           NativeAOT binary, published first; EVIDENCE_CLI_NATIVE=portable drives the portable build)
#   build/test.sh --fast    only the in-process tier (tests/Dotlanth.Evidence.Tests/Core), no prerequisites to install
# Other arguments go to 'dotnet test' (e.g. --filter).
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
fast=false
if [ "${1:-}" = "--fast" ]; then
  fast=true
  shift
  set -- --filter "FullyQualifiedName~Dotlanth.Evidence.Tests.Core." "$@"
else
  # shellcheck source=build/test-prereqs.sh
  source "$root/build/test-prereqs.sh" || exit 1
fi
results="$root/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

if ! $fast && [ -z "${EVIDENCE_CLI_NATIVE:-}" ]; then
  # The end-to-end tier drives the NativeAOT binary, so every native build is proven; set EVIDENCE_CLI_NATIVE to a binary
  # to reuse one, or EVIDENCE_CLI_NATIVE=portable to drive the portable build through the dotnet host instead.
  rid=$(dotnet --info | awk '/^ *RID:/ { print $2; exit }')
  native="$root/artifacts/native/$rid"
  echo "test: publishing the NativeAOT CLI for $rid (about two minutes)…" >&2
  if ! dotnet publish "$root/src/Dotlanth.Evidence.Cli/Dotlanth.Evidence.Cli.csproj" -c Release -r "$rid" -p:PublishAot=true \
      -o "$native" --nologo -v quiet -clp:NoSummary > "$results/native-publish.log" 2>&1; then
    cat "$results/native-publish.log" >&2
    echo "test: the NativeAOT publish failed (above)" >&2
    echo "0 passed, 1 failed, 0 skipped"
    exit 1
  fi
  export EVIDENCE_CLI_NATIVE="$native/dotnet-evidence"
fi
[ "${EVIDENCE_CLI_NATIVE:-}" = portable ] && unset EVIDENCE_CLI_NATIVE

# mawk reads a pipe in blocks unless told to take it line by line.
awk=awk; awk -W version 2>&1 | grep -q mawk && awk="awk -W interactive"
if $fast; then
  echo "test: building, then running the in-process tier (a progress line every 50 tests; failures in full)" >&2
else
  echo "test: building, then running every test project (a progress line every 50 tests; failures in full)" >&2
fi
# The console log keeps every line; the screen gets the build, each failure, a count every 50 tests and each
# project's totals as it finishes, instead of minutes of silence.
dotnet test "$root/Dotlanth.Evidence.sln" -c Release --nologo \
  --logger "trx;LogFilePrefix=results" --logger "console;verbosity=normal" --results-directory "$results" "$@" 2>&1 \
  | tee "$results/console.log" \
  | $awk '
      /^[ \t]+Passed /  { p++; if (p % 50 == 0) { printf "test: %d passed, %d failed so far (%ds)\n", p, f, systime() - t0; fflush() } next }
      /^[ \t]+Skipped / { next }
      /^[ \t]+Failed /  { f++ }
      { print; fflush() }
      BEGIN { t0 = systime() }'
status=${PIPESTATUS[0]}

# Sum the counters of every TRX file (one per test project).
read -r passed failed skipped < <(python3 - "$results" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
p = f = s = 0
for path in glob.glob(sys.argv[1] + "/*.trx"):
    c = ET.parse(path).getroot().find("t:ResultSummary/t:Counters", ns)
    p += int(c.get("passed", 0)); f += int(c.get("failed", 0)) + int(c.get("error", 0)) + int(c.get("timeout", 0))
    s += int(c.get("notExecuted", 0))
print(p, f, s)
PY
)

if [ "$status" -ne 0 ] && [ "${failed:-0}" -eq 0 ]; then
  failed=1 # the build or the test host failed before any test could report
fi
echo "${passed:-0} passed, ${failed:-0} failed, ${skipped:-0} skipped"
exit "$status"
