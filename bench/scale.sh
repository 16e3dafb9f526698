#!/usr/bin/env bash
# Benchmark 2: import a large real corpus; articles/s, claims/s, peak RSS.
#
#   bench/scale.sh [ARTICLES.jsonl]      [$SHARED/data/news/reuters-21578/articles.jsonl]
#
# Imports into an empty database under /usr/bin/time -v, SCALE_RUNS times
# (default 3) with cross-referencing and, when the binary has
# `import --no-xref`, as often without it; prints each run, the best of each
# and their ratio (issue 5: cross-referencing at most 1.5 times the import
# without it). Leaves the default import's database at $BENCH_DIR/scale.db
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
best_xref=999999999 best_noxref=
for ((run = 0; run < SCALE_RUNS; run++)); do
    if has_option import --no-xref; then
        import_once --no-xref
        if [[ -z $best_noxref ]] || ((WALL_MS < best_noxref)); then best_noxref=$WALL_MS; fi
    fi
    import_once
    ((WALL_MS < best_xref)) && best_xref=$WALL_MS
done
if [[ -n $best_noxref ]]; then
    say "best of $SCALE_RUNS: ${best_xref} ms with cross-referencing, ${best_noxref} ms without: $(ratio "$best_xref" "$best_noxref")x (target <= 1.5x)"
fi
