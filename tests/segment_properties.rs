//! Properties every segmentation must have, on many generated texts mixing
//! the three scripts, digits, terminators, quotes, brackets and list
//! markers: no panic; sentences in order, not overlapping, trimmed, on char
//! boundaries, never empty; and together they hold every non-whitespace
//! character of the block.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use tarjuman::Lang;
use tarjuman::segment::Segmenter;

/// A small deterministic generator (xorshift), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

const PIECES: &[&str] = &[
    "Senator",
    "Chizhov",
    "H.E",
    "Mr",
    "Dr",
    "U.S",
    "a.m",
    "No",
    "Feb",
    "etc",
    "Co",
    "A",
    "I",
    "p",
    "Сенатор",
    "Чижовым",
    "В",
    "А",
    "г",
    "т",
    "д",
    "и",
    "др",
    "млн",
    "«Мы",
    "готовы»",
    "сенатور",
    "مشاہد",
    "سینیٹر",
    "نے",
    "کہا",
    "کہہ",
    "۲۰۲۴",
    "2024",
    "3.14",
    "1,000",
    "1.)",
    "2.)",
    "a.",
    "b.",
    "•",
    "⁃",
    "-",
    "—",
    "...",
    "…",
    ". . .",
    ".",
    "..",
    "?",
    "!",
    "?!",
    "۔",
    "؟",
    "‼",
    "“",
    "”",
    "\"",
    "'",
    "(",
    ")",
    "[",
    "]",
    "»",
    "«",
    "„",
    "“",
    "\u{200F}",
    "\u{0650}",
    "\u{A0}",
    " ",
    " ",
    " ",
    "  ",
    "\n",
    "\r\n",
    "\t",
    "e@x.com",
    "www.a.b",
    "ё",
    "x",
    "Z",
];

fn check(segmenter: &Segmenter, text: &str) {
    let mut ranges = Vec::new();
    segmenter.split(text, &mut ranges);
    let mut last_end = 0;
    for range in &ranges {
        assert!(range.start >= last_end, "overlap in {text:?}: {ranges:?}");
        assert!(
            range.start < range.end,
            "empty sentence in {text:?}: {ranges:?}"
        );
        let sentence = text.get(range.clone()).expect("char boundaries");
        assert_eq!(sentence, sentence.trim(), "untrimmed in {text:?}");
        let gap = &text[last_end..range.start];
        assert!(
            gap.trim().is_empty(),
            "lost {gap:?} in {text:?}: {ranges:?}"
        );
        last_end = range.end;
    }
    assert!(
        text[last_end..].trim().is_empty(),
        "lost the tail of {text:?}: {ranges:?}"
    );
}

#[test]
fn generated_texts_keep_the_invariants() {
    let segmenters: Vec<Segmenter> = Lang::ALL.into_iter().map(Segmenter::builtin).collect();
    let mut rng = Rng(0x5EED_7A47_0A11_2024);
    let mut text = String::new();
    for _ in 0..20_000 {
        text.clear();
        let len = 1 + rng.next() % 30;
        for _ in 0..len {
            text.push_str(rng.pick(PIECES));
            if rng.next().is_multiple_of(3) {
                text.push(' ');
            }
        }
        for segmenter in &segmenters {
            check(segmenter, &text);
        }
    }
}

#[test]
fn edge_cases_keep_the_invariants() {
    for lang in Lang::ALL {
        let segmenter = Segmenter::builtin(lang);
        for text in [
            "",
            ".",
            "...",
            ". . . .",
            "?",
            "۔",
            "a.",
            ".a",
            "1.",
            "1.)",
            "•",
            "• ",
            "a. b. c.",
            "«.»",
            "«",
            "»",
            "“.”",
            "(.)",
            "\u{FEFF}.",
            " . ",
            "\n.\n",
            "H.E",
            "т. д.",
            "и т. д. Затем",
            "…”",
            "?!?!",
            "۱۔",
        ] {
            check(&segmenter, text);
        }
    }
}
