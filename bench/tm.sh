#!/usr/bin/env bash
# Translation-memory benchmark: `tarjuman tm import` (UTF-8 and UTF-16 TMX)
# and fuzzy lookups, next to an exhaustive RapidFuzz peer.
#
#   bench/tm.sh [options] [SIZE ...]      (sizes in units; default 10000 100000 1000000)
#
#   --nqueries N     queries per size (default 1000)
#   --peer-limit K   the peer runs only the first K queries (default: all;
#                    at 1,000,000 units it takes about 0.45 s a query)
#   --peer-ids       the peer compares integer token ids, not strings (same
#                    scores, about a quarter faster)
#   --rerun-peer     rerun the peer even when its results are up to date
#   --no-build       skip `cargo build --release`
#   --no-import      skip the import rows
#   --no-peer        skip the peer
#   --no-lookup      skip `cargo bench --bench tm`
#   --core N         the core to pin the peer and the lookup bench to (default 0)
#   --no-pin         do not pin them with `taskset`
#
# For each size N, the first time (or when bench/gen_tmx.py changes) makes
# bench/data/tm-N.tmx (UTF-8), tm-N-utf16.tmx (UTF-16LE with a BOM, the
# same units) and queries-N.txt with bench/gen_tmx.py. Then:
#   1. `tarjuman tm import --db bench/data/tm-N.sqlite tm-N.tmx` into a fresh
#      database, under `/usr/bin/time -f '%e %M'`; the same for the UTF-16
#      file (into tm-N-utf16.sqlite, removed afterwards);
#   2. bench/peer_tm.py (RapidFuzz extractOne, token Levenshtein, cutoff
#      0.75) over every source for every query: bench/data/peer-N.jsonl and
#      its summary peer-N.json (reused while the inputs are unchanged);
#   3. `cargo bench --bench tm -- --db ... --queries ... --peer ...`.
# Makes bench/.venv (rapidfuzz) if needed. Results: bench/data/tm-results.jsonl
# and a table. See bench/README.md.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")
DATA=$HERE/data
VENV=$HERE/.venv
PY=$VENV/bin/python
BIN=$ROOT/target/release/tarjuman

RAPIDFUZZ_VERSION=3.14.6

NQUERIES=1000 PEER_LIMIT='' PEER_IDS=0 RERUN_PEER=0 BUILD=1 IMPORT=1 PEER=1 LOOKUP=1 PIN=1 CORE=0
SIZES=()
usage() { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; }
while (($#)); do
    case $1 in
        --nqueries) NQUERIES=$2; shift ;;
        --peer-limit) PEER_LIMIT=$2; shift ;;
        --peer-ids) PEER_IDS=1 ;;
        --rerun-peer) RERUN_PEER=1 ;;
        --no-build) BUILD=0 ;;
        --no-import) IMPORT=0 ;;
        --no-peer) PEER=0 ;;
        --no-lookup) LOOKUP=0 ;;
        --core) CORE=$2; shift ;;
        --no-pin) PIN=0 ;;
        -h | --help) usage; exit 0 ;;
        -*) echo "tm.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
        *) [[ $1 =~ ^[0-9]+$ ]] || { echo "tm.sh: not a size: $1" >&2; exit 2; }
           SIZES+=("$1") ;;
    esac
    shift
