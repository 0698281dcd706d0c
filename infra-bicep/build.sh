#!/usr/bin/env bash
# Compiles and lints every Bicep file with the Bicep CLI restored from NuGet (Azure.Bicep.CommandLine.linux-x64,
# pinned in tools/BicepCli.proj), and fails on any error or linter warning. CI runs it: `bash infra-bicep/build.sh`.
# Compiled ARM templates go to infra-bicep/.build/ (git-ignored output, useful to inspect).
set -euo pipefail
cd "$(dirname "$0")"

dotnet restore tools/BicepCli.proj -nologo -v q >/dev/null
version=$(sed -n 's:.*<BicepCliVersion>\(.*\)</BicepCliVersion>.*:\1:p' tools/BicepCli.proj)
packages=$(dotnet nuget locals global-packages --list | sed 's/^global-packages: //')
bicep="$packages/azure.bicep.commandline.linux-x64/$version/tools/bicep"
[ -f "$bicep" ] || { echo "build.sh: Bicep CLI $version not found at $bicep" >&2; exit 1; }
if [ ! -x "$bicep" ]; then
  # Some NuGet extractions drop the executable bit; run a private copy instead of changing the shared cache.
  mkdir -p .build && cp "$bicep" .build/bicep && chmod +x .build/bicep && bicep=.build/bicep
fi
export BICEP_TRACING_ENABLED=false

out=.build
mkdir -p "$out"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
status=0
run() {
  # Bicep prints diagnostics as "file(line,col) : Warning|Error rule: message" on stderr.
  if ! "$bicep" "$@" >"$log" 2>&1; then status=1; fi
  cat "$log"
  if grep -Eq ' : (Warning|Error) ' "$log"; then status=1; fi
}

count=$(find . -name '*.bicep' -not -path './.build/*' | wc -l)
# --no-restore: registry modules (br:) cannot be restored offline, so none may be used.
run build --no-restore --pattern '**/*.bicep' --outdir "$out"
run lint --no-restore --pattern '**/*.bicep'
run build-params --no-restore main.bicepparam --outfile "$out/main.parameters.json"

if [ "$status" -ne 0 ]; then
  echo >&2
  echo "Bicep: errors or linter warnings above (infra-bicep/bicepconfig.json)." >&2
  exit 1
fi
echo "Bicep: $count files and main.bicepparam compile and lint clean (Bicep CLI $version)."
