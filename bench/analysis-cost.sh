#!/usr/bin/env bash
# Issue 4's speed target: analysis must not slow import by more than a third.
#
#   bench/analysis-cost.sh [ARTICLES.jsonl]      [$SHARED/data/news/bbc/articles.jsonl]
#
# Times fresh imports of the corpus with the analysis and with the hidden
# benchmark switch `--no-analysis` (claims stored unanalyzed), for the
# default import and for `--no-xref`, COST_RUNS times each (default 5,
# interleaved so load on the machine hits both alike), and prints the
# medians and the slowdown the analysis causes.

source "$(dirname "$0")/lib.sh"
CORPUS=${1:-$SHARED/data/news/bbc/articles.jsonl}
COST_RUNS=${COST_RUNS:-5}
DB=$BENCH_DIR/analysis-cost.db

median() { sort -n | awk '{ t[NR] = $1 } END { print (NR % 2 ? t[(NR + 1) / 2] : int((t[NR / 2] + t[NR / 2 + 1]) / 2)) }'; }

say "== analysis cost: $(basename "$(dirname "$CORPUS")")/$(basename "$CORPUS") ($(date -u +%FT%TZ))"
for mode in default --no-xref; do
    extra=()
    [[ $mode == --no-xref ]] && extra=(--no-xref)
    with=() without=()
    for ((i = 0; i < COST_RUNS; i++)); do
        fresh_db "$DB" >/dev/null
        with+=("$(time_once "$CLAIMDESK" --db "$DB" import "${extra[@]}" "$CORPUS")")
        fresh_db "$DB" >/dev/null
        without+=("$(time_once "$CLAIMDESK" --db "$DB" import "${extra[@]}" --no-analysis "$CORPUS")")
    done
    a=$(printf '%s\n' "${with[@]}" | median)
    b=$(printf '%s\n' "${without[@]}" | median)
    say "import ($mode): ${a} ms with the analysis, ${b} ms without; slowdown $(awk -v a="$a" -v b="$b" 'BEGIN { printf "%+.0f%%", (a / b - 1) * 100 }') (target <= +33%; medians of $COST_RUNS)"
done
claims=$(count_rows "$DB" claims)
say "($claims claims; claims analyzed per second on one thread: cargo run --release --example cw_eval)"
