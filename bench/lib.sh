# Shared helpers for the bench/ scripts; sourced, not run.
#
# Environment (all optional):
#   SHARED      the shared data folder              [../shared beside the checkout]
#   CLAIMDESK   the binary to measure               [target/release/claimdesk, built if missing]
#   BENCH_DIR   where databases and corpora go      [/tmp/claimdesk-bench]
#   SUMMARY     file the figures are appended to    [$BENCH_DIR/summary.txt]
#   RUNS        timed runs per interactive command  [10]

set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SHARED=${SHARED:-$ROOT/../shared}
CLAIMDESK=${CLAIMDESK:-$ROOT/target/release/claimdesk}
BENCH_DIR=${BENCH_DIR:-/tmp/claimdesk-bench}
SUMMARY=${SUMMARY:-$BENCH_DIR/summary.txt}
RUNS=${RUNS:-10}
mkdir -p "$BENCH_DIR"

if [[ ! -x $CLAIMDESK ]]; then
    echo "building $CLAIMDESK (cargo build --release)" >&2
    (cd "$ROOT" && cargo build --release --quiet)
fi
command -v sqlite3 >/dev/null || { echo "bench needs the sqlite3 shell (apt-get install sqlite3)" >&2; exit 1; }

# Print a line and append it to the summary.
say() {
    echo "$*"
    echo "$*" >>"$SUMMARY"
}

# True when the binary has this subcommand (so scripts run before and after it exists).
have() {
    "$CLAIMDESK" "$1" --help >/dev/null 2>&1
}

# True when `claimdesk COMMAND --help` mentions OPTION.
has_option() {
    "$CLAIMDESK" "$1" --help 2>/dev/null | grep -q -- "$2"
}

now_ms() {
    echo $(($(date +%s%N) / 1000000))
}

# a / b with two decimals.
ratio() {
    awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "inf"; else printf "%.2f", a / b }'
}

# A fresh, empty path for a database (removes its WAL and SHM files too).
fresh_db() {
    rm -f "$1" "$1-wal" "$1-shm"
    echo "$1"
}

# Run a command once, its output discarded; print the wall time in ms.
time_once() {
    local start end
    start=$(now_ms)
    "$@" >/dev/null 2>&1
    end=$(now_ms)
    echo $((end - start))
}

# Median wall time in ms of RUNS runs (after one warm-up run) of a command
# whose output is discarded. Uses hyperfine when installed, else a loop.
median_ms() {
    if command -v hyperfine >/dev/null; then
        local csv
        csv=$(mktemp)
        hyperfine --style none --warmup 1 --runs "$RUNS" -N --export-csv "$csv" \
            -- "$(printf '%q ' "$@")" >/dev/null 2>&1
        # Columns: command,mean,stddev,median,user,system,min,max (seconds).
        awk -F, 'NR == 2 { printf "%.1f\n", $(NF-4) * 1000 }' "$csv"
        rm -f "$csv"
        return
    fi
    "$@" >/dev/null 2>&1 || true
    local times=() i
    for ((i = 0; i < RUNS; i++)); do
        local start end
        start=$(date +%s%N)
        "$@" >/dev/null 2>&1 || true
        end=$(date +%s%N)
        times+=($(((end - start) / 1000)))
    done
    printf '%s\n' "${times[@]}" | sort -n | awk '{ t[NR] = $1 } END { printf "%.1f\n", (NR % 2 ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2) / 1000 }'
}

# Run a command under /usr/bin/time -v; leaves the wall time, the CPU time
# (user + system) and the peak RSS in the globals WALL_MS, CPU_MS and RSS_KB. Output goes to $BENCH_DIR/last.out and last.err.
measure() {
    local tv="$BENCH_DIR/time-v.txt" start end
    start=$(now_ms)
    local status=0
    /usr/bin/time -v -o "$tv" "$@" >"$BENCH_DIR/last.out" 2>"$BENCH_DIR/last.err" || status=$?
    end=$(now_ms)
    WALL_MS=$((end - start))
    RSS_KB=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$tv")
    CPU_MS=$(awk -F': ' '/(User|System) time \(seconds\)/ { s += $2 } END { printf "%.0f", s * 1000 }' "$tv")
    return $status
}

# Count rows of a table in a database.
count_rows() {
    sqlite3 "$1" "SELECT count(*) FROM $2"
}

mb() {
    awk -v kb="$1" 'BEGIN { printf "%.1f", kb / 1024 }'
}

per_s() {
    awk -v n="$1" -v ms="$2" 'BEGIN { if (ms == 0) print "inf"; else printf "%.0f", n * 1000 / ms }'
}
