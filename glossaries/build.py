#!/usr/bin/env python3
"""Builds glossaries/names.tbx and glossaries/names.csv from the seed list.

    python3 glossaries/build.py [path/to/names-seed.tsv]

Reads ../shared/reference/names-seed.tsv (id, kind, en, ur, ru, ru_forms,
variants, notes, source), writes it as a tarjuman long-form CSV into a
temporary folder, converts that to glossaries/names.tbx with
`tarjuman glossary convert` (tarjuman's own TBX writer), then exports
glossaries/names.csv from the TBX the same way. See glossaries/README.md.
"""

import csv
import os
import re
import subprocess
import sys
import tempfile
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
SEED = os.path.join(ROOT, "..", "shared", "reference", "names-seed.tsv")

# Annotations that mark a variant as wrong: a forbidden term.
WRONG = re.compile(r"misspelling|error|garbled", re.IGNORECASE)
# Arabic letters where Urdu has its own (ي ك ه ة).
ARABIC_ONLY = {"\u064a": "ي U+064A", "\u0643": "ك U+0643", "\u0647": "ه U+0647", "\u0629": "ة U+0629"}


def language(text):
    """en, ur or ru by the script of the first letter."""
    for c in text:
        if c.isalpha():
            name = unicodedata.name(c, "")
            if name.startswith("LATIN"):
                return "en"
            if name.startswith("ARABIC"):
                return "ur"
            if name.startswith("CYRILLIC"):
                return "ru"
            break
    raise SystemExit(f"cannot tell the language of variant {text!r}")


def split_variant(variant):
    """`text (annotation)` -> (text, annotation or None)."""
    m = re.fullmatch(r"\s*(.*?)\s*\((.*)\)\s*", variant)
    if m:
        return m.group(1), m.group(2)
    return variant.strip(), None


def variants(cell):
    for variant in filter(None, (v.strip() for v in cell.split("|"))):
        text, annotation = split_variant(variant)
        # "Senator Sayed / Senator Syed": two variants in one cell.
        for part in text.split(" / ") if annotation is None else [text]:
            yield part.strip(), annotation


def main():
    seed = sys.argv[1] if len(sys.argv) > 1 else SEED
    with open(seed, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    header = ["id", "kind", "note"]
    for lang in ("en", "ur", "ru"):
        header += [lang, f"{lang}:status", f"{lang}:note"]
    header.append("ru:forms")
    out = []
    for row in rows:
        note = row["notes"].strip()
        if row["source"].strip():
            note = f"{note}\nSources: {row['source'].strip()}" if note else f"Sources: {row['source'].strip()}"
        first = dict.fromkeys(header, "")
        first.update(id=row["id"], kind=row["kind"], note=note)
        for lang in ("en", "ur", "ru"):
            # "Shanghai Cooperation Organization (SCO)": the term, and its
            # annotation as the term's note (no text has the brackets).
            text, annotation = split_variant(row[lang])
            first[lang] = text
            first[f"{lang}:status"] = "preferred"
            first[f"{lang}:note"] = annotation or ""
        first["ru:forms"] = "|".join(f.strip() for f in row["ru_forms"].split("|") if f.strip())
        out.append(first)
        for text, annotation in variants(row["variants"]):
            lang = language(text)
            line = dict.fromkeys(header, "")
            line["id"] = row["id"]
            line[lang] = text
            wrong = annotation is not None and WRONG.search(annotation)
            line[f"{lang}:status"] = "forbidden" if wrong else "admitted"
            line[f"{lang}:note"] = annotation or ""
            out.append(line)
        for column in ("ur", "variants"):
            for c, name in ARABIC_ONLY.items():
                if c in row[column]:
                    print(f"{row['id']}: {column} contains Arabic {name}", file=sys.stderr)

    tarjuman = os.environ.get("TARJUMAN") or os.path.join(ROOT, "target", "debug", "tarjuman")
    if not os.environ.get("TARJUMAN"):
        subprocess.run(["cargo", "build", "--quiet"], cwd=ROOT, check=True)
    with tempfile.TemporaryDirectory() as tmp:
        source = os.path.join(tmp, "names-seed.csv")
        with open(source, "w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=header, lineterminator="\n")
            writer.writeheader()
            writer.writerows(out)
        tbx = os.path.join(HERE, "names.tbx")
        subprocess.run([tarjuman, "glossary", "convert", source, "-o", tbx], check=True)
    subprocess.run([tarjuman, "glossary", "convert", tbx, "-o", os.path.join(HERE, "names.csv")], check=True)


if __name__ == "__main__":
    main()
