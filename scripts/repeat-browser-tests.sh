#!/usr/bin/env bash
# Runs the browser tests (tests/ComplaintFlow.Portal.Tests, real Chromium) N times in a row, default 10, and stops at
# the first run with a failure: the evidence that the suite holds without a rerun on this machine.
# Usage: scripts/repeat-browser-tests.sh [N]    (TRX files and a summary under TestResults/browser-repeat/)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-10}"
out=TestResults/browser-repeat
rm -rf "$out" && mkdir -p "$out"
[ -x node_modules/.bin/azurite ] || npm ci --no-audit --no-fund
node_modules/.bin/patch-package >/dev/null
dotnet build tests/ComplaintFlow.Portal.Tests -c Release -nologo -v q
for i in $(seq 1 "$runs"); do
  started=$(date +%s)
  status=0
  dotnet test tests/ComplaintFlow.Portal.Tests -c Release --no-build --logger "trx;LogFileName=run-$i.trx" \
    --results-directory "$out" -v q >"$out/run-$i.log" 2>&1 || status=$?
  line=$(python3 - "$out/run-$i.trx" <<'PY'
import sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
c = ET.parse(sys.argv[1]).getroot().find("t:ResultSummary/t:Counters", ns)
print(f"{c.get('passed')} passed, {int(c.get('failed', 0)) + int(c.get('error', 0))} failed")
PY
)
  load=$(cut -d' ' -f1 /proc/loadavg)
  echo "run $i: $line in $(( $(date +%s) - started )) s (load average after: $load)" | tee -a "$out/summary.txt"
  [ "$status" -eq 0 ] || { echo "run $i failed: see $out/run-$i.log" | tee -a "$out/summary.txt"; exit 1; }
done
echo "$runs consecutive runs passed" | tee -a "$out/summary.txt"
