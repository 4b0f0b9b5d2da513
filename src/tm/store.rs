//! The SQLite store: the units of the TMX files, and the word index that
//! fuzzy lookup and concordance use.
//!
//! The database is an index of TMX files, never the source of truth:
//! [`Store::sync`] brings it up to date with the files by itself (by size
//! and modification time, then by content hash), so a user never has to
//! remember to import.
//!
//! What the database holds is a function of the files it indexes, in the
//! order they were first imported: a unit is identified by its source
//! language and source segment; when two files (or two versions of a file)
//! hold the same unit, the one with the newer `changedate` (else
//! `creationdate`) wins, and on equal dates the one read first stays. A
//! file that changed or went away makes the store rebuild its contents from
//! the remaining files, in one transaction.
//!
//! Every import is one transaction (`BEGIN IMMEDIATE`): an import killed
//! halfway leaves the database as it was, and a second writer waits for the
//! first (up to [`BUSY_TIMEOUT`]) and then fails with a clear error.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, UNIX_EPOCH};

use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

use super::index::PostingBuilder;
use super::model::{Annotation, Attrs, Unit, primary_subtag};
use super::score::Prepared;
use super::tmx::{Reader, TmxError};
use crate::Lang;

/// The schema version this build writes (`PRAGMA user_version`).
pub const SCHEMA_VERSION: i64 = 1;

/// How long a writer waits for another before giving up.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// The migrations, in order: migration `n` takes the schema from version
/// `n` to `n + 1`.
const MIGRATIONS: &[&str] = &[
    // 0 → 1
    "CREATE TABLE file (
        id INTEGER PRIMARY KEY,
        path TEXT NOT NULL UNIQUE,
        size INTEGER NOT NULL,
        mtime INTEGER NOT NULL,
        hash TEXT NOT NULL,
        encoding TEXT NOT NULL,
        version TEXT NOT NULL,
        header TEXT NOT NULL,
        units INTEGER NOT NULL,
        imported TEXT NOT NULL,
        tracked INTEGER NOT NULL
    );
    CREATE TABLE unit (
        id INTEGER PRIMARY KEY,
        key INTEGER NOT NULL UNIQUE,
        file INTEGER NOT NULL,
        ord INTEGER NOT NULL,
        srclang TEXT NOT NULL,
        tuid TEXT,
        date TEXT NOT NULL,
        prev INTEGER,
        extra TEXT NOT NULL
    );
    CREATE INDEX unit_file ON unit(file, ord);
    CREATE TABLE variant (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        unit INTEGER NOT NULL,
        lang TEXT NOT NULL,
        plang TEXT NOT NULL,
        words INTEGER NOT NULL,
        seg TEXT NOT NULL,
        text TEXT NOT NULL,
        extra TEXT NOT NULL
    );
    CREATE INDEX variant_unit ON variant(unit);
    CREATE TABLE posting (
        plang TEXT NOT NULL,
        term TEXT NOT NULL,
        chunk INTEGER NOT NULL,
        n INTEGER NOT NULL,
        ids BLOB NOT NULL,
        PRIMARY KEY (plang, term, chunk)
    ) WITHOUT ROWID;
    CREATE TABLE meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
    INSERT INTO meta VALUES ('chunk', 0), ('dead', 0);",
];

/// A store that cannot be opened, read or written.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(transparent)]
    Tmx(#[from] TmxError),
    #[error("{}: {source}", path.display())]
    Db {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error(
        "{}: the database is locked by another tarjuman process (waited {}s); \
         try again when it has finished",
        path.display(),
        BUSY_TIMEOUT.as_secs()
    )]
    Busy { path: PathBuf },
    #[error(
        "{}: the database has schema version {found}, newer than this tarjuman \
         understands ({SCHEMA_VERSION}): upgrade tarjuman, or delete the file \
         (it is only an index of the TMX files) to rebuild it",
        path.display()
    )]
    TooNew { path: PathBuf, found: i64 },
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// What one file's import did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportSummary {
    pub path: PathBuf,
    /// Units read from the file.
    pub units: usize,
    pub added: usize,
    /// Units whose stored version was older and were replaced.
    pub updated: usize,
    /// Units already stored as they are.
    pub unchanged: usize,
    /// Units older than the stored version, not taken.
    pub older: usize,
    /// The file was imported before and has not changed: not read again.
    pub skipped: bool,
}

/// What bringing the store up to date did.
#[derive(Debug, Clone, Default)]
pub struct SyncSummary {
    pub imported: Vec<ImportSummary>,
    /// Files that changed or went away, which made the store rebuild.
    pub changed: Vec<PathBuf>,
    pub removed: Vec<PathBuf>,
}

