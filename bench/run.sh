#!/usr/bin/env bash
# Measures the system and writes a report: bench/reports/<mode>/report.md, results.csv, operations.csv.
#
#   bench/run.sh            full run (several minutes): component benchmarks, end-to-end load, storage ceiling
#   bench/run.sh --smoke    seconds-long run that proves the harness works (CI); exits non-zero if it is broken
#   bench/run.sh --storm    5,000 complaints about three incidents in two minutes (--storm --smoke: 150 in 20 s)
#
# Other options go to the load run (bench/run.sh --help lists them). Component benchmarks are the other projects
# under bench/ (ComplaintFlow.Bench.*): each one found is run and its Markdown output is included in the report.
set -euo pipefail
cd "$(dirname "$0")/.."

mode=full
storm=no
for arg in "$@"; do
  case "$arg" in
    --smoke) mode=smoke ;;
    --storm) storm=yes ;;
    --help|-h) dotnet run -c Release --project bench/ComplaintFlow.Bench.Load -- "$@"; exit 0 ;;
  esac
done

[ -x node_modules/.bin/azurite ] || npm ci --no-audit --no-fund
# Azurite's patches (patches/), as ./test.sh and ./run.sh apply them: the search benchmark needs the sorted keys.
node_modules/.bin/patch-package >/dev/null

if [ "$storm" = yes ]; then
  # The storm alone (bench/README.md, "Storm"): storm.csv, storm-operations.csv, storm-complaints.csv, storm.md.
  export COMPLAINTFLOW_BENCH_COMMIT="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
  dotnet build bench/ComplaintFlow.Bench.Load -c Release -nologo -v q
  exec dotnet run -c Release --no-build --project bench/ComplaintFlow.Bench.Load -- "$@"
fi

out="bench/reports/$mode"
components="$out/components"
rm -rf "$out"
mkdir -p "$components"
export COMPLAINTFLOW_BENCH_COMMIT="$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"

for project in bench/ComplaintFlow.Bench.*/; do
  name="$(basename "$project")"
  [ "$name" = ComplaintFlow.Bench.Load ] && continue
  ls "$project"*.csproj >/dev/null 2>&1 || continue
  echo "Component benchmark: $name"
  if [ "$name" = ComplaintFlow.Bench.Deadlines ]; then
    # Positional: complaint counts, then the folder for deadlines.md/.csv.
    if [ "$mode" = smoke ]; then args=(300,1000); else args=(10000,100000); fi
    args+=("$PWD/$components/$name")
  elif grep -q BenchmarkDotNet "$project"*.csproj; then
    # BenchmarkDotNet (via BenchmarkSwitcher): the smoke run takes one in-process iteration, not a real measurement.
    args=(--filter '*' --artifacts "$PWD/$components/$name")
    [ "$mode" = smoke ] && args+=(--job Dry --inProcess)
  else
    args=(--out "$PWD/$components/$name")
    [ "$mode" = smoke ] && args+=(--smoke)
  fi
  dotnet run -c Release --project "$project" -- "${args[@]}" > "$out/$name.log" 2>&1 || {
    echo "bench: $name failed; its output is in $out/$name.log" >&2
    tail -n 30 "$out/$name.log" >&2
    exit 1
  }
done

dotnet build bench/ComplaintFlow.Bench.Load -c Release -nologo -v q
dotnet run -c Release --no-build --project bench/ComplaintFlow.Bench.Load -- --out "$out" --components "$components" "$@"
if [ "$mode" = smoke ]; then
  # A short seeded storm: fails on a lost complaint or an acknowledgement sent twice.
  dotnet run -c Release --no-build --project bench/ComplaintFlow.Bench.Load -- --storm --smoke --out "$out/storm"
fi
