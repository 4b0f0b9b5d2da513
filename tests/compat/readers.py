#!/usr/bin/env python3
"""Show how third-party XLIFF readers see an XLIFF file (compatibility harness).

Usage:
  python3 tests/compat/readers.py translate-toolkit FILE.xlf [--detail]
  python3 tests/compat/readers.py omegat FILE.xlf --source en --target ru
        [--no-sentence-seg] [--keep-project DIR] [--detail]

Prints one JSON object on stdout:
  {"reader": "...", "version": "...", "units": [{"id": ..., "source": ..., "target": ... or null}]}
one entry per segment the reader exposes, in document order.  With --detail each
unit also carries reader-specific fields (state, flags, notes, ...).

Exit codes: 0 ok, 2 usage error, 3 reader not installed, 4 reader failed on the file.

translate-toolkit (PyPI `translate-toolkit`, tested with 3.20.4)
  XLIFF 1.x -> translate.storage.xliff.xlifffile (what translate.storage.factory
  picks for *.xlf); XLIFF 2.x -> translate.storage.xliff2.Xliff2File (the factory
  refuses 2.x files: "Please use the XLIFF 2.0 parser").  The version is taken
  from the root element's `version` attribute, else from its namespace.
  "id" is unit.getid(): "<file original>\\x04<trans-unit id>" for 1.2 (one entry
  per trans-unit, seg-source/mrk ignored) and "<unit id>::<segment id>" for 2.x
  (one entry per <segment>, <ignorable> skipped).  "target" is None when the
  element is absent, "" when it is empty.

OmegaT (Debian package `omegat`, tested with 3.6.0 update 10, OpenJDK 17)
  A throw-away project is built in a temporary directory: omegat.project (given
  languages, sentence segmentation on unless --no-sentence-seg), source/ with a
  copy of FILE, an empty target/, and a private --config-dir holding a
  filters.xml that sets the built-in XLIFF filter's option
  alttransidtype=ELEMENT_ID (so every entry carries its <trans-unit> id; the
  default, CONTEXT, leaves ids empty).  OmegaT is run as
      java -Djava.awt.headless=true -jar /usr/share/omegat/OmegaT.jar PROJECT
           --mode=console-translate --config-dir=CFG --no-team
           --disable-project-locking --script=dump.groovy
  The Groovy script (written next to the project) runs on the LOAD project event
  and writes Core.getProject().getAllEntries() to JSON: for each entry its
  EntryKey (file, id), getSrcText() (what OmegaT shows as the source segment)
  and, as "target", the translation OmegaT already holds for it (from the
  project memory, or getSourceTranslation() - the translation a filter took
  from the file; OmegaT 3.6's XLIFF filter never supplies one).  Entries are
  listed in entryNum order, i.e. document order, including repeated segments.
  Console-translate then writes target/FILE; --keep-project DIR copies the
  whole project there so the translated file can be inspected.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

TT_VERSION_TESTED = "3.20.4"
OMEGAT_JAR = "/usr/share/omegat/OmegaT.jar"

EXIT_USAGE = 2
EXIT_NOT_INSTALLED = 3
EXIT_READER_FAILED = 4


def die(code: int, msg: str):
    print(msg, file=sys.stderr)
    sys.exit(code)


def xliff_major_version(path: str) -> int:
    """1 or 2, from the root element's version attribute, else its namespace."""
    for _event, elem in ET.iterparse(path, events=("start",)):
        version = elem.get("version", "")
        if version:
            return 2 if version.startswith("2") else 1
        ns = elem.tag[1:].split("}")[0] if elem.tag.startswith("{") else ""
        return 2 if ns.endswith(":2.0") else 1
    return 1


# --------------------------------------------------------------------------
# Translate Toolkit
# --------------------------------------------------------------------------


