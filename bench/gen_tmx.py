#!/usr/bin/env python3
"""Generate a synthetic TMX 1.4b translation memory and a query file for the
translation-memory benchmark (`bench/tm.sh`).

    gen_tmx.py --units N --out bench/data/tm-N.tmx
               [--queries bench/data/queries-N.txt] [--nqueries 1000]
               [--encoding utf-8|utf-16le|utf-16be] [--seed 1] [--jobs J]
               [--doctype]

The TMX has a <header> (srclang="en", segtype="sentence", o-tmf, adminlang,
datatype, creationtool, creationtoolversion) and N <tu>s, each with a tuid
(1..N), creationdate and changedate (YYYYMMDDThhmmssZ), and one-sentence
<tuv>s in English (xml:lang="en", the source), Russian ("ru") and, on every
third unit (tuid 3, 6, 9, ...), Urdu ("ur"). UTF-16 output starts with a
byte-order mark and declares encoding="UTF-16"; UTF-8 output has no BOM.

The text is synthetic press-release-like prose: sentences of 4-40 words
(median about 18) drawn from Zipf-distributed vocabularies of 50,000 made-up
words per language (a few dozen real function words at the top of each: the,
of, and / и, в, на / کے, میں, کی), the first word capitalised, now and then a
number (digits only: 2024, 15, 30500), commas (", ") and a final period.
Nothing else: words are runs of letters, numbers are runs of ASCII digits, so
tokenization is trivial and no XML escaping is needed. Urdu uses Urdu letters
only (ی U+06CC, ک U+06A9, ہ U+06C1, ھ U+06BE), never the Arabic look-alikes.
The targets are not translations; they carry the source's numbers, in order.

The query file has one English sentence per line: 75% are a random unit's
English source with 1-4 random word edits (substitute, insert, delete, or
change a number), 25% fresh random sentences (mostly matching nothing).
QUERIES.meta.jsonl says, line by line, what each query is: {"kind": "edit",
"tuid": ..., "edits": [...]} or {"kind": "fresh"}.

Deterministic for a given seed, whatever --jobs: every block of 5,000 units
has a random stream of its own, so the first N units of a larger file are
the units of a smaller one (same seed); the queries depend on N. The blocks
are made by --jobs worker processes (default: one per core, at most 4) and
written in order as they come, so memory stays at a few blocks' worth; the
file is written to OUT.tmp and renamed at the end. A JSON summary goes to
stdout. Standard library only.
"""

from __future__ import annotations

import argparse
import itertools
import json
import math
import os
import random
import re
import sys
import time

VOCAB_SIZE = 50_000
ZIPF_S = 1.0  # exponent; weight of rank r (0-based) is 1 / (r + ZIPF_Q) ** ZIPF_S
ZIPF_Q = 2.7  # Zipf-Mandelbrot offset: flattens the very top a little

# --------------------------------------------------------------------------
# Vocabularies
# --------------------------------------------------------------------------

EN_FUNCTION = (
    "the of and to in a for on with by that is was at as from will be has "
    "have its said this are which an it their were also other been not would "
    "two new all more than over under after"
).split()

EN_ONSETS = (
    ["", "", "", "b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t", "v", "w", "y", "z"]
    + "bl br ch cl cr dr fl fr gl gr pl pr sc sh sk sl sm sn sp st str sw th tr wh".split()
)
EN_NUCLEI = "a e i o u a e i o ai ea ee ie oa oo ou y".split()
EN_CODAS = ["", "", "", ""] + "b ck d ft g l ld ll m n nd ng nt p r rd rn rt s sh ss st t th x".split()
EN_SUFFIXES = ["", "", "", ""] + "tion ment ness ity al ive ing ed er ers ly ous ary ize ance ic".split()

RU_FUNCTION = (
    "и в на с по не что о за к из от для как это его был также до при а "
    "года были будет который которые их между после более"
).split()
RU_CONS = list("бвгджзклмнпрстфхцчшщ") + ["б", "в", "д", "к", "л", "м", "н", "п", "р", "с", "т"]
RU_VOWELS = list("аеиоуяыю") + ["а", "е", "и", "о"]
RU_CODAS = ["", "", "", "", "н", "р", "л", "с", "т", "к", "м", "в", "й"]
RU_SUFFIXES = ["", "", ""] + "ов ский ская ость ение ания ать ить ая ого ых ом ами ей ный ной ству ции ние".split()

