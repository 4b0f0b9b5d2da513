#!/usr/bin/env python3
"""The exhaustive peer for the translation-memory benchmark: RapidFuzz's
token-level Levenshtein over every source segment of a TMX, for each query.

    bench/.venv/bin/python bench/peer_tm.py --tmx bench/data/tm-N.tmx \\
        --queries bench/data/queries-N.txt --out bench/data/peer-N.jsonl \\
        [--limit-queries K] [--cutoff 0.75] [--ids]

Loading (not timed): the TMX is streamed with xml.etree iterparse (elements
cleared as they are done); from each <tu> the <tuv> in the header's srclang
(xml:lang, or TMX 1.1's lang; "en" also matches "en-US") is the source. Its
<seg> text, less the content of inline codes (<bpt>, <ept>, <ph>, <it>,
<ut>), is tokenized: lowercased, tokens = re.findall(r"\\w+"), and a token of
digits only becomes "#" (so numbers match numbers). The token lists are the
choices, made once. With --ids each distinct token is replaced by an integer
id (a query token that no source has gets an id of its own), which gives the
same scores and is about a quarter faster (RapidFuzz hashes each element of
each choice on every call; an int hashes cheaply).

Timed, per query (one per line of --queries, blank lines skipped; the same
tokenization, done before the clock starts):

    rapidfuzz.process.extractOne(q_tokens, choices,
        scorer=rapidfuzz.distance.Levenshtein.normalized_similarity,
        score_cutoff=0.75)

i.e. 1 - (token edit distance) / max(len(query), len(source)), the best
unit at or above the cutoff or none. On ties RapidFuzz keeps the first such
unit in file order; a score of 1.0 ends the scan early.

Prints a JSON summary: {units, queries, median_ms, p95_ms, mean_ms, matched,
...}; --out gets one JSON line per query, in order: {"query", "best_score"
(percent, or null below the cutoff), "best_source" (the source text or null),
"best_tuid", "line" (1-based line in --queries), "ms"}.
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import re
import statistics
import sys
import time
import xml.etree.ElementTree as ET

from rapidfuzz import __version__ as rapidfuzz_version
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
TOKEN = re.compile(r"\w+")
INLINE_CODES = {"bpt", "ept", "ph", "it", "ut"}


def tokenize(text: str, intern=sys.intern) -> list[str]:
    return ["#" if t.isdecimal() else intern(t) for t in TOKEN.findall(text.lower())]


def local(tag: str) -> str:
    return tag.rpartition("}")[2]


def seg_text(seg: ET.Element) -> str:
    """The text of a <seg>: its own text and that of <hi>/<sub>, not the
    content of inline codes; the text after each element is kept."""
    parts = [seg.text or ""]
    for child in seg:
        if local(child.tag) not in INLINE_CODES:
            parts.append(seg_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def lang_matches(lang: str | None, want: str) -> bool:
    if not lang:
        return False
    lang = lang.lower()
    return lang == want or lang.split("-")[0] == want.split("-")[0]


def load_sources(path: str) -> tuple[list[str], list[str | None], str]:
    """(source texts, tuids, srclang) of every <tu> that has a source tuv."""
    sources: list[str] = []
    tuids: list[str | None] = []
    srclang = "en"
    body = None
    for event, elem in ET.iterparse(path, events=("start", "end")):
        tag = local(elem.tag)
        if event == "start":
            if tag == "body":
                body = elem
            elif tag == "header":
                srclang = (elem.get("srclang") or "en").lower()
                if srclang == "*all*":
                    srclang = "en"
            continue
        if tag != "tu":
            continue
        for tuv in elem:
            if local(tuv.tag) == "tuv" and lang_matches(tuv.get(XML_LANG) or tuv.get("lang"), srclang):
                seg = next((s for s in tuv if local(s.tag) == "seg"), None)
                if seg is not None:
                    sources.append(seg_text(seg))
                    tuids.append(elem.get("tuid"))
                break
        elem.clear()
        if body is not None:
            del body[:]  # the finished <tu>s: memory stays flat
    return sources, tuids, srclang


def percentile(sorted_values: list[float], p: float) -> float:
    """Nearest-rank percentile of an ascending list."""
    if not sorted_values:
        return float("nan")
    k = max(0, math.ceil(p / 100 * len(sorted_values)) - 1)
    return sorted_values[k]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--tmx", required=True)
    ap.add_argument("--queries", required=True, help="one query per line (UTF-8)")
    ap.add_argument("--out", required=True, help="per-query results, JSON lines")
    ap.add_argument("--limit-queries", type=int, default=None, help="only the first K queries (default: all)")
    ap.add_argument("--ids", action="store_true", help="tokens as integer ids (same scores, faster)")
    ap.add_argument("--cutoff", type=float, default=0.75, help="score_cutoff, 0-1 (default 0.75)")
    args = ap.parse_args()

    t0 = time.perf_counter()
    sources, tuids, srclang = load_sources(args.tmx)
    choices: list[list] = [tokenize(s) for s in sources]
    ids: dict[str, int] = {}
    if args.ids:
        choices = [[ids.setdefault(t, len(ids)) for t in c] for c in choices]

    def prepare(q: str) -> list:
        tokens = tokenize(q)
        if args.ids:
            return [ids.get(t, -1 - k) for k, t in enumerate(tokens)]
        return tokens

    load_seconds = time.perf_counter() - t0

    queries: list[tuple[int, str]] = []
    with open(args.queries, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            q = line.rstrip("\r\n")
            if q.strip():
                queries.append((lineno, q))
    if args.limit_queries is not None:
        queries = queries[: args.limit_queries]

    # Everything loaded so far lives to the end: keep the collector from
    # walking the million lists during the timed calls.
    gc.collect()
    gc.freeze()

    scorer = Levenshtein.normalized_similarity
    extract = process.extractOne
    cutoff = args.cutoff
    times_ms: list[float] = []
    matched = 0
    with open(args.out, "w", encoding="utf-8") as out:
        for lineno, q in queries:
            q_tokens = prepare(q)
            t = time.perf_counter_ns()
            best = extract(q_tokens, choices, scorer=scorer, score_cutoff=cutoff)
            ms = (time.perf_counter_ns() - t) / 1e6
            times_ms.append(ms)
            if best is None:
                rec = {"query": q, "best_score": None, "best_source": None, "best_tuid": None}
            else:
                _, score, index = best
                matched += 1
                rec = {
                    "query": q,
                    "best_score": round(score * 100, 4),
                    "best_source": sources[index],
                    "best_tuid": tuids[index],
                }
            rec["line"] = lineno
            rec["ms"] = round(ms, 4)
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")

    ordered = sorted(times_ms)
    summary = {
        "kind": "lookup",
        "tool": "rapidfuzz",
        "version": rapidfuzz_version,
        "tmx": args.tmx,
        "srclang": srclang,
        "units": len(choices),
        "queries": len(times_ms),
        "median_ms": round(statistics.median(ordered), 4) if ordered else None,
        "p95_ms": round(percentile(ordered, 95), 4) if ordered else None,
        "mean_ms": round(statistics.fmean(ordered), 4) if ordered else None,
        "matched": matched,
        "cutoff": cutoff,
        "ids": args.ids,
        "load_seconds": round(load_seconds, 2),
    }
    print(json.dumps(summary), flush=True)


if __name__ == "__main__":
    main()
