#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
//! `tarjuman tm`: import, lookup, concordance, stats and export on the
//! fixtures in tests/fixtures/tm, the project's automatic indexing, and
//! what bad input and interrupted imports leave behind.

use std::path::{Path, PathBuf};
use std::process::Output;

use assert_cmd::Command;
use serde_json::Value;

mod common;
use common::ok;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/tm")
        .join(name)
}

/// `tarjuman tm args…` run in `dir`.
fn tm(dir: &Path, args: &[&str]) -> Output {
    Command::cargo_bin("tarjuman")
        .unwrap()
        .current_dir(dir)
        .arg("tm")
        .args(args)
        .output()
        .unwrap()
}

fn json_lines(out: &Output) -> Vec<Value> {
    ok(out)
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect()
}

/// A scratch folder with no `tarjuman.toml` above it, and a database in it.
fn scratch() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("tm.sqlite").display().to_string();
    (dir, db)
}

fn import(dir: &Path, db: &str, files: &[&Path]) -> Vec<Value> {
    let mut args = vec!["import", "--db", db, "--format", "json"];
    let files: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
    args.extend(files.iter().map(String::as_str));
    json_lines(&tm(dir, &args))
}

/// The names in a folder, in order.
fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn stats(dir: &Path, db: &str) -> Value {
    serde_json::from_str(&ok(&tm(dir, &["stats", "--db", db, "--format", "json"]))).unwrap()
}

fn lookup(dir: &Path, db: &str, args: &[&str]) -> Vec<Value> {
    let mut all = vec!["lookup", "--db", db, "--format", "json"];
    all.extend(args);
    json_lines(&tm(dir, &all))
}

#[test]
fn import_counts_units_and_a_second_import_changes_nothing() {
    let (dir, db) = scratch();
    let memory = fixture("memory.tmx");
    let first = import(dir.path(), &db, &[&memory]);
    assert_eq!(first[0]["units"], 6);
    assert_eq!(first[0]["added"], 6);
    let before = stats(dir.path(), &db);
    assert_eq!(before["units"], 6);
    assert_eq!(before["variants"], 18);
    let pairs: Vec<(String, String, i64)> = before["pairs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["source"].as_str().unwrap().to_owned(),
                p["target"].as_str().unwrap().to_owned(),
                p["units"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        pairs,
        [("en".into(), "ru".into(), 6), ("en".into(), "ur".into(), 6)]
    );

    // The same file again: skipped. A copy of it elsewhere: read, but every
    // unit is already stored as it is.
    let again = import(dir.path(), &db, &[&memory]);
    assert_eq!(again[0]["skipped"], true);
    let copy = dir.path().join("copy.tmx");
    std::fs::copy(&memory, &copy).unwrap();
    let copied = import(dir.path(), &db, &[&copy]);
    assert_eq!(copied[0]["unchanged"], 6);
    assert_eq!(copied[0]["added"], 0);
    let after = stats(dir.path(), &db);
    assert_eq!(after["units"], before["units"]);
    assert_eq!(after["variants"], before["variants"]);
}

#[test]
fn a_newer_unit_replaces_the_stored_one_and_an_older_does_not() {
    let (dir, db) = scratch();
    import(dir.path(), &db, &[&fixture("memory.tmx")]);
    let summary = import(dir.path(), &db, &[&fixture("updates.tmx")]);
    assert_eq!(summary[0]["updated"], 1, "{summary:?}");
    assert_eq!(summary[0]["older"], 1);
    assert_eq!(summary[0]["unchanged"], 4);

    let signed = lookup(
        dir.path(),
        &db,
        &[
            "--from",
            "en",
            "--to",
            "ru",
            "Both sides signed 3 agreements on 7 February 2024.",
        ],
    );
    let best = &signed[0]["matches"][0];
    assert_eq!(best["score"], 100.0);
    assert_eq!(
        best["target"],
        "Обе стороны подписали 3 соглашения 7 февраля 2024 года."
    );
    assert_eq!(best["date"], "20240301T120000Z");

    let received = lookup(
        dir.path(),
        &db,
        &[
            "--from",
            "en",
            "--to",
            "ru",
            "The minister received the delegation led by Senator Chizhov.",
        ],
    );
    assert_eq!(
        received[0]["matches"][0]["target"],
        "Министр принял делегацию во главе с сенатором Чижовым.",
        "the older version must not win"
    );
}

#[test]
fn lookup_returns_scored_matches_best_first_with_penalties_explained() {
    let (dir, db) = scratch();
    import(dir.path(), &db, &[&fixture("memory.tmx")]);
    let result = lookup(
        dir.path(),
        &db,
        &[
            "--from",
            "en",
            "--to",
            "ur",
            "Senator Vladimir A. Chizhov met the Chairman of the Senate Defence Committee in Lahore.",
        ],
    );
    assert_eq!(result.len(), 1);
    let m = &result[0]["matches"][0];
    // 1 word of 14 differs.
    assert_eq!(m["score"], 92.9);
    assert_eq!(m["unit"], "words");
    assert_eq!(m["tu"], "t1");
    assert_eq!(
        m["target"],
        "سینیٹر ولادیمیر چیژوف نے اسلام آباد میں سینیٹ کی دفاعی کمیٹی کے چیئرمین سے ملاقات کی۔"
    );

    // Numbers differ: a named penalty.
    let result = lookup(
        dir.path(),
        &db,
        &[
            "--from",
            "en",
            "--to",
            "ru",
            "Both sides signed 4 agreements on 7 February 2024.",
        ],
    );
    let m = &result[0]["matches"][0];
    assert_eq!(m["base"], 100.0);
    assert_eq!(m["penalties"][0]["name"], "numbers");
    assert_eq!(m["score"], 98.0);

    // Below the minimum: nothing.
    let result = lookup(
        dir.path(),
        &db,
        &[
            "--from",
            "en",
            "--to",
            "ru",
            "--min",
            "99",
            "Both sides signed 4 agreements on 7 February 2024.",
        ],
    );
    assert_eq!(result[0]["matches"].as_array().unwrap().len(), 0);

    // Tags in the stored segment the plain query lacks.
    let result = lookup(
        dir.path(),
        &db,
        &[
            "--from",
            "en",
            "--to",
            "ru",
            "Senator Chizhov thanked the hosts for their warm welcome.",
        ],
    );
    let m = &result[0]["matches"][0];
    assert_eq!(m["score"], 99.0);
    assert_eq!(m["penalties"][0]["name"], "tags");
    assert_eq!(
        m["target"],
        "Сенатор Чижов поблагодарил хозяев за тёплый приём."
    );

    // Regions: `en` finds `en-GB`; `en-US` does not.
    let result = lookup(
        dir.path(),
        &db,
        &[
            "--from",
            "en-US",
            "--to",
            "ru",
            "Both sides signed 3 agreements on 7 February 2024.",
        ],
    );
    assert_eq!(result[0]["matches"].as_array().unwrap().len(), 0);
    let result = lookup(
        dir.path(),
        &db,
        &[
            "--from",
            "EN-gb",
            "--to",
            "RU",
            "Both sides signed 3 agreements on 7 February 2024.",
        ],
    );
    assert_eq!(result[0]["matches"][0]["score"], 100.0);
}

#[test]
fn batch_lookup_prints_a_line_per_query_and_knows_context() {
    let (dir, db) = scratch();
    import(dir.path(), &db, &[&fixture("memory.tmx")]);
    let queries = dir.path().join("queries.txt");
    std::fs::write(
        &queries,
        "Senator Vladimir A. Chizhov met the Chairman of the Senate Defence Committee in Islamabad.\n\
         The delegation discussed regional security and cooperation within the Shanghai Cooperation Organization.\n\
         Something else entirely, about the weather in Karachi.\n\
         \n\
         The delegation discussed regional security and cooperation within the Shanghai Cooperation Organization.\n",
    )
    .unwrap();
    let result = lookup(
        dir.path(),
        &db,
        &[
            "--from",
            "en",
            "--to",
            "ru",
            "--batch",
            queries.to_str().unwrap(),
        ],
    );
    assert_eq!(result.len(), 5);
    // The first unit has no previous sentence: 100. The second follows the
    // first, as in the memory: 101, in context. The last does not.
    assert_eq!(result[0]["matches"][0]["score"], 100.0);
    assert_eq!(result[1]["matches"][0]["score"], 101.0);
    assert_eq!(result[1]["matches"][0]["context"], true);
    assert_eq!(result[2]["matches"].as_array().unwrap().len(), 0);
    assert_eq!(result[3]["query"], "");
    assert_eq!(result[4]["matches"][0]["score"], 100.0);
    // --min 101: in-context matches only.
    let result = lookup(
        dir.path(),
        &db,
        &[
            "--from",
            "en",
            "--to",
            "ru",
            "--min",
            "101",
            "--batch",
            queries.to_str().unwrap(),
        ],
    );
    let scores: Vec<_> = result
        .iter()
        .map(|r| r["matches"].as_array().unwrap().len())
        .collect();
    assert_eq!(scores, [0, 1, 0, 0, 0]);
    assert_eq!(result[1]["matches"][0]["score"], 101.0);

    // Standard input works too, in text form.
    let out = Command::cargo_bin("tarjuman")
        .unwrap()
        .current_dir(dir.path())
        .args([
            "tm", "lookup", "--db", &db, "--from", "en", "--to", "ur", "--batch", "-",
        ])
        .write_stdin("Joint statement\n")
        .output()
        .unwrap();
    let text = ok(&out);
    assert!(text.contains("100  t5  Joint statement"), "{text}");
    assert!(text.contains("مشترکہ بیان"), "{text}");

    // A line that is not UTF-8 is an error at its line and column, before
    // any query is answered; a byte-order mark and CRLF are fine.
    let batch = |text: &[u8]| {
        std::fs::write(&queries, text).unwrap();
        let file = queries.to_str().unwrap();
        tm(
            dir.path(),
            &[
                "lookup", "--db", &db, "--from", "en", "--to", "ur", "--batch", file,
            ],
        )
    };
    let out = batch(b"\xEF\xBB\xBFJoint statement\r\nJo\xFFint\r\n");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        out.stdout.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("queries.txt:2:3: invalid UTF-8 at byte 22"),
        "{stderr}"
    );
    let out = batch(b"\xEF\xBB\xBFJoint statement\r\n");
    assert!(ok(&out).contains("100  t5  Joint statement"));
}

