//! Throughput of the built-in sentence segmenter, per language.
//!
//! `cargo bench --bench segment` (add `-- en` to run one language). Each
//! language gets about 2 MB of generated press-release paragraphs (template
//! sentences with random names, initials, abbreviations, dates and numbers;
//! deterministic), split into paragraphs before the clock starts; one
//! iteration hands every paragraph to `Segmenter::split`, as the CLI does.
//! Throughput is in bytes of UTF-8 input (criterion prints MiB/s).
//!
//! `TARJUMAN_BENCH_EN=FILE` (likewise `_RU`, `_UR`) adds a benchmark
//! `segment/FILE/en` over that file's paragraphs. The end-to-end comparison
//! with sentencex and pySBD is `bench/segment.sh` (see `bench/README.md`).

use std::hint::black_box;
use std::ops::Range;
use std::time::Duration;

use criterion::{
    BenchmarkId, Criterion, SamplingMode, Throughput, criterion_group, criterion_main,
};
use tarjuman::Lang;
use tarjuman::segment::Segmenter;

/// Bytes of text generated per language.
const CORPUS_BYTES: usize = 2_000_000;

/// The words a language's templates draw from.
struct Pools {
    templates: &'static [&'static str],
    titles: &'static [&'static str],
    names: &'static [&'static str],
    initials: &'static [&'static str],
    cities: &'static [&'static str],
    months: &'static [&'static str],
    /// A date: `{d}` day, `{m}` month, `{y}` year.
    date: &'static str,
    /// A clock time: `{h}` hour, `{mm}` minutes.
    times: &'static [&'static str],
}

const EN: Pools = Pools {
    templates: &[
        "Senator {name} met H.E. {name}, Ambassador of Russia, on {date} at {time} in {city}.",
        "{title} {name} said that bilateral trade reached ${num}.{num} million in {year}, up {num}.{num}% on the previous year.",
        "Both sides discussed cooperation in energy, trade, education etc. and agreed to meet again in {city}.",
        "The agreement (No. {num}/{year}) was signed by {title} {name} of the Govt. of Pakistan.",
        "\u{201c}We value our long-standing friendship with the U.S.A. and Russia,\u{201d} said Dr. {name}.",
        "The U.N. report, vol. {num}, p. {num}, notes a {num}% increase in aid, i.e. Rs. {num}.{num} bn.",
        "Prof. {name}, Ph.D., presented the findings of the joint study at the Univ. of {city}.",
        "Is this the start of a new chapter in relations between Pakistan and Russia?",
        "The spokesperson, Ms. {name}, declined to comment on the reports!",
        "The event concluded with a dinner hosted by Amb. {name} at {time}",
        "Gen. {name} and Lt. Gen. {name} attended the ceremony in St. Petersburg on {date}.",
        "For details, see www.mofa.gov.pk or call +92-51-{num}-{num} (ext. {num}).",
    ],
    titles: &[
        "Mr.", "Ms.", "Dr.", "Prof.", "Gen.", "Lt. Col.", "Capt.", "Sen.", "Amb.", "H.E.",
    ],
    names: &[
        "Chizhov", "Khorev", "Hussain", "Rehman", "Lavrov", "Khan", "Qureshi", "Petrova", "Smith",
        "Malik",
    ],
    initials: &[
        "A.", "B.", "C.", "D.", "E.", "H.", "J.", "K.", "M.", "P.", "S.", "V.",
    ],
    cities: &[
        "Islamabad",
        "Moscow",
        "Karachi",
        "Lahore",
        "Kazan",
        "Washington, D.C.",
        "Ft. Worth",
    ],
    months: &[
        "Jan.", "Feb.", "Mar.", "Aug.", "Sept.", "Oct.", "Dec.", "May", "June",
    ],
    date: "{m} {d}, {y}",
    times: &["{h}.{mm} a.m.", "{h}:{mm} p.m.", "{h} a.m."],
};

