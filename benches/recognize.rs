//! Throughput of glossary term recognition, per language.
//!
//! `cargo bench --bench recognize` (add `-- ru` to run one language). The
//! glossary has 100,000 generated concepts in English, Urdu and Russian
//! (deterministic): 60% people (Russian terms with case forms), 20% titles
//! and 20% organizations (Russian terms matched by stem). Each language gets
//! about 3 MB of generated press-release paragraphs that mention those
//! concepts (in Russian, in other cases than the glossary's) between common
//! words; one iteration hands every paragraph to `Recognizer::find`.
//! Throughput is in bytes of UTF-8 input (criterion prints MiB/s).
//! `recognize/build/L` times building the recognizer from the glossary.
//!
//! The setup prints, once per language, the number of matches and the
//! resident memory the recognizer added, so a regression in either shows.

use std::hint::black_box;
use std::time::Duration;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use tarjuman::glossary::recognize::Recognizer;
use tarjuman::glossary::{Concept, Glossary, Kind, Matching, Status, Term};

const CONCEPTS: usize = 100_000;
/// Bytes of text generated per language.
const CORPUS_BYTES: usize = 3_000_000;

/// Syllables of the generated names, the same sound in each script:
/// `(Latin, Cyrillic, Urdu)`.
const SYLLABLES: [(&str, &str, &str); 32] = [
    ("ka", "ка", "کا"),
    ("ri", "ри", "ری"),
    ("no", "но", "نو"),
    ("va", "ва", "وا"),
    ("le", "ле", "لے"),
    ("mi", "ми", "می"),
    ("to", "то", "تو"),
    ("sa", "са", "سا"),
    ("du", "ду", "دو"),
    ("bo", "бо", "بو"),
    ("re", "ре", "رے"),
    ("ne", "не", "نے"),
    ("zi", "зи", "زی"),
    ("po", "по", "پو"),
    ("ga", "га", "گا"),
    ("lu", "лу", "لو"),
    ("fe", "фе", "فے"),
    ("ha", "ха", "ہا"),
    ("ko", "ко", "کو"),
    ("ma", "ма", "ما"),
    ("ti", "ти", "ٹی"),
    ("su", "су", "سو"),
    ("ro", "ро", "رو"),
    ("vi", "ви", "وی"),
    ("de", "де", "دے"),
    ("ba", "ба", "با"),
    ("ni", "ни", "نی"),
    ("go", "го", "گو"),
    ("pe", "пе", "پے"),
    ("ya", "я", "یا"),
    ("che", "че", "چے"),
    ("sha", "ша", "شا"),
];

/// Surname endings: `(Latin, Cyrillic, Urdu)`.
const ENDINGS: [(&str, &str, &str); 4] = [
    ("ov", "ов", "وف"),
    ("in", "ин", "ین"),
    ("ev", "ев", "یف"),
    ("enko", "енко", "ینکو"),
];

/// Common words between the mentions.
const FILLER_EN: &[&str] = &[
    "the",
    "meeting",
    "discussed",
    "bilateral",
    "cooperation",
    "in",
    "energy",
    "and",
    "trade",
    "with",
    "officials",
    "of",
    "both",
    "countries",
    "agreed",
    "to",
    "continue",
    "dialogue",
    "on",
    "regional",
    "security",
    "said",
    "that",
    "relations",
    "were",
    "growing",
    "after",
    "visit",
];
const FILLER_RU: &[&str] = &[
    "встреча",
    "прошла",
    "в",
    "здании",
    "парламента",
    "после",
    "переговоров",
    "стороны",
    "обсудили",
    "сотрудничество",
    "в",
    "области",
    "энергетики",
    "и",
    "торговли",
    "с",
    "по",
    "словам",
    "отношения",
    "развиваются",
    "стали",
    "более",
    "тесными",
    "заявил",
    "что",
];
const FILLER_UR: &[&str] = &[
    "ملاقات",
    "میں",
    "دونوں",
    "ممالک",
    "کے",
    "درمیان",
    "تعاون",
    "پر",
    "بات",
    "چیت",
    "ہوئی",
    "انہوں",
    "نے",
    "کہا",
    "کہ",
    "تعلقات",
    "مضبوط",
    "ہو",
    "رہے",
    "ہیں",
    "اور",
    "تجارت",
    "توانائی",
];

/// xorshift64*: deterministic, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % (n.max(1) as u64)).unwrap_or_default()
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        let i = self.below(items.len());
        items.get(i).copied().unwrap_or_default()
    }
}