def read_translate_toolkit(path: str, detail: bool) -> dict:
    try:
        import translate.__version__ as ttv
        from translate.storage import xliff as tt_xliff
    except ImportError:
        die(
            EXIT_NOT_INSTALLED,
            "translate-toolkit is not installed: "
            f"pip install translate-toolkit=={TT_VERSION_TESTED}",
        )
    try:
        major = xliff_major_version(path)
    except ET.ParseError as exc:
        die(EXIT_READER_FAILED, f"not well-formed XML: {exc}")
    try:
        if major == 2:
            try:
                from translate.storage import xliff2 as tt_xliff2
            except ImportError:
                die(
                    EXIT_NOT_INSTALLED,
                    "this translate-toolkit has no XLIFF 2 reader (translate.storage.xliff2): "
                    f"pip install translate-toolkit=={TT_VERSION_TESTED}",
                )
            store = tt_xliff2.Xliff2File.parsefile(path)
        else:
            store = tt_xliff.xlifffile.parsefile(path)
    except Exception as exc:  # the reader's own error, reported as such
        die(EXIT_READER_FAILED, f"translate-toolkit failed: {type(exc).__name__}: {exc}")

    units = []
    for unit in store.units:
        if unit.isheader():
            continue
        target = unit.target
        row = {
            "id": unit.getid(),
            "source": None if unit.source is None else str(unit.source),
            "target": None if target is None else str(target),
        }
        if detail:
            state_attr = None
            if major == 2:
                state_attr = unit.xmlelement.get("state")
            else:
                tnode = unit.getlanguageNode(lang=None, index=1)
                state_attr = None if tnode is None else tnode.get("state")
            row.update(
                {
                    "state": state_attr,
                    "translated": unit.istranslated(),
                    "fuzzy": unit.isfuzzy(),
                    "approved": unit.isapproved(),
                    "notes": unit.getnotes(),
                }
            )
        units.append(row)
    return {
        "reader": "translate-toolkit",
        "version": ttv.sver,
        "xliff": "2" if major == 2 else "1.2",
        "units": units,
    }


# --------------------------------------------------------------------------
# OmegaT
# --------------------------------------------------------------------------

GROOVY_DUMP = r"""
import org.omegat.core.Core
import groovy.json.JsonOutput
if (eventType.toString() == "LOAD") {
  def project = Core.getProject()
  def rows = []
  project.getAllEntries().each { ste ->
    def k = ste.getKey()
    def ti = project.getTranslationInfo(ste)
    rows << [num: ste.entryNum(), file: k.file, id: k.id, source: ste.getSrcText(),
             projectTranslation: (ti != null && ti.isTranslated()) ? ti.translation : null,
             sourceTranslation: ste.getSourceTranslation(),
             sourceTranslationFuzzy: ste.isSourceTranslationFuzzy(),
             comment: ste.getComment()]
  }
  new File(System.getenv("TJ_OMEGAT_DUMP")).write(JsonOutput.toJson(rows), "UTF-8")
}
"""

# LuceneXxxTokenizer classes shipped in OmegaT 3.6 for the languages we test;
# anything else falls back to the language-neutral tokenizer.
OMEGAT_TOKENIZERS = {
    "en": "org.omegat.tokenizer.LuceneEnglishTokenizer",
    "ru": "org.omegat.tokenizer.LuceneRussianTokenizer",
    "ar": "org.omegat.tokenizer.LuceneArabicTokenizer",
    "fa": "org.omegat.tokenizer.LucenePersianTokenizer",
    "hi": "org.omegat.tokenizer.LuceneHindiTokenizer",
}
DEFAULT_TOKENIZER = "org.omegat.tokenizer.DefaultTokenizer"

PROJECT_XML = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat>
    <project version="1.0">
        <source_dir>__DEFAULT__</source_dir>
        <target_dir>__DEFAULT__</target_dir>
        <tm_dir>__DEFAULT__</tm_dir>
        <glossary_dir>__DEFAULT__</glossary_dir>
        <glossary_file>__DEFAULT__</glossary_file>
        <dictionary_dir>__DEFAULT__</dictionary_dir>
        <source_lang>{src}</source_lang>
        <target_lang>{trg}</target_lang>
        <source_tok>{src_tok}</source_tok>
        <target_tok>{trg_tok}</target_tok>
        <sentence_seg>{seg}</sentence_seg>
        <support_default_translations>true</support_default_translations>
        <remove_tags>false</remove_tags>
    </project>
</omegat>
"""

FILTERS_XML = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<filters removeTags="false" removeSpacesNonseg="true" preserveSpaces="false" ignoreFileContext="false">
    <filter className="org.omegat.filters3.xml.xliff.XLIFFFilter" enabled="true">
        <files sourceFilenameMask="*.xlf" targetFilenamePattern="${filename}"/>
        <files sourceFilenameMask="*.xliff" targetFilenamePattern="${filename}"/>
        <option name="alttransidtype" value="ELEMENT_ID"/>
    </filter>
</filters>
"""


def java_binary() -> str | None:
    return shutil.which("java")


def omegat_version(java: str) -> str:
    """Version.properties inside the jar: version + '_' + update."""
    import zipfile

    try:
        with zipfile.ZipFile(OMEGAT_JAR) as jar:
            text = jar.read("org/omegat/Version.properties").decode("latin-1")
    except (OSError, KeyError, zipfile.BadZipFile):
        return "unknown"
    props = dict(re.findall(r"^(\w+)=(.*)$", text, re.M))
    version = props.get("version", "unknown")
    if props.get("update"):
        version += "_" + props["update"]
    return version


