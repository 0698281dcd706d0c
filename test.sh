#!/usr/bin/env bash
# Runs every test: installs what the tests need (Azurite from npm), builds, runs all test projects, writes TRX
# files under TestResults/, and ends with one line "N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")"

[ -x node_modules/.bin/patch-package ] || npm ci --no-audit --no-fund
# Azurite 3.37 looks entities up by RowKey before PartitionKey, a scan of every row sharing the RowKey (every
# complaint's state row is "complaint"); patches/ swaps the two so a point read costs what it costs in Azure.
node_modules/.bin/patch-package >/dev/null
# The browser tests drive Debian's Chromium; Playwright never downloads a browser of its own.
[ -x /usr/bin/chromium ] || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }
# A Chinese font, so the browser tests' screenshots (docs/screenshots) show Chinese text rather than empty boxes.
fc-list :lang=zh | grep -q . || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-wqy-zenhei >/dev/null

rm -rf TestResults
dotnet build ComplaintFlow.sln -c Release -nologo -v q
status=0
# One test project at a time: the browser tests keep their timing when the deploy tests publish beside them.
dotnet test ComplaintFlow.sln -c Release --no-build -m:1 --logger "trx" --results-directory TestResults -v q || status=$?

# Benchmark harness smoke run (short): proves the harness works, nothing is lost under load, and the deadline
# index reads only what is due. It never fails on performance figures.
bash bench/run.sh --smoke || status=1

python3 - <<'PY' || status=1
import glob, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = skipped = 0
files = glob.glob("TestResults/*.trx")
for f in files:
    c = ET.parse(f).getroot().find("t:ResultSummary/t:Counters", ns)
    passed += int(c.get("passed", 0)); failed += int(c.get("failed", 0)) + int(c.get("error", 0)) + int(c.get("timeout", 0)) + int(c.get("aborted", 0))
    skipped += int(c.get("notExecuted", 0))
    # The failures themselves, so a red run says why without the TRX files.
    for r in ET.parse(f).getroot().iter("{%s}UnitTestResult" % ns["t"]):
        if r.get("outcome") not in ("Passed", "NotExecuted"):
            message = r.find("t:Output/t:ErrorInfo/t:Message", ns)
            text = (message.text or "") if message is not None else ""
            print(f"FAILED {r.get('testName')}:\n  " + "\n  ".join(text.splitlines()[:40]))
print(f"{passed} passed, {failed} failed, {skipped} skipped")
sys.exit(1 if failed or not files or passed == 0 else 0)
PY
exit $status
