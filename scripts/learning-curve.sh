#!/bin/sh
# The category model's learning curve on BANKING77 (docs/triage.md, "Learning curve"): macro-F1 on its test file
# against examples per category, written to bench/ComplaintFlow.Bench.Triage/learning-curve-banking77.tsv (figures
# only: no BANKING77 text is committed). Reads train.csv and test.csv from a local folder, fetched beforehand by hand
# (banking_data/ of the public GitHub repository PolyAI-LDN/task-specific-datasets, CC BY 4.0; SHA-256 in
# shared/ComplaintFlow.Core/Triage/Data/LICENSES.md). Never part of a build, a run or a test.
#   scripts/learning-curve.sh [folder]     (default ~/.cache/complaintflow/banking77)
set -eu
cd "$(dirname "$0")/.."
folder=${1:-"$HOME/.cache/complaintflow/banking77"}
for f in train.csv test.csv; do
  [ -f "$folder/$f" ] || { echo "learning-curve.sh: $folder/$f is missing (BANKING77, see LICENSES.md)" >&2; exit 2; }
  sha256sum "$folder/$f"
done
nice -n 19 dotnet run -c Release --project bench/ComplaintFlow.Bench.Triage -- --learning-curve --data "$folder"
