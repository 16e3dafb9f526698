#!/usr/bin/env bash
# Benchmark 2: import a large real corpus; articles/s, claims/s, peak RSS.
#
#   bench/scale.sh [ARTICLES.jsonl]      [$SHARED/data/news/reuters-21578/articles.jsonl]
#
# Imports into an empty database under /usr/bin/time -v, SCALE_RUNS times
# (default 3) with cross-referencing and, when the binary has
# `import --no-xref`, as often without it, in turns; prints each run, the best
# and the median of each and their ratios (issue 5: cross-referencing at most
# 1.5 times the import without it). The best of a few runs leans on one lucky
# run; the median of five or more is the steadier figure on a noisy machine. Leaves the default import's database at $BENCH_DIR/scale.db
# (memory.sh and the export figures reuse it).

source "$(dirname "$0")/lib.sh"
CORPUS=${1:-$SHARED/data/news/reuters-21578/articles.jsonl}
SCALE_RUNS=${SCALE_RUNS:-3}
name="$(basename "$(dirname "$CORPUS")")/$(basename "$CORPUS")"

import_once() { # extra import options...; sets WALL_MS
    local db
    db=$(fresh_db "$BENCH_DIR/scale.db")
    measure "$CLAIMDESK" --db "$db" import "$@" "$CORPUS" || echo "import exited non-zero: $(tail -1 "$BENCH_DIR/last.err")"
    local articles claims
    articles=$(count_rows "$db" articles)
    claims=$(count_rows "$db" claims)
    say "import ${*:-(default)}: ${WALL_MS} ms (cpu ${CPU_MS} ms), $articles articles ($(per_s "$articles" "$WALL_MS")/s), $claims claims ($(per_s "$claims" "$WALL_MS")/s), peak RSS $(mb "$RSS_KB") MB"
}

say "== scale: $name ($(date -u +%FT%TZ))"
walls_xref=() walls_noxref=()
for ((run = 0; run < SCALE_RUNS; run++)); do
    if has_option import --no-xref; then
        import_once --no-xref
        walls_noxref+=("$WALL_MS")
    fi
    import_once
    walls_xref+=("$WALL_MS")
done
# The smallest and the middle of some numbers.
best() { printf '%s\n' "$@" | sort -n | head -1; }
median() { printf '%s\n' "$@" | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
if ((${#walls_noxref[@]} > 0)); then
    bx=$(best "${walls_xref[@]}") bn=$(best "${walls_noxref[@]}")
    mx=$(median "${walls_xref[@]}") mn=$(median "${walls_noxref[@]}")
    say "best of $SCALE_RUNS: ${bx} ms with cross-referencing, ${bn} ms without: $(ratio "$bx" "$bn")x (target <= 1.5x)"
    say "median of $SCALE_RUNS: ${mx} ms with cross-referencing, ${mn} ms without: $(ratio "$mx" "$mn")x"
fi
