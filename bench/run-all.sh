#!/usr/bin/env bash
# Run the benchmarks of docs/performance.md and write one summary.
#
#   bench/run-all.sh [--million] [SHARED]
#
# SHARED (argument or env; default ../shared beside the checkout) holds
# data/news/{bbc,reuters-21578}/articles.jsonl and data/seed/. Databases and
# corpora go to BENCH_DIR (default /tmp/claimdesk-bench); the summary to
# SUMMARY (default $BENCH_DIR/summary.txt, started afresh). The million-claim
# step is long (corpus generation plus a 1M-claim import): it runs only with
# --million or MILLION=1, and on its own as bench/million.sh.

set -euo pipefail
MILLION=${MILLION:-0}
for arg in "$@"; do
    case $arg in
    --million) MILLION=1 ;;
    -h | --help) sed -n '2,11p' "$0" | cut -c3-; exit 0 ;;
    *) export SHARED=$arg ;;
    esac
done
here=$(dirname "$0")
export BENCH_DIR=${BENCH_DIR:-/tmp/claimdesk-bench}
export SUMMARY=${SUMMARY:-$BENCH_DIR/summary.txt}
mkdir -p "$BENCH_DIR"
: >"$SUMMARY"

bash "$here/import-floor.sh"
bash "$here/analysis-cost.sh"
bash "$here/scale.sh"
if [[ $MILLION == 1 ]]; then
    bash "$here/million.sh"
fi
bash "$here/memory.sh"
echo
echo "summary written to $SUMMARY"
