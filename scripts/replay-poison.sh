#!/usr/bin/env bash
# Puts the messages of a poison queue back on their queue, safely (the handlers skip work already done):
#   scripts/replay-poison.sh <complaints-intake|notifications> [--id <poison message id>] [--dry-run]
# It runs the app's replay mode with the app's own settings: local.settings.json (as ./run.sh uses it), or the file
# named by COMPLAINTFLOW_LOCAL_SETTINGS, or ComplaintFlow__Storage__* environment variables (e.g. against Azure).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f local.settings.json ] || cp local.settings.sample.json local.settings.json
dotnet build functions/ComplaintFlow.Functions -v q -nologo > /dev/null
# The built worker is run directly: 'dotnet run' on a Functions project starts Core Tools, which are not installed here.
COMPLAINTFLOW_LOCAL_SETTINGS="${COMPLAINTFLOW_LOCAL_SETTINGS:-$PWD/local.settings.json}" \
  dotnet functions/ComplaintFlow.Functions/bin/Debug/net10.0/ComplaintFlow.Functions.dll replay-poison "$@"