def read_omegat(
    path: str, src: str, trg: str, sentence_seg: bool, keep: str | None, detail: bool
) -> dict:
    java = java_binary()
    if not os.path.isfile(OMEGAT_JAR) or java is None:
        die(
            EXIT_NOT_INSTALLED,
            f"OmegaT is not installed ({OMEGAT_JAR} or java missing): apt-get install -y omegat",
        )
    work = tempfile.mkdtemp(prefix="tj-omegat-")
    try:
        project = os.path.join(work, "project")
        cfg = os.path.join(work, "config")
        for sub in ("source", "target", "tm", "glossary", "dictionary", "omegat"):
            os.makedirs(os.path.join(project, sub))
        os.makedirs(cfg)
        base = os.path.basename(path)
        if not base.lower().endswith((".xlf", ".xliff")):
            base += ".xlf"
        shutil.copyfile(path, os.path.join(project, "source", base))
        with open(os.path.join(project, "omegat.project"), "w", encoding="utf-8") as f:
            f.write(
                PROJECT_XML.format(
                    src=src,
                    trg=trg,
                    src_tok=OMEGAT_TOKENIZERS.get(src.split("-")[0].lower(), DEFAULT_TOKENIZER),
                    trg_tok=OMEGAT_TOKENIZERS.get(trg.split("-")[0].lower(), DEFAULT_TOKENIZER),
                    seg="true" if sentence_seg else "false",
                )
            )
        with open(os.path.join(cfg, "filters.xml"), "w", encoding="utf-8") as f:
            f.write(FILTERS_XML)
        script = os.path.join(work, "dump.groovy")
        with open(script, "w", encoding="utf-8") as f:
            f.write(GROOVY_DUMP)
        dump = os.path.join(work, "entries.json")
        env = dict(os.environ, TJ_OMEGAT_DUMP=dump)
        cmd = [
            java,
            "-Djava.awt.headless=true",
            "-jar",
            OMEGAT_JAR,
            project,
            "--mode=console-translate",
            f"--config-dir={cfg}",
            "--no-team",
            "--disable-project-locking",
            f"--script={script}",
        ]
        proc = subprocess.run(
            cmd, env=env, cwd=work, capture_output=True, text=True, timeout=300
        )
        if keep:
            if os.path.exists(keep):
                shutil.rmtree(keep)
            shutil.copytree(work, keep)
        if proc.returncode != 0 or not os.path.isfile(dump):
            tail = "\n".join((proc.stdout + proc.stderr).splitlines()[-30:])
            die(EXIT_READER_FAILED, f"OmegaT failed (exit {proc.returncode}):\n{tail}")
        with open(dump, encoding="utf-8") as f:
            rows = json.load(f)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    rows.sort(key=lambda r: r["num"])
    units = []
    for r in rows:
        target = r["projectTranslation"]
        if target is None:
            target = r["sourceTranslation"]
        row = {"id": r["id"], "source": r["source"], "target": target}
        if detail:
            row.update(
                {
                    "file": r["file"],
                    "entry": r["num"],
                    "source_translation_fuzzy": r["sourceTranslationFuzzy"],
                    "comment": r["comment"],
                }
            )
        units.append(row)
    return {
        "reader": "omegat",
        "version": omegat_version(java),
        "xliff": "2" if xliff_major_version(path) == 2 else "1.2",
        "filter": "org.omegat.filters3.xml.xliff.XLIFFFilter (built-in XLIFF filter)",
        "sentence_seg": sentence_seg,
        "units": units,
    }


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("reader", choices=["translate-toolkit", "omegat"])
    ap.add_argument("file")
    ap.add_argument("--source", default="en", help="OmegaT project source language")
    ap.add_argument("--target", default="ru", help="OmegaT project target language")
    ap.add_argument(
        "--no-sentence-seg",
        action="store_true",
        help="OmegaT: turn off the project's sentence segmentation (SRX)",
    )
    ap.add_argument("--keep-project", metavar="DIR", help="OmegaT: copy the project here")
    ap.add_argument("--detail", action="store_true", help="add reader-specific fields")
    args = ap.parse_args(argv)
    if not os.path.isfile(args.file):
        die(EXIT_USAGE, f"no such file: {args.file}")
    if args.reader == "translate-toolkit":
        out = read_translate_toolkit(args.file, args.detail)
    else:
        out = read_omegat(
            args.file,
            args.source,
            args.target,
            not args.no_sentence_seg,
            args.keep_project,
            args.detail,
        )
    json.dump(out, sys.stdout, ensure_ascii=False, indent=1)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