/// A generated word in the three scripts, from the digits of `n` in base 32.
fn word(mut n: usize, syllables: usize) -> [String; 3] {
    let mut out = [String::new(), String::new(), String::new()];
    for _ in 0..syllables {
        let (la, cy, ur) = SYLLABLES.get(n % 32).copied().unwrap_or(("a", "а", "ا"));
        out[0].push_str(la);
        out[1].push_str(cy);
        out[2].push_str(ur);
        n /= 32;
    }
    out
}

fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn term(lang: &str, text: String, matching: Matching) -> Term {
    Term {
        lang: lang.into(),
        text,
        status: Status::Preferred,
        part_of_speech: None,
        matching,
        note: None,
        line: 0,
        column: 0,
    }
}

/// A person's first name and surname, `[Latin, Cyrillic, Urdu]`.
struct Person {
    first: [String; 3],
    surname: [String; 3],
}

fn person(i: usize) -> Person {
    let ending = ENDINGS
        .get(i / 32_768 % 4)
        .copied()
        .unwrap_or(("ov", "ов", "وف"));
    let stem = word(i, 3);
    let surname = [
        capitalize(&format!("{}{}", stem[0], ending.0)),
        capitalize(&format!("{}{}", stem[1], ending.1)),
        format!("{}{}", stem[2], ending.2),
    ];
    let first = word(i.wrapping_mul(7919) % 1024, 2).map(|w| capitalize(&w));
    Person { first, surname }
}

/// Russian case forms of a generated surname in -ов/-ин/-ев (-енко does
/// not decline).
fn surname_cases(surname: &str) -> Vec<String> {
    if surname.ends_with("енко") {
        return vec![surname.to_owned()];
    }
    ["", "а", "у", "ым", "е"]
        .iter()
        .map(|ending| format!("{surname}{ending}"))
        .collect()
}

fn glossary() -> Glossary {
    let mut concepts = Vec::with_capacity(CONCEPTS);
    for i in 0..CONCEPTS {
        let (kind, terms) = match i % 5 {
            0..=2 => (Kind::Person, person_terms(&person(i))),
            3 => (Kind::Title, title_terms(i)),
            _ => (Kind::Org, org_terms(i)),
        };
        concepts.push(Concept {
            id: format!("c{i}"),
            kind: Some(kind),
            terms,
            ..Concept::default()
        });
    }
    Glossary { concepts }
}

fn person_terms(p: &Person) -> Vec<Term> {
    let [first_en, first_ru, first_ur] = &p.first;
    let [sur_en, sur_ru, sur_ur] = &p.surname;
    let initial: String = first_en.chars().take(1).collect();
    let mut forms = surname_cases(sur_ru);
    for (name_end, sur_end) in [("", ""), ("а", "а"), ("у", "у"), ("ом", "ым")] {
        forms.push(format!("{first_ru}{name_end} {sur_ru}{sur_end}"));
    }
    vec![
        term(
            "en",
            format!("{first_en} {initial}. {sur_en}"),
            Matching::Forms(vec![format!("{first_en} {sur_en}"), sur_en.clone()]),
        ),
        term("ur", format!("{first_ur} {sur_ur}"), Matching::Default),
        term(
            "ru",
            format!("{sur_ru} {first_ru} {first_ru}ович"),
            Matching::Forms(forms),
        ),
    ]
}

fn title_terms(i: usize) -> Vec<Term> {
    let [en, ru, ur] = word(i, 4);
    vec![
        term(
            "en",
            format!("Director of the {} Department", capitalize(&en)),
            Matching::Default,
        ),
        term(
            "ur",
            format!("{ur} ڈیپارٹمنٹ کے ڈائریکٹر"),
            Matching::Default,
        ),
        term(
            "ru",
            format!("директор департамента {ru}"),
            Matching::Default,
        ),
    ]
}

fn org_terms(i: usize) -> Vec<Term> {
    let [en, ru, ur] = word(i, 4);
    vec![
        term(
            "en",
            format!("{} Cooperation Organization", capitalize(&en)),
            Matching::Default,
        ),
        term("ur", format!("{ur} تعاون تنظیم"), Matching::Default),
        term(
            "ru",
            format!("{}ская организация сотрудничества", capitalize(&ru)),
            Matching::Default,
        ),
    ]
}