impl SyncSummary {
    /// Whether anything was read.
    pub fn did_work(&self) -> bool {
        !self.changed.is_empty()
            || !self.removed.is_empty()
            || self.imported.iter().any(|s| !s.skipped)
    }
}

/// Progress of an import, for a progress bar: bytes read of the current
/// file and its size.
#[derive(Debug, Clone, Copy)]
pub struct Progress<'a> {
    pub path: &'a Path,
    pub done: u64,
    pub total: u64,
}

/// A callback told of progress now and then.
pub type ProgressFn<'a> = &'a mut dyn FnMut(Progress<'_>);

/// The translation memory database.
#[derive(Debug)]
pub struct Store {
    pub(crate) conn: Connection,
    pub(crate) path: PathBuf,
}

impl Store {
    /// Opens (or creates) the database at `path`, creating its folder and
    /// bringing its schema up to date.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            fs::create_dir_all(dir).map_err(|source| StoreError::Io {
                path: dir.to_owned(),
                source,
            })?;
        }
        let conn = Connection::open(path).map_err(|source| StoreError::Db {
            path: path.to_owned(),
            source,
        })?;
        let mut store = Store {
            conn,
            path: path.to_owned(),
        };
        store.configure()?;
        store.migrate()?;
        Ok(store)
    }

    fn configure(&self) -> Result<(), StoreError> {
        self.conn
            .busy_timeout(BUSY_TIMEOUT)
            .map_err(|e| self.db(e))?;
        self.conn
            .execute_batch(
                "PRAGMA journal_mode = WAL;
                 PRAGMA synchronous = NORMAL;
                 PRAGMA foreign_keys = OFF;
                 PRAGMA cache_size = -65536;
                 PRAGMA temp_store = MEMORY;",
            )
            .map_err(|e| self.db(e))
    }

    fn migrate(&mut self) -> Result<(), StoreError> {
        let version: i64 = self
            .conn
            .query_row("PRAGMA user_version", [], |row| row.get(0))
            .map_err(|e| self.db(e))?;
        if version > SCHEMA_VERSION {
            return Err(StoreError::TooNew {
                path: self.path.clone(),
                found: version,
            });
        }
        if version == SCHEMA_VERSION {
            return Ok(());
        }
        let path = self.path.clone();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| db_error(&path, e))?;
        // Another process may have migrated while this one waited.
        let version: i64 = tx
            .query_row("PRAGMA user_version", [], |row| row.get(0))
            .map_err(|e| db_error(&path, e))?;
        let from = usize::try_from(version).unwrap_or(0);
        for migration in MIGRATIONS.iter().skip(from) {
            tx.execute_batch(migration)
                .map_err(|e| db_error(&path, e))?;
        }
        tx.execute_batch(&format!("PRAGMA user_version = {SCHEMA_VERSION}"))
            .map_err(|e| db_error(&path, e))?;
        tx.commit().map_err(|e| db_error(&path, e))
    }

    pub(crate) fn db(&self, e: rusqlite::Error) -> StoreError {
        db_error(&self.path, e)
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Imports TMX files, each in one transaction. `tracked`: the files are
    /// the project's own (from its TMX folder), so [`Store::sync`] drops
    /// their units when they go away. A file imported before and unchanged
    /// since is not read again.
    pub fn import(
        &mut self,
        files: &[PathBuf],
        tracked: bool,
        progress: ProgressFn<'_>,
    ) -> Result<Vec<ImportSummary>, StoreError> {
        let mut summaries = Vec::new();
        for path in files {
            let (key, stat) = file_identity(path)?;
            if let Some(known) = self.known_file(&key)?
                && known.size == stat.size
                && known.mtime == stat.mtime
            {
                summaries.push(ImportSummary {
                    path: path.clone(),
                    skipped: true,
                    ..ImportSummary::default()
                });
                continue;
            }
            let summary = self.write(|tx| import_file(tx, path, &key, stat, tracked, progress))?;
            summaries.push(summary);
        }
        self.compact_if_needed()?;
        Ok(summaries)
    }

    /// Brings the store up to date with `files` (the project's TMX files):
    /// new files are imported; if one changed or went away, the store is
    /// rebuilt from the files it indexes.
    pub fn sync(
        &mut self,
        files: &[PathBuf],
        progress: ProgressFn<'_>,
    ) -> Result<SyncSummary, StoreError> {
        let mut summary = SyncSummary::default();
        let known = self.files()?;
        let mut keys = Vec::new();
        for path in files {
            let (key, stat) = file_identity(path)?;
            match known.iter().find(|f| f.path == key) {
                Some(f) if f.size == stat.size && f.mtime == stat.mtime => {}
                Some(f) => {
                    // Touched: the content may be the same.
                    let hash = hash_file(path)?;
                    if hash == f.hash {
                        let tx_key = key.clone();
                        self.write(|tx| {
                            tx.execute(
                                "UPDATE file SET size = ?2, mtime = ?3 WHERE path = ?1",
                                params![tx_key, stat.size, stat.mtime],
                            )
                            .map(|_| ())
                        })?;
                    } else {
                        summary.changed.push(path.clone());
                    }
                }
                None => {}
            }
            keys.push((key, path.clone()));
        }
        for f in &known {
            if f.tracked && !keys.iter().any(|(key, _)| *key == f.path) {
                summary.removed.push(PathBuf::from(&f.path));
            }
        }
        if summary.changed.is_empty() && summary.removed.is_empty() {
            summary.imported = self.import(files, true, progress)?;
            return Ok(summary);
        }
        // Rebuild: every file still indexed, in the order first imported,
        // then the new ones.
        let mut order: Vec<(PathBuf, bool)> = Vec::new();
        for f in &known {
            let on_disk = keys.iter().find(|(key, _)| *key == f.path);
            match (f.tracked, on_disk) {
                (true, Some((_, path))) => order.push((path.clone(), true)),
                (true, None) => {}
                (false, _) => {
                    let path = PathBuf::from(&f.path);
                    if path.exists() {
                        order.push((path, false));
                    }
                }
            }
        }
        for (key, path) in &keys {
            if !known.iter().any(|f| f.path == *key) {
                order.push((path.clone(), true));
            }
        }
        summary.imported = self.write(|tx| {
            tx.execute_batch(
                "DELETE FROM unit; DELETE FROM variant; DELETE FROM posting; DELETE FROM file;
                 UPDATE meta SET value = 0 WHERE key = 'dead';",
            )?;
            let mut all = Vec::new();
            for (path, tracked) in &order {
                let (key, stat) = file_identity(path).map_err(to_sqlite)?;
                all.push(import_file(tx, path, &key, stat, *tracked, progress)?);
            }
            Ok(all)
        })?;
        Ok(summary)
    }

    /// Runs `f` in one `BEGIN IMMEDIATE` transaction, committed if it
    /// returns `Ok`.
    fn write<T>(
        &mut self,
        f: impl FnOnce(&rusqlite::Transaction<'_>) -> Result<T, rusqlite::Error>,
    ) -> Result<T, StoreError> {
        let path = self.path.clone();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|e| db_error(&path, e))?;
        let value = f(&tx).map_err(|e| db_error(&path, e))?;
        tx.commit().map_err(|e| db_error(&path, e))?;
        Ok(value)
    }

    fn known_file(&self, key: &str) -> Result<Option<KnownFile>, StoreError> {
        Ok(self.files()?.into_iter().find(|f| f.path == key))
    }

    /// The files the store indexes, in the order first imported.
    fn files(&self) -> Result<Vec<KnownFile>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT path, size, mtime, hash, tracked FROM file ORDER BY id")
            .map_err(|e| self.db(e))?;
        let rows = stmt
            .query_map([], |row| {
                Ok(KnownFile {
                    path: row.get(0)?,
                    size: row.get(1)?,
                    mtime: row.get(2)?,
                    hash: row.get(3)?,
                    tracked: row.get(4)?,
                })
            })
            .map_err(|e| self.db(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.db(e))
    }

    /// Rebuilds the word index when dead entries or chunks have piled up.
    fn compact_if_needed(&mut self) -> Result<(), StoreError> {
        let (dead, live, chunks): (i64, i64, i64) = self
            .conn
            .query_row(
                "SELECT (SELECT value FROM meta WHERE key = 'dead'),
                        (SELECT count(*) FROM variant),
                        (SELECT count(DISTINCT chunk) FROM posting)",
                [],
                |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
            )
            .map_err(|e| self.db(e))?;
        if (dead > 10_000 && dead * 2 > live) || chunks > 16 {
            self.write(super::index::rebuild)?;
        }
        Ok(())
    }
}

