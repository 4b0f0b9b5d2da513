//! `tarjuman.toml`: the project's languages and paths, so that commands run
//! without flags.
//!
//! The file is found from the working directory upward; paths in it are
//! relative to the folder that holds it. Unknown keys are an error, so a
//! typo never silently does nothing; so are unknown rule ids in `[rules]`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::lang::Lang;
use crate::report::{RuleInfo, Severity};

/// The name of the project file.
pub const FILE_NAME: &str = "tarjuman.toml";

/// The contents of `tarjuman.toml`.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    /// The language releases are written in.
    pub source: Option<Lang>,
    /// The languages they are translated into.
    #[serde(default)]
    pub targets: Vec<Lang>,
    #[serde(default)]
    pub segment: SegmentConfig,
    /// `[rules]`: a severity per rule id, or `off`.
    #[serde(default)]
    pub rules: BTreeMap<Spanned<String>, Spanned<Level>>,
    #[serde(default)]
    pub lint: LintConfig,
    #[serde(default)]
    pub glossary: GlossaryConfig,
    #[serde(default)]
    pub tm: TmConfig,
    #[serde(default)]
    pub xliff: XliffConfig,
    #[serde(default)]
    pub check: CheckConfig,
}

/// A rule's level in `[rules]`: a severity, or `off`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Error,
    Warning,
    Info,
    Off,
}

impl Level {
    /// The severity findings get; `None` turns the rule off.
    pub fn severity(self) -> Option<Severity> {
        match self {
            Level::Error => Some(Severity::Error),
            Level::Warning => Some(Severity::Warning),
            Level::Info => Some(Severity::Info),
            Level::Off => None,
        }
    }
}

/// The `[lint]` table, shared by the lint commands.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct LintConfig {
    /// Paths not to lint when walking folders or the configured paths:
    /// globs relative to the project root (`*` within a folder name, `**`
    /// any number of folders) or exact paths.
    #[serde(default)]
    pub ignore: Vec<String>,
}

/// The `[check]` table: QA of translated XLIFF and TMX.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct CheckConfig {
    /// What `check` reads when given no file: XLIFF and TMX files or
    /// folders. Default: the memory (`[tm] paths`).
    pub paths: Option<Vec<PathBuf>>,
    /// Paths not to check when walking folders or the configured paths:
    /// globs relative to the project root, as in `[lint] ignore`.
    #[serde(default)]
    pub ignore: Vec<String>,
    /// The lowest severity that fails the run (exit code 1): `error`
    /// (the default) or `warning`; `--fail-on` overrides it.
    pub fail_on: Option<FailOn>,
    /// A baseline file of accepted findings (see `--baseline`).
    pub baseline: Option<PathBuf>,
}

/// The lowest severity that makes `check` exit with 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum FailOn {
    Warning,
    Error,
}

impl FailOn {
    pub fn severity(self) -> Severity {
        match self {
            FailOn::Warning => Severity::Warning,
            FailOn::Error => Severity::Error,
        }
    }
}

/// The `[glossary]` table.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct GlossaryConfig {
    /// The project's glossaries (files or folders), for commands given none.
    #[serde(default)]
    pub paths: Vec<PathBuf>,
}

/// The `[xliff]` table: the translators' round trip.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct XliffConfig {
    /// Where `xliff export` writes (a folder).
    #[serde(default = "default_xliff_output")]
    pub output: PathBuf,
    /// The TMX file that `xliff import` adds confirmed translations to.
    #[serde(default = "default_import_tmx")]
    pub import_tmx: PathBuf,
    /// The XLIFF version `xliff export` writes: "1.2", "2.0" or "2.1".
    #[serde(default = "default_xliff_version")]
    pub version: String,
}

impl Default for XliffConfig {
    fn default() -> Self {
        XliffConfig {
            output: default_xliff_output(),
            import_tmx: default_import_tmx(),
            version: default_xliff_version(),
        }
    }
}

fn default_xliff_output() -> PathBuf {
    PathBuf::from("out")
}

fn default_import_tmx() -> PathBuf {
    PathBuf::from("tmx/translations.tmx")
}

fn default_xliff_version() -> String {
    "1.2".into()
}

/// The `[tm]` table: the translation memory.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct TmConfig {
    /// TMX files or folders of them: the memory's source of truth.
    #[serde(default = "default_tmx_paths")]
    pub paths: Vec<PathBuf>,
    /// The SQLite index of those files.
    #[serde(default = "default_database")]
    pub database: PathBuf,
}

impl Default for TmConfig {
    fn default() -> Self {
        TmConfig {
            paths: default_tmx_paths(),
            database: default_database(),
        }
    }
}

fn default_tmx_paths() -> Vec<PathBuf> {
    vec![PathBuf::from("tmx")]
}

/// Where the database goes when nothing says otherwise.
pub fn default_database() -> PathBuf {
    PathBuf::from(".tarjuman/tm.sqlite")
}

