#!/bin/sh
# Trains the default sentiment model (docs/triage.md, "Learned model"): reads the UCI files fetched beforehand by
# scripts/fetch-triage-training-data.sh and the tuning set tests/.../Triage/Data/complaints-labelled.tsv (never the
# held-out set), chooses the blend weight by 5-fold cross-validation, and writes
#   shared/ComplaintFlow.Core/Triage/Data/sentiment-model.bin.gz          (the embedded model)
#   tests/ComplaintFlow.Core.Tests/Triage/Data/uci-sentiment-heldout.tsv  (the public held-out split, 20 %)
# Seeded (42): the same files give the same model. Then put the weight it prints in triage-policy.json and rerun
# LearnedModelTests.
#   scripts/train-triage-model.sh [folder]     (default ~/.cache/complaintflow/uci-sentiment)
set -eu
cd "$(dirname "$0")/.."
folder=${1:-"$HOME/.cache/complaintflow/uci-sentiment"}
nice -n 19 dotnet run -c Release --project bench/ComplaintFlow.Bench.Triage -- --train --data "$folder"
