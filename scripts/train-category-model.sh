#!/bin/sh
# Trains the default category model (docs/triage.md, "Category model"): reads only the tuning set
# tests/ComplaintFlow.Core.Tests/Triage/Data/complaints-labelled.tsv, chooses the blend weight by 5-fold
# cross-validation on it, writes shared/ComplaintFlow.Core/Triage/Data/category-model.bin.gz, and scores keywords,
# model and blend once on complaints-heldout.tsv. Seeded (42): the same files give the same model. Then put the weight
# it prints in triage-policy.json (categoryModel.weight) and rerun CategoryModelTests.
#   scripts/train-category-model.sh
set -eu
cd "$(dirname "$0")/.."
nice -n 19 dotnet run -c Release --project bench/ComplaintFlow.Bench.Triage -- --category
