#!/bin/sh
# Fetches the public data the default sentiment model is trained on (docs/triage.md, "Learned model"). A separate,
# manual step: no build, run or test fetches anything. Needs curl and unzip.
#   scripts/fetch-triage-training-data.sh [folder]     (default ~/.cache/complaintflow/uci-sentiment)
# UCI Sentiment Labelled Sentences, Kotzias et al., KDD 2015, CC BY 4.0:
#   https://archive.ics.uci.edu/dataset/331/sentiment+labelled+sentences
set -eu
folder=${1:-"$HOME/.cache/complaintflow/uci-sentiment"}
mkdir -p "$folder"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
curl --fail --location --retry 3 --max-time 120 -o "$tmp/uci.zip" \
  "https://archive.ics.uci.edu/static/public/331/sentiment+labelled+sentences.zip"
unzip -q -o "$tmp/uci.zip" -d "$tmp"
for name in amazon_cells_labelled.txt imdb_labelled.txt yelp_labelled.txt readme.txt; do
  found=$(find "$tmp" -name "$name" -not -path '*__MACOSX*' | head -n 1)
  [ -n "$found" ] && cp "$found" "$folder/$name"
done
echo "UCI Sentiment Labelled Sentences in $folder:"
(cd "$folder" && sha256sum amazon_cells_labelled.txt imdb_labelled.txt yelp_labelled.txt)
echo "The shipped model was trained on files with these SHA-256 (see Triage/Data/LICENSES.md); other bytes give another model:"
echo "  16b1872aba98fb5f40e21ac76fc57615058010bba6c9388d101ec415995b638d  amazon_cells_labelled.txt"
echo "  a42450a6f0b2af9bd3738ca2a9af355678e90e5a0f8b83f849d60b59235faaa7  imdb_labelled.txt"
echo "  b1428e7e7452834f99401a1be3cc6abc778f92c1c8a12cad9adac2add9e714b3  yelp_labelled.txt"
