//! The analysis a quote is based on: segments and words per match band,
//! per file and target language, and in total.

use serde::Serialize;

/// A match band, in the order translators read them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Band {
    /// 101%: identical, and the sentence before too.
    Context,
    /// The same sentence again within the job (after its first time).
    Repetition,
    /// 100%.
    Exact,
    /// 95–99%.
    High,
    /// 85–94%.
    Medium,
    /// 75–84%.
    Low,
    /// 50–74%: usually priced as new, shown for planning.
    Weak,
    /// Below 50%, or nothing.
    New,
}

impl Band {
    pub const ALL: [Band; 8] = [
        Band::Context,
        Band::Repetition,
        Band::Exact,
        Band::High,
        Band::Medium,
        Band::Low,
        Band::Weak,
        Band::New,
    ];

    /// The band's id in JSON.
    pub fn id(self) -> &'static str {
        match self {
            Band::Context => "context",
            Band::Repetition => "repetition",
            Band::Exact => "exact",
            Band::High => "95-99",
            Band::Medium => "85-94",
            Band::Low => "75-84",
            Band::Weak => "50-74",
            Band::New => "new",
        }
    }

    /// The band's name in the table.
    pub fn label(self) -> &'static str {
        match self {
            Band::Context => "101% (context)",
            Band::Repetition => "Repetitions",
            Band::Exact => "100%",
            Band::High => "95-99%",
            Band::Medium => "85-94%",
            Band::Low => "75-84%",
            Band::Weak => "50-74%",
            Band::New => "No match",
        }
    }

    /// The band of a segment whose best match scored `score` (`None`: no
    /// match at 50% or more), `repeated` if the job had it before.
    pub fn of(score: Option<f64>, repeated: bool) -> Band {
        match score {
            Some(s) if s >= 101.0 => Band::Context,
            _ if repeated => Band::Repetition,
            Some(s) if s >= 100.0 => Band::Exact,
            Some(s) if s >= 95.0 => Band::High,
            Some(s) if s >= 85.0 => Band::Medium,
            Some(s) if s >= 75.0 => Band::Low,
            Some(s) if s >= 50.0 => Band::Weak,
            _ => Band::New,
        }
    }
}

/// Segments and words in each band.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts {
    /// Indexed by band, in [`Band::ALL`] order.
    pub segments: [u64; 8],
    pub words: [u64; 8],
}

impl Counts {
    pub fn add(&mut self, band: Band, words: u64) {
        let i = band as usize;
        if let (Some(s), Some(w)) = (self.segments.get_mut(i), self.words.get_mut(i)) {
            *s += 1;
            *w += words;
        }
    }

    pub fn merge(&mut self, other: &Counts) {
        for (a, b) in self.segments.iter_mut().zip(other.segments) {
            *a += b;
        }
        for (a, b) in self.words.iter_mut().zip(other.words) {
            *a += b;
        }
    }

    pub fn total_segments(&self) -> u64 {
        self.segments.iter().sum()
    }

    pub fn total_words(&self) -> u64 {
        self.words.iter().sum()
    }
}

/// The analysis of a job: a row per file and target language, and the
/// totals per target language.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Analysis {
    pub source: String,
    pub rows: Vec<Row>,
}

/// One file into one language (`file` is `None` in a total).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub file: Option<String>,
    pub target: String,
    pub counts: Counts,
}

impl Analysis {
    /// The totals per target language, in the order targets first appear.
    pub fn totals(&self) -> Vec<Row> {
        let mut totals: Vec<Row> = Vec::new();
        for row in &self.rows {
            match totals.iter_mut().find(|t| t.target == row.target) {
                Some(total) => total.counts.merge(&row.counts),
                None => totals.push(Row {
                    file: None,
                    target: row.target.clone(),
                    counts: row.counts.clone(),
                }),
            }
        }
        totals
    }

