#!/usr/bin/env bash
# XLIFF benchmark: the two targets of the round-trip issue, on generated
# data, whole commands timed with GNU time.
#
#   bench/xliff.sh [--runs N] [--no-build] [--no-peer]
#
# 1. Export: a 1,000-sentence release (the English queries of
#    bench/data/queries-1000000.txt, four a paragraph) to Urdu and Russian
#    XLIFF 1.2 against the 1M-unit memory (bench/data/tm-1000000.sqlite,
#    imported from tm-1000000.tmx if missing: run bench/tm.sh 1000000 first
#    to generate it) and the shipped glossary. Target: under 3 s.
# 2. Read: a 100,000-unit XLIFF 1.2 file (a release of 100,000 paragraphs
#    from bench/gen_corpus.py, exported without a memory), read by
#    `tarjuman xliff merge --allow-untranslated` (read, then write the
#    release). Target: under 2 s. The peer: Translate Toolkit reading the
#    same file (`translate.storage.xliff.xlifffile.parsefile`, the time of
#    the parse alone), from bench/.venv.
# Each is run N times (default 3); the table shows the median and the max RSS.
# Results: bench/data/xliff-results.jsonl.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")
DATA=$HERE/data
BIN=$ROOT/target/release/tarjuman
VENV=$HERE/.venv
TT_VERSION=3.20.4
RUNS=3 BUILD=1 PEER=1
while (($#)); do
    case $1 in
        --runs) RUNS=$2; shift ;;
        --no-build) BUILD=0 ;;
        --no-peer) PEER=0 ;;
        -h | --help) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) echo "xliff.sh: unknown argument $1" >&2; exit 2 ;;
    esac
    shift
done
log() { printf '==> %s\n' "$*" >&2; }
mkdir -p "$DATA"
((BUILD)) && { log "cargo build --release"; (cd "$ROOT" && cargo build --release --quiet); }

# --- data ----------------------------------------------------------------------
DB=$DATA/tm-1000000.sqlite
if [[ ! -f $DB ]]; then
    [[ -f $DATA/tm-1000000.tmx ]] || { log "no $DATA/tm-1000000.tmx: run bench/tm.sh 1000000 first"; exit 2; }
    log "importing tm-1000000.tmx into $DB"
    "$BIN" tm import --db "$DB" "$DATA/tm-1000000.tmx" >/dev/null
fi
RELEASE=$DATA/release-1000.en.txt
python3 - "$DATA/queries-1000000.txt" "$RELEASE" <<'PY'
import sys
lines = [l.strip() for l in open(sys.argv[1], encoding="utf-8") if l.strip()][:1000]
paras = [" ".join(lines[i:i + 4]) for i in range(0, len(lines), 4)]
open(sys.argv[2], "w", encoding="utf-8").write("\n\n".join(paras) + "\n")
PY
BIG=$DATA/release-100k.en.txt
if [[ ! -f $BIG ]]; then
    log "generating a release of 100,000 paragraphs"
    python3 "$HERE/gen_corpus.py" --lang en --size-mb 40 --out "$DATA/corpus-40mb.en.txt"
    python3 - "$DATA/corpus-40mb.en.txt" "$BIG" <<'PY'
import sys
paras = [p for p in open(sys.argv[1], encoding="utf-8").read().split("\n\n") if p.strip()][:100000]
open(sys.argv[2], "w", encoding="utf-8").write("\n\n".join(paras) + "\n")
PY
fi
BIG_XLF=$DATA/release-100k.ru.xlf
if [[ ! -f $BIG_XLF || $BIG -nt $BIG_XLF ]]; then
    rm -f "$DATA/empty.sqlite"
    "$BIN" xliff export --db "$DATA/empty.sqlite" --glossary "$ROOT/glossaries/names.tbx" \
        --from en --to ru -o "$BIG_XLF" "$BIG" >/dev/null
fi

# --- runs ------------------------------------------------------------------------
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
RESULTS=$DATA/xliff-results.jsonl
run() { # name command...
    local name=$1 times=() rss=0 t m
    shift
    for _ in $(seq "$RUNS"); do
        read -r t m < <(/usr/bin/time -f '%e %M' "$@" 2>&1 >/dev/null | tail -n 1)
        times+=("$t"); ((m > rss)) && rss=$m
    done
    t=$(printf '%s\n' "${times[@]}" | median)
    printf '%-34s median %6.2f s   max RSS %6d MiB   runs: %s\n' "$name" "$t" $((rss / 1024)) "${times[*]}"
    printf '{"bench":"%s","median_s":%s,"max_rss_mib":%d,"runs":"%s"}\n' "$name" "$t" $((rss / 1024)) "${times[*]}" >>"$RESULTS"
}
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT
log "$(grep -c . "$RELEASE") lines, $(wc -c <"$BIG_XLF") bytes of XLIFF"
run "export 1k sentences, 1M units" "$BIN" xliff export --db "$DB" --glossary "$ROOT/glossaries/names.tbx" \
    --from en --to ur,ru -o "$OUT" "$RELEASE"
run "read 100k-unit XLIFF (merge)" "$BIN" xliff merge --allow-untranslated -o "$OUT/merged.txt" "$BIG_XLF"
if ((PEER)); then
    if ! "$VENV/bin/python" -c 'import translate.storage.xliff' 2>/dev/null; then
        [[ -x $VENV/bin/python ]] || python3 -m venv "$VENV"
        "$VENV/bin/pip" install --quiet --disable-pip-version-check "translate-toolkit==$TT_VERSION"
    fi
    for _ in $(seq "$RUNS"); do
        "$VENV/bin/python" - "$BIG_XLF" <<'PY'
import sys, time
from translate.storage import xliff
data = open(sys.argv[1], "rb").read()
t = time.perf_counter()
store = xliff.xlifffile.parsestring(data)
n = len(store.units)
print(f"{time.perf_counter() - t:.2f} {n}")
PY
    done | awk '{print $1}' | median | xargs -I{} printf '%-34s median %6.2f s   (parse only)\n' "peer: Translate Toolkit $TT_VERSION" {}
fi