const RU: Pools = Pools {
    templates: &[
        "Сенатор {name} встретился с послом {name} {date} в {city}.",
        "{title} {name} отметил, что товарооборот в {year} г. достиг {num},{num} млн долл.",
        "Стороны обсудили сотрудничество в области энергетики, торговли, образования и т. д.",
        "Соглашение № {num}/{year} было подписано {date} в {time} мск.",
        "«Мы высоко ценим многолетнюю дружбу с народом Пакистана», — заявил {name}.",
        "Проф. {name}, д. э. н., представил результаты совместного исследования.",
        "Станет ли этот визит началом нового этапа в отношениях России и Пакистана?",
        "Официальный представитель МИД {name} отказалась от комментариев!",
        "К {year} г. будет построено св. {num} км дорог, т. е. вдвое больше, чем в {year} г.",
        "Выставка откроется по адресу: г. {city}, ул. Тверская, д. {num}, стр. {num}.",
        "Ген. {name} и адм. {name} приняли участие в церемонии возложения венков.",
        "Стоимость проекта оценивается в {num},{num} млрд руб., сообщили в ГК «Росатом».",
    ],
    titles: &[
        "Сенатор",
        "Посол",
        "Министр",
        "Проф.",
        "Акад.",
        "Ген.",
        "Зам. министра",
    ],
    names: &[
        "Чижов",
        "Хорев",
        "Лавров",
        "Иванов",
        "Петров",
        "Соколов",
        "Морозов",
        "Хусейн",
        "Хан",
    ],
    initials: &[
        "А.", "Б.", "В.", "Г.", "Д.", "Е.", "И.", "К.", "Л.", "М.", "Н.", "П.", "С.",
    ],
    cities: &[
        "Исламабаде",
        "Москве",
        "Карачи",
        "Санкт-Петербурге",
        "Лахоре",
        "Казани",
    ],
    months: &[
        "января",
        "февраля",
        "марта",
        "апреля",
        "мая",
        "октября",
        "декабря",
    ],
    date: "{d} {m} {y} г.",
    times: &["{h}.{mm}", "{h}:{mm}"],
};

// Urdu letters only: ی U+06CC, ک U+06A9, ہ U+06C1 (checked in `corpus`).
const UR: Pools = Pools {
    templates: &[
        "سینیٹر {name} نے روسی سفیر {name} سے {date} کو {city} میں ملاقات کی۔",
        "{title} {name} نے کہا کہ {year}ء میں دو طرفہ تجارت {num}.{num} ارب ڈالر تک پہنچ گئی۔",
        "دونوں فریقین نے توانائی، تجارت اور تعلیم کے شعبوں میں تعاون پر تبادلہ خیال کیا۔",
        "معاہدہ نمبر {num}/{year} پر {title} {name} نے وزارت خارجہ کی جانب سے دستخط کیے۔",
        "{title} {name} نے کہا، «ہم روس کے ساتھ اپنی دیرینہ دوستی کو قدر کی نگاہ سے دیکھتے ہیں۔»",
        "کیا یہ پاکستان اور روس کے تعلقات میں ایک نئے باب کا آغاز ہے؟",
        "ترجمان دفتر خارجہ {name} نے ان خبروں پر تبصرہ کرنے سے انکار کر دیا!",
        "آئندہ اجلاس {date} کو {time} {city} میں ہوگا۔",
        "سائنس اور ٹیکنالوجی (S&T) میں تعاون کی مفاہمتی یادداشت پر بھی دستخط کیے گئے۔",
        "{year}ء تک {num} کلومیٹر سڑکیں اور {num} پل تعمیر کیے جائیں گے۔",
        "مزید معلومات کے لیے www.mofa.gov.pk ملاحظہ کریں یا 051-{num}-{num} پر رابطہ کریں۔",
        "اجلاس میں شرکت کرنے والوں میں ڈاکٹر {name}، پروفیسر {name} وغیرہ شامل تھے۔",
    ],
    titles: &[
        "سینیٹر",
        "سفیر",
        "ڈاکٹر",
        "پروفیسر",
        "جنرل",
        "وزیر خارجہ",
        "محترمہ",
        "جناب",
    ],
    names: &[
        "مشاہد حسین سید",
        "شیری رحمان",
        "عارف علوی",
        "اسحاق ڈار",
        "عائشہ صدیقی",
        "ولادیمیر چیزوف",
        "البرٹ خوریف",
        "طارق محمود",
    ],
    initials: &[],
    cities: &["اسلام آباد", "ماسکو", "کراچی", "لاہور", "کوئٹہ", "گوادر"],
    months: &["جنوری", "فروری", "مارچ", "اپریل", "مئی", "ستمبر", "دسمبر"],
    date: "{d} {m} {y}ء",
    times: &["صبح {h} بجے", "شام {h}:{mm} بجے"],
};

fn pools(lang: Lang) -> &'static Pools {
    match lang {
        Lang::En => &EN,
        Lang::Ru => &RU,
        Lang::Ur => &UR,
    }
}

/// xorshift64*: deterministic, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// Uniform in `range` (the bias is irrelevant here).
    fn range(&mut self, range: Range<u64>) -> u64 {
        range.start + self.next() % (range.end - range.start).max(1)
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        let i = usize::try_from(self.range(0..items.len() as u64)).unwrap_or_default();
        items.get(i).copied().unwrap_or_default()
    }
}