#[test]
fn concordance_finds_inflected_names_and_urdu_typed_with_arabic_letters() {
    let (dir, db) = scratch();
    import(dir.path(), &db, &[&fixture("memory.tmx")]);
    let out = tm(
        dir.path(),
        &[
            "concordance",
            "--db",
            &db,
            "--lang",
            "ru",
            "--format",
            "json",
            "Чижов",
        ],
    );
    let result: Value = serde_json::from_str(&ok(&out)).unwrap();
    let hits = result["hits"].as_array().unwrap();
    let found: Vec<&str> = hits
        .iter()
        .map(|h| {
            let text = h["text"].as_str().unwrap();
            let (s, e) = (
                h["start"].as_u64().unwrap() as usize,
                h["end"].as_u64().unwrap() as usize,
            );
            &text[s..e]
        })
        .collect();
    // Чижов, Чижов (tags around it), and Чижов in Чижовым.
    assert_eq!(found, ["Чижов", "Чижов", "Чижов"], "{result}");
    let tus: Vec<&str> = hits.iter().map(|h| h["tu"].as_str().unwrap()).collect();
    assert_eq!(tus, ["t1", "t4", "t6"]);
    // The other languages of each hit come along.
    let langs: Vec<&str> = hits[0]["variants"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["lang"].as_str().unwrap())
        .collect();
    assert_eq!(langs, ["en-GB", "ur-PK"]);

    // شنگھائی typed with Arabic yeh (U+064A) finds the Urdu spelling.
    let out = tm(
        dir.path(),
        &[
            "concordance",
            "--db",
            &db,
            "--format",
            "json",
            "\u{0634}\u{0646}\u{06AF}\u{06BE}\u{0627}\u{0626}\u{064A} تعاون",
        ],
    );
    let result: Value = serde_json::from_str(&ok(&out)).unwrap();
    assert_eq!(result["hits"].as_array().unwrap().len(), 1, "{result}");
    assert_eq!(result["hits"][0]["tu"], "t2");
    assert_eq!(result["hits"][0]["lang"], "ur-PK");

    // Numbers by value: Urdu digits find ASCII ones.
    let out = tm(
        dir.path(),
        &[
            "concordance",
            "--db",
            &db,
            "--format",
            "json",
            "--lang",
            "ur",
            "۲۰۲۴",
        ],
    );
    let result: Value = serde_json::from_str(&ok(&out)).unwrap();
    let tus: Vec<&str> = result["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["tu"].as_str().unwrap())
        .collect();
    assert_eq!(tus, ["t3"], "{result}");
    let out = tm(
        dir.path(),
        &["concordance", "--db", &db, "--format", "json", "signed 3"],
    );
    let result: Value = serde_json::from_str(&ok(&out)).unwrap();
    assert_eq!(result["hits"][0]["tu"], "t3", "{result}");

    // A phrase of whole words, in English, case-insensitively.
    let out = tm(dir.path(), &["concordance", "--db", &db, "senate defence"]);
    let text = ok(&out);
    assert!(text.contains("t1  [en-GB]"), "{text}");
    assert!(text.contains("[Senate Defence]"), "{text}");
}

#[test]
fn utf16_and_tmx_1_1_files_import_like_utf8() {
    let (dir, db) = scratch();
    let text = std::fs::read_to_string(fixture("memory.tmx"))
        .unwrap()
        .replace("encoding=\"UTF-8\"", "encoding=\"UTF-16\"");
    for (name, big_endian) in [("le.tmx", false), ("be.tmx", true)] {
        let mut bytes = if big_endian {
            vec![0xFE, 0xFF]
        } else {
            vec![0xFF, 0xFE]
        };
        for unit in text.encode_utf16() {
            bytes.extend(if big_endian {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            });
        }
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let db = dir
            .path()
            .join(format!("{name}.sqlite"))
            .display()
            .to_string();
        let summary = import(dir.path(), &db, &[&path]);
        assert_eq!(summary[0]["added"], 6);
        let s = stats(dir.path(), &db);
        assert_eq!(
            s["files"][0]["encoding"],
            if big_endian { "UTF-16BE" } else { "UTF-16LE" }
        );
        let r = lookup(
            dir.path(),
            &db,
            &["--from", "en", "--to", "ur", "Joint statement"],
        );
        assert_eq!(r[0]["matches"][0]["target"], "مشترکہ بیان");
    }
    let summary = import(dir.path(), &db, &[&fixture("old-version.tmx")]);
    assert_eq!(summary[0]["added"], 6);
    let s = stats(dir.path(), &db);
    assert_eq!(s["files"][0]["version"], "1.1");
}

#[test]
fn export_round_trips_units_dates_and_properties() {
    let (dir, db) = scratch();
    import(dir.path(), &db, &[&fixture("memory.tmx")]);
    let out1 = dir.path().join("out1.tmx");
    ok(&tm(
        dir.path(),
        &["export", "--db", &db, "-o", out1.to_str().unwrap()],
    ));
    let exported = std::fs::read_to_string(&out1).unwrap();
    for kept in [
        "tuid=\"t1\" creationdate=\"20240207T100000Z\" changedate=\"20240207T100000Z\" creationid=\"editor\"",
        "<prop type=\"x-release\">2024-02-07</prop>",
        "<note>The first sentence of the release.</note>",
        "<prop type=\"x-reviewed\">yes</prop>",
        "Senator <bpt i=\"1\">&lt;b&gt;</bpt>Chizhov<ept i=\"1\">&lt;/b&gt;</ept> thanked",
        "<tuv xml:lang=\"ur-PK\">",
    ] {
        assert!(exported.contains(kept), "missing {kept}");
    }
    // Import the export into a fresh database and export again: the same.
    let db2 = dir.path().join("second.sqlite").display().to_string();
    import(dir.path(), &db2, &[&out1]);
    let out2 = dir.path().join("out2.tmx");
    ok(&tm(
        dir.path(),
        &["export", "--db", &db2, "-o", out2.to_str().unwrap()],
    ));
    assert_eq!(exported, std::fs::read_to_string(&out2).unwrap());

    // Only two languages.
    let en_ru = dir.path().join("en-ru.tmx");
    ok(&tm(
        dir.path(),
        &[
            "export",
            "--db",
            &db,
            "--langs",
            "en,ru",
            "-o",
            en_ru.to_str().unwrap(),
        ],
    ));
    let text = std::fs::read_to_string(&en_ru).unwrap();
    assert!(!text.contains("ur-PK"));
    assert_eq!(text.matches("<tu ").count(), 6);
}

fn malformed(dir: &Path, name: &str, text: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn malformed_tmx_is_an_error_with_a_position_and_changes_nothing() {
    let (dir, db) = scratch();
    import(dir.path(), &db, &[&fixture("memory.tmx")]);
    let before = stats(dir.path(), &db);
    let good = std::fs::read_to_string(fixture("memory.tmx")).unwrap();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        (
            "bad-xml.tmx",
            good.replace("</seg>\n      </tuv>\n      <tuv xml:lang=\"ru-RU\">\n        <seg>Делегация", "</seg>\n      </tuvv>\n      <tuv xml:lang=\"ru-RU\">\n        <seg>Делегация")
                .into_bytes(),
            "bad-xml.tmx:24:",
        ),
        (
            "no-lang.tmx",
            good.replace("<tuv xml:lang=\"ur-PK\">\n        <seg>مشترکہ", "<tuv>\n        <seg>مشترکہ")
                .into_bytes(),
            "no-lang.tmx:61:7: `<tuv>` has no language",
        ),
        (
            "entities.tmx",
            good.replace(
                "<tmx version=\"1.4\">",
                "<!DOCTYPE tmx [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;\">]>\n<tmx version=\"1.4\">",
            )
            .into_bytes(),
            "entities.tmx:2:1: the DOCTYPE declares entities",
        ),
        (
            "encoding.tmx",
            good.replace("encoding=\"UTF-8\"", "encoding=\"x-unknown-9\"").into_bytes(),
            "encoding.tmx:1:31: unknown encoding `x-unknown-9`",
        ),
        (
            "truncated.tmx",
            good.as_bytes()[..good.find("<tu tuid=\"t4\"").unwrap()].to_vec(),
            "truncated.tmx:",
        ),
    ];
    for (name, bytes, expected) in cases {
        let path = malformed(dir.path(), name, &bytes);
        let out = tm(dir.path(), &["import", "--db", &db, path.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(2), "{name}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains(expected), "{name}: {stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
    let after = stats(dir.path(), &db);
    assert_eq!(after["units"], before["units"]);
    assert_eq!(
        after["files"].as_array().unwrap().len(),
        1,
        "no file recorded"
    );
}

#[test]
fn the_project_memory_is_indexed_without_import_and_follows_the_files() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::write(
        root.join("tarjuman.toml"),
        "source = \"en\"\ntargets = [\"ur\", \"ru\"]\n",
    )
    .unwrap();
    std::fs::create_dir(root.join("tmx")).unwrap();
    let memory = std::fs::read_to_string(fixture("memory.tmx")).unwrap();
    std::fs::write(root.join("tmx/memory.tmx"), &memory).unwrap();

    let run = |args: &[&str]| tm(root, args);
    let out = run(&["lookup", "--from", "en", "--to", "ru", "Joint statement"]);
    assert!(ok(&out).contains("Совместное заявление"));
    assert!(String::from_utf8_lossy(&out.stderr).contains("indexed tmx/memory.tmx: 6 units"));
    assert!(root.join(".tarjuman/tm.sqlite").is_file());

    // Nothing changed: nothing is said.
    let out = run(&["stats"]);
    ok(&out);
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // A unit edited in the TMX file: the memory follows.
    std::thread::sleep(std::time::Duration::from_millis(20));
    std::fs::write(
        root.join("tmx/memory.tmx"),
        memory.replace("Совместное заявление", "Совместное заявление сторон"),
    )
    .unwrap();
    let out = run(&["lookup", "--from", "en", "--to", "ru", "Joint statement"]);
    assert!(ok(&out).contains("Совместное заявление сторон"));
    assert!(String::from_utf8_lossy(&out.stderr).contains("changed: reindexing"));

    // A second file, then the first goes away.
    std::fs::copy(fixture("updates.tmx"), root.join("tmx/updates.tmx")).unwrap();
    let s: Value = serde_json::from_str(&ok(&run(&["stats", "--format", "json"]))).unwrap();
    assert_eq!(s["files"].as_array().unwrap().len(), 2);
    std::fs::remove_file(root.join("tmx/memory.tmx")).unwrap();
    let out = run(&["stats", "--format", "json"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("is gone"));
    let s: Value = serde_json::from_str(&ok(&out)).unwrap();
    assert_eq!(s["files"].as_array().unwrap().len(), 1);
    assert_eq!(s["units"], 6);
    // updates.tmx's own version of t6 is what is left.
    let out = run(&[
        "lookup",
        "--from",
        "en",
        "--to",
        "ru",
        "The minister received the delegation led by Senator Chizhov.",
    ]);
    assert!(ok(&out).contains("Министр принял делегацию сенатора Чижова."));
}

/// A TMX file of `n` generated units (for the interruption tests).
fn generated(path: &Path, n: usize) {
    use std::fmt::Write;
    let mut text = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\">\n<header creationtool=\"t\" creationtoolversion=\"1\" datatype=\"plaintext\" segtype=\"sentence\" adminlang=\"en\" srclang=\"en\" o-tmf=\"t\"/>\n<body>\n",
    );
    for i in 0..n {
        writeln!(
            text,
            "<tu tuid=\"g{i}\" changedate=\"20240101T000000Z\"><tuv xml:lang=\"en\"><seg>Generated sentence number {i} about the committee meeting {}.</seg></tuv><tuv xml:lang=\"ru\"><seg>Сгенерированное предложение номер {i} о заседании комитета {}.</seg></tuv></tu>",
            i % 97,
            i % 89
        )
        .unwrap();
    }
    text.push_str("</body>\n</tmx>\n");
    std::fs::write(path, text).unwrap();
}

/// `tarjuman tm import --db DB FILE`, running in the background.
fn spawn_import(db: &str, file: &Path) -> std::process::Child {
    std::process::Command::new(assert_cmd::cargo::cargo_bin("tarjuman"))
        .args(["tm", "import", "--db", db, file.to_str().unwrap()])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap()
}

/// A TMX file of 200,000 units, `big.tmx` in `dir`: an import of it takes
/// long enough to be caught halfway.
fn big_tmx(dir: &Path) -> PathBuf {
    let big = dir.join("big.tmx");
    generated(&big, 200_000);
    big
}

/// Kills an import 0.7 s in, making sure it had not ended.
fn kill_halfway(mut child: std::process::Child) {
    std::thread::sleep(std::time::Duration::from_millis(700));
    let finished = child.try_wait().unwrap().is_some();
    child.kill().ok();
    child.wait().unwrap();
    assert!(
        !finished,
        "the import ended before it could be killed: make the file larger"
    );
}

#[test]
fn an_import_killed_halfway_leaves_the_database_as_it_was() {
    let (dir, db) = scratch();
    import(dir.path(), &db, &[&fixture("memory.tmx")]);
    kill_halfway(spawn_import(&db, &big_tmx(dir.path())));
    let after = stats(dir.path(), &db);
    assert_eq!(after["units"], 6);
    assert_eq!(after["files"].as_array().unwrap().len(), 1);
    // And the database is not left locked: it takes the next import.
    let summary = import(dir.path(), &db, &[&fixture("updates.tmx")]);
    assert_eq!(summary[0]["updated"], 1);
}

#[test]
fn a_first_import_killed_halfway_leaves_no_database() {
    // A new database is built beside its name and takes it only whole.
    let (dir, db) = scratch();
    kill_halfway(spawn_import(&db, &big_tmx(dir.path())));
    let left = names_in(dir.path());
    assert_eq!(left.len(), 2, "{left:?}");
    assert!(left[0].starts_with(".tm.sqlite.") && left[0].ends_with(".building"));
    let out = tm(dir.path(), &["stats", "--db", &db]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no such database"));
    // That command removed what the killed import left (the next import
    // would have).
    assert_eq!(names_in(dir.path()), ["big.tmx"]);
    takes_the_next_imports(dir.path(), &db);
    assert_eq!(names_in(dir.path()), ["big.tmx", "tm.sqlite"]);
}

/// A store with one file of no units.
fn empty_store(dir: &Path, db: &str) {
    let empty = dir.join("empty.tmx");
    std::fs::write(&empty, tmx("en", &[])).unwrap();
    import(dir, db, &[&empty]);
}

/// The store at `db`, empty, takes an import, and it is whole: the next
/// import finds the stored units (the key index was built).
fn takes_the_next_imports(dir: &Path, db: &str) {
    import(dir, db, &[&fixture("memory.tmx")]);
    let summary = import(dir, db, &[&fixture("updates.tmx")]);
    assert_eq!(summary[0]["updated"], 1, "{summary:?}");
    assert_eq!(summary[0]["unchanged"], 4);
}

#[test]
fn a_first_import_through_a_link_makes_the_database_where_it_points() {
    let (dir, _) = scratch();
    let (links, real) = (dir.path().join("links"), dir.path().join("real"));
    std::fs::create_dir_all(&links).unwrap();
    std::fs::create_dir_all(&real).unwrap();
    std::os::unix::fs::symlink("../real/tm.sqlite", links.join("tm.sqlite")).unwrap();
    let db = links.join("tm.sqlite").display().to_string();
    let summary = import(dir.path(), &db, &[&fixture("memory.tmx")]);
    assert_eq!(summary[0]["added"], 6);
    assert!(
        std::fs::symlink_metadata(links.join("tm.sqlite"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(names_in(&real), ["tm.sqlite"]);
    assert_eq!(stats(dir.path(), &db)["units"], 6);
}

#[test]
fn an_import_into_an_empty_store_killed_halfway_leaves_it_empty() {
    // The bulk path into a store that exists: the indexes dropped until
    // the rows are in. A kill must still leave nothing behind.
    let (dir, db) = scratch();
    empty_store(dir.path(), &db);
    kill_halfway(spawn_import(&db, &big_tmx(dir.path())));
    let after = stats(dir.path(), &db);
    assert_eq!(after["units"], 0);
    assert_eq!(after["files"].as_array().unwrap().len(), 1);
    takes_the_next_imports(dir.path(), &db);
}

#[test]
fn a_reader_does_not_wait_for_a_first_import() {
    // During a first import a reader is told at once that the database is
    // being made; into a store that exists, the bulk load stays in WAL
    // mode, and a reader sees the store as it was.
    let (dir, db) = scratch();
    let big = big_tmx(dir.path());
    let mut child = spawn_import(&db, &big);
    std::thread::sleep(std::time::Duration::from_millis(700));
    let during = tm(dir.path(), &["stats", "--db", &db]);
    let still_importing = child.try_wait().unwrap().is_none();
    child.wait().unwrap();
    assert!(
        still_importing,
        "the import ended before the reader did: make the file larger, or the reader waited"
    );
    assert_eq!(during.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&during.stderr).contains("no database yet: an import is making it"),
        "{}",
        String::from_utf8_lossy(&during.stderr)
    );
    assert_eq!(stats(dir.path(), &db)["units"], 200_000);

    let (dir, db) = scratch();
    empty_store(dir.path(), &db);
    let mut child = spawn_import(&db, &big);
    std::thread::sleep(std::time::Duration::from_millis(700));
    let during = stats(dir.path(), &db);
    let still_importing = child.try_wait().unwrap().is_none();
    child.wait().unwrap();
    assert!(still_importing, "the import ended before the reader did");
    assert_eq!(during["units"], 0);
    assert_eq!(stats(dir.path(), &db)["units"], 200_000);
}

#[test]
fn duplicates_in_a_first_import_follow_the_date_rule() {
    // Into an empty store (the bulk path, which finds duplicates in memory)
    // the outcome is the same as importing the files one at a time.
    let (dir, db) = scratch();
    let repeats = dir.path().join("repeats.tmx");
    std::fs::write(
        &repeats,
        tmx(
            "en",
            &[
                (
                    "r1",
                    "20240101T000000Z",
                    &[("en", "The Senate met."), ("ru", "Сенат собрался.")],
                ),
                (
                    "r2",
                    "20230101T000000Z",
                    &[("en", "The Senate met."), ("ru", "Старый перевод.")],
                ),
                (
                    "r3",
                    "20240301T000000Z",
                    &[("en", "The Senate met."), ("ru", "Сенат провёл заседание.")],
                ),
                (
                    "r4",
                    "20240301T000000Z",
                    &[("en", "The Senate met."), ("ru", "Тот же день.")],
                ),
            ],
        ),
    )
    .unwrap();
    let summary = import(
        dir.path(),
        &db,
        &[&fixture("memory.tmx"), &fixture("updates.tmx"), &repeats],
    );
    assert_eq!(summary[1]["updated"], 1, "{summary:?}");
    assert_eq!(summary[1]["older"], 1);
    assert_eq!(summary[1]["unchanged"], 4);
    assert_eq!(summary[2]["added"], 1);
    assert_eq!(summary[2]["updated"], 1);
    assert_eq!(summary[2]["older"], 1);
    assert_eq!(summary[2]["unchanged"], 1);
    assert_eq!(stats(dir.path(), &db)["units"], 7);
    let met = lookup(
        dir.path(),
        &db,
        &["--from", "en", "--to", "ru", "The Senate met."],
    );
    assert_eq!(met[0]["matches"][0]["target"], "Сенат провёл заседание.");
    assert_eq!(met[0]["matches"].as_array().unwrap().len(), 1, "{met:?}");
    // The key index is built: an import into the loaded store finds the
    // stored units.
    let again = dir.path().join("again.tmx");
    std::fs::write(
        &again,
        tmx(
            "en",
            &[(
                "a1",
                "20240301T000000Z",
                &[("en", "The Senate met."), ("ru", "Тот же день.")],
            )],
        ),
    )
    .unwrap();
    let summary = import(dir.path(), &db, &[&again]);
    assert_eq!(summary[0]["unchanged"], 1, "{summary:?}");
    assert_eq!(stats(dir.path(), &db)["units"], 7);
}

#[test]
fn two_imports_at_once_both_succeed() {
    let (dir, db) = scratch();
    let a = dir.path().join("a.tmx");
    let b = dir.path().join("b.tmx");
    generated(&a, 20_000);
    std::fs::write(
        &b,
        std::fs::read_to_string(&a)
            .unwrap()
            .replace("Generated", "Another"),
    )
    .unwrap();
    let spawn = |file: &Path| {
        std::process::Command::new(assert_cmd::cargo::cargo_bin("tarjuman"))
            .args(["tm", "import", "--db", &db, file.to_str().unwrap()])
            .output()
    };
    let (ra, rb) = std::thread::scope(|s| {
        let ha = s.spawn(|| spawn(&a));
        let hb = s.spawn(|| spawn(&b));
        (ha.join().unwrap().unwrap(), hb.join().unwrap().unwrap())
    });
    ok(&ra);
    ok(&rb);
    assert_eq!(stats(dir.path(), &db)["units"], 40_000);
}

#[test]
fn usage_errors_exit_2() {
    let (dir, db) = scratch();
    let out = tm(
        dir.path(),
        &[
            "lookup", "--db", &db, "--from", "en", "--to", "ru", "--min", "0", "x",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    for limit in [
        &[
            "lookup", "--db", &db, "--from", "en", "--to", "ru", "--limit", "0", "x",
        ][..],
        &["concordance", "--db", &db, "--limit", "0", "x"],
    ] {
        let out = tm(dir.path(), limit);
        assert_eq!(out.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&out.stderr).contains("the limit is at least 1"));
    }
    let out = tm(
        dir.path(),
        &["lookup", "--db", &db, "--from", "e n", "--to", "ru", "x"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a language tag"));
    // A malformed tag is an error wherever it filters, not a filter that
    // matches nothing.
    let out = tm(
        dir.path(),
        &["concordance", "--db", &db, "--lang", "not a tag", "x"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("`not a tag` is not a language tag"));
    let out = tm(
        dir.path(),
        &["export", "--db", &db, "--langs", "en,xx!", "-o", "x.tmx"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("`xx!` is not a language tag"));
    assert!(!dir.path().join("x.tmx").exists());
    let out = tm(dir.path(), &["import", "--db", &db, "missing.tmx"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("missing.tmx: no such file"));
    assert!(!Path::new(&db).exists(), "no database made for nothing");
    let out = tm(dir.path(), &["import", "--db", &db, "."]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains(".: a folder: give its TMX files"));
    let not_db = dir.path().join("not.sqlite");
    std::fs::write(
        &not_db,
        "this is not a database, just some text long enough",
    )
    .unwrap();
    let out = tm(dir.path(), &["stats", "--db", not_db.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not.sqlite: not an SQLite database"));
}

#[test]
fn export_to_dev_stdout_writes_into_the_pipe_or_appends_to_the_file() {
    let (dir, db) = scratch();
    import(dir.path(), &db, &[&fixture("memory.tmx")]);
    let out = tm(dir.path(), &["export", "--db", &db, "-o", "/dev/stdout"]);
    let text = ok(&out);
    assert!(
        text.starts_with("<?xml") && text.contains("</tmx>"),
        "{text}"
    );
    let log = dir.path().join("log.txt");
    std::fs::write(&log, "PREFIX\n").unwrap();
    let append = std::fs::OpenOptions::new().append(true).open(&log).unwrap();
    let status = std::process::Command::new(assert_cmd::cargo::cargo_bin("tarjuman"))
        .args(["tm", "export", "--db", &db, "-o", "/dev/stdout"])
        .stdout(append)
        .status()
        .unwrap();
    assert!(status.success());
    let logged = std::fs::read_to_string(&log).unwrap();
    assert!(logged.starts_with("PREFIX\n<?xml"), "{}", &logged[..40]);
}

#[test]
fn an_import_that_cannot_print_says_it_is_done() {
    let (dir, db) = scratch();
    let out = common::with_full_stdout(
        dir.path(),
        &[
            "tm",
            "import",
            "--db",
            &db,
            fixture("memory.tmx").to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("cannot write to standard output (the import itself is done)"),
        "{stderr}"
    );
    assert!(stats(dir.path(), &db)["units"].as_u64().unwrap() > 0);
    for args in [
        &["tm", "concordance", "--db", &db, "Senate"][..],
        &[
            "tm",
            "lookup",
            "--db",
            &db,
            "--from",
            "en",
            "--to",
            "ru",
            "Joint statement",
        ],
        &["tm", "stats", "--db", &db],
    ] {
        let out = common::with_full_stdout(dir.path(), args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("cannot write to standard output"),
            "{args:?}: {stderr}"
        );
    }
}

#[test]
fn a_database_that_cannot_be_written_is_still_read() {
    // Read by a user who may not write it or its folder (where SQLite
    // keeps the WAL's files): as root, another user; else the folder made
    // read-only.
    let (dir, db) = scratch();
    import(dir.path(), &db, &[&fixture("memory.tmx")]);
    use std::os::unix::fs::PermissionsExt;
    let mode = |m| std::fs::Permissions::from_mode(m);
    let root = std::process::Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|out| out.stdout.starts_with(b"0\n"));
    std::fs::set_permissions(dir.path(), mode(if root { 0o755 } else { 0o555 })).unwrap();
    let run = |args: &[&str]| {
        let bin = assert_cmd::cargo::cargo_bin("tarjuman");
        let mut cmd = if root {
            let mut cmd = std::process::Command::new("setpriv");
            cmd.args(["--reuid", "65534", "--regid", "65534", "--clear-groups"])
                .arg(bin);
            cmd
        } else {
            std::process::Command::new(bin)
        };
        cmd.current_dir(dir.path())
            .arg("tm")
            .args(args)
            .output()
            .unwrap()
    };
    let stats = run(&["stats", "--db", &db, "--format", "json"]);
    let found = run(&[
        "lookup",
        "--db",
        &db,
        "--from",
        "en",
        "--to",
        "ru",
        "--format",
        "json",
        "Joint statement",
    ]);
    let import = run(&[
        "import",
        "--db",
        &db,
        fixture("updates.tmx").to_str().unwrap(),
    ]);
    std::fs::set_permissions(dir.path(), mode(0o755)).unwrap();
    let stats: Value = serde_json::from_str(&ok(&stats)).unwrap();
    assert_eq!(stats["units"], 6);
    let found: Value = serde_json::from_str(&ok(&found)).unwrap();
    assert_eq!(found["matches"][0]["target"], "Совместное заявление");
    assert_eq!(import.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&import.stderr);
    assert!(
        stderr.contains("the database is read-only here") && stderr.contains("needs to write it"),
        "{stderr}"
    );
    assert_eq!(
        names_in(dir.path()),
        ["tm.sqlite"],
        "nothing made beside it"
    );
    if !root {
        return;
    }
    // In a folder both may write, a reader leaves nothing in the way of
    // the owner's next import (SQLite's `-shm` and `-wal`, made by the
    // reader and not writable by the owner, used to be).
    let shared = tempfile::tempdir().unwrap();
    std::fs::set_permissions(shared.path(), mode(0o777)).unwrap();
    for name in ["memory.tmx", "updates.tmx"] {
        std::fs::copy(fixture(name), shared.path().join(name)).unwrap();
    }
    let as_user = |uid: &str, args: &[&str]| {
        std::process::Command::new("setpriv")
            .args(["--reuid", uid, "--regid", uid, "--clear-groups"])
            .arg(assert_cmd::cargo::cargo_bin("tarjuman"))
            .current_dir(shared.path())
            .arg("tm")
            .args(args)
            .output()
            .unwrap()
    };
    ok(&as_user(
        "2001",
        &["import", "--db", "tm.sqlite", "memory.tmx"],
    ));
    ok(&as_user("2002", &["stats", "--db", "tm.sqlite"]));
    ok(&as_user(
        "2001",
        &["import", "--db", "tm.sqlite", "updates.tmx"],
    ));
}

#[test]
fn a_rebuild_says_which_files_went_away() {
    let (dir, db) = scratch();
    let (a, b) = (dir.path().join("a.tmx"), dir.path().join("b.tmx"));
    let unit = |tuid: &str, en: &str| {
        tmx(
            "en",
            &[(
                tuid,
                "20240101T000000Z",
                &[("en", en), ("ru", "Текст.")][..],
            )],
        )
    };
    std::fs::write(&a, unit("a1", "The first text.")).unwrap();
    std::fs::write(&b, unit("b1", "The second text.")).unwrap();
    import(dir.path(), &db, &[&a, &b]);
    assert_eq!(stats(dir.path(), &db)["units"], 2);
    // b goes, a changes: importing a rebuilds from the files still there.
    std::fs::remove_file(&b).unwrap();
    std::fs::write(&a, unit("a1", "The first text, changed.")).unwrap();
    let lines = import(dir.path(), &db, &[&a]);
    let gone: Vec<_> = lines.iter().filter(|l| l["removed"] == true).collect();
    assert_eq!(gone.len(), 1, "{lines:?}");
    assert!(gone[0]["file"].as_str().unwrap().ends_with("b.tmx"));
    assert_eq!(stats(dir.path(), &db)["units"], 1);
    std::fs::write(&a, unit("a1", "The first text, changed again.")).unwrap();
    let out = tm(dir.path(), &["import", "--db", &db, a.to_str().unwrap()]);
    assert!(!ok(&out).contains("gone"), "reported once");
}

#[test]
fn a_database_that_is_missing_foreign_or_the_output_is_refused() {
    let (dir, db) = scratch();
    // A mistyped --db: an error, and no empty memory made there.
    for args in [
        &["stats", "--db", "typo/tm.sqlite"][..],
        &[
            "lookup",
            "--db",
            "typo/tm.sqlite",
            "--from",
            "en",
            "--to",
            "ru",
            "x",
        ],
        &["concordance", "--db", "typo/tm.sqlite", "x"],
        &["export", "--db", "typo/tm.sqlite", "-o", "x.tmx"],
    ] {
        let out = tm(dir.path(), args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("typo/tm.sqlite: no such database"),
            "{stderr}"
        );
    }
    assert!(!dir.path().join("typo").exists());
    // Another application's SQLite file is left alone.
    let foreign = dir.path().join("places.sqlite");
    let conn = rusqlite::Connection::open(&foreign).unwrap();
    conn.execute_batch("CREATE TABLE unit (url TEXT); INSERT INTO unit VALUES ('x');")
        .unwrap();
    drop(conn);
    let before = std::fs::read(&foreign).unwrap();
    let out = tm(dir.path(), &["stats", "--db", foreign.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("places.sqlite: not a tarjuman memory"),
        "{stderr}"
    );
    assert!(std::fs::read(&foreign).unwrap() == before, "unchanged");
    // Exporting over the database itself.
    import(dir.path(), &db, &[&fixture("memory.tmx")]);
    let out = tm(dir.path(), &["export", "--db", &db, "-o", &db]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("that is the database being exported"),
        "{stderr}"
    );
    assert!(stats(dir.path(), &db)["units"].as_u64().unwrap() > 0);
}

/// A unit for [`tmx`]: `(tuid, date, [(lang, text)])`.
type TestUnit<'a> = (&'a str, &'a str, &'a [(&'a str, &'a str)]);

/// A TMX file of the given units.
fn tmx(srclang: &str, units: &[TestUnit<'_>]) -> String {
    let mut out = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\">\n<header creationtool=\"t\" creationtoolversion=\"1\" datatype=\"plaintext\" segtype=\"sentence\" adminlang=\"en\" srclang=\"{srclang}\" o-tmf=\"t\"/>\n<body>\n"
    );
    for (tuid, date, variants) in units {
        out.push_str(&format!("<tu tuid=\"{tuid}\" changedate=\"{date}\">"));
        for (lang, text) in *variants {
            out.push_str(&format!("<tuv xml:lang=\"{lang}\"><seg>{text}</seg></tuv>"));
        }
        out.push_str("</tu>\n");
    }
    out.push_str("</body>\n</tmx>\n");
    out
}

#[test]
fn an_updated_unit_is_found_by_its_new_text_and_not_its_old_one() {
    let (dir, db) = scratch();
    let old = "Делегация Сената провела в Москве переговоры с коллегами из Государственной Думы и Совета Федерации";
    let other =
        "Делегация Сената провела в Москве переговоры с коллегами из Государственной Думы вчера";
    let new = "Делегация Сената провела в Москве переговоры с коллегами из Государственной Думы";
    let a = dir.path().join("a.tmx");
    std::fs::write(
        &a,
        tmx(
            "en",
            &[
                ("t1", "20240101T000000Z", &[("en", "Old."), ("ru", old)]),
                ("t2", "20240101T000000Z", &[("en", "Other."), ("ru", other)]),
            ],
        ),
    )
    .unwrap();
    let b = dir.path().join("b.tmx");
    std::fs::write(
        &b,
        tmx(
            "en",
            &[("t1", "20240301T000000Z", &[("en", "Old."), ("ru", new)])],
        ),
    )
    .unwrap();
    import(dir.path(), &db, &[&a]);
    let summary = import(dir.path(), &db, &[&b]);
    assert_eq!(summary[0]["updated"], 1);
    let result = lookup(
        dir.path(),
        &db,
        &["--from", "ru", "--to", "en", "--limit", "1", new],
    );
    assert_eq!(result[0]["matches"][0]["tu"], "t1", "{result:?}");
    assert_eq!(result[0]["matches"][0]["score"], 100.0);
}

#[test]
fn a_unit_with_two_variants_of_one_language_is_found_by_either() {
    let (dir, db) = scratch();
    let us = "The committee met the delegation in the morning and in the evening too";
    let gb = "The committee met the delegation in the morning at Parliament House";
    let path = dir.path().join("two.tmx");
    std::fs::write(
        &path,
        tmx(
            "en-US",
            &[
                (
                    "t1",
                    "20240101T000000Z",
                    &[
                        ("en-US", us),
                        ("en-GB", gb),
                        ("ru", "Комитет встретился с делегацией."),
                    ],
                ),
                (
                    "t2",
                    "20240101T000000Z",
                    &[
                        (
                            "en-US",
                            "The committee met the delegation in the morning at the Senate",
                        ),
                        ("ru", "Другое."),
                    ],
                ),
            ],
        ),
    )
    .unwrap();
    import(dir.path(), &db, &[&path]);
    let result = lookup(
        dir.path(),
        &db,
        &["--from", "en", "--to", "ru", "--limit", "1", gb],
    );
    assert_eq!(result[0]["matches"][0]["tu"], "t1", "{result:?}");
    assert_eq!(result[0]["matches"][0]["score"], 100.0);
}

#[test]
fn an_import_of_several_files_is_all_or_nothing() {
    let (dir, db) = scratch();
    let bad = dir.path().join("bad.tmx");
    std::fs::write(
        &bad,
        "<tmx><body><tu><tuv><seg>x</seg></tuv></tu></body></tmx>",
    )
    .unwrap();
    let memory = fixture("memory.tmx");
    let out = tm(
        dir.path(),
        &[
            "import",
            "--db",
            &db,
            memory.to_str().unwrap(),
            bad.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    // No database is left where there was none: not even an empty one.
    assert_eq!(names_in(dir.path()), ["bad.tmx"]);
    let out = tm(dir.path(), &["stats", "--db", &db]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no such database"));
    // Into a store that has units: the good file's are not added either.
    import(dir.path(), &db, &[&memory]);
    let before = stats(dir.path(), &db)["units"].clone();
    let other = dir.path().join("other.tmx");
    std::fs::write(
        &other,
        tmx(
            "en",
            &[(
                "o1",
                "20240101T000000Z",
                &[("en", "Another text."), ("ru", "Другой текст.")][..],
            )],
        ),
    )
    .unwrap();
    let out = tm(
        dir.path(),
        &[
            "import",
            "--db",
            &db,
            other.to_str().unwrap(),
            bad.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stats(dir.path(), &db)["units"], before);
}

#[test]
fn units_of_another_source_language_keep_their_identity_through_export() {
    let (dir, db) = scratch();
    let ru = dir.path().join("ru.tmx");
    std::fs::write(
        &ru,
        tmx(
            "ru",
            &[(
                "r1",
                "20240101T000000Z",
                &[
                    ("ru", "Совместное заявление сторон"),
                    ("en", "Joint statement of the sides"),
                ],
            )],
        ),
    )
    .unwrap();
    import(dir.path(), &db, &[&fixture("memory.tmx"), &ru]);
    let out = dir.path().join("all.tmx");
    ok(&tm(
        dir.path(),
        &["export", "--db", &db, "-o", out.to_str().unwrap()],
    ));
    let again = import(dir.path(), &db, &[&out]);
    assert_eq!(again[0]["added"], 0, "{again:?}");
    assert_eq!(again[0]["unchanged"], 7);
}

#[test]
fn short_queries_find_spelling_variants_without_a_word_in_common() {
    let (dir, db) = scratch();
    let path = dir.path().join("names.tmx");
    std::fs::write(
        &path,
        tmx(
            "en",
            &[
                (
                    "n1",
                    "20240101T000000Z",
                    &[("en", "Sayed Husain"), ("ru", "Сайед Хусейн")],
                ),
                (
                    "n2",
                    "20240101T000000Z",
                    &[
                        (
                            "en",
                            "The committee met the delegation of the Senate of Pakistan today",
                        ),
                        ("ru", "Другое."),
                    ],
                ),
            ],
        ),
    )
    .unwrap();
    import(dir.path(), &db, &[&path]);
    let result = lookup(
        dir.path(),
        &db,
        &["--from", "en", "--to", "ru", "Syed Hussain"],
    );
    let m = &result[0]["matches"][0];
    assert_eq!(m["tu"], "n1", "{result:?}");
    assert_eq!(m["unit"], "characters");
    assert_eq!(m["score"], 83.3);
}