pub(crate) fn db_error(path: &Path, e: rusqlite::Error) -> StoreError {
    if let rusqlite::Error::SqliteFailure(code, _) = &e
        && matches!(
            code.code,
            rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked
        )
    {
        return StoreError::Busy {
            path: path.to_owned(),
        };
    }
    if let rusqlite::Error::ToSqlConversionFailure(inner) = &e
        && let Some(tmx) = inner.downcast_ref::<Carried>()
        && let Some(err) = tmx.0.lock().ok().and_then(|mut e| e.take())
    {
        return err;
    }
    StoreError::Db {
        path: path.to_owned(),
        source: e,
    }
}

/// A store error carried through a rusqlite error, out of a transaction
/// closure.
#[derive(Debug)]
struct Carried(std::sync::Mutex<Option<StoreError>>);

impl std::fmt::Display for Carried {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("import failed")
    }
}

impl std::error::Error for Carried {}

fn to_sqlite(e: impl Into<StoreError>) -> rusqlite::Error {
    rusqlite::Error::ToSqlConversionFailure(Box::new(Carried(std::sync::Mutex::new(Some(
        e.into(),
    )))))
}

#[derive(Debug)]
struct KnownFile {
    path: String,
    size: i64,
    mtime: i64,
    hash: String,
    tracked: bool,
}

