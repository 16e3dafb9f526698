#!/usr/bin/env bash
# Benchmark 2: import a large real corpus; articles/s, claims/s, peak RSS.
#
#   bench/scale.sh [ARTICLES.jsonl]      [$SHARED/data/news/reuters-21578/articles.jsonl]
#
# One import into an empty database under /usr/bin/time -v. When the binary
# has `import --no-xref`, a second import without cross-referencing shows
# what cross-referencing costs. Leaves the database at $BENCH_DIR/scale.db
# (memory.sh and the export figures reuse it).

source "$(dirname "$0")/lib.sh"
CORPUS=${1:-$SHARED/data/news/reuters-21578/articles.jsonl}
name="$(basename "$(dirname "$CORPUS")")/$(basename "$CORPUS")"

import_once() { # extra import options...
    local db
    db=$(fresh_db "$BENCH_DIR/scale.db")
    measure "$CLAIMDESK" --db "$db" import "$@" "$CORPUS" || echo "import exited non-zero: $(tail -1 "$BENCH_DIR/last.err")"
    local articles claims
    articles=$(count_rows "$db" articles)
    claims=$(count_rows "$db" claims)
    say "import ${*:-(default)}: ${WALL_MS} ms (cpu ${CPU_MS} ms), $articles articles ($(per_s "$articles" "$WALL_MS")/s), $claims claims ($(per_s "$claims" "$WALL_MS")/s), peak RSS $(mb "$RSS_KB") MB"
}

say "== scale: $name ($(date -u +%FT%TZ))"
if has_option import --no-xref; then
    import_once --no-xref
fi
import_once
