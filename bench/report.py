#!/usr/bin/env python3
"""Print the results of bench/segment.sh (JSON lines from measure.py) as a table.

    report.py RESULTS.jsonl [--markdown]

The ratio columns are tarjuman's MB/s on the same file, through the CLI and
through the library (criterion), divided by the tool's (">1" means tarjuman
is faster); "n/a" when that tarjuman row is missing for that file.
The sentences column is what the tool found / what the generator put in.
"""

from __future__ import annotations

import argparse
import json
import sys


def human_kb(kb: int | None) -> str:
    if kb is None:
        return "n/a"
    if kb >= 1024 * 1024:
        return f"{kb / 1024 / 1024:.2f} GiB"
    return f"{kb / 1024:.1f} MiB"


def label(r: dict) -> str:
    name = r["tool"]
    if r.get("version"):
        name += f" {r['version']}"
    if r["tool"] == "tarjuman":
        name += " (CLI)" if r["mode"] == "cli" else " (library, criterion)"
    if r["tool"] == "sentencex":
        name += " (per paragraph)" if r["mode"] == "para" else " (whole text, 1 call)"
    return name


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("results")
    ap.add_argument("--markdown", action="store_true")
    args = ap.parse_args()

    rows = []
    with open(args.results, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line:
                rows.append(json.loads(line))
    if not rows:
        sys.exit("report.py: no results")

    cli = {(r["lang"], r["file"]): r["mbps"] for r in rows if r["tool"] == "tarjuman" and r["mode"] == "cli"}
    lib = {(r["lang"], r["file"]): r["mbps"] for r in rows if r["tool"] == "tarjuman" and r["mode"] == "lib"}

    def ratio(r: dict, ours: dict) -> str:
        if r["tool"] == "tarjuman":
            return "—"
        t = ours.get((r["lang"], r["file"]))
        return f"{t / r['mbps']:.1f}×" if t else "n/a"

    header = ["lang", "input", "tool", "MB/s", "CLI ÷ tool", "lib ÷ tool", "max RSS", "sentences found/expected"]
    table = []
    for r in rows:
        found = "n/a" if r.get("sentences") is None else f"{r['sentences']:,}"
        expected = "?" if r.get("expected") is None else f"{r['expected']:,}"
        table.append([
            r["lang"],
            f"{r['file']} ({r['bytes'] / 1e6:.1f} MB)",
            label(r),
            f"{r['mbps']:.3g}" if r["mbps"] < 100 else f"{r['mbps']:.0f}",
            ratio(r, cli),
            ratio(r, lib),
            human_kb(r.get("maxrss_kb")),
            f"{found}/{expected}",
        ])

    summary = []
    for lang in dict.fromkeys(r["lang"] for r in rows):
        mine = [r for r in rows if r["lang"] == lang]
        ours = [r for r in mine if r["tool"] == "tarjuman" and r["mode"] == "cli"]
        if not ours:
            continue
        # The biggest file that tarjuman's CLI and sentencex both ran on
        # (throughput, not start-up); the --big file has a line of its own.
        compared = {r["file"] for r in mine if r["tool"] == "sentencex"}
        t = max(ours, key=lambda r: (r["file"] in compared, r["bytes"]))
        parts = [f"{lang}: tarjuman CLI {t['mbps']:.0f} MB/s on {t['file']}"]
        sx = [r for r in mine if r["tool"] == "sentencex" and r["file"] == t["file"]]
        if sx:
            best = max(sx, key=lambda r: r["mbps"])
            ratio = t["mbps"] / best["mbps"]
            parts.append(
                f"{ratio:.2f}× sentencex's best ({best['mbps']:.0f} MB/s, same bytes; target > 1×: "
                f"{'met' if ratio > 1 else 'NOT met'})"
            )
        sbd = [r for r in mine if r["tool"] == "pysbd"]
        if sbd:
            p = max(sbd, key=lambda r: r["bytes"])
            ratio = t["mbps"] / p["mbps"]
            parts.append(
                f"{ratio:.0f}× pySBD ({p['mbps']:.3g} MB/s on {p['file']}; target ≥ 300×: "
                f"{'met' if ratio >= 300 else 'NOT met'})"
            )
        summary.append("; ".join(parts))
    big = [r for r in rows if r["tool"] == "tarjuman" and r["mode"] == "cli" and r["bytes"] >= 500e6]
    for r in big:
        summary.append(
            f"{r['lang']}: {r['file']} ({r['bytes'] / 1e9:.2f} GB) at {r['mbps']:.0f} MB/s "
            f"in {human_kb(r.get('maxrss_kb'))} max RSS"
        )

    notes = []
    for r in rows:
        if r["tool"] == "tarjuman" and r.get("sentences") is not None and r["sentences"] == r.get("paragraphs"):
            notes.append(
                f"NOTE: tarjuman found exactly one sentence per paragraph in {r['file']}: "
                "the segmenter looks like a stub, so its MB/s mean nothing yet."
            )

    if args.markdown:
        print("| " + " | ".join(header) + " |")
        print("|" + "|".join("---" for _ in header) + "|")
        for row in table:
            print("| " + " | ".join(row) + " |")
        if summary:
            print()
        for line in summary:
            print(f"- {line}")
        for n in notes:
            print(f"\n{n}")
        return
    widths = [max(len(row[i]) for row in table + [header]) for i in range(len(header))]
    right = {3, 4, 5, 6}
    def fmt(row):
        return "  ".join(c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(row, widths)))
    print(fmt(header))
    print("  ".join("-" * w for w in widths))
    prev = None
    for row, r in zip(table, rows):
        if prev is not None and r["lang"] != prev:
            print()
        prev = r["lang"]
        print(fmt(row))
    if summary:
        print()
    for line in summary:
        print(line)
    for n in notes:
        print(f"\n{n}")


if __name__ == "__main__":
    main()
