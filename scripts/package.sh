#!/usr/bin/env bash
# Publishes the function app (a .NET 10 isolated worker) and zips it for deployment:
#
#   <out>/app/                          host.json, functions.metadata, worker.config.json, ComplaintFlow.Functions.dll
#                                       and its dependencies, extensions.json and .azurefunctions/ (the host's binding
#                                       extensions), wwwroot/
#   <out>/complaintflow-functions.zip   the same files at the zip root: Flex Consumption's one-deploy or zip deploy
#                                       (az functionapp deployment source config-zip), see docs/deploy.md
#
# Usage: scripts/package.sh [out-dir]    (default: publish/ at the repository root)
#
# Framework-dependent, no runtime identifier: the Functions platform runs isolated workers on its own .NET 10
# (functionAppConfig.runtime on Flex Consumption, linuxFxVersion DOTNET-ISOLATED|10.0 on Elastic Premium).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$(mkdir -p "${1:-$root/publish}" && cd "${1:-$root/publish}" && pwd)"
app="$out/app"
zip="$out/complaintflow-functions.zip"

fail() { echo "package.sh: $*" >&2; exit 1; }

rm -rf "$app" "$zip"
dotnet publish "$root/functions/ComplaintFlow.Functions/ComplaintFlow.Functions.csproj" -c Release -o "$app" -nologo -v q

# The files the Functions host reads before it starts the worker; the Worker SDK writes all but host.json.
for file in host.json functions.metadata worker.config.json; do
  [ -f "$app/$file" ] || fail "$file is missing from the publish output ($app); is the project still built with Microsoft.Azure.Functions.Worker.Sdk?"
done

# Checks the layout, then zips it with a stable entry order.
python3 - "$app" "$zip" <<'PY'
import json, os, sys, zipfile
app, target = sys.argv[1], sys.argv[2]

def fail(message):
    sys.exit(f"package.sh: {message}")

def read(name):
    with open(os.path.join(app, name), encoding="utf-8-sig") as file:
        return json.load(file)

if "customHandler" in read("host.json"):
    fail("host.json still has customHandler: the host would start a custom handler instead of the .NET isolated worker.")
worker = read("worker.config.json")["description"]
if worker.get("language") != "dotnet-isolated":
    fail(f"worker.config.json declares language {worker.get('language')!r}, expected 'dotnet-isolated'.")
if not os.path.isfile(os.path.join(app, worker["defaultWorkerPath"])):
    fail(f"worker.config.json names {worker['defaultWorkerPath']}, which is not in {app}.")
for extension in read("extensions.json")["extensions"] if os.path.isfile(os.path.join(app, "extensions.json")) else []:
    if not os.path.isfile(os.path.join(app, extension["hintPath"])):
        fail(f"extensions.json names {extension['hintPath']}, which is not in {app}.")
functions = read("functions.metadata")
if not functions:
    fail("functions.metadata lists no function.")

with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
    for folder, dirs, files in os.walk(app):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(folder, name)
            archive.write(path, os.path.relpath(path, app))
PY
functions=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))))' "$app/functions.metadata")
echo "Packaged $zip ($functions functions, $(du -h "$zip" | cut -f1))."