UR_FUNCTION = (
    "کے میں کی اور سے نے کو ہے پر کا کہ یہ ہیں تھا گیا ایک بھی اس کیا جو "
    "وہ ان کر تک ہو گا لیے بعد"
).split()
UR_CONS = list("بپتٹجچحخدڈرڑزسشصطعغفقکگلمنو") + list("بپتدرسکلمن")
UR_ASPIRABLE = set("بپتٹجچدڈکگ")
UR_VOWELS = ["", "", "ا", "و", "ی"]
UR_ENDINGS = ["", "", "", "ے", "ی", "ا", "ہ", "وں", "یں", "ان", "ات", "ی"]
HEH_DOACHASHMEE = "\u06be"  # ھ

# Arabic look-alikes that must never appear in Urdu text (see gen_corpus.py).
NOT_URDU = {"\u064a": "ي", "\u0643": "ك", "\u0647": "ه", "\u0649": "ى"}


def _vowel_end(parts: list[str]) -> bool:
    return bool(parts) and parts[-1][-1:] in "aeiouy"


def en_word(rng: random.Random) -> str:
    n = rng.choices((1, 2, 3, 4), weights=(30, 42, 22, 6))[0]
    parts: list[str] = []
    for i in range(n):
        if i == 0:
            parts.append(rng.choice(EN_ONSETS))
        elif _vowel_end(parts) or rng.random() < 0.7:
            parts.append(rng.choice(EN_ONSETS[3:]))  # a consonant between vowels
        parts.append(rng.choice(EN_NUCLEI))
        if i == n - 1:
            parts.append(rng.choice(EN_CODAS))
        elif rng.random() < 0.3:
            parts.append(rng.choice("nrlsmt"))
    if n >= 2 and rng.random() < 0.3:
        parts.append(rng.choice(EN_SUFFIXES[4:] if not _vowel_end(parts) else ["n", "r", "s", "l", "ty", "ng"]))
    return "".join(parts)


def ru_word(rng: random.Random) -> str:
    n = rng.choices((1, 2, 3, 4), weights=(20, 42, 28, 10))[0]
    parts = []
    for i in range(n):
        if i == 0 and rng.random() < 0.15:
            parts.append(rng.choice("аоиэу"))
        else:
            parts.append(rng.choice(RU_CONS))
            if rng.random() < 0.12:
                parts.append(rng.choice("рлвн"))
            parts.append(rng.choice(RU_VOWELS))
        if rng.random() < 0.3:
            parts.append(rng.choice(RU_CODAS))
    if n >= 2 and rng.random() < 0.6:
        parts.append(rng.choice(RU_SUFFIXES[3:]))
    return "".join(parts)


def ur_word(rng: random.Random) -> str:
    n = rng.choices((1, 2, 3), weights=(35, 45, 20))[0]
    parts = []
    if rng.random() < 0.12:
        parts.append("ا")
    for _ in range(n):
        c = rng.choice(UR_CONS)
        parts.append(c)
        if c in UR_ASPIRABLE and rng.random() < 0.12:
            parts.append(HEH_DOACHASHMEE)
        parts.append(rng.choice(UR_VOWELS))
    parts.append(rng.choice(UR_ENDINGS))
    w = "".join(parts)
    # A bare consonant is too short a word: give it a long vowel.
    return w if len(w) >= 2 else w + "ا"


TRIPLE = re.compile(r"(.)\1\1")


def build_vocab(function_words: list[str], make_word, rng: random.Random, size: int) -> list[str]:
    """`size` distinct words in rank order: the function words first, then
    made-up ones, shorter ones on the whole ranked higher (as in real text)."""
    seen = set(function_words)
    made = []
    while len(seen) < size:
        w = make_word(rng)
        if 2 <= len(w) <= 14 and w not in seen and not TRIPLE.search(w):
            seen.add(w)
            made.append(w)
    # Rank by length with noise, so that frequent words are short ones.
    keyed = sorted(made, key=lambda w: len(w) + rng.gauss(0, 2.0))
    return list(function_words) + keyed


def check_vocab(lang: str, vocab: list[str]) -> None:
    if len(set(vocab)) != len(vocab):
        sys.exit(f"gen_tmx.py: duplicate {lang} words")
    for w in vocab:
        if not w.isalpha() or w != w.lower() or w.isascii() != (lang == "en"):
            sys.exit(f"gen_tmx.py: bad {lang} word {w!r}")
        if lang == "ur" and any(ch in NOT_URDU for ch in w):
            sys.exit(f"gen_tmx.py: Arabic look-alike in Urdu word {w!r}")


