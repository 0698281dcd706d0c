#!/usr/bin/env bash
# Runs the whole system locally: Azurite (on disk under .azurite/), the provider fakes (outbox at
# http://localhost:7072), and the local Functions host at http://localhost:7071, which starts the function app's
# isolated worker and drives it over gRPC as Microsoft's host does. Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")"

need() { command -v "$1" >/dev/null || { echo "run.sh: $1 is required ($2)" >&2; exit 1; }; }
need dotnet "install the .NET 10 SDK"
need npm "install Node.js 22 or newer with npm"
# Azurite 3.37 and the Azure packages it pulls declare Node >= 22; older ones print engine warnings and may fail.
node_major=$(node -p 'process.versions.node.split(".")[0]')
[ "$node_major" -ge 22 ] || echo "run.sh: Node.js $(node -v) found; Azurite 3.37 declares Node 22 or newer. If storage fails to start, install Node 22+." >&2
dotnet --list-sdks | grep -q '^10\.' || { echo "run.sh: the .NET 10 SDK is required (dotnet --list-sdks shows none)" >&2; exit 1; }

[ -x node_modules/.bin/patch-package ] || npm ci --no-audit --no-fund
# Azurite 3.37 looks entities up by RowKey before PartitionKey, a scan of every row sharing the RowKey (every
# complaint's state row is "complaint"); patches/ swaps the two so a point read costs what it costs in Azure.
node_modules/.bin/patch-package >/dev/null
[ -f local.settings.json ] || { cp local.settings.sample.json local.settings.json; echo "Created local.settings.json from the sample."; }
# Settings added to the sample since local.settings.json was made are copied in (your own values are kept).
node -e '
  const fs = require("fs");
  const sample = JSON.parse(fs.readFileSync("local.settings.sample.json", "utf8"));
  const local = JSON.parse(fs.readFileSync("local.settings.json", "utf8"));
  local.Values = local.Values || {};
  const added = Object.keys(sample.Values).filter(k => !(k in local.Values));
  for (const k of added) local.Values[k] = sample.Values[k];
  if (added.length) { fs.writeFileSync("local.settings.json", JSON.stringify(local, null, 2) + "\n"); console.log("Added to local.settings.json: " + added.join(", ")); }
' 
mkdir -p .azurite .local

pids=()
cleanup() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM

echo "Building the function app, the local Functions host and the provider fakes (the first build restores packages: a few minutes)..."
for project in functions/ComplaintFlow.Functions shared/ComplaintFlow.Hosting tests/ComplaintFlow.Fakes; do
  echo "  $project"
  dotnet build "$project" -v q -nologo -clp:NoSummary
done

node_modules/.bin/azurite --location .azurite --skipApiVersionCheck --loose --disableTelemetry \
  --blobPort 10000 --queuePort 10001 --tablePort 10002 > .local/azurite.log 2>&1 &
pids+=($!)
for _ in $(seq 1 60); do (echo > /dev/tcp/127.0.0.1/10002) 2>/dev/null && break; sleep 0.5; done

dotnet run --no-build --project tests/ComplaintFlow.Fakes -- --urls http://127.0.0.1:7072 --Fakes:AppAddress=http://localhost:7071 > .local/fakes.log 2>&1 &
pids+=($!)

echo
echo "  Complaint form:   http://localhost:7071/"
echo "  Status page:      http://localhost:7071/status"
echo "  Outbox (emails):  http://localhost:7072/"
echo "  Azurite data:     .azurite/   logs: .local/"
echo
# The host reads local.settings.json's Values as func start does and hands them to the worker as its environment.
dotnet shared/ComplaintFlow.Hosting/bin/Debug/net10.0/ComplaintFlow.Hosting.dll \
  --script-root functions/ComplaintFlow.Functions/bin/Debug/net10.0 --settings local.settings.json --urls http://localhost:7071 &
pids+=($!)
wait "${pids[-1]}"
