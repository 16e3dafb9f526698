#!/usr/bin/env bash
# Benchmark 1: claimdesk import against the SQLite floor.
#
#   bench/import-floor.sh [ARTICLES.jsonl]      [$SHARED/data/news/bbc/articles.jsonl]
#
# Imports the corpus into an empty database (best of IMPORT_RUNS fresh
# imports, default 3), exports the claim rows it stored, and loads those same
# rows (every column) with the sqlite3 shell's .import into a fresh database with
# the same claims table and indexes and an FTS5 index (external content, same
# tokenizer); the narrow variant loads only the 8 core columns.
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

# The very same claim rows: every column claimdesk wrote at import (all but
# last_review_id, NULL until a review), as CSV (not timed). The narrow
# variant has only the columns of the core schema (sql/0001).
COLUMNS=$(sqlite3 "$DB" "SELECT group_concat(name, ', ') FROM pragma_table_info('claims') WHERE name <> 'last_review_id'")
sqlite3 -csv "$DB" "SELECT $COLUMNS FROM claims ORDER BY id" >"$ROWS"
NARROW="id, article_id, paragraph, position, start_offset, end_offset, text, status"
sqlite3 -csv "$DB" "SELECT $NARROW FROM claims ORDER BY id" >"$ROWS.narrow"

# A comparable table: claimdesk's own claims table and indexes, read from the
# database it just wrote, and its claims_fts table (external content, same
# tokenizer). Its triggers are left out, which only makes the floor faster.
TABLE_DDL=$(sqlite3 "$DB" "SELECT group_concat(sql, ';' || char(10)) || ';' FROM sqlite_master
    WHERE tbl_name = 'claims' AND type IN ('table', 'index') AND sql IS NOT NULL")
FTS="
CREATE VIRTUAL TABLE claims_fts USING fts5 (
    text, content = 'claims', content_rowid = 'id', tokenize = 'porter unicode61 remove_diacritics 2'
);"
PRAGMAS="PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
# .import writes CSV's empty fields as '', so the full rows go through a
# staging table and one INSERT that restores the NULLs (timed with the load).
STAGE="CREATE TEMP TABLE stage AS SELECT $COLUMNS FROM claims WHERE 0;"
RESTORED=$(sqlite3 "$DB" "SELECT group_concat(CASE WHEN name IN ('speaker', 'speaker_full', 'cue')
    THEN 'nullif(' || name || ', '''')' ELSE name END, ', ')
    FROM pragma_table_info('claims') WHERE name <> 'last_review_id'")
COPY="INSERT INTO claims ($COLUMNS) SELECT $RESTORED FROM stage ORDER BY id; DROP TABLE stage;"
NARROW_SCHEMA="
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
CREATE INDEX claims_status ON claims (status, id);"
TRIGGER="
CREATE TRIGGER claims_fts_insert AFTER INSERT ON claims
BEGIN INSERT INTO claims_fts (rowid, text) VALUES (NEW.id, NEW.text); END;"
REBUILD="INSERT INTO claims_fts (claims_fts) VALUES ('rebuild')"

floor_run() { # $1 = full|narrow, $2 = trigger|rebuild; prints ms
    local db schema load
    db=$(fresh_db "$BENCH_DIR/floor-sqlite.db")
    if [[ $1 == full ]]; then
        schema="$PRAGMAS $TABLE_DDL $FTS"
        load=(sqlite3 "$db" "$STAGE" ".import --csv $ROWS stage" "$COPY")
    else
        schema="$PRAGMAS $NARROW_SCHEMA $FTS"
        load=(sqlite3 "$db" ".import --csv $ROWS.narrow claims")
    fi
    if [[ $2 == trigger ]]; then schema="$schema $TRIGGER"; else load+=("$REBUILD"); fi
    sqlite3 "$db" "$schema" >/dev/null
    time_once "${load[@]}"
    [[ $(count_rows "$db" claims) == "$claims" ]] || { echo "floor load lost rows" >&2; exit 1; }
}
best_of() { # $1 = full|narrow, $2 = trigger|rebuild; best of 3
    local best=999999999 t
    for _ in 1 2 3; do
        t=$(floor_run "$1" "$2")
        ((t < best)) && best=$t
    done
    echo "$best"
}
floor_trigger=$(best_of full trigger)
floor_rebuild=$(best_of full rebuild)
floor=$((floor_trigger < floor_rebuild ? floor_trigger : floor_rebuild))
narrow=$(best_of narrow rebuild)

say "== import vs the SQLite floor: $(basename "$(dirname "$CORPUS")")/$(basename "$CORPUS") ($(date -u +%FT%TZ))"
say "claimdesk import:        ${import_ms} ms  (cpu ${import_cpu} ms; $articles articles, $claims claims; best of $IMPORT_RUNS)"
say "sqlite3 .import+trigger: ${floor_trigger} ms  (the same $claims claim rows, all columns, same table and indexes, FTS5 by trigger; best of 3)"
say "sqlite3 .import+rebuild: ${floor_rebuild} ms  (the same, FTS5 by one 'rebuild' after the load; best of 3)"
say "ratio claimdesk/floor:   $(ratio "$import_ms" "$floor")x  (target <= 2x; against the trigger load $(ratio "$import_ms" "$floor_trigger")x)"
say "narrow floor:            ${narrow} ms  (only the 8 core columns and one index, FTS5 rebuild): ratio $(ratio "$import_ms" "$narrow")x"
if [[ -n ${noxref_ms:-} ]]; then
    say "claimdesk import --no-xref: ${noxref_ms} ms  (cpu ${noxref_cpu} ms); ratio to the floor $(ratio "$noxref_ms" "$floor")x"
fi
