#!/usr/bin/env bash
# The category model the desk teaches (docs/triage.md, "Category model"), against the app's storage:
#   scripts/category-model.sh import <file.csv>   # a labelled history, UTF-8, header text,category; checked, then stored in Blob
#   scripts/category-model.sh retrain             # what the CategoryRetrain timer does: train, validate, replace only if not worse
#   scripts/category-model.sh versions           # stored versions, their figures, the current one
# It runs the app's category-model mode with the app's own settings: local.settings.json (as ./run.sh uses it; start
# ./run.sh, or Azurite, first), or the file named by COMPLAINTFLOW_LOCAL_SETTINGS.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
[ -f "$root/local.settings.json" ] || cp "$root/local.settings.sample.json" "$root/local.settings.json"
dotnet build "$root/functions/ComplaintFlow.Functions" -v q -nologo > /dev/null
# The built worker is run directly: 'dotnet run' on a Functions project starts Core Tools, which are not installed.
COMPLAINTFLOW_LOCAL_SETTINGS="${COMPLAINTFLOW_LOCAL_SETTINGS:-$root/local.settings.json}" \
  dotnet "$root/functions/ComplaintFlow.Functions/bin/Debug/net10.0/ComplaintFlow.Functions.dll" category-model "$@"