TABLE_BITS = 20


class Lang:
    """A vocabulary with its Zipf sampler: a table of 2^20 slots in which
    the word of rank r (0-based) takes round(2^20 * P(r)) consecutive slots,
    P(r) proportional to 1 / (r + ZIPF_Q) ** ZIPF_S (Zipf-Mandelbrot; with
    50,000 words even the rarest gets about 2 slots). Drawing a word is one
    getrandbits(20) and one index, about twice as fast as a bisect."""

    def __init__(self, code: str, vocab: list[str]):
        self.code = code
        self.vocab = vocab
        size = 1 << TABLE_BITS
        cum = list(itertools.accumulate(1.0 / (r + ZIPF_Q) ** ZIPF_S for r in range(len(vocab))))
        table: list[str] = []
        prev = 0
        for w, c in zip(vocab, cum):
            end = round(c / cum[-1] * size)
            table.extend([w] * (end - prev))
            prev = end
        assert len(table) == size
        self.table = table

    def words(self, rng: random.Random, k: int) -> list[str]:
        t, g = self.table, rng.getrandbits
        return [t[g(TABLE_BITS)] for _ in range(k)]


def make_langs(seed: int) -> dict[str, Lang]:
    langs = {}
    for code, fw, maker in (("en", EN_FUNCTION, en_word), ("ru", RU_FUNCTION, ru_word), ("ur", UR_FUNCTION, ur_word)):
        vocab = build_vocab(fw, maker, random.Random(f"vocab:{code}:{seed}"), VOCAB_SIZE)
        check_vocab(code, vocab)
        langs[code] = Lang(code, vocab)
    return langs


# --------------------------------------------------------------------------
# Sentences
# --------------------------------------------------------------------------

LOG_MEDIAN = math.log(18)


def sentence_length(rng: random.Random) -> int:
    """4-40 words, median 18 (log-normal, sigma 0.42)."""
    return clamp_length(rng.lognormvariate(LOG_MEDIAN, 0.42))


def clamp_length(x: float) -> int:
    return min(40, max(4, round(x)))


def random_number(rng: random.Random) -> str:
    r = rng.random
    k = r()
    if k < 0.45:
        return str(1990 + int(r() * 41))  # a year, 1990-2030
    if k < 0.8:
        return str(1 + int(r() * 100))  # 1-100
    return str(100 + int(r() * 99_900))  # 100-99999


def random_numbers(rng: random.Random) -> list[str]:
    k = rng.random()
    if k < 0.62:
        return []
    if k < 0.9:
        return [random_number(rng)]
    return [random_number(rng), random_number(rng)]


def render(words: list[str], rng: random.Random, numbers: list[str]) -> str:
    """Inserts `numbers` (in order, never first), adds commas, capitalises
    the first word and ends with a period; `words` is consumed."""
    r = rng.random
    n = len(words)
    if numbers:
        positions = sorted(1 + int(r() * n) for _ in numbers)
        for i in reversed(range(len(numbers))):
            words.insert(positions[i], numbers[i])
        n = len(words)
    # About one comma per 13 words, never after the first or the last two.
    if n >= 6:
        for _ in range(int(r() * (n / 6 + 0.8))):
            i = 1 + int(r() * (n - 3))
            if words[i][-1] != ",":
                words[i] += ","
    first = words[0]
    words[0] = first[:1].upper() + first[1:]
    return " ".join(words) + "."


def sentence(lang: Lang, rng: random.Random, n: int, numbers: list[str]) -> str:
    """A sentence of `n` tokens, `numbers` among them."""
    return render(lang.words(rng, max(1, n - len(numbers))), rng, list(numbers))


# --------------------------------------------------------------------------
# Queries
# --------------------------------------------------------------------------