/// Appends `template` to `out` with its `{slot}`s filled in.
fn render(template: &str, p: &Pools, rng: &mut Rng, out: &mut String) {
    use std::fmt::Write as _;
    let mut rest = template;
    while let Some((literal, after)) = rest.split_once('{') {
        out.push_str(literal);
        let (slot, after) = after.split_once('}').unwrap_or((after, ""));
        rest = after;
        // Writing to a String cannot fail.
        let _ = match slot {
            "name" => {
                let k = rng.range(0..10);
                if !p.initials.is_empty() && k < 4 {
                    let (a, b) = (rng.pick(p.initials), rng.pick(p.initials));
                    write!(out, "{a} {b} {}", rng.pick(p.names))
                } else if !p.initials.is_empty() && k < 6 {
                    write!(out, "{} {}", rng.pick(p.initials), rng.pick(p.names))
                } else {
                    write!(out, "{}", rng.pick(p.names))
                }
            }
            "title" => write!(out, "{}", rng.pick(p.titles)),
            "city" => write!(out, "{}", rng.pick(p.cities)),
            "num" => write!(out, "{}", rng.range(1..1000)),
            "year" => write!(out, "{}", rng.range(1998..2026)),
            "date" => {
                let (d, m, y) = (rng.range(1..29), rng.pick(p.months), rng.range(1998..2026));
                let date = p
                    .date
                    .replace("{d}", &d.to_string())
                    .replace("{m}", m)
                    .replace("{y}", &y.to_string());
                write!(out, "{date}")
            }
            "time" => {
                let (h, mm) = (rng.range(1..13), rng.range(0..4) * 15);
                let time = rng
                    .pick(p.times)
                    .replace("{h}", &h.to_string())
                    .replace("{mm}", &format!("{mm:02}"));
                write!(out, "{time}")
            }
            _ => write!(out, "{{{slot}}}"),
        };
    }
    out.push_str(rest);
}

/// About `CORPUS_BYTES` of paragraphs of 1-7 sentences (a paragraph of one
/// may end without punctuation, like a heading).
fn corpus(lang: Lang) -> Vec<String> {
    let p = pools(lang);
    let mut rng =
        Rng(0x9e37_79b9_7f4a_7c15 ^ lang.code().bytes().fold(0, |h, b| h * 31 + u64::from(b)));
    let mut paragraphs = Vec::new();
    let mut total = 0;
    while total < CORPUS_BYTES {
        let mut para = String::new();
        for i in 0..rng.range(1..8) {
            if i > 0 {
                para.push(' ');
            }
            render(rng.pick(p.templates), p, &mut rng, &mut para);
        }
        total += para.len();
        paragraphs.push(para);
    }
    if lang == Lang::Ur {
        let arabic = ['\u{064a}', '\u{0643}', '\u{0647}', '\u{0649}'];
        assert!(
            !paragraphs.iter().any(|para| para.contains(arabic)),
            "Arabic look-alike letters in the Urdu corpus"
        );
    }
    paragraphs
}

/// The paragraphs of the file named by `TARJUMAN_BENCH_EN` (`_RU`, `_UR`),
/// if set: blocks of lines separated by blank lines, as the CLI reads them.
/// `bench/segment.sh` uses this to time the library on the very bytes that
/// sentencex and pySBD get.
fn corpus_from_env(lang: Lang) -> Option<(String, Vec<String>)> {
    let var = format!("TARJUMAN_BENCH_{}", lang.code().to_uppercase());
    let path = std::path::PathBuf::from(std::env::var_os(&var)?);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(err) => panic!("{var}={}: {err}", path.display()),
    };
    let mut paragraphs = Vec::new();
    let mut para = String::new();
    for line in text.lines() {
        if line.trim().is_empty() {
            if !para.is_empty() {
                paragraphs.push(std::mem::take(&mut para));
            }
        } else {
            if !para.is_empty() {
                para.push('\n');
            }
            para.push_str(line);
        }
    }
    if !para.is_empty() {
        paragraphs.push(para);
    }
    let name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    Some((name, paragraphs))
}

fn split_all(segmenter: &Segmenter, paragraphs: &[String], out: &mut Vec<Range<usize>>) -> usize {
    let mut sentences = 0;
    for para in paragraphs {
        out.clear();
        segmenter.split(black_box(para), out);
        sentences += out.len();
    }
    sentences
}

fn bench_split(c: &mut Criterion) {
    let mut group = c.benchmark_group("segment");
    // One iteration is a few milliseconds or more: flat sampling keeps
    // criterion from trying to fit hundreds of them into each sample.
    group.sampling_mode(SamplingMode::Flat);
    for lang in [Lang::En, Lang::Ru, Lang::Ur] {
        let segmenter = Segmenter::builtin(lang);
        let mut out = Vec::new();
        let generated = ("builtin".to_owned(), corpus(lang));
        for (name, paragraphs) in std::iter::once(generated).chain(corpus_from_env(lang)) {
            let bytes: usize = paragraphs.iter().map(String::len).sum();
            group.throughput(Throughput::Bytes(bytes as u64));
            // `segment/builtin/en` for the generated text, `segment/FILE/en`
            // for a file from the environment.
            group.bench_with_input(
                BenchmarkId::new(name, lang.code()),
                &paragraphs,
                |b, paragraphs| {
                    b.iter(|| split_all(&segmenter, paragraphs, &mut out));
                },
            );
        }
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    targets = bench_split
}
criterion_main!(benches);