    /// The JSON report.
    pub fn to_json(&self) -> serde_json::Value {
        #[derive(Serialize)]
        struct BandJson {
            band: &'static str,
            label: &'static str,
            segments: u64,
            words: u64,
        }
        let row = |r: &Row| {
            let bands: Vec<BandJson> = Band::ALL
                .iter()
                .zip(r.counts.segments.iter().zip(&r.counts.words))
                .map(|(band, (&segments, &words))| BandJson {
                    band: band.id(),
                    label: band.label(),
                    segments,
                    words,
                })
                .collect();
            let mut value = serde_json::json!({
                "target": r.target,
                "segments": r.counts.total_segments(),
                "words": r.counts.total_words(),
                "bands": bands,
            });
            if let (Some(file), Some(map)) = (&r.file, value.as_object_mut()) {
                map.insert("file".into(), file.clone().into());
            }
            value
        };
        serde_json::json!({
            "source": self.source,
            "files": self.rows.iter().map(row).collect::<Vec<_>>(),
            "total": self.totals().iter().map(row).collect::<Vec<_>>(),
        })
    }

    /// The text table: a block per file and target, then the totals.
    pub fn to_table(&self) -> String {
        use std::fmt::Write;
        let mut out = String::new();
        let mut block = |title: &str, counts: &Counts| {
            let _ = writeln!(out, "{title}");
            let _ = writeln!(
                out,
                "  {:<16} {:>9} {:>9} {:>7}",
                "band", "segments", "words", "words%"
            );
            let total = counts.total_words().max(1) as f64;
            for (i, band) in Band::ALL.iter().enumerate() {
                let s = counts.segments.get(i).copied().unwrap_or(0);
                let w = counts.words.get(i).copied().unwrap_or(0);
                let _ = writeln!(
                    out,
                    "  {:<16} {:>9} {:>9} {:>6.1}%",
                    band.label(),
                    s,
                    w,
                    w as f64 * 100.0 / total
                );
            }
            let _ = writeln!(
                out,
                "  {:<16} {:>9} {:>9}\n",
                "Total",
                counts.total_segments(),
                counts.total_words()
            );
        };
        for row in &self.rows {
            let file = row.file.as_deref().unwrap_or("");
            block(
                &format!("{file} ({} → {})", self.source, row.target),
                &row.counts,
            );
        }
        let mut files: Vec<&Option<String>> = self.rows.iter().map(|r| &r.file).collect();
        files.dedup();
        if files.len() > 1 {
            for total in self.totals() {
                block(
                    &format!("All files ({} → {})", self.source, total.target),
                    &total.counts,
                );
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands_by_score_with_repetitions_after_context() {
        assert_eq!(Band::of(Some(101.0), true), Band::Context);
        assert_eq!(Band::of(Some(100.0), true), Band::Repetition);
        assert_eq!(Band::of(Some(100.0), false), Band::Exact);
        assert_eq!(Band::of(Some(99.9), false), Band::High);
        assert_eq!(Band::of(Some(95.0), false), Band::High);
        assert_eq!(Band::of(Some(94.99), false), Band::Medium);
        assert_eq!(Band::of(Some(75.0), false), Band::Low);
        assert_eq!(Band::of(Some(74.0), false), Band::Weak);
        assert_eq!(Band::of(Some(49.0), false), Band::New);
        assert_eq!(Band::of(None, true), Band::Repetition);
        assert_eq!(Band::of(None, false), Band::New);
    }

    #[test]
    fn totals_add_up_per_target() {
        let mut a = Counts::default();
        a.add(Band::Exact, 5);
        a.add(Band::New, 7);
        let mut b = Counts::default();
        b.add(Band::New, 3);
        let analysis = Analysis {
            source: "en".into(),
            rows: vec![
                Row {
                    file: Some("a".into()),
                    target: "ur".into(),
                    counts: a.clone(),
                },
                Row {
                    file: Some("b".into()),
                    target: "ur".into(),
                    counts: b,
                },
                Row {
                    file: Some("a".into()),
                    target: "ru".into(),
                    counts: a,
                },
            ],
        };
        let totals = analysis.totals();
        assert_eq!(totals.len(), 2);
        assert_eq!(totals[0].counts.total_words(), 15);
        assert_eq!(totals[0].counts.segments[Band::New as usize], 2);
        let json = analysis.to_json();
        assert_eq!(json["total"][0]["words"], 15);
        assert_eq!(json["files"][1]["bands"][7]["band"], "new");
        assert!(analysis.to_table().contains("All files (en → ur)"));
    }
}