impl Config {
    /// The level `[rules]` sets for `rule`, if any.
    pub fn rule_level(&self, rule: &str) -> Option<Level> {
        self.rules
            .iter()
            .find(|(id, _)| id.get_ref() == rule)
            .map(|(_, level)| *level.get_ref())
    }

    /// The severity of each of `rules` for a run: `[rules]` where it sets
    /// one, else the rule's default; `fixed` rules always keep theirs.
    pub fn levels(&self, rules: &[RuleInfo], fixed: &[&str]) -> crate::report::Levels {
        let configured = |id: &str| self.rule_level(id).map(|level| level.severity());
        crate::report::Levels::new(rules, configured, fixed)
    }

    /// The languages of the project: the source, then the targets
    /// (without repeats); `en, ur, ru` if the file names none.
    pub fn languages(&self) -> Vec<Lang> {
        let mut langs: Vec<Lang> = Vec::new();
        for lang in self.source.iter().chain(&self.targets) {
            if !langs.contains(lang) {
                langs.push(*lang);
            }
        }
        if langs.is_empty() {
            langs = Lang::ALL.to_vec();
        }
        langs
    }
}

/// Every rule of every command, for checking the ids in `[rules]`.
pub fn known_rules() -> impl Iterator<Item = &'static RuleInfo> {
    crate::glossary::lint::RULES
        .iter()
        .chain(crate::lint::RULES.iter())
        .chain(crate::qa::RULES.iter())
}

/// The `[segment]` table.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct SegmentConfig {
    /// SRX rules to use instead of the built-in ones.
    pub srx: Option<PathBuf>,
}

/// A project file found on disk, with the folder its paths are relative to.
#[derive(Debug, Clone)]
pub struct Project {
    pub config: Config,
    pub root: PathBuf,
    pub path: PathBuf,
}

impl Project {
    /// Resolves a path from the config against the project root.
    pub fn resolve(&self, path: &Path) -> PathBuf {
        self.root.join(path)
    }
}

/// A `tarjuman.toml` that cannot be read or parsed.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// The file exists but could not be read.
    #[error("{}: cannot read", .path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The file is not valid TOML or has unknown keys or bad values.
    #[error("{}:{line}:{column}: {message}", .path.display())]
    Parse {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
}

impl Project {
    /// Finds `tarjuman.toml` in `dir` or the nearest folder above it.
    /// `Ok(None)` if there is none.
    pub fn discover(dir: &Path) -> Result<Option<Project>, ConfigError> {
        for folder in dir.ancestors() {
            let path = folder.join(FILE_NAME);
            if path.is_file() {
                return Project::load(&path).map(Some);
            }
        }
        Ok(None)
    }

    /// Reads the project file at `path`.
    pub fn load(path: &Path) -> Result<Project, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|source| ConfigError::Io {
            path: path.to_owned(),
            source,
        })?;
        let config = parse(&text, path)?;
        let root = path.parent().map(Path::to_path_buf).unwrap_or_default();
        Ok(Project {
            config,
            root,
            path: path.to_owned(),
        })
    }
}

/// Parses the text of a project file; `path` names it in errors.
pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
    let error = |offset: usize, message: String| {
        let (line, column) = crate::text::position::line_column(text, offset);
        ConfigError::Parse {
            path: path.to_owned(),
            line,
            column,
            message,
        }
    };
    let config: Config = toml::from_str(text).map_err(|err| {
        let offset = err.span().map_or(0, |span| span.start);
        error(offset, err.message().trim_end().to_owned())
    })?;
    for (id, level) in &config.rules {
        // A file that cannot be read always fails the run: a level that
        // says otherwise would silently do nothing.
        if id.get_ref() == "parse-error" && *level.get_ref() != Level::Error {
            return Err(error(
                level.span().start,
                "`parse-error` cannot be changed: a file that cannot be read is always \
                 an error (exit code 2)"
                    .to_owned(),
            ));
        }
        if !known_rules().any(|rule| rule.id == id.get_ref()) {
            let mut known: Vec<&str> = known_rules().map(|rule| rule.id).collect();
            known.sort_unstable();
            known.dedup();
            return Err(error(
                id.span().start,
                format!(
                    "unknown rule `{}` in [rules]: known rules are {}",
                    id.get_ref(),
                    known.join(", ")
                ),
            ));
        }
    }
    let unsupported =
        |pattern: &str| pattern.starts_with('!') || pattern.contains(['[', ']', '?', '{', '}']);
    if config
        .lint
        .ignore
        .iter()
        .chain(&config.check.ignore)
        .any(|p| unsupported(p))
    {
        // Read again with positions, only to say where.
        let spans: IgnoreSpans = toml::from_str(text).unwrap_or_default();
        let bad = spans
            .lint
            .ignore
            .iter()
            .chain(&spans.check.ignore)
            .find(|p| unsupported(p.get_ref()));
        return Err(error(
            bad.map_or(0, |p| p.span().start),
            format!(
                "ignore pattern `{}`: only `*` (within a name) and `**` (any folders) are \
                 supported, not `?`, `[…]`, `{{…}}` or `!`",
                bad.map_or("", |p| p.get_ref().as_str())
            ),
        ));
    }
    Ok(config)
}

