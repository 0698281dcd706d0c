#!/usr/bin/env bash
# Regenerates the desk screenshots the README and docs/desk.md show (queue, search, complaint page, dashboard; English,
# 简体中文 and 繁體中文; 1280 and 320 px): runs the browser tests that take them, then copies them from the test output
# to docs/screenshots (the tests take them at 1280 and 320 px wide), metadata stripped and compressed when ImageMagick
# is installed, copied as they are otherwise.
#
#   scripts/desk-screenshots.sh
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet test tests/ComplaintFlow.Portal.Tests \
  --filter "FullyQualifiedName~DeskLanguageTests|FullyQualifiedName~SearchPageTests|FullyQualifiedName~DeskHeaderAndTraditionalChineseTests"
shots=tests/ComplaintFlow.Portal.Tests/bin/Debug/net10.0/screenshots/docs
for page in queue search complaint dashboard; do
  for file in "$shots/$page"-*.png; do
    [ -e "$file" ] || continue
    target="docs/screenshots/$(basename "$file")"
    if convert -version 2>/dev/null | grep -q ImageMagick; then
      convert "$file" -strip -resize '1280x>' -define png:compression-level=9 "$target"
    else
      cp "$file" "$target"
    fi
    echo "$target"
  done
done
