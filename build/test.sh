#!/usr/bin/env bash
# Builds and runs the whole test suite, then prints one line of totals: "N passed, N failed, N skipped".
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=build/test-prereqs.sh
source "$root/build/test-prereqs.sh" || exit 1
results="$root/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

dotnet test "$root/Dotlanth.Evidence.sln" -c Release --nologo \
  --logger "trx;LogFilePrefix=results" --results-directory "$results" "$@" 2>&1 | tee "$results/console.log"
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
