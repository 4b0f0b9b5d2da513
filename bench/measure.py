#!/usr/bin/env python3
"""Time one segmenter on one file and print one JSON line of results.

    measure.py sentencex --lang en --file F [--mode para|whole] [--runs 3]
    measure.py pysbd     --lang en --file F [--runs 1]
    measure.py tarjuman  --lang en --file F --bin target/release/tarjuman [--runs 3] [--pin CORE]
    measure.py tarjuman-lib --lang en --file F --bench-bin target/release/deps/segment-HASH [--pin CORE]

Python tools (run this script with bench/.venv/bin/python): the file is read
and decoded, and split into paragraphs at blank lines, before the clock
starts; only segmentation is timed (best of --runs, in one process). Each
paragraph goes to the tool on its own (`--mode para`), or, for sentencex,
the whole text in one call (`--mode whole`: sentencex finds paragraph
breaks itself). Max RSS is the whole process's (it holds the file).

tarjuman: the release binary is run as `tarjuman segment --lang L FILE`
with output to /dev/null, under `/usr/bin/time -v` for its max RSS, best of
--runs by wall clock; the time includes process start, reading the file and
writing the output. One more run, output piped here, counts the sentences.

tarjuman-lib: the executable of `cargo bench --bench segment --no-run`
(benches/segment.rs) with TARJUMAN_BENCH_<LANG>=FILE, which times
`Segmenter::split` over the file's paragraphs in memory (criterion's mean of
10 samples; results under $CRITERION_HOME, by default FILE's folder's
criterion/); no RSS, no sentence count.

MB/s is 10^6 bytes of UTF-8 input per second. `expected` is the number of
sentences the generator put in (from FILE.meta.json), when known.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time

BLANK_LINE = re.compile(r"\n[ \t\r\f\v]*\n")


def paragraphs(text: str) -> list[str]:
    """Blocks separated by blank (or whitespace-only) lines, trimmed, non-empty."""
    out = []
    for p in BLANK_LINE.split(text):
        p = p.strip()
        if p:
            out.append(p)
    return out


def load_meta(path: str) -> dict:
    try:
        with open(path + ".meta.json", encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError):
        return {}


def count(segments) -> int:
    """Consumes `segments` (a list or a generator) and counts the non-blank ones."""
    return sum(1 for s in segments if not s.isspace() and s)


def python_tool(args) -> dict:
    with open(args.file, "rb") as f:
        data = f.read()
    text = data.decode("utf-8")
    paras = paragraphs(text)

    if args.tool == "sentencex":
        import sentencex

        version = _version("sentencex")
        if args.mode == "whole":
            def run() -> int:
                return count(sentencex.segment(args.lang, text))
        else:
            def run() -> int:
                seg = sentencex.segment
                lang = args.lang
                return sum(count(seg(lang, p)) for p in paras)
    else:
        import pysbd

        version = _version("pysbd")
        segmenter = pysbd.Segmenter(language=args.lang, clean=False)
        if args.mode == "whole":
            def run() -> int:
                return count(segmenter.segment(text))
        else:
            def run() -> int:
                return sum(count(segmenter.segment(p)) for p in paras)

    best = float("inf")
    sentences = 0
    for _ in range(args.runs):
        t0 = time.perf_counter()
        sentences = run()
        best = min(best, time.perf_counter() - t0)
    return {
        "tool": args.tool,
        "version": version,
        "mode": args.mode,
        "seconds": best,
        "sentences": sentences,
        "maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
    }


def _version(dist: str) -> str:
    try:
        from importlib.metadata import version

        return version(dist)
    except Exception:  # noqa: BLE001 - only for the report
        return "?"


def tarjuman(args) -> dict:
    cmd = [args.bin, "segment", "--lang", args.lang, args.file]
    pin = ["taskset", "-c", args.pin] if args.pin and shutil.which("taskset") else []
    gnu_time = "/usr/bin/time" if os.access("/usr/bin/time", os.X_OK) else None

    best = float("inf")
    maxrss = 0
    for _ in range(args.runs):
        with tempfile.NamedTemporaryFile("r", suffix=".time") as tf:
            full = pin + ([gnu_time, "-v", "-o", tf.name] if gnu_time else []) + cmd
            with open(os.devnull, "wb") as devnull:
                t0 = time.perf_counter()
                proc = subprocess.Popen(full, stdout=devnull)
                _, status, rusage = os.wait4(proc.pid, 0)
                elapsed = time.perf_counter() - t0
            proc.returncode = os.waitstatus_to_exitcode(status)
            report = tf.read()
        if proc.returncode != 0:
            sys.exit(f"measure.py: `{' '.join(full)}` exited with {proc.returncode}\n{report}")
        rss = rusage.ru_maxrss
        m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", report)
        if m:
            rss = int(m.group(1))
        best = min(best, elapsed)
        maxrss = max(maxrss, rss)

    sentences = None
    if args.count:
        sentences = 0
        with subprocess.Popen(pin + cmd, stdout=subprocess.PIPE) as proc:
            assert proc.stdout is not None
            for line in proc.stdout:
                if line.strip():
                    sentences += 1
        if proc.returncode != 0:
            sys.exit(f"measure.py: `{' '.join(cmd)}` exited with {proc.returncode}")
    return {
        "tool": "tarjuman",
        "version": "",
        "mode": "cli",
        "seconds": best,
        "sentences": sentences,
        "maxrss_kb": maxrss,
    }


def tarjuman_lib(args) -> dict:
    """The library through the criterion bench (`benches/segment.rs`, built
    with `cargo bench --no-run`; its executable is --bench-bin) on this
    file: mean time of one pass over all its paragraphs."""
    name = os.path.basename(args.file)
    env = dict(os.environ)
    env[f"TARJUMAN_BENCH_{args.lang.upper()}"] = os.path.abspath(args.file)
    home = env.setdefault("CRITERION_HOME", os.path.join(os.path.dirname(os.path.abspath(args.file)), "criterion"))
    pin = ["taskset", "-c", args.pin] if args.pin and shutil.which("taskset") else []
    cmd = pin + [
        args.bench_bin, "--bench", "--noplot", "--sample-size", "10",
        "--exact", f"segment/{name}/{args.lang}",
    ]
    subprocess.run(cmd, env=env, check=True, stdout=sys.stderr)
    with open(os.path.join(home, "segment", name, args.lang, "new", "estimates.json")) as f:
        estimates = json.load(f)
    return {
        "tool": "tarjuman",
        "version": "",
        "mode": "lib",
        "seconds": estimates["mean"]["point_estimate"] / 1e9,
        "sentences": None,
        "maxrss_kb": None,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("tool", choices=["sentencex", "pysbd", "tarjuman", "tarjuman-lib"])
    ap.add_argument("--lang", required=True)
    ap.add_argument("--file", required=True)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--mode", choices=["para", "whole"], default="para")
    ap.add_argument("--bin", default="target/release/tarjuman")
    ap.add_argument("--bench-bin", help="tarjuman-lib: the criterion executable of benches/segment.rs")
    ap.add_argument("--pin", metavar="CORE", help="tarjuman, tarjuman-lib: run under `taskset -c CORE`")
    ap.add_argument("--no-count", dest="count", action="store_false", help="tarjuman: skip the counting run")
    args = ap.parse_args()

    size = os.path.getsize(args.file)
    meta = load_meta(args.file)
    if args.tool == "tarjuman":
        result = tarjuman(args)
    elif args.tool == "tarjuman-lib":
        result = tarjuman_lib(args)
    else:
        result = python_tool(args)
    result.update({
        "lang": args.lang,
        "file": os.path.basename(args.file),
        "bytes": size,
        "mbps": size / result["seconds"] / 1e6,
        "expected": meta.get("sentences"),
        "paragraphs": meta.get("paragraphs"),
        "runs": args.runs,
    })
    print(json.dumps(result, ensure_ascii=False), flush=True)


if __name__ == "__main__":
    main()