#[derive(Debug, Clone, Copy)]
struct Stat {
    size: i64,
    mtime: i64,
}

/// The key a file is known by (its canonical path) and its size and
/// modification time (nanoseconds).
fn file_identity(path: &Path) -> Result<(String, Stat), StoreError> {
    let io = |source| StoreError::Io {
        path: path.to_owned(),
        source,
    };
    let canonical = fs::canonicalize(path).map_err(io)?;
    let meta = fs::metadata(&canonical).map_err(io)?;
    let mtime = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX));
    Ok((
        canonical.to_string_lossy().into_owned(),
        Stat {
            size: i64::try_from(meta.len()).unwrap_or(i64::MAX),
            mtime,
        },
    ))
}

fn hash_file(path: &Path) -> Result<String, StoreError> {
    use std::io::Read;
    let io = |source| StoreError::Io {
        path: path.to_owned(),
        source,
    };
    let mut file = fs::File::open(path).map_err(io)?;
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    let mut buf = vec![0; 256 * 1024];
    loop {
        let n = file.read(&mut buf).map_err(io)?;
        if n == 0 {
            break;
        }
        hasher.update(buf.get(..n).unwrap_or_default());
    }
    Ok(format!("{:016x}", hasher.digest()))
}

/// The identity of a unit: its source language and source segment.
pub(crate) fn unit_key(srclang: &str, seg: &str) -> i64 {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    hasher.update(srclang.as_bytes());
    hasher.update(&[0]);
    hasher.update(seg.as_bytes());
    hasher.digest() as i64
}

/// The context key of a source text: what the next unit records as its
/// previous sentence.
pub(crate) fn context_key(text: &str, lang: Option<Lang>) -> i64 {
    let prepared = Prepared::new(text, lang, Vec::new());
    xxhash_rust::xxh3::xxh3_64(prepared.joined().as_bytes()) as i64
}

/// The language tarjuman has rules for, if any, of a tag.
pub(crate) fn rules_lang(tag: &str) -> Option<Lang> {
    tag.parse().ok()
}

pub(crate) fn to_json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "[]".into())
}

/// Attributes and annotations as stored: JSON.
#[derive(serde::Serialize, serde::Deserialize, Default)]
pub(crate) struct Extra {
    #[serde(default)]
    pub attrs: Attrs,
    #[serde(default)]
    pub notes: Vec<Annotation>,
}

