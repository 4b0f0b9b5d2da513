#!/usr/bin/env bash
# Times `tarjuman glossary lint` on generated glossaries (no seeded errors,
# every rule on, default severities).
#
#   bench/glossary-lint.sh [--sizes 10000,100000] [--runs N] [--no-build]
#
# Makes bench/data/glossary-N.{tbx,csv} with bench/gen_glossary.py the first
# time, then reports the best of N runs (default 3) of wall time and max RSS
# per file, and how many findings the run printed. Target: under 2 s for
# 100,000 concepts.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$HERE")
DATA=$HERE/data
BIN=$ROOT/target/release/tarjuman
SIZES=10000,100000 RUNS=3 BUILD=1
while (($#)); do
    case $1 in
        --sizes) SIZES=$2; shift 2 ;;
        --runs) RUNS=$2; shift 2 ;;
        --no-build) BUILD=0; shift ;;
        *) sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//'; exit 2 ;;
    esac
done
((BUILD)) && (cd "$ROOT" && cargo build --release --quiet)
mkdir -p "$DATA"
printf '%-28s %10s %10s %10s %9s\n' file concepts seconds max-rss-MB findings
for n in ${SIZES//,/ }; do
    for ext in tbx csv; do
        file=$DATA/glossary-$n.$ext
        [[ -f $file ]] || python3 "$HERE/gen_glossary.py" "$n" "$file"
        best=
        for ((r = 0; r < RUNS; r++)); do
            out=$( { /usr/bin/time -f '%e %M' "$BIN" glossary lint --format json "$file" > "$DATA/lint.json" || true; } 2>&1 | tail -1)
            secs=${out% *} rss=${out#* }
            if [[ -z $best ]] || awk "BEGIN{exit !($secs < ${best% *})}"; then best="$secs $rss"; fi
        done
        findings=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["diagnostics"]))' "$DATA/lint.json")
        printf '%-28s %10s %10s %10s %9s\n' "$(basename "$file")" "$n" "${best% *}" "$(( ${best#* } / 1024 ))" "$findings"
    done
done