def edit_sentence(text: str, en: Lang, rng: random.Random) -> tuple[str, list[str]]:
    """1-4 random word edits on a sentence written by `render`."""
    words = [w.rstrip(",.") for w in text.split(" ")]
    commas = {i for i, w in enumerate(text.split(" ")) if w.endswith(",")}
    words[0] = words[0].lower()
    # Keep the comma with the word it follows: a list of [word, comma?].
    toks = [[w, i in commas] for i, w in enumerate(words)]
    done = []
    for _ in range(rng.randint(1, 4)):
        numbers = [i for i, t in enumerate(toks) if t[0].isdigit()]
        k = rng.random()
        if numbers and k < 0.15:
            i = rng.choice(numbers)
            old = toks[i][0]
            new = old
            while new == old:
                new = random_number(rng)
            toks[i][0] = new
            done.append("number")
        elif k < 0.55:
            i = rng.randrange(len(toks))
            toks[i][0] = en.words(rng, 1)[0]
            done.append("substitute")
        elif k < 0.8 or len(toks) <= 3:
            toks.insert(rng.randint(0, len(toks)), [en.words(rng, 1)[0], False])
            done.append("insert")
        else:
            del toks[rng.randrange(len(toks))]
            done.append("delete")
    out = [w + ("," if c and j < len(toks) - 1 else "") for j, (w, c) in enumerate(toks)]
    out[0] = out[0][:1].upper() + out[0][1:]
    return " ".join(out) + ".", done


# --------------------------------------------------------------------------
# TMX
# --------------------------------------------------------------------------

EPOCH_START = 1420070400  # 2015-01-01T00:00:00Z
EPOCH_END = 1767225600  # 2026-01-01T00:00:00Z
DATE_FMT = "%Y%m%dT%H%M%SZ"


def tmx_date(t: int) -> str:
    return time.strftime(DATE_FMT, time.gmtime(t))


def header(encoding_name: str, doctype: bool) -> str:
    lines = [f'<?xml version="1.0" encoding="{encoding_name}"?>']
    if doctype:
        lines.append('<!DOCTYPE tmx SYSTEM "tmx14.dtd">')
    lines += [
        '<tmx version="1.4">',
        '  <header creationtool="tarjuman-bench-gen_tmx" creationtoolversion="1.0"'
        ' segtype="sentence" o-tmf="tarjuman-synthetic" adminlang="en-US"'
        ' srclang="en" datatype="plaintext" creationdate="20260101T000000Z">',
        '    <note>Synthetic benchmark data written by bench/gen_tmx.py; the targets are not translations.</note>',
        "  </header>",
        "  <body>",
        "",
    ]
    return "\n".join(lines)


FOOTER = "  </body>\n</tmx>\n"

ENCODINGS = {
    # name: (Python codec, BOM, declared encoding)
    "utf-8": ("utf-8", b"", "UTF-8"),
    "utf-16le": ("utf-16-le", b"\xff\xfe", "UTF-16"),
    "utf-16be": ("utf-16-be", b"\xfe\xff", "UTF-16"),
}


CHUNK = 5000  # units per random stream (and per job for a worker process)

# Set in the parent before the worker processes are forked.
_STATE: dict = {}


def gen_chunk(c: int) -> tuple[bytes, dict[int, str], int, int]:
    """Units CHUNK*c .. CHUNK*(c+1)-1 (fewer in the last chunk), encoded;
    with the English sources of the wanted units and the tuv and English
    token counts. Each chunk has a random stream of its own, so the output
    does not depend on --jobs."""
    st = _STATE
    en, ru, ur = st["en"], st["ru"], st["ur"]
    wanted = st["wanted"]
    rng = random.Random(f"units:{st['seed']}:{c}")
    r = rng.random
    first = c * CHUNK
    last = min(st["units"], first + CHUNK)
    out = []
    sources = {}
    tuvs = en_tokens = 0
    span = EPOCH_END - EPOCH_START
    for i in range(first, last):
        n = sentence_length(rng)
        nums = random_numbers(rng)
        src = sentence(en, rng, n, nums)
        en_tokens += n
        if i in wanted:
            sources[i] = src
        ru_text = sentence(ru, rng, clamp_length(n * (0.75 + 0.3 * r())), nums)
        created = EPOCH_START + int(r() * span)
        changed = created if r() < 0.5 else min(EPOCH_END, created + 1 + int(r() * 400 * 86400))
        tuid = i + 1
        out.append(
            f'    <tu tuid="{tuid}" creationdate="{tmx_date(created)}" changedate="{tmx_date(changed)}">\n'
            f'      <tuv xml:lang="en"><seg>{src}</seg></tuv>\n'
            f'      <tuv xml:lang="ru"><seg>{ru_text}</seg></tuv>\n'
        )
        tuvs += 2
        if tuid % 3 == 0:
            ur_text = sentence(ur, rng, clamp_length(n * (1.0 + 0.3 * r())), nums)
            out.append(f'      <tuv xml:lang="ur"><seg>{ur_text}</seg></tuv>\n')
            tuvs += 1
        out.append("    </tu>\n")
    return "".join(out).encode(st["codec"]), sources, tuvs, en_tokens