/// The `ignore` patterns of `[lint]` and `[check]` with their positions,
/// for an error about one of them.
#[derive(Debug, Default, Deserialize)]
struct IgnoreSpans {
    #[serde(default)]
    lint: SpannedIgnore,
    #[serde(default)]
    check: SpannedIgnore,
}

#[derive(Debug, Default, Deserialize)]
struct SpannedIgnore {
    #[serde(default)]
    ignore: Vec<Spanned<String>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_languages_and_segment_table() {
        let config = parse(
            "source = \"en\"\ntargets = [\"ur\", \"ru\"]\n[segment]\nsrx = \"rules.srx\"\n",
            Path::new("tarjuman.toml"),
        )
        .unwrap();
        assert_eq!(config.source, Some(Lang::En));
        assert_eq!(config.targets, [Lang::Ur, Lang::Ru]);
        assert_eq!(config.segment.srx.as_deref(), Some(Path::new("rules.srx")));
    }

    #[test]
    fn unknown_keys_are_errors_with_a_position() {
        let err = parse(
            "source = \"en\"\nsorce = \"ru\"\n",
            Path::new("tarjuman.toml"),
        )
        .unwrap_err();
        let text = err.to_string();
        assert!(
            text.starts_with("tarjuman.toml:2:1: unknown field `sorce`"),
            "{text}"
        );
        let err = parse("[segment]\nsrx-file = \"a\"\n", Path::new("t.toml")).unwrap_err();
        assert!(
            err.to_string().contains("unknown field `srx-file`"),
            "{err}"
        );
    }

    #[test]
    fn rules_lint_and_glossary_tables() {
        let config = parse(
            "[rules]\nnear-duplicate = \"off\"\nwhitespace = \"error\"\n\
             [lint]\nignore = [\"glossaries/old/**\"]\n\
             [glossary]\npaths = [\"glossaries/names.tbx\"]\n",
            Path::new("t.toml"),
        )
        .unwrap();
        assert_eq!(config.rule_level("near-duplicate"), Some(Level::Off));
        assert_eq!(config.rule_level("whitespace"), Some(Level::Error));
        assert_eq!(config.rule_level("mixed-script"), None);
        assert_eq!(config.lint.ignore, ["glossaries/old/**"]);
        assert_eq!(
            config.glossary.paths,
            [PathBuf::from("glossaries/names.tbx")]
        );
        assert_eq!(config.languages(), Lang::ALL);
    }

    #[test]
    fn unknown_rules_and_levels_are_errors_with_a_position() {
        let err = parse(
            "[rules]\nwhitespace = \"warning\"\n  dupe-term = \"error\"\n",
            Path::new("t.toml"),
        )
        .unwrap_err();
        assert!(
            err.to_string()
                .starts_with("t.toml:3:3: unknown rule `dupe-term` in [rules]"),
            "{err}"
        );
        let err = parse("[rules]\nparse-error = \"off\"\n", Path::new("t.toml")).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("t.toml:2:15: `parse-error` cannot be changed"),
            "{err}"
        );
        assert!(parse("[rules]\nparse-error = \"error\"\n", Path::new("t.toml")).is_ok());
        let err = parse(
            "[lint]\nignore = [\"old/**\"]\n[check]\nignore = [\"a/*.tmx\", \"b/[ab].tmx\"]\n",
            Path::new("t.toml"),
        )
        .unwrap_err();
        assert!(
            err.to_string()
                .starts_with("t.toml:4:22: ignore pattern `b/[ab].tmx`: only `*`"),
            "{err}"
        );
        let err = parse("[rules]\nwhitespace = \"fatal\"\n", Path::new("t.toml")).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("t.toml:2:14: unknown variant `fatal`"),
            "{err}"
        );
        let err = parse("[lint]\nexclude = []\n", Path::new("t.toml")).unwrap_err();
        assert!(err.to_string().contains("unknown field `exclude`"), "{err}");
        let err = parse("[glossary]\npath = []\n", Path::new("t.toml")).unwrap_err();
        assert!(err.to_string().contains("unknown field `path`"), "{err}");
    }

    #[test]
    fn languages_are_source_then_targets() {
        let config = parse(
            "source = \"ru\"\ntargets = [\"en\", \"ru\"]\n",
            Path::new("t.toml"),
        )
        .unwrap();
        assert_eq!(config.languages(), [Lang::Ru, Lang::En]);
    }

    #[test]
    fn bad_language_is_an_error() {
        let err = parse("source = \"de\"\n", Path::new("t.toml")).unwrap_err();
        assert!(
            err.to_string()
                .contains("supported languages are en, ur, ru"),
            "{err}"
        );
    }
}
