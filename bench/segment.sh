#!/usr/bin/env bash
# Sentence segmentation benchmark: tarjuman vs sentencex vs pySBD, side by side.
#
#   bench/segment.sh [--big] [--size-mb N] [--slice-mb N] [--langs en,ru,ur]
#                    [--runs N] [--pysbd-runs N] [--no-build] [--no-pin]
#                    [--core N] [--no-lib]
#
#   --size-mb N      size of the throughput corpus per language (default 50)
#   --slice-mb N     size of the slice that pySBD gets, a prefix of the
#                    corpus (default 1); tarjuman and sentencex run on it too
#   --langs L,...    languages (default en,ru,ur)
#   --runs N         best of N for tarjuman and sentencex (default 3; at
#                    least 10 on the slice, where a run takes milliseconds)
#   --pysbd-runs N   best of N for pySBD (default 1: it is slow)
#   --big            also make a 1 GB English file and report tarjuman's
#                    throughput and max RSS on it (streaming: RSS stays small)
#   --no-build       skip `cargo build --release` (the criterion executable
#                    is still found, and built if stale, by `cargo bench --no-run`)
#   --no-lib         skip the library rows (criterion, benches/segment.rs)
#   --core N         the core to pin every tool to (default 0)
#   --no-pin         do not pin to one core with `taskset`
#
# Makes bench/.venv (sentencex==1.0.32, pysbd==0.3.4) and the corpora in
# bench/data/ the first time; both are reused afterwards. Results go to
# bench/data/results.jsonl and are printed as a table. See bench/README.md.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")
DATA=$HERE/data
VENV=$HERE/.venv
PY=$VENV/bin/python
BIN=$ROOT/target/release/tarjuman

SENTENCEX_VERSION=1.0.32
PYSBD_VERSION=0.3.4

BIG=0 SIZE_MB=50 SLICE_MB=1 LANGS=en,ru,ur RUNS=3 PYSBD_RUNS=1 BUILD=1 PIN=1 CORE=0 LIB=1 BROKEN=0
usage() { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; }
while (($#)); do
    case $1 in
        --big) BIG=1 ;;
        --size-mb) SIZE_MB=$2; shift ;;
        --slice-mb) SLICE_MB=$2; shift ;;
        --langs) LANGS=$2; shift ;;
        --runs) RUNS=$2; shift ;;
        --pysbd-runs) PYSBD_RUNS=$2; shift ;;
        --no-build) BUILD=0 ;;
        --no-pin) PIN=0 ;;
        --core) CORE=$2; shift ;;
        --no-lib) LIB=0 ;;
        -h | --help) usage; exit 0 ;;
        *) echo "segment.sh: unknown option $1" >&2; usage >&2; exit 2 ;;
    esac
    shift
done

log() { printf '==> %s\n' "$*" >&2; }

# --- (a) Python environment -------------------------------------------------
if ! "$PY" - "$SENTENCEX_VERSION" "$PYSBD_VERSION" 2>/dev/null <<'EOF'
import sys
from importlib.metadata import version
import sentencex, pysbd  # noqa: F401
sys.exit(0 if (version("sentencex"), version("pysbd")) == tuple(sys.argv[1:3]) else 1)
EOF
then
    log "creating $VENV with sentencex==$SENTENCEX_VERSION pysbd==$PYSBD_VERSION"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check \
        "sentencex==$SENTENCEX_VERSION" "pysbd==$PYSBD_VERSION"
fi

# --- (b) corpora --------------------------------------------------------------
mkdir -p "$DATA"
# corpus LANG MB -> path; generated once, deterministic (same seed => a
# smaller file is a prefix of a larger one).
corpus() {
    local lang=$1 mb=$2 file=$DATA/$1-$2mb.txt
    if [[ ! -s $file || ! -s $file.meta.json || $HERE/gen_corpus.py -nt $file ]]; then
        log "generating $file"
        "$PY" "$HERE/gen_corpus.py" --lang "$lang" --size-mb "$mb" --out "$file" >/dev/null
    fi
    printf '%s\n' "$file"
}

# --- (c) build ----------------------------------------------------------------
if ((BUILD)); then
    log "cargo build --release"
    # A tree that does not build (someone mid-edit) still gives the
    # sentencex and pySBD figures; the tarjuman rows are left out.
    if ! (cd "$ROOT" && cargo build --release --quiet); then
        log "WARNING: cargo build --release failed; tarjuman rows are skipped"
        BROKEN=1
    fi
