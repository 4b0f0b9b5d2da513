#!/usr/bin/env bash
# check benchmark: the speed target of the QA issue, on generated data,
# whole commands timed with GNU time.
#
#   bench/check.sh [--units N] [--runs N] [--no-build]
#
# `tarjuman check` over a TMX of N units (default 100,000) in English, Urdu
# and Russian (bench/gen_check.py: the shipped memory's units renumbered,
# so 2N pairs en→ur and en→ru), with the shipped glossary, on ONE core
# (`taskset -c 0`: check then runs one thread). Target: under 5 s at
# 100,000 units. Also timed on every core, and with --format json.
# Each is run N times (default 3); the table shows the median and the max
# RSS. Results: bench/data/check-results.jsonl.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")
DATA=$HERE/data
BIN=$ROOT/target/release/tarjuman
UNITS=100000 RUNS=3 BUILD=1
while (($#)); do
    case $1 in
        --units) UNITS=$2; shift ;;
        --runs) RUNS=$2; shift ;;
        --no-build) BUILD=0 ;;
        -h | --help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) echo "check.sh: unknown argument $1" >&2; exit 2 ;;
    esac
    shift
done
log() { printf '==> %s\n' "$*" >&2; }
mkdir -p "$DATA"
((BUILD)) && { log "cargo build --release"; (cd "$ROOT" && cargo build --release --quiet); }

TMX=$DATA/check-$UNITS.tmx
if [[ ! -f $TMX || $HERE/gen_check.py -nt $TMX ]]; then
    log "generating $TMX"
    python3 "$HERE/gen_check.py" --units "$UNITS" --out "$TMX" >&2
fi

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
RESULTS=$DATA/check-results.jsonl
run() { # name command...
    local name=$1 times=() rss=0 t m
    shift
    local timing
    timing=$(mktemp)
    for _ in $(seq "$RUNS"); do
        # check exits 1 when it finds something: that is not a failure here.
        /usr/bin/time -o "$timing" -f '%e %M' "$@" >/dev/null 2>&1 || true
        read -r t m < <(tail -n 1 "$timing")
        times+=("$t"); ((m > rss)) && rss=$m
    done
    rm -f "$timing"
    t=$(printf '%s\n' "${times[@]}" | median)
    printf '%-40s median %6.2f s   max RSS %6d MiB   runs: %s\n' "$name" "$t" $((rss / 1024)) "${times[*]}"
    printf '{"bench":"%s","units":%d,"median_s":%s,"max_rss_mib":%d,"runs":"%s"}\n' \
        "$name" "$UNITS" "$t" $((rss / 1024)) "${times[*]}" >>"$RESULTS"
}
cd "$ROOT"
findings=$("$BIN" check --no-memory --format json "$TMX" 2>/dev/null | python3 -c \
    'import json,sys; d=json.load(sys.stdin); print(len(d["diagnostics"]))' || true)
log "$UNITS units, $(wc -c <"$TMX") bytes of TMX, $findings findings"
run "check $UNITS units, one core" taskset -c 0 "$BIN" check --no-memory "$TMX"
run "check $UNITS units, one core, json" taskset -c 0 "$BIN" check --no-memory --format json "$TMX"
run "check $UNITS units, all cores" "$BIN" check --no-memory "$TMX"
