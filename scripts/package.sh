#!/usr/bin/env bash
# Publishes the function app in the Azure Functions custom-handler layout and zips it for deployment:
#
#   <out>/app/                          ComplaintFlow.Functions (executable), host.json, <Function>/function.json,
#                                       wwwroot/, and the .NET runtime itself (self-contained linux-x64)
#   <out>/complaintflow-functions.zip   the same files, ready for zip deploy (az functionapp deployment source
#                                       config-zip) with WEBSITE_RUN_FROM_PACKAGE=1
#
# Usage: scripts/package.sh [out-dir]    (default: publish/ at the repository root)
#
# Self-contained because the Functions Linux images bring the .NET runtime the *host* needs, not the .NET 10 runtime
# this app targets: a framework-dependent build would start only where .NET 10 happens to be installed.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$(mkdir -p "${1:-$root/publish}" && cd "${1:-$root/publish}" && pwd)"
app="$out/app"
zip="$out/complaintflow-functions.zip"

rm -rf "$app" "$zip"
dotnet publish "$root/functions/ComplaintFlow.Functions/ComplaintFlow.Functions.csproj" \
  -c Release -r linux-x64 --self-contained -o "$app" -nologo -v q

executable=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["customHandler"]["description"]["defaultExecutablePath"])' "$app/host.json")
[ -x "$app/$executable" ] || { echo "package.sh: $executable (host.json defaultExecutablePath) is not an executable in $app" >&2; exit 1; }

# The zip keeps Unix file modes (the host starts the executable directly) and lists files in a stable order.
python3 - "$app" "$zip" <<'PY'
import os, sys, zipfile
app, target = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
    for folder, dirs, files in os.walk(app):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(folder, name)
            entry = zipfile.ZipInfo.from_file(path, os.path.relpath(path, app))
            entry.create_system = 3  # Unix, so external_attr carries the file mode
            entry.compress_type = zipfile.ZIP_DEFLATED
            with open(path, "rb") as source:
                archive.writestr(entry, source.read())
PY

functions=$(find "$app" -mindepth 2 -maxdepth 2 -name function.json | wc -l)
echo "Packaged $zip ($functions functions, $(du -h "$zip" | cut -f1))."