fi
# The criterion executable, built from the same tree as the binary; run
# directly so that nothing is rebuilt (or built on one pinned core) while
# measuring, whatever others change in the tree meanwhile.
BENCH_BIN=
if ((LIB)) && ! ((BROKEN)); then
    ((BUILD)) && log "cargo bench --bench segment --no-run"
    BENCH_BIN=$( (cd "$ROOT" && cargo bench --quiet --bench segment --no-run --message-format=json) |
        "$PY" -c 'import json, sys
for line in sys.stdin:
    m = json.loads(line)
    if m.get("reason") == "compiler-artifact" and m.get("target", {}).get("name") == "segment" and m.get("executable"):
        print(m["executable"])' | tail -n 1) || true
    if [[ -z $BENCH_BIN ]]; then
        log "WARNING: cargo bench --no-run failed; library rows are skipped"
        LIB=0
    fi
fi
HAVE_TARJUMAN=0
# The binary must really have the subcommand: it has to print something for
# a two-sentence input (the skeleton's `fn main() {}` exits 0 silently).
if ((BROKEN)); then
    HAVE_TARJUMAN=0 LIB=0
elif [[ -x $BIN ]] && [[ -n $(printf 'One sentence. Another one.\n' | "$BIN" segment --lang en - 2>/dev/null) ]]; then
    HAVE_TARJUMAN=1
else
    log "WARNING: \`$BIN segment --lang en -\` prints nothing yet; tarjuman rows are skipped"
fi

PINCMD=()
if ((PIN)) && command -v taskset >/dev/null; then
    PINCMD=(taskset -c "$CORE")
    TARJUMAN_PIN=(--pin "$CORE")
else
    if ((PIN)); then log "taskset not found: not pinning to one core"; fi
    TARJUMAN_PIN=()
fi

# --- (d) measure --------------------------------------------------------------
RESULTS=$DATA/results.jsonl
: >"$RESULTS"
measure() { "${PINCMD[@]}" "$PY" "$HERE/measure.py" "$@" | tee -a "$RESULTS" >&2; }
measure_lib() {
    # A failure costs the row, not the run.
    if ((LIB)) && ! "$PY" "$HERE/measure.py" tarjuman-lib --bench-bin "$BENCH_BIN" "${TARJUMAN_PIN[@]}" "$@" | tee -a "$RESULTS" >&2; then
        log "WARNING: library bench failed for $*"
    fi
}
measure_tarjuman() {
    if ((HAVE_TARJUMAN)); then
        "$PY" "$HERE/measure.py" tarjuman --bin "$BIN" "${TARJUMAN_PIN[@]}" "$@" | tee -a "$RESULTS" >&2
    fi
}

IFS=, read -r -a LANG_LIST <<<"$LANGS"
SLICE_RUNS=$((RUNS > 10 ? RUNS : 10))
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')
for lang in "${LANG_LIST[@]}"; do
    full=$(corpus "$lang" "$SIZE_MB")
    slice=$(corpus "$lang" "$SLICE_MB")
    log "$lang: $(basename "$full") and $(basename "$slice")"
    # The same bytes for every tool: tarjuman and sentencex on the full
    # corpus; all three on the slice.
    measure_tarjuman --lang "$lang" --file "$full" --runs "$RUNS"
    measure_lib --lang "$lang" --file "$full"
    measure sentencex --lang "$lang" --file "$full" --runs "$RUNS" --mode para
    measure sentencex --lang "$lang" --file "$full" --runs "$RUNS" --mode whole
    measure_tarjuman --lang "$lang" --file "$slice" --runs "$SLICE_RUNS"
    measure_lib --lang "$lang" --file "$slice"
    measure sentencex --lang "$lang" --file "$slice" --runs "$SLICE_RUNS" --mode para
    measure pysbd --lang "$lang" --file "$slice" --runs "$PYSBD_RUNS" --mode para
done

# --- (f) 1 GB: streaming --------------------------------------------------------
if ((BIG)); then
    big=$(corpus en 1000)
    if ((HAVE_TARJUMAN)); then
        log "en: $(basename "$big"), tarjuman only (max RSS shows whether it streams)"
        measure_tarjuman --lang en --file "$big" --runs 1 --no-count
    else
        log "--big: no tarjuman binary to run"
    fi
fi

# --- (e) table ----------------------------------------------------------------
echo
"$PY" "$HERE/report.py" "$RESULTS"
echo
if ((${#PINCMD[@]})); then
    echo "All tools pinned to core $CORE with taskset. MB/s = 10^6 input bytes per second."
else
    echo "Not pinned. MB/s = 10^6 input bytes per second."
fi
echo "Load average before: $LOAD_BEFORE; after: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')" \
    "($(nproc) cores; anything else running on the pinned core skews the figures)."
