#!/usr/bin/env bash
# Benchmark 1: claimdesk import against the SQLite floor.
#
#   bench/import-floor.sh [ARTICLES.jsonl]      [$SHARED/data/news/bbc/articles.jsonl]
#
# Imports the corpus into an empty database (best of IMPORT_RUNS fresh
# imports, default 3), exports the claim rows it stored, and loads those same
# rows with the sqlite3 shell's .import into a fresh database with the same
# claims table, indexes and FTS5 index (external content, same tokenizer).
# The floor is timed twice: FTS kept by a trigger as claimdesk does, and
# FTS filled by one 'rebuild' after the load; the faster one is the floor.
# Prints both times and the ratio (target: claimdesk <= 2x the floor); when
# the binary has `import --no-xref`, that import is timed and compared too.

source "$(dirname "$0")/lib.sh"
CORPUS=${1:-$SHARED/data/news/bbc/articles.jsonl}
IMPORT_RUNS=${IMPORT_RUNS:-3}
DB=$BENCH_DIR/floor-claimdesk.db
ROWS=$BENCH_DIR/floor-claims.csv

# claimdesk: a fresh database each run; the best wall time (and its CPU time).
best_import() { # import options...; sets BEST_MS and BEST_CPU
    BEST_MS=999999999 BEST_CPU=0
    for ((i = 0; i < IMPORT_RUNS; i++)); do
        fresh_db "$DB" >/dev/null
        measure "$CLAIMDESK" --db "$DB" import "$@" "$CORPUS" ||
            echo "import exited non-zero: $(tail -1 "$BENCH_DIR/last.err")"
        if ((WALL_MS < BEST_MS)); then BEST_MS=$WALL_MS BEST_CPU=$CPU_MS; fi
    done
}
# Without cross-referencing first (when the binary can), then the default
# pipeline, whose database is the one the floor loads.
if has_option import --no-xref; then
    best_import --no-xref
    noxref_ms=$BEST_MS noxref_cpu=$BEST_CPU
fi
best_import
import_ms=$BEST_MS import_cpu=$BEST_CPU
articles=$(count_rows "$DB" articles)
claims=$(count_rows "$DB" claims)

# The very same claim rows, as CSV (not timed).
sqlite3 -csv "$DB" \
    "SELECT id, article_id, paragraph, position, start_offset, end_offset, text, status FROM claims ORDER BY id" >"$ROWS"

# The claims table of sql/0001_init.sql (less last_review_id, NULL at import)
# with its indexes, and the claims_fts table of sql/0003_xref.sql.
SCHEMA="
PRAGMA journal_mode = WAL;
PRAGMA synchronous = NORMAL;
CREATE TABLE claims (
    id INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL,
    paragraph INTEGER NOT NULL CHECK (paragraph >= 1),
    position INTEGER NOT NULL CHECK (position >= 1),
    start_offset INTEGER NOT NULL CHECK (start_offset >= 0),
    end_offset INTEGER NOT NULL CHECK (end_offset > start_offset),
    text TEXT NOT NULL CHECK (length(text) > 0),
    status TEXT NOT NULL DEFAULT 'unreviewed',
    UNIQUE (article_id, position)
) STRICT;
CREATE INDEX claims_status ON claims (status, id);
CREATE VIRTUAL TABLE claims_fts USING fts5 (
    text, content = 'claims', content_rowid = 'id', tokenize = 'porter unicode61 remove_diacritics 2'
);"
TRIGGER="
CREATE TRIGGER claims_fts_insert AFTER INSERT ON claims
BEGIN INSERT INTO claims_fts (rowid, text) VALUES (NEW.id, NEW.text); END;"

floor_run() { # $1 = trigger|rebuild; prints ms
    local db
    db=$(fresh_db "$BENCH_DIR/floor-sqlite.db")
    if [[ $1 == trigger ]]; then
        sqlite3 "$db" "$SCHEMA $TRIGGER" >/dev/null
        time_once sqlite3 "$db" ".import --csv $ROWS claims"
    else
        sqlite3 "$db" "$SCHEMA" >/dev/null
        time_once sqlite3 "$db" ".import --csv $ROWS claims" "INSERT INTO claims_fts (claims_fts) VALUES ('rebuild')"
    fi
    [[ $(count_rows "$db" claims) == "$claims" ]] || { echo "floor load lost rows" >&2; exit 1; }
}
best_of() { # $1 = variant; best of 3
    local best=999999999 t
    for _ in 1 2 3; do
        t=$(floor_run "$1")
        ((t < best)) && best=$t
    done
    echo "$best"
}
floor_trigger=$(best_of trigger)
floor_rebuild=$(best_of rebuild)
floor=$((floor_trigger < floor_rebuild ? floor_trigger : floor_rebuild))

say "== import vs the SQLite floor: $(basename "$(dirname "$CORPUS")")/$(basename "$CORPUS") ($(date -u +%FT%TZ))"
say "claimdesk import:        ${import_ms} ms  (cpu ${import_cpu} ms; $articles articles, $claims claims; best of $IMPORT_RUNS)"
say "sqlite3 .import+trigger: ${floor_trigger} ms  (same $claims claim rows, FTS5 by trigger; best of 3)"
say "sqlite3 .import+rebuild: ${floor_rebuild} ms  (FTS5 'rebuild' after the load; best of 3)"
say "ratio claimdesk/floor:   $(ratio "$import_ms" "$floor")x  (target <= 2x; against the trigger load $(ratio "$import_ms" "$floor_trigger")x)"
if [[ -n ${noxref_ms:-} ]]; then
    say "claimdesk import --no-xref: ${noxref_ms} ms  (cpu ${noxref_cpu} ms); ratio to the floor $(ratio "$noxref_ms" "$floor")x"
fi
