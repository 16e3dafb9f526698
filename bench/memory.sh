#!/usr/bin/env bash
# Benchmark 4: peak resident memory of import and export as the input grows.
#
#   bench/memory.sh
#
# Peak RSS (/usr/bin/time -v, "Maximum resident set size") of importing the
# seed article, BBC (2,225 articles) and Reuters (19,779 articles) into empty
# databases, and of exporting each of them to CSV; plus the export of
# $BENCH_DIR/million.db when bench/million.sh has built it. Target: under
# 200 MB and not growing with the input.

source "$(dirname "$0")/lib.sh"
SEED=$SHARED/data/seed/iraq-troop-talks.txt
[[ -f $SEED ]] || SEED=$ROOT/data/iraq-troop-talks.txt

say "== memory: peak RSS ($(date -u +%FT%TZ))"
say "$(printf '%-22s %10s %10s %14s %14s' input articles claims 'import MB' 'export MB')"

row() { # name db import_rss_kb
    local rss_import=$3
    measure "$CLAIMDESK" --db "$2" export -o "$BENCH_DIR/memory-export.csv"
    say "$(printf '%-22s %10s %10s %14s %14s' "$1" "$(count_rows "$2" articles)" "$(count_rows "$2" claims)" \
        "$rss_import" "$(mb "$RSS_KB")")"
    rm -f "$BENCH_DIR/memory-export.csv"
}

for input in "seed:$SEED" "bbc:$SHARED/data/news/bbc/articles.jsonl" \
    "reuters:$SHARED/data/news/reuters-21578/articles.jsonl"; do
    name=${input%%:*} path=${input#*:}
    db=$(fresh_db "$BENCH_DIR/memory-$name.db")
    measure "$CLAIMDESK" --db "$db" import "$path" || true
    row "$name" "$db" "$(mb "$RSS_KB")"
done
if [[ -s $BENCH_DIR/million.db ]]; then
    row "million (synthetic)" "$BENCH_DIR/million.db" "see million.sh"
fi
