#!/usr/bin/env bash
# Benchmark 3: interactive commands and export on a million claims.
#
#   bench/million.sh
#
# Environment (besides lib.sh's):
#   CLAIMS       corpus size                                  [1000000]
#   SEARCH_WORD  the word `search` looks for                  [military]
#   IMPORT_OPTS  options of the big import, e.g. --no-xref  [none: the
#                default pipeline, cross-referencing included]
#   REBUILD=1    regenerate the corpus and re-import it even when $BENCH_DIR
#                has them (the database is also re-imported whenever the
#                binary is newer than it)
#
# 1. examples/gen_corpus.rs writes $BENCH_DIR/million.jsonl (deterministic).
# 2. It is imported into $BENCH_DIR/million.db under /usr/bin/time -v.
# 3. Each interactive command is timed (median of RUNS runs, hyperfine when
#    installed) on that database and on a seed-only database (the seed
#    article), and the ratio is printed (target <= 2x). Commands the binary
#    does not have yet print "skipped: command not available".
# 4. The full CSV export is timed against sqlite3 -csv running the export's
#    own query (target: at least half its rows/s), with its peak RSS.
# 5. Importing the next ~200 articles (about 2,000 claims, a second
#    generated corpus) with the default pipeline, cross-referencing included,
#    into a copy of the big database and into a copy of the seed database:
#    does the per-claim import cost grow with the size of the database?

source "$(dirname "$0")/lib.sh"
CLAIMS=${CLAIMS:-1000000}
SEARCH_WORD=${SEARCH_WORD:-military}
CORPUS=$BENCH_DIR/million.jsonl
DB=$BENCH_DIR/million.db
SEED_DB=$BENCH_DIR/seed.db
SEED=$SHARED/data/seed/iraq-troop-talks.txt
[[ -f $SEED ]] || SEED=$ROOT/data/iraq-troop-talks.txt

IMPORT_OPTS=${IMPORT_OPTS:-}
gen_corpus() { # claims output [gen_corpus options...]
    local claims=$1 out=$2
    shift 2
    (cd "$ROOT" && cargo run --release --quiet --example gen_corpus -- \
        --bbc "$SHARED/data/news/bbc/articles.jsonl" \
        --reuters "$SHARED/data/news/reuters-21578/articles.jsonl" \
        --claims "$claims" -o "$out" "$@")
}

say "== a million claims ($(date -u +%FT%TZ))"

if [[ ! -s $CORPUS || ${REBUILD:-0} == 1 ]]; then
    start=$(now_ms)
    gen_corpus "$CLAIMS" "$CORPUS"
    say "generated $CORPUS: $(wc -l <"$CORPUS") articles, $(du -m "$CORPUS" | cut -f1) MB in $(($(now_ms) - start)) ms"
    rm -f "$DB"
fi

# Re-import when the binary is newer than the database (a stale database
# would not have what the new import computes).
if [[ ! -s $DB || $CLAIMDESK -nt $DB ]]; then
    fresh_db "$DB" >/dev/null
    # shellcheck disable=SC2086 # IMPORT_OPTS is a list of options
    measure "$CLAIMDESK" --db "$DB" import $IMPORT_OPTS "$CORPUS" || echo "import exited non-zero: $(tail -1 "$BENCH_DIR/last.err")"
    n=$(count_rows "$DB" claims)
    echo "$RSS_KB" >"$DB.import-rss-kb" # for memory.sh
    say "import ${IMPORT_OPTS:-(default)}: ${WALL_MS} ms (cpu ${CPU_MS} ms), $(count_rows "$DB" articles) articles, $n claims ($(per_s "$n" "$WALL_MS")/s), peak RSS $(mb "$RSS_KB") MB, db $(du -m "$DB" | cut -f1) MB"
fi
fresh_db "$SEED_DB" >/dev/null
"$CLAIMDESK" --db "$SEED_DB" import "$SEED" 2>/dev/null

