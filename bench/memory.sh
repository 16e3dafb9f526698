#!/usr/bin/env bash
# Benchmark 4: peak resident memory of import and export as the input grows.
#
#   bench/memory.sh
#
# Peak RSS (/usr/bin/time -v, "Maximum resident set size") of importing the
# seed article, BBC (2,225 articles) and Reuters (19,779 articles) into empty
# databases, of exporting each of them to CSV, and of listing all their
# claims (`claims --format csv`, no --limit); plus the same for
# $BENCH_DIR/million.db when bench/million.sh has built it. Target: under
# 200 MB and not growing with the input.

source "$(dirname "$0")/lib.sh"
SEED=$SHARED/data/seed/iraq-troop-talks.txt
[[ -f $SEED ]] || SEED=$ROOT/data/iraq-troop-talks.txt

say "== memory: peak RSS ($(date -u +%FT%TZ))"
say "$(printf '%-20s %9s %9s %9s %11s %11s %11s' input 'input MB' articles claims 'import MB' 'export MB' 'claims MB')"

row() { # name input_file db import_rss_mb
    measure "$CLAIMDESK" --db "$3" export -o "$BENCH_DIR/memory-export.csv"
    local export_mb
    export_mb=$(mb "$RSS_KB")
    measure "$CLAIMDESK" --db "$3" claims --format csv
    say "$(printf '%-20s %9s %9s %9s %11s %11s %11s' "$1" "$(mb $(($(stat -c %s "$2") / 1024)))" \
        "$(count_rows "$3" articles)" "$(count_rows "$3" claims)" "$4" "$export_mb" "$(mb "$RSS_KB")")"
    rm -f "$BENCH_DIR/memory-export.csv" "$BENCH_DIR/last.out"
}

for input in "seed:$SEED" "bbc:$SHARED/data/news/bbc/articles.jsonl" \
    "reuters:$SHARED/data/news/reuters-21578/articles.jsonl"; do
    name=${input%%:*} path=${input#*:}
    db=$(fresh_db "$BENCH_DIR/memory-$name.db")
    measure "$CLAIMDESK" --db "$db" import "$path" || true
    row "$name" "$path" "$db" "$(mb "$RSS_KB")"
done
# The million-claim import is run (and its peak RSS recorded) by million.sh.
if [[ -s $BENCH_DIR/million.db && -s $BENCH_DIR/million.db.import-rss-kb ]]; then
    row "million (synthetic)" "$BENCH_DIR/million.jsonl" "$BENCH_DIR/million.db" \
        "$(mb "$(cat "$BENCH_DIR/million.db.import-rss-kb")")"
fi