/// A mention of concept `i` as a press release writes it.
fn mention(lang: &str, i: usize, rng: &mut Rng, out: &mut String) {
    let [en, ru, ur] = word(i, 4);
    match (i % 5, lang) {
        (0..=2, "en") => {
            let p = person(i);
            let (first, surname) = (&p.first[0], &p.surname[0]);
            match rng.below(3) {
                0 => out.push_str(&format!("Senator {first} {surname}")),
                1 => out.push_str(&format!("{surname}’s")),
                _ => out.push_str(&format!("H.E. {first} {surname}")),
            }
        }
        (0..=2, "ru") => {
            let p = person(i);
            let cases = surname_cases(&p.surname[1]);
            if rng.below(2) == 0 {
                let instrumental = cases.get(3).unwrap_or(&p.surname[1]);
                out.push_str(&format!("с {}ом {instrumental}", p.first[1]));
            } else {
                let case = cases.get(rng.below(cases.len())).unwrap_or(&p.surname[1]);
                out.push_str(&format!("сенатор {case}"));
            }
        }
        (0..=2, _) => {
            let p = person(i);
            out.push_str(&format!("{} {}", p.first[2], p.surname[2]));
        }
        (3, "en") => out.push_str(&format!(
            "the Director of the {} Department",
            capitalize(&en)
        )),
        (3, "ru") => out.push_str(&format!("директору департамента {ru}")),
        (3, _) => out.push_str(&format!("{ur} ڈیپارٹمنٹ کے ڈائریکٹر")),
        (_, "en") => out.push_str(&format!("the {} Cooperation Organization", capitalize(&en))),
        (_, "ru") => out.push_str(&format!(
            "{}ской организации сотрудничества",
            capitalize(&ru)
        )),
        _ => out.push_str(&format!("{ur} تعاون تنظیم")),
    }
}

/// About `CORPUS_BYTES` of paragraphs: sentences of common words with a
/// mention of a concept every eight words or so; and the number of mentions.
fn corpus(lang: &str) -> (Vec<String>, usize) {
    let filler = match lang {
        "en" => FILLER_EN,
        "ru" => FILLER_RU,
        _ => FILLER_UR,
    };
    let end = if lang == "ur" { "۔" } else { "." };
    let seed = lang.bytes().fold(0, |h, b| h * 31 + u64::from(b));
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15 ^ seed);
    let mut paragraphs = Vec::new();
    let mut total = 0;
    let mut mentions = 0;
    while total < CORPUS_BYTES {
        let mut para = String::new();
        for _ in 0..4 {
            for w in 0..16 {
                if w > 0 {
                    para.push(' ');
                }
                if rng.below(8) == 0 {
                    mentions += 1;
                    mention(lang, rng.below(CONCEPTS), &mut rng, &mut para);
                } else {
                    para.push_str(rng.pick(filler));
                }
            }
            para.push_str(end);
            para.push(' ');
        }
        total += para.len();
        paragraphs.push(para);
    }
    (paragraphs, mentions)
}

/// Resident memory of this process in bytes (Linux), 0 elsewhere.
fn resident() -> usize {
    std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|s| s.split_whitespace().nth(1)?.parse::<usize>().ok())
        .map_or(0, |pages| pages * 4096)
}

#[allow(clippy::print_stderr)]
fn bench(c: &mut Criterion) {
    let glossary = glossary();
    // Built one after the other and kept, so that each one's growth of the
    // resident set is its own.
    let recognizers: Vec<(&str, Recognizer, usize)> = ["en", "ru", "ur"]
        .into_iter()
        .map(|lang| {
            let before = resident();
            let recognizer = Recognizer::new(&glossary, lang);
            (lang, recognizer, resident().saturating_sub(before))
        })
        .collect();
    let mut group = c.benchmark_group("recognize");
    group
        .sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    for (lang, recognizer, memory) in &recognizers {
        let (paragraphs, mentions) = corpus(lang);
        let bytes: usize = paragraphs.iter().map(String::len).sum();
        let matches: usize = paragraphs.iter().map(|p| recognizer.find(p).len()).sum();
        eprintln!(
            "recognize/{lang}: {} terms, recognizer ~{:.0} MB resident; {:.1} MB of text, {mentions} mentions, {matches} matches",
            recognizer.term_count(),
            *memory as f64 / 1e6,
            bytes as f64 / 1e6,
        );
        group.throughput(Throughput::Bytes(bytes as u64));
        group.bench_with_input(
            BenchmarkId::new("find", lang),
            &paragraphs,
            |b, paragraphs| {
                b.iter(|| {
                    let mut n = 0;
                    for para in paragraphs {
                        n += recognizer.find(black_box(para)).len();
                    }
                    n
                });
            },
        );
    }
    drop(recognizers);
    group.throughput(Throughput::Elements(CONCEPTS as u64));
    for lang in ["en", "ru", "ur"] {
        group.bench_function(BenchmarkId::new("build", lang), |b| {
            b.iter(|| Recognizer::new(black_box(&glossary), lang));
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