# Ids to ask about: the middle article and a claim in the middle of it.
pick_ids() { # db -> "article claim"
    local article claim
    article=$(sqlite3 "$1" "SELECT id FROM articles ORDER BY id LIMIT 1 OFFSET (SELECT count(*) / 2 FROM articles)")
    claim=$(sqlite3 "$1" "SELECT id FROM claims WHERE article_id = $article ORDER BY position
                          LIMIT 1 OFFSET (SELECT count(*) / 2 FROM claims WHERE article_id = $article)")
    echo "$article $claim"
}
read -r big_article big_claim < <(pick_ids "$DB")
read -r seed_article seed_claim < <(pick_ids "$SEED_DB")
say "claims: $(count_rows "$DB" claims) (big) vs $(count_rows "$SEED_DB" claims) (seed); article $big_article / $seed_article, claim $big_claim / $seed_claim; median of $RUNS runs"
say "$(printf '%-42s %10s %10s %7s' command 'seed ms' 'big ms' ratio)"

bench_cmd() { # label; args with ARTICLE and CLAIM placeholders
    local label=$1 sub=$2
    shift
    if ! have "$sub"; then
        say "$(printf '%-42s %s' "$label" 'skipped: command not available')"
        return
    fi
    local seed_args=() big_args=() a
    for a in "$@"; do
        seed_args+=("$(sed "s/ARTICLE/$seed_article/; s/CLAIM/$seed_claim/" <<<"$a")")
        big_args+=("$(sed "s/ARTICLE/$big_article/; s/CLAIM/$big_claim/" <<<"$a")")
    done
    local s b
    s=$(median_ms "$CLAIMDESK" --db "$SEED_DB" "${seed_args[@]}")
    b=$(median_ms "$CLAIMDESK" --db "$DB" "${big_args[@]}")
    if [[ -z $s || -z $b ]]; then
        say "$(printf '%-42s %s' "$label" 'failed (run it by hand to see why)')"
        return
    fi
    say "$(printf '%-42s %10s %10s %6sx' "$label" "$s" "$b" "$(ratio "$b" "$s")")"
}

bench_cmd "claims --status unreviewed --limit 50" claims --status unreviewed --limit 50
bench_cmd "claims --article N" claims --article ARTICLE
bench_cmd "show ID" show CLAIM
bench_cmd "queue --limit 20" queue --limit 20
bench_cmd "search $SEARCH_WORD" search "$SEARCH_WORD"
bench_cmd "related ID" related CLAIM
bench_cmd "stats" stats
bench_cmd "articles --limit 50" articles --limit 50

# Export: claimdesk's CSV report against sqlite3 -csv running the same query
# to a file. The query is a copy of Store::export (src/store/claims.rs):
# keep it in step when the report's columns change.
EXPORT_SQL="SELECT c.id, c.article_id, a.title, a.outlet, a.url, a.published, c.paragraph,
       c.position, c.text, c.status, r.reviewer, r.created_at, r.note,
       (SELECT group_concat(n.author || ': ' || n.text, ' | ')
          FROM (SELECT * FROM notes WHERE claim_id = c.id ORDER BY id) n),
       (SELECT group_concat('[' || s.stance || '] ' || coalesce(s.title || ' ', '') || s.url, ' | ')
          FROM (SELECT * FROM sources WHERE claim_id = c.id ORDER BY id) s),
       c.checkworthiness, c.claim_type, coalesce(c.speaker_full, c.speaker),
       (SELECT group_concat(json_extract(q.value, '\$.text'), '; ')
          FROM json_each(coalesce(c.quantities, '[]')) q)
FROM claims c JOIN articles a ON a.id = c.article_id
     LEFT JOIN reviews r ON r.id = c.last_review_id
ORDER BY c.id"
rows=$(count_rows "$DB" claims)
measure "$CLAIMDESK" --db "$DB" export -o "$BENCH_DIR/export.csv"
export_ms=$WALL_MS export_rss=$RSS_KB
start=$(now_ms)
sqlite3 -csv -header "$DB" "$EXPORT_SQL" >"$BENCH_DIR/export-sqlite.csv"
sqlite_ms=$(($(now_ms) - start))
say "export $rows claims: claimdesk ${export_ms} ms ($(per_s "$rows" "$export_ms") rows/s, peak RSS $(mb "$export_rss") MB, $(du -m "$BENCH_DIR/export.csv" | cut -f1) MB)"
say "export $rows claims: sqlite3 -csv ${sqlite_ms} ms ($(per_s "$rows" "$sqlite_ms") rows/s, same query)"
say "export speed claimdesk/sqlite3: $(ratio "$sqlite_ms" "$export_ms") (target >= 0.5)"
rm -f "$BENCH_DIR/export.csv" "$BENCH_DIR/export-sqlite.csv"

# Incremental import, cross-referencing included, into copies of both databases.
EXTRA=$BENCH_DIR/extra.jsonl
[[ -s $EXTRA ]] || gen_corpus 2000 "$EXTRA" --seed 2 2>/dev/null
incremental() { # db label
    local copy=$BENCH_DIR/incremental.db
    rm -f "$copy" "$copy-wal" "$copy-shm"
    sqlite3 "$1" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
    cp "$1" "$copy"
    local before
    before=$(count_rows "$copy" claims)
    measure "$CLAIMDESK" --db "$copy" import "$EXTRA" || echo "import exited non-zero: $(tail -1 "$BENCH_DIR/last.err")"
    local added=$(($(count_rows "$copy" claims) - before))
    say "import +$added claims into the $2 database (default pipeline): ${WALL_MS} ms (cpu ${CPU_MS} ms), $(ratio "$WALL_MS" "$added") ms/claim, peak RSS $(mb "$RSS_KB") MB"
    INCREMENTAL_MS=$WALL_MS
    rm -f "$copy" "$copy-wal" "$copy-shm"
}
incremental "$SEED_DB" seed
seed_inc=$INCREMENTAL_MS
incremental "$DB" big
say "incremental import big/seed: $(ratio "$INCREMENTAL_MS" "$seed_inc")x (target: import does not slow down with size)"
