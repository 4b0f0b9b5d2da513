#!/usr/bin/env python3
"""Generate a TMX of N multilingual units (en, ur, ru) for the check
benchmark (`bench/check.sh`).

    gen_check.py --units 100000 --out bench/data/check-100000.tmx [--seed 1]

Each unit is a unit of the shipped memory (tmx/press-releases.tmx: real,
checked press-release sentences with the glossary's names and titles) with
its numbers renumbered: every number of the English variant gets a new
random value, written the way the Urdu and Russian variants wrote that
number (ASCII or Urdu digits, `1,000` or `1 000`). Sources therefore
differ from unit to unit, the translations stay correct, and `check` does
real work: term recognition in three languages, numbers, consistency
groups. Units whose numbers cannot be matched across the variants are
copied as they are (every fiftieth unit or so), which gives the
consistency rules repeated sources to group. Standard library only;
deterministic for a seed.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from xml.sax.saxutils import escape

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
URDU_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
ASCII_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789")
NUMBER = re.compile(r"[0-9۰-۹]+")


def units(path: Path) -> list[dict[str, str]]:
    out = []
    for tu in ET.parse(path).getroot().iter("tu"):
        variants = {}
        for tuv in tu.iter("tuv"):
            lang = (tuv.get(XML_LANG) or tuv.get("lang") or "").split("-")[0].lower()
            seg = tuv.find("seg")
            if seg is not None and len(seg) == 0 and seg.text:
                variants[lang] = seg.text
        if {"en", "ur", "ru"} <= variants.keys():
            out.append(variants)
    return out


def renumber(variants: dict[str, str], rng: random.Random) -> dict[str, str] | None:
    """New values for the English numbers, carried into the other
    variants; None if the variants do not hold the same numbers."""
    values = [m.group() for m in NUMBER.finditer(variants["en"])]
    if not values:
        return None
    new = {}
    for v in values:
        if v not in new:
            width = len(v)
            if width == 1:
                new[v] = str(rng.randint(1, 9))
            elif width == 2:  # days, hours (10.30 a.m.), minutes: stay plausible
                new[v] = str(rng.randint(10, 12))
            else:
                new[v] = str(rng.randint(10 ** (width - 1), 10**width - 1))
    out = {}
    for lang, text in variants.items():
        found = [m.group().translate(ASCII_DIGITS) for m in NUMBER.finditer(text)]
        if sorted(found) != sorted(values):
            return None

        def sub(m: re.Match) -> str:
            raw = m.group()
            value = new[raw.translate(ASCII_DIGITS)]
            return value.translate(URDU_DIGITS) if raw != raw.translate(ASCII_DIGITS) else value

        out[lang] = NUMBER.sub(sub, text)
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--units", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--memory", type=Path, default=Path(__file__).resolve().parent.parent / "tmx/press-releases.tmx"
    )
    args = parser.parse_args()
    rng = random.Random(args.seed)
    base = units(args.memory)
    if not base:
        print(f"gen_check.py: no en/ur/ru units in {args.memory}", file=sys.stderr)
        return 2
    tmp = args.out.with_suffix(".tmp")
    copied = 0
    with open(tmp, "w", encoding="utf-8") as f:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">\n')
        f.write(
            '  <header creationtool="gen_check.py" creationtoolversion="1" segtype="sentence" '
            'o-tmf="tarjuman" adminlang="en" srclang="en" datatype="plaintext"/>\n  <body>\n'
        )
        for n in range(1, args.units + 1):
            variants = base[rng.randrange(len(base))]
            renumbered = renumber(variants, rng)
            if renumbered is None:
                copied += 1
                renumbered = variants
            f.write(f'    <tu tuid="b{n}">\n')
            for lang in ("en", "ur", "ru"):
                f.write(f'      <tuv xml:lang="{lang}"><seg>{escape(renumbered[lang])}</seg></tuv>\n')
            f.write("    </tu>\n")
        f.write("  </body>\n</tmx>\n")
    tmp.replace(args.out)
    print(f'{{"units":{args.units},"copied":{copied},"base":{len(base)}}}')
    return 0


if __name__ == "__main__":
    sys.exit(main())
