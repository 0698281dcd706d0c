#!/usr/bin/env bash
# Writes the desk search index's rows for every stored complaint (docs/desk.md, "Re-indexing"):
#   scripts/reindex-search.sh [--since yyyy-MM-dd] [--dry-run]
# Safe while the app runs and safe to repeat. It runs the app's reindex mode with the app's own settings:
# local.settings.json (as ./run.sh uses it), or the file named by COMPLAINTFLOW_LOCAL_SETTINGS, or
# ComplaintFlow__Storage__* environment variables (e.g. against Azure).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f local.settings.json ] || cp local.settings.sample.json local.settings.json
dotnet build functions/ComplaintFlow.Functions -v q -nologo > /dev/null
# The built worker is run directly: 'dotnet run' on a Functions project starts Core Tools, which are not installed here.
COMPLAINTFLOW_LOCAL_SETTINGS="${COMPLAINTFLOW_LOCAL_SETTINGS:-$PWD/local.settings.json}" \
  dotnet functions/ComplaintFlow.Functions/bin/Debug/net10.0/ComplaintFlow.Functions.dll reindex-search "$@"