done
((${#SIZES[@]})) || SIZES=(10000 100000 1000000)

log() { printf '==> %s\n' "$*" >&2; }

# --- Python environment ----------------------------------------------------------
if ! "$PY" - "$RAPIDFUZZ_VERSION" 2>/dev/null <<'EOF'
import sys
from importlib.metadata import version
import rapidfuzz  # noqa: F401
sys.exit(0 if version("rapidfuzz") == sys.argv[1] else 1)
EOF
then
    [[ -x $PY ]] || { log "creating $VENV"; python3 -m venv "$VENV"; }
    log "installing rapidfuzz==$RAPIDFUZZ_VERSION into $VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check "rapidfuzz==$RAPIDFUZZ_VERSION"
fi

# --- GNU time (for max RSS) -------------------------------------------------------
GNU_TIME=/usr/bin/time
if [[ ! -x $GNU_TIME ]] && command -v apt-get >/dev/null && [[ $(id -u) == 0 ]]; then
    log "installing GNU time (apt-get install -y time)"
    apt-get install -y -qq time >/dev/null 2>&1 ||
        { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq time >/dev/null 2>&1; } || true
fi
if [[ ! -x $GNU_TIME ]]; then
    log "WARNING: no /usr/bin/time: wall time only, max RSS shown as n/a"
    GNU_TIME=
fi

# timed OUTFILE CMD... -> prints "SECONDS MAXRSS_KB" (MAXRSS_KB "n/a" without
# GNU time); CMD's stdout and stderr go to OUTFILE. Returns CMD's status.
timed() {
    local out=$1 tf status=0 t0 t1
    shift
    tf=$(mktemp)
    if [[ -n $GNU_TIME ]]; then
        "$GNU_TIME" -f '%e %M' -o "$tf" "$@" >"$out" 2>&1 || status=$?
        # On failure GNU time writes "Command exited with non-zero status N" first.
        tail -n 1 "$tf"
    else
        t0=$(date +%s.%N)
        "$@" >"$out" 2>&1 || status=$?
        t1=$(date +%s.%N)
        awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f n/a\n", b - a }'
    fi
    rm -f "$tf"
    return "$status"
}

# --- build ------------------------------------------------------------------------
HAVE_TM=0
if ((BUILD)); then
    log "cargo build --release"
    (cd "$ROOT" && cargo build --release --quiet) || log "WARNING: cargo build --release failed; using whatever binary there is"
fi
if [[ -x $BIN ]] && "$BIN" tm import --help >/dev/null 2>&1; then
    HAVE_TM=1
else
    log "WARNING: \`$BIN tm import\` is not there (yet): import rows are skipped"
fi
HAVE_BENCH=0
if ((LOOKUP)); then
    if [[ -f $ROOT/benches/tm.rs ]] || grep -qE '^name *= *"tm"' "$ROOT/Cargo.toml"; then
        # Built here, unpinned; run pinned below (cargo finds it fresh).
        if (cd "$ROOT" && cargo bench --quiet --bench tm --no-run); then
            HAVE_BENCH=1
        else
            log "WARNING: cargo bench --bench tm --no-run failed; lookup rows are skipped"
        fi
    else
        log "WARNING: no benches/tm.rs yet: lookup rows are skipped"
    fi
fi

PINCMD=()
if ((PIN)) && command -v taskset >/dev/null; then
    PINCMD=(taskset -c "$CORE")
elif ((PIN)); then
    log "taskset not found: not pinning"
fi

# --- data -------------------------------------------------------------------------
mkdir -p "$DATA"
stale() { # stale FILE DEP... -> true if FILE is missing or older than a DEP
    local f=$1
    shift
    [[ -s $f ]] || return 0
    local d
    for d in "$@"; do [[ $d -nt $f ]] && return 0; done
    return 1
}
for n in "${SIZES[@]}"; do
    if stale "$DATA/tm-$n.tmx" "$HERE/gen_tmx.py" || stale "$DATA/queries-$n.txt" "$HERE/gen_tmx.py" ||
        [[ $(wc -l <"$DATA/queries-$n.txt") != "$NQUERIES" ]]; then
        log "generating tm-$n.tmx and queries-$n.txt"
        python3 "$HERE/gen_tmx.py" --units "$n" --out "$DATA/tm-$n.tmx" \
            --queries "$DATA/queries-$n.txt" --nqueries "$NQUERIES" >&2
    fi
    if stale "$DATA/tm-$n-utf16.tmx" "$HERE/gen_tmx.py"; then
        log "generating tm-$n-utf16.tmx"
        python3 "$HERE/gen_tmx.py" --units "$n" --out "$DATA/tm-$n-utf16.tmx" --encoding utf-16le >&2
    fi
done

# --- measure ----------------------------------------------------------------------
RESULTS=$DATA/tm-results.jsonl
: >"$RESULTS"
mb() { awk -v b="$(stat -c %s "$1")" 'BEGIN { printf "%.1f", b / 1e6 }'; }
rm_db() { rm -f "$1" "$1-wal" "$1-shm" "$1-journal"; }

IMPORT_ROWS=() LOOKUP_ROWS=()
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')
for n in "${SIZES[@]}"; do
    db=$DATA/tm-$n.sqlite
    if ((IMPORT)) && ((HAVE_TM)); then
        for enc in utf-8 utf-16le; do
            if [[ $enc == utf-8 ]]; then tmx=$DATA/tm-$n.tmx target=$db; else tmx=$DATA/tm-$n-utf16.tmx target=$DATA/tm-$n-utf16.sqlite; fi
            rm_db "$target"
            logf=$DATA/tm-import-$n-$enc.log
            log "tarjuman tm import $(basename "$tmx")"
            if res=$(timed "$logf" "$BIN" tm import --db "$target" "$tmx"); then
                secs=${res% *} rss=${res#* }
                ups=$(awk -v n="$n" -v s="$secs" 'BEGIN { printf "%.0f", (s > 0 ? n / s : 0) }')
                rss_mib=n/a
                [[ $rss == n/a ]] || rss_mib=$(awk -v k="$rss" 'BEGIN { printf "%.1f", k / 1024 }')
                dbmb=$(mb "$target")
                IMPORT_ROWS+=("$(printf '%-10s %-22s %9s %-9s %9s %11s %12s %9s' \
                    "$n" "$(basename "$tmx")" "$(mb "$tmx")" "$enc" "$secs" "$ups" "$rss_mib" "$dbmb")")
                printf '{"kind":"import","units":%s,"file":"%s","encoding":"%s","bytes":%s,"seconds":%s,"units_per_s":%s,"maxrss_mib":%s,"db_bytes":%s}\n' \
                    "$n" "$(basename "$tmx")" "$enc" "$(stat -c %s "$tmx")" "$secs" "$ups" \
                    "$([[ $rss_mib == n/a ]] && echo null || echo "$rss_mib")" "$(stat -c %s "$target")" >>"$RESULTS"
            else
                log "WARNING: import of $(basename "$tmx") failed; see $logf"
                tail -n 5 "$logf" >&2 || true
                IMPORT_ROWS+=("$(printf '%-10s %-22s %9s %-9s %9s' "$n" "$(basename "$tmx")" "$(mb "$tmx")" "$enc" FAILED)")
            fi
            [[ $enc == utf-16le ]] && rm_db "$target"
        done
    fi

    peer_out=$DATA/peer-$n.jsonl peer_sum=$DATA/peer-$n.json
    if ((PEER)); then
        if ((RERUN_PEER)) || stale "$peer_sum" "$DATA/tm-$n.tmx" "$DATA/queries-$n.txt" "$HERE/peer_tm.py" ||
            stale "$peer_out" "$DATA/tm-$n.tmx"; then
            log "peer_tm.py on tm-$n.tmx${PEER_LIMIT:+ (first $PEER_LIMIT queries)}"
            args=(--tmx "$DATA/tm-$n.tmx" --queries "$DATA/queries-$n.txt" --out "$peer_out")
            [[ -n $PEER_LIMIT ]] && args+=(--limit-queries "$PEER_LIMIT")
            ((PEER_IDS)) && args+=(--ids)
            "${PINCMD[@]}" "$PY" "$HERE/peer_tm.py" "${args[@]}" >"$peer_sum.tmp" && mv "$peer_sum.tmp" "$peer_sum"
        else
            log "peer-$n.json is up to date (--rerun-peer to run it again)"
        fi
        cat "$peer_sum" >>"$RESULTS"
        LOOKUP_ROWS+=("$("$PY" - "$n" "$peer_sum" <<'EOF'
import json, sys
s = json.load(open(sys.argv[2]))
tool = "rapidfuzz " + s.get("version", "") + (" (ids)" if s.get("ids") else "")
print(f"{sys.argv[1]:<10} {tool:<26} {s['queries']:>8} {s['median_ms']:>10} {s['p95_ms']:>10} {s['mean_ms']:>10} {s['matched']:>8}")
EOF
)")
    fi

    if ((LOOKUP)) && ((HAVE_BENCH)); then
        benchlog=$DATA/tm-bench-$n.txt
        log "cargo bench --bench tm on tm-$n.sqlite"
        [[ -s $db ]] || log "WARNING: $db is missing or empty (did the import run?)"
        if (cd "$ROOT" && "${PINCMD[@]}" cargo bench --quiet --bench tm -- \
            --db "$db" --queries "$DATA/queries-$n.txt" --peer "$peer_out") 2>&1 | tee "$benchlog" >&2; then
            # The bench's summary, if it prints one: the last JSON line with
            # "median_ms" (and p95_ms, mean_ms, queries, matched) goes into
            # the table and the results.
            row=$("$PY" - "$n" "$benchlog" "$RESULTS" <<'EOF' || true
import json, sys
found = None
for line in open(sys.argv[2], encoding="utf-8", errors="replace"):
    line = line.strip()
    if line.startswith("{") and "median_ms" in line:
        try:
            found = json.loads(line)
        except ValueError:
            pass
if found:
    g = lambda k: found.get(k, "?")
    print(f"{sys.argv[1]:<10} {'tarjuman':<26} {g('queries'):>8} {g('median_ms'):>10} {g('p95_ms'):>10} {g('mean_ms'):>10} {g('matched'):>8}")
    found.setdefault("kind", "lookup")
    found.setdefault("tool", "tarjuman")
    found.setdefault("units", int(sys.argv[1]))
    with open(sys.argv[3], "a") as f:
        f.write(json.dumps(found) + "\n")
EOF
)
            if [[ -n $row ]]; then
                LOOKUP_ROWS+=("$row")
            else
                LOOKUP_ROWS+=("$(printf '%-10s %-26s %s' "$n" tarjuman "see $(basename "$benchlog")")")
            fi
        else
            log "WARNING: cargo bench --bench tm failed on $n units; see $benchlog"
        fi
    fi
done

# --- table ------------------------------------------------------------------------
echo
if ((${#IMPORT_ROWS[@]})); then
    echo "Import (tarjuman tm import, fresh database):"
    printf '%-10s %-22s %9s %-9s %9s %11s %12s %9s\n' units file MB encoding seconds units/s max-RSS-MiB db-MB
    printf '%s\n' "${IMPORT_ROWS[@]}"
    echo
fi
if ((${#LOOKUP_ROWS[@]})); then
    echo "Lookup (one query at a time, best match at or above 75%):"
    printf '%-10s %-26s %8s %10s %10s %10s %8s\n' units tool queries median-ms p95-ms mean-ms matched
    printf '%s\n' "${LOOKUP_ROWS[@]}"
    echo
fi
if ((${#PINCMD[@]})); then
    echo "Peer and lookup bench pinned to core $CORE (taskset); imports not pinned. MB = 10^6 bytes."
else
    echo "Not pinned. MB = 10^6 bytes."
fi
echo "Load average before: $LOAD_BEFORE; after: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?') ($(nproc) cores)."
echo "Results: $RESULTS"