def generate(args) -> dict:
    t0 = time.perf_counter()
    langs = make_langs(args.seed)
    qrng = random.Random(f"queries:{args.seed}:{args.units}:{args.nqueries}")

    # Which queries are edits of which units, decided before the units are
    # written, so that only those units' sources are kept.
    nq = args.nqueries if args.queries else 0
    n_edit = round(nq * 0.75) if args.units else 0
    kinds = ["edit"] * n_edit + ["fresh"] * (nq - n_edit)
    qrng.shuffle(kinds)
    if n_edit <= args.units:
        picks = qrng.sample(range(args.units), n_edit)
    else:
        picks = [qrng.randrange(args.units) for _ in range(n_edit)]

    codec, bom, declared = ENCODINGS[args.encoding]
    _STATE.update(langs)
    _STATE.update({"wanted": frozenset(picks), "seed": args.seed, "units": args.units, "codec": codec})
    chunks = range((args.units + CHUNK - 1) // CHUNK)
    jobs = max(1, min(args.jobs, len(chunks)))

    tmp = args.out + ".tmp"
    size = tuvs = en_tokens = 0
    sources: dict[int, str] = {}
    with open(tmp, "wb") as f:

        def put(data: bytes) -> None:
            nonlocal size
            f.write(data)
            size += len(data)

        put(bom + header(declared, args.doctype).encode(codec))
        if jobs > 1:
            import multiprocessing

            # fork: the workers inherit _STATE (the vocabularies) as it is.
            with multiprocessing.get_context("fork").Pool(jobs) as pool:
                results = pool.imap(gen_chunk, chunks)
                for data, src, tv, et in results:
                    put(data)
                    sources.update(src)
                    tuvs += tv
                    en_tokens += et
        else:
            for c in chunks:
                data, src, tv, et = gen_chunk(c)
                put(data)
                sources.update(src)
                tuvs += tv
                en_tokens += et
        put(FOOTER.encode(codec))
    os.replace(tmp, args.out)

    summary = {
        "out": args.out,
        "encoding": args.encoding,
        "seed": args.seed,
        "units": args.units,
        "tuvs": tuvs,
        "bytes": size,
        "mean_en_tokens": round(en_tokens / args.units, 2) if args.units else 0,
    }

    if args.queries:
        en = langs["en"]
        order = iter(picks)
        tmpq = args.queries + ".tmp"
        tmpm = args.queries + ".meta.jsonl.tmp"
        with open(tmpq, "w", encoding="utf-8") as fq, open(tmpm, "w", encoding="utf-8") as fm:
            for kind in kinds:
                if kind == "edit":
                    i = next(order)
                    q, edits = edit_sentence(sources[i], en, qrng)
                    meta = {"kind": "edit", "tuid": i + 1, "edits": edits}
                else:
                    q = sentence(en, qrng, sentence_length(qrng), random_numbers(qrng))
                    meta = {"kind": "fresh"}
                fq.write(q + "\n")
                fm.write(json.dumps(meta) + "\n")
        os.replace(tmpq, args.queries)
        os.replace(tmpm, args.queries + ".meta.jsonl")
        summary.update({"queries": args.queries, "nqueries": nq, "edited": n_edit})
    summary["seconds"] = round(time.perf_counter() - t0, 2)
    summary["jobs"] = jobs
    return summary


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--units", type=int, required=True, help="number of <tu>s")
    ap.add_argument("--out", required=True, help="the TMX file to write")
    ap.add_argument("--queries", help="also write --nqueries English queries, one per line, to this file")
    ap.add_argument("--nqueries", type=int, default=1000, help="number of queries (default 1000)")
    ap.add_argument("--encoding", choices=sorted(ENCODINGS), default="utf-8")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=min(4, os.cpu_count() or 1),
                    help="worker processes (default: the number of cores, at most 4); the output is the same for any")
    ap.add_argument("--doctype", action="store_true", help='write <!DOCTYPE tmx SYSTEM "tmx14.dtd">')
    args = ap.parse_args()
    if args.units < 0 or args.nqueries < 0:
        ap.error("--units and --nqueries must be >= 0")
    print(json.dumps(generate(args)))


if __name__ == "__main__":
    main()