fn import_file(
    tx: &rusqlite::Transaction<'_>,
    path: &Path,
    key: &str,
    stat: Stat,
    tracked: bool,
    progress: ProgressFn<'_>,
) -> Result<ImportSummary, rusqlite::Error> {
    let mut reader = Reader::open(path).map_err(to_sqlite)?;
    let header = reader.header().clone();
    let header_srclang = header.srclang().map(str::to_owned);
    // The file row first (its id is the units' `file`); counts come last.
    tx.execute(
        "INSERT INTO file (path, size, mtime, hash, encoding, version, header, units, imported, tracked)
         VALUES (?1, ?2, ?3, '', ?4, ?5, ?6, 0, datetime('now'), ?7)
         ON CONFLICT(path) DO UPDATE SET size = ?2, mtime = ?3, encoding = ?4, version = ?5,
             header = ?6, imported = datetime('now'), tracked = ?7",
        params![
            key,
            stat.size,
            stat.mtime,
            reader.encoding(),
            reader.version(),
            to_json(&header),
            tracked
        ],
    )?;
    let file_id: i64 = tx.query_row("SELECT id FROM file WHERE path = ?1", [key], |r| r.get(0))?;
    let mut find = tx.prepare_cached("SELECT id, date FROM unit WHERE key = ?1")?;
    let mut insert_unit = tx.prepare_cached(
        "INSERT INTO unit (key, file, ord, srclang, tuid, date, prev, extra)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    let mut update_unit = tx.prepare_cached(
        "UPDATE unit SET file = ?2, ord = ?3, srclang = ?4, tuid = ?5, date = ?6, prev = ?7,
             extra = ?8 WHERE id = ?1",
    )?;
    let mut delete_variants = tx.prepare_cached("DELETE FROM variant WHERE unit = ?1")?;
    let mut insert_variant = tx.prepare_cached(
        "INSERT INTO variant (unit, lang, plang, words, seg, text, extra)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    let mut postings = PostingBuilder::new(tx)?;
    let mut summary = ImportSummary {
        path: path.to_owned(),
        ..ImportSummary::default()
    };
    let mut prev: Option<i64> = None;
    let mut dead = 0i64;
    let mut ord = 0i64;
    let mut last_report = 0u64;
    while let Some(unit) = reader.next_unit().map_err(to_sqlite)? {
        summary.units += 1;
        ord += 1;
        let Some(source) = unit.source(header_srclang.as_deref()) else {
            continue;
        };
        let srclang = primary_subtag(&source.lang);
        let ukey = unit_key(&srclang, &source.seg);
        let context = context_key(&source.text, rules_lang(&srclang));
        let this_prev = prev.replace(context);
        let date = unit.date().unwrap_or_default().to_owned();
        let existing: Option<(i64, String)> = find
            .query_row([ukey], |row| Ok((row.get(0)?, row.get(1)?)))
            .optional()?;
        let extra = to_json(&Extra {
            attrs: unit.attrs.clone(),
            notes: unit.annotations.clone(),
        });
        let unit_params = |id_or_key: i64| {
            (
                id_or_key,
                file_id,
                ord,
                srclang.clone(),
                unit.id().map(str::to_owned),
                date.clone(),
                this_prev,
                extra.clone(),
            )
        };
        let unit_id = match existing {
            None => {
                let p = unit_params(ukey);
                insert_unit.execute(params![p.0, p.1, p.2, p.3, p.4, p.5, p.6, p.7])?;
                summary.added += 1;
                tx.last_insert_rowid()
            }
            Some((id, stored)) => {
                if date > stored {
                    let p = unit_params(id);
                    update_unit.execute(params![p.0, p.1, p.2, p.3, p.4, p.5, p.6, p.7])?;
                    dead += delete_variants.execute([id])? as i64;
                    summary.updated += 1;
                    id
                } else {
                    if date == stored {
                        summary.unchanged += 1;
                    } else {
                        summary.older += 1;
                    }
                    continue;
                }
            }
        };
        insert_variants(&unit, unit_id, &mut insert_variant, &mut postings, tx)?;
        let done = reader.bytes_read();
        if done - last_report > 1 << 20 {
            last_report = done;
            progress(Progress {
                path,
                done,
                total: stat.size.max(0) as u64,
            });
        }
    }
    postings.finish(tx)?;
    tx.execute(
        "UPDATE file SET hash = ?2, units = ?3 WHERE id = ?1",
        params![
            file_id,
            format!("{:016x}", reader.hash()),
            summary.units as i64
        ],
    )?;
    if dead > 0 {
        tx.execute(
            "UPDATE meta SET value = value + ?1 WHERE key = 'dead'",
            [dead],
        )?;
    }
    progress(Progress {
        path,
        done: stat.size.max(0) as u64,
        total: stat.size.max(0) as u64,
    });
    Ok(summary)
}

fn insert_variants(
    unit: &Unit,
    unit_id: i64,
    insert: &mut rusqlite::CachedStatement<'_>,
    postings: &mut PostingBuilder,
    tx: &rusqlite::Transaction<'_>,
) -> Result<(), rusqlite::Error> {
    for variant in &unit.variants {
        let plang = primary_subtag(&variant.lang);
        let prepared = Prepared::new(&variant.text, rules_lang(&plang), Vec::new());
        let extra = if variant.attrs.is_empty() && variant.annotations.is_empty() {
            "{}".to_owned()
        } else {
            to_json(&Extra {
                attrs: variant.attrs.clone(),
                notes: variant.annotations.clone(),
            })
        };
        insert.execute(params![
            unit_id,
            variant.lang,
            plang,
            prepared.words.len() as i64,
            variant.seg,
            variant.text,
            extra
        ])?;
        let id = tx.last_insert_rowid();
        postings.add(tx, &plang, id, &prepared.words)?;
    }
    Ok(())
}
