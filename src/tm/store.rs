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

use rusqlite::{Connection, TransactionBehavior, params};

use std::ops::Range;

use super::codec;
use super::index::{Interner, PostingBuilder, TermScratch, VariantTerms, Vocabulary};
use super::model::Unit;
use super::tmx::{Reader, TmxError};
use crate::Lang;

/// The schema version this build writes (`PRAGMA user_version`).
pub const SCHEMA_VERSION: i64 = 4;

/// SQLite's page cache, in KiB (negative: SQLite's convention for KiB).
const CACHE_KIB: i64 = -65536;

/// Why a database cannot be read read-only.
const WAL_HELD: &str = "its `-wal` file holds changes that only its owner can fold into it \
                        (any tarjuman command of theirs does)";

/// The page size of every store.
const PAGE_SIZE: usize = 16384;

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
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        key INTEGER NOT NULL UNIQUE,
        file INTEGER NOT NULL,
        ord INTEGER NOT NULL,
        srclang TEXT NOT NULL,
        tuid TEXT,
        date TEXT NOT NULL,
        prev INTEGER,
        extra TEXT NOT NULL,
        variants BLOB NOT NULL
    );
    CREATE TABLE lang_count (
        srclang TEXT NOT NULL,
        lang TEXT NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (srclang, lang)
    ) WITHOUT ROWID;
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
    // 1 → 2: a unit key's uniqueness is a named index (`unit_key`), which
    // an import into an empty store drops and builds again once the rows
    // are in: one sorted build instead of a million random inserts. Ids
    // keep their sequence (they are never reused).
    "CREATE TABLE unit_v2 (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        key INTEGER NOT NULL,
        file INTEGER NOT NULL,
        ord INTEGER NOT NULL,
        srclang TEXT NOT NULL,
        tuid TEXT,
        date TEXT NOT NULL,
        prev INTEGER,
        extra TEXT NOT NULL,
        variants BLOB NOT NULL
    );
    INSERT INTO unit_v2 SELECT id, key, file, ord, srclang, tuid, date, prev, extra, variants
        FROM unit ORDER BY id;
    DELETE FROM sqlite_sequence WHERE name = 'unit_v2';
    INSERT INTO sqlite_sequence (name, seq) SELECT 'unit_v2', seq FROM sqlite_sequence
        WHERE name = 'unit';
    DROP TABLE unit;
    ALTER TABLE unit_v2 RENAME TO unit;
    CREATE UNIQUE INDEX unit_key ON unit(key);",
    // 2 → 3: postings are an ordinary table with an index on (language,
    // term, chunk, count). As a table without rowid, whose rows are its
    // keys, every insert and every seek compared whole rows, copying a
    // frequent term's postings (megabytes, in overflow pages) at each step
    // of the descent: a third of the time spent writing postings. A chunk
    // still holds at most one row per term (the builder writes each term
    // once per chunk).
    "CREATE TABLE posting_v3 (
        plang TEXT NOT NULL,
        term TEXT NOT NULL,
        chunk INTEGER NOT NULL,
        n INTEGER NOT NULL,
        ids BLOB NOT NULL
    );
    INSERT INTO posting_v3 SELECT plang, term, chunk, n, ids FROM posting;
    DROP TABLE posting;
    ALTER TABLE posting_v3 RENAME TO posting;
    CREATE INDEX posting_term ON posting(plang, term, chunk, n);",
    // 3 → 4: Urdu keys fold Arabic ه into ہ where nothing else can be
    // meant. The schema is the same; a store whose Urdu terms hold ه has its
    // word index rebuilt and its files marked to be read again
    // ([`Store::run_migrations`]): until then, a unit after an Urdu source
    // with such a ه gets 100 instead of 101.
    //
    // Units are also counted per language pair (`pair_count`, filled from
    // the units here): `lang_count` counts variants, and a unit with two
    // Russian variants was two `en → ru` units in `tm stats`.
    "CREATE TABLE pair_count (
        srclang TEXT NOT NULL,
        target TEXT NOT NULL,
        n INTEGER NOT NULL,
        PRIMARY KEY (srclang, target)
    ) WITHOUT ROWID;",
];

/// The indexes a bulk load drops and builds again once the rows are in
/// (see migrations 1 → 2 and 2 → 3).
const BULK_INDEXES: [&str; 2] = [
    "CREATE UNIQUE INDEX unit_key ON unit(key)",
    super::index::POSTING_INDEX,
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
    #[error(
        "{}: not an SQLite database: give another --db, or delete the file if it is \
         a damaged index (the TMX files rebuild it)",
        path.display()
    )]
    NotADatabase { path: PathBuf },
    #[error(
        "{}: the database is read-only here (its file, or the folder SQLite \
         keeps its WAL in, cannot be written){}{why}",
        path.display(),
        if why.is_empty() { ": this command needs to write it" } else { ", and " }
    )]
    ReadOnly { path: PathBuf, why: String },
    #[error(
        "{}: cannot write the database: {files} cannot be written by you (SQLite \
         made them when another user read the database); they can be deleted \
         while nobody has the database open",
        path.display()
    )]
    TheirSidecars { path: PathBuf, files: String },
    #[error(
        "{}: the database changed while it was read (it is read-only here, and \
         read without locks): try again",
        path.display()
    )]
    Changed { path: PathBuf },
    #[error(
        "{}: not a tarjuman memory (the database has tables of its own and no \
         tarjuman schema version): give another --db",
        path.display()
    )]
    Foreign { path: PathBuf },
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
    /// The file was imported before and has gone away: a rebuild left its
    /// units out.
    pub removed: bool,
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
    /// Counters reused by lookups.
    pub(crate) scratch: std::cell::RefCell<super::index::Scratch>,
    /// Whether reads go through a memory map yet (set by the first lookup;
    /// imports do without, so that their memory stays small).
    mapped: std::cell::Cell<bool>,
    /// The file as it was when opened immutable (a database the user may
    /// only read): SQLite then takes no locks, so a write by the database's
    /// owner meanwhile is found by this, and every read fails rather than
    /// answer from pages of two versions.
    frozen: Option<Stamp>,
}

/// What changes when a file is written.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Stamp {
    dev: u64,
    ino: u64,
    size: u64,
    mtime: (i64, i64),
}

impl Stamp {
    fn of(path: &Path) -> Option<Stamp> {
        use std::os::unix::fs::MetadataExt;
        let meta = fs::metadata(path).ok()?;
        Some(Stamp {
            dev: meta.dev(),
            ino: meta.ino(),
            size: meta.size(),
            mtime: (meta.mtime(), meta.mtime_nsec()),
        })
    }
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
        if Store::not_readable(path) {
            return Err(StoreError::Io {
                path: path.to_owned(),
                source: std::io::ErrorKind::PermissionDenied.into(),
            });
        }
        if Store::not_writable(path) {
            return Store::open_read_only(path);
        }
        let writable = Store::connect(path, path).and_then(|store| {
            store.configure()?;
            store.migrated()
        });
        match writable {
            // A database the user may only read (its file, or its folder,
            // where SQLite keeps the WAL's `-shm` and `-wal`): read commands
            // still work, and a write says why it cannot.
            Err(StoreError::ReadOnly { .. } | StoreError::TheirSidecars { .. })
                if path.is_file() =>
            {
                Store::open_read_only(path)
            }
            other => other,
        }
    }

    /// Whether the user may not write the database file (SQLite would open
    /// it read-only, and leave its `-shm` and `-wal` files, owned by this
    /// user, in the way of the owner's next write). Asked with access(2):
    /// opening and closing the file would drop the locks that SQLite
    /// connections of this process hold on it.
    fn not_writable(path: &Path) -> bool {
        use rustix::fs::{Access, access};
        access(path, Access::EXISTS).is_ok() && access(path, Access::WRITE_OK).is_err()
    }

    fn not_readable(path: &Path) -> bool {
        use rustix::fs::{Access, access};
        access(path, Access::EXISTS).is_ok() && access(path, Access::READ_OK).is_err()
    }

    /// Opens a database that cannot be written here, read-only: as
    /// immutable (no locks, no `-shm` or `-wal` made beside it, and a write
    /// by its owner meanwhile found by `frozen`), unless its `-wal` holds
    /// changes, which only a reader through a `-shm` file sees.
    fn open_read_only(path: &Path) -> Result<Store, StoreError> {
        if !fs::metadata(sidecar(path, "-wal")).is_ok_and(|m| m.len() > 0) {
            return Store::open_uri(path, true);
        }
        // Immutable, SQLite would not read the WAL: read through its
        // `-shm`, which SQLite must be able to make.
        Store::open_uri(path, false).map_err(|e| {
            let no_shm = match &e {
                StoreError::ReadOnly { why, .. } => why.is_empty(),
                StoreError::Db { source, .. } => {
                    source.sqlite_error_code() == Some(rusqlite::ErrorCode::CannotOpen)
                }
                _ => false,
            };
            match no_shm {
                true => StoreError::ReadOnly {
                    path: path.to_owned(),
                    why: WAL_HELD.into(),
                },
                false => e,
            }
        })
    }

    /// Opens `path` read-only through an SQLite URI: `immutable` (no locks,
    /// no WAL), else `mode=ro`.
    fn open_uri(path: &Path, immutable: bool) -> Result<Store, StoreError> {
        use rusqlite::OpenFlags;
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let frozen = match immutable {
            true => Some(Stamp::of(path).ok_or_else(|| StoreError::ReadOnly {
                path: path.to_owned(),
                why: "its file cannot be read either".into(),
            })?),
            false => None,
        };
        let how = if immutable { "immutable=1" } else { "mode=ro" };
        let conn = Connection::open_with_flags(format!("{}?{how}", sqlite_uri(path)), flags)
            .map_err(|e| db_error(path, e))?;
        let store = Store::with(conn, path, frozen);
        store.refuse_foreign()?;
        let version = store.version()?;
        if version < SCHEMA_VERSION {
            return Err(StoreError::ReadOnly {
                path: path.to_owned(),
                why: format!(
                    "its schema (version {version}) needs bringing up to version \
                     {SCHEMA_VERSION}, which writes it"
                ),
            });
        }
        Ok(store)
    }

    /// `read`, the result of reading the store, unless the store was
    /// opened immutable and has been written since (see `frozen`).
    pub(crate) fn unchanged<T>(&self, read: Result<T, StoreError>) -> Result<T, StoreError> {
        match &self.frozen {
            Some(stamp) if Stamp::of(&self.path).as_ref() != Some(stamp) => {
                Err(StoreError::Changed {
                    path: self.path.clone(),
                })
            }
            _ => read,
        }
    }

    /// The schema version, unless it is newer than this build's.
    fn version(&self) -> Result<i64, StoreError> {
        let version = self
            .conn
            .query_row("PRAGMA user_version", [], |row| row.get(0))
            .map_err(|e| self.db(e))?;
        if version > SCHEMA_VERSION {
            return Err(StoreError::TooNew {
                path: self.path.clone(),
                found: version,
            });
        }
        Ok(version)
    }

    /// Opens the new database that [`Store::create`] builds at `file`
    /// (errors name `shown`, the database it will be), without a journal:
    /// no other connection ever reads it, and a failed build is thrown
    /// away rather than rolled back.
    pub(crate) fn open_unjournaled(file: &Path, shown: &Path) -> Result<Store, StoreError> {
        let store = Store::connect(file, shown)?;
        store
            .conn
            .execute_batch(&format!(
                "PRAGMA page_size = {PAGE_SIZE};
                 PRAGMA journal_mode = OFF;
                 PRAGMA synchronous = OFF;
                 PRAGMA foreign_keys = OFF;
                 PRAGMA cache_size = {CACHE_KIB};"
            ))
            .map_err(|e| store.db(e))?;
        store.migrated()
    }

    /// Ends the build of [`Store::open_unjournaled`]: the store switches
    /// to WAL, as every store is, and the connection closes.
    pub(crate) fn finish_building(self) -> Result<(), StoreError> {
        let path = self.path.clone();
        self.conn
            .query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0))
            .map_err(|e| db_error(&path, e))?;
        self.conn.close().map_err(|(_, e)| db_error(&path, e))
    }

    fn connect(file: &Path, shown: &Path) -> Result<Store, StoreError> {
        let conn = Connection::open(file).map_err(|source| StoreError::Db {
            path: shown.to_owned(),
            source,
        })?;
        let store = Store::with(conn, shown, None);
        store
            .conn
            .busy_timeout(BUSY_TIMEOUT)
            .map_err(|e| store.db(e))?;
        store.refuse_foreign()?;
        Ok(store)
    }

    fn with(conn: Connection, path: &Path, frozen: Option<Stamp>) -> Store {
        Store {
            conn,
            path: path.to_owned(),
            scratch: Default::default(),
            mapped: Default::default(),
            frozen,
        }
    }

    fn migrated(mut self) -> Result<Store, StoreError> {
        self.migrate()?;
        Ok(self)
    }

    /// Every store has a schema version from 1: tables without one are
    /// another application's, left as they are (not even switched to WAL).
    fn refuse_foreign(&self) -> Result<(), StoreError> {
        let (version, tables): (i64, i64) = self
            .conn
            .query_row(
                "SELECT (SELECT user_version FROM pragma_user_version), \
                 (SELECT count(*) FROM sqlite_master)",
                [],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .map_err(|e| self.db(e))?;
        if version <= 0 && tables > 0 {
            return Err(StoreError::Foreign {
                path: self.path.clone(),
            });
        }
        Ok(())
    }

    fn configure(&self) -> Result<(), StoreError> {
        self.conn
            .execute_batch(&format!("PRAGMA page_size = {PAGE_SIZE};"))
            .map_err(|e| self.db(e))?;
        // Two processes that open a new database at the same moment both
        // switch it to WAL, and SQLite answers one of them SQLITE_BUSY at
        // once, without the busy handler: wait and retry as the handler
        // would (the other's switch usually makes this one a no-op).
        let started = std::time::Instant::now();
        loop {
            match self
                .conn
                .query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0))
            {
                Ok(_) => break,
                Err(rusqlite::Error::SqliteFailure(code, _))
                    if code.code == rusqlite::ErrorCode::DatabaseBusy
                        && started.elapsed() < BUSY_TIMEOUT =>
                {
                    std::thread::sleep(Duration::from_millis(10));
                }
                Err(e) => return Err(self.db(e)),
            }
        }
        self.conn
            .execute_batch(&format!(
                "PRAGMA synchronous = NORMAL;
                 PRAGMA foreign_keys = OFF;
                 PRAGMA cache_size = {CACHE_KIB};
                 PRAGMA temp_store = MEMORY;"
            ))
            .map_err(|e| self.db(e))
    }

    fn migrate(&mut self) -> Result<(), StoreError> {
        if self.version()? == SCHEMA_VERSION {
            return Ok(());
        }
        // Migrations copy tables and build indexes: as a bulk load does.
        self.in_bulk(Store::run_migrations)
    }

    fn run_migrations(&mut self) -> Result<(), StoreError> {
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
        if from < 4 {
            fill_pair_counts(&tx).map_err(|e| db_error(&path, e))?;
            let stale: bool = tx
                .query_row(
                    "SELECT EXISTS (SELECT 1 FROM posting WHERE plang = 'ur' AND instr(term, 'ه') > 0)",
                    [],
                    |row| row.get(0),
                )
                .map_err(|e| db_error(&path, e))?;
            if stale {
                super::index::rebuild(&tx).map_err(|e| db_error(&path, e))?;
                // The context hashes of Urdu sources changed too: the files
                // are read again at the next import (or sync), which
                // rebuilds the store from them.
                tx.execute("UPDATE file SET size = -1, hash = ''", [])
                    .map_err(|e| db_error(&path, e))?;
            }
        }
        tx.execute_batch(&format!("PRAGMA user_version = {SCHEMA_VERSION}"))
            .map_err(|e| db_error(&path, e))?;
        tx.commit().map_err(|e| db_error(&path, e))
    }

    /// Lets SQLite read through a memory map (1 GiB at most): lookups read
    /// postings and units without copying pages.
    ///
    /// Not for a store read immutable: SQLite would not notice the file
    /// shrink under the map (a read past its end kills the process).
    pub(crate) fn map_for_reads(&self) {
        if self.frozen.is_none() && !self.mapped.replace(true) {
            let _ = self.conn.execute_batch("PRAGMA mmap_size = 1073741824;");
        }
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
        self.scratch.borrow_mut().forget_postings();
        let known = self.files()?;
        let mut summaries = Vec::new();
        let mut fresh = Vec::new();
        let mut changed = false;
        for path in files {
            let (key, stat) = file_identity(path)?;
            match known.iter().find(|f| f.path == key) {
                Some(f) if f.size == stat.size && f.mtime == stat.mtime => {
                    summaries.push(ImportSummary {
                        path: path.clone(),
                        skipped: true,
                        ..ImportSummary::default()
                    });
                }
                Some(f) if hash_file(path)? == f.hash => {
                    self.touch(&key, stat)?;
                    summaries.push(ImportSummary {
                        path: path.clone(),
                        skipped: true,
                        ..ImportSummary::default()
                    });
                }
                Some(_) => changed = true,
                None => fresh.push((path.clone(), key, stat)),
            }
        }
        if changed {
            // A file imported before has changed: its old units must go, so
            // the store is rebuilt from every file it indexes.
            let mut order: Vec<(PathBuf, bool)> = Vec::new();
            let mut removed = Vec::new();
            for f in &known {
                let path = PathBuf::from(&f.path);
                if path.exists() {
                    order.push((path, f.tracked));
                } else {
                    removed.push(ImportSummary {
                        path,
                        removed: true,
                        ..ImportSummary::default()
                    });
                }
            }
            order.extend(fresh.into_iter().map(|(path, _, _)| (path, tracked)));
            let mut summaries = self.rebuild(&order, progress)?;
            summaries.extend(removed);
            return Ok(summaries);
        }
        // Every new file in one transaction: all or nothing.
        let imported = self.load(false, |tx, keys| {
            let mut all = Vec::new();
            for (path, key, stat) in &fresh {
                all.push(import_file(tx, path, key, *stat, tracked, keys, progress)?);
            }
            Ok(all)
        })?;
        summaries.extend(imported);
        self.compact_if_needed()?;
        Ok(summaries)
    }

    /// Records a file's new size and time (its content is the same).
    fn touch(&mut self, key: &str, stat: Stat) -> Result<(), StoreError> {
        self.write(|tx| {
            tx.execute(
                "UPDATE file SET size = ?2, mtime = ?3 WHERE path = ?1",
                params![key, stat.size, stat.mtime],
            )
            .map(|_| ())
        })
    }

    /// Empties the store and imports `order` (path, tracked) again, in one
    /// transaction.
    fn rebuild(
        &mut self,
        order: &[(PathBuf, bool)],
        progress: ProgressFn<'_>,
    ) -> Result<Vec<ImportSummary>, StoreError> {
        self.load(true, |tx, keys| {
            let mut all = Vec::new();
            for (path, tracked) in order {
                let (key, stat) = file_identity(path).map_err(to_sqlite)?;
                all.push(import_file(tx, path, &key, stat, *tracked, keys, progress)?);
            }
            Ok(all)
        })
    }

    /// Brings the store up to date with `files` (the project's TMX files):
    /// new files are imported; if one changed or went away, the store is
    /// rebuilt from the files it indexes.
    pub fn sync(
        &mut self,
        files: &[PathBuf],
        progress: ProgressFn<'_>,
    ) -> Result<SyncSummary, StoreError> {
        self.scratch.borrow_mut().forget_postings();
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
                        self.touch(&key, stat)?;
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
                    } else {
                        summary.removed.push(path);
                    }
                }
            }
        }
        for (key, path) in &keys {
            if !known.iter().any(|f| f.path == *key) {
                order.push((path.clone(), true));
            }
        }
        summary.imported = self.rebuild(&order, progress)?;
        Ok(summary)
    }

    /// Runs an import `f` in one transaction; `clear`: empty the store
    /// first (a rebuild).
    ///
    /// An import into an empty store is a bulk load: the unit key and
    /// postings indexes are dropped and built again once the rows are in
    /// ([`BULK_INDEXES`]), and `f` gets a map of the keys loaded so far to
    /// find duplicates ([`Keys`]).
    ///
    /// A store that exists stays in WAL mode. A rollback journal would
    /// write the added pages once instead of twice, but its writer locks
    /// readers out until it commits: a `tm lookup` during someone's import
    /// would wait, then fail. (A new database is built without a journal,
    /// where nobody reads it: [`Store::create`].)
    fn load<T>(
        &mut self,
        clear: bool,
        f: impl FnOnce(&rusqlite::Transaction<'_>, &mut Keys) -> Result<T, rusqlite::Error>,
    ) -> Result<T, StoreError> {
        self.in_bulk(|store| store.write(|tx| load_in(tx, clear, f)))
    }

    /// Runs `f`, which writes a whole store or index, with settings for
    /// that, and puts the usual ones back.
    ///
    /// A bulk write appends pages in order and reads few back: a small
    /// cache keeps its memory flat (it holds the keys map and a chunk of
    /// postings besides), and the indexes are sorted in temporary files
    /// rather than in memory (a million units' postings index sorted in
    /// memory took 40 MB more), by two threads: nothing else runs while
    /// they are built at the end.
    fn in_bulk<T>(&mut self, f: impl FnOnce(&mut Store) -> T) -> T {
        let _ = self.conn.execute_batch(
            "PRAGMA cache_size = -8192; PRAGMA temp_store = FILE; PRAGMA threads = 2;",
        );
        let result = f(self);
        let _ = self.conn.execute_batch(&format!(
            "PRAGMA cache_size = {CACHE_KIB}; PRAGMA temp_store = MEMORY; PRAGMA threads = 0;"
        ));
        result
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
                        (SELECT coalesce(sum(n), 0) FROM lang_count),
                        (SELECT count(DISTINCT chunk) FROM posting)",
                [],
                |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
            )
            .map_err(|e| self.db(e))?;
        if (dead > 10_000 && dead * 2 > live) || chunks > 16 {
            self.in_bulk(|store| store.write(super::index::rebuild))?;
        }
        Ok(())
    }
}

/// The transaction of [`Store::load`].
fn load_in<T>(
    tx: &rusqlite::Transaction<'_>,
    clear: bool,
    f: impl FnOnce(&rusqlite::Transaction<'_>, &mut Keys) -> Result<T, rusqlite::Error>,
) -> Result<T, rusqlite::Error> {
    if clear {
        tx.execute_batch(
            "DELETE FROM unit; DELETE FROM lang_count; DELETE FROM pair_count; DELETE FROM posting;
             DELETE FROM file; DELETE FROM sqlite_sequence WHERE name = 'unit';
             UPDATE meta SET value = 0 WHERE key = 'dead';",
        )?;
    }
    // Asked inside the transaction, where no other import can fill the
    // store before this one ends.
    let empty: bool = tx.query_row("SELECT NOT EXISTS (SELECT 1 FROM unit)", [], |r| r.get(0))?;
    let mut keys = Keys::default();
    if empty {
        tx.execute_batch("DROP INDEX IF EXISTS unit_key; DROP INDEX IF EXISTS posting_term;")?;
        keys.bulk = true;
    }
    let value = f(tx, &mut keys)?;
    if empty {
        drop(keys);
        for index in BULK_INDEXES {
            tx.execute_batch(index)?;
        }
    }
    Ok(value)
}

pub(crate) fn db_error(path: &Path, e: rusqlite::Error) -> StoreError {
    if let rusqlite::Error::SqliteFailure(code, _) = &e {
        match code.code {
            rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked => {
                return StoreError::Busy {
                    path: path.to_owned(),
                };
            }
            rusqlite::ErrorCode::NotADatabase | rusqlite::ErrorCode::DatabaseCorrupt => {
                return StoreError::NotADatabase {
                    path: path.to_owned(),
                };
            }
            rusqlite::ErrorCode::ReadOnly => {
                let files = sidecars_not_writable(path);
                if files.is_empty() {
                    return StoreError::ReadOnly {
                        path: path.to_owned(),
                        why: String::new(),
                    };
                }
                return StoreError::TheirSidecars {
                    path: path.to_owned(),
                    files,
                };
            }
            _ => {}
        }
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

/// The WAL files beside the database `path` that the user cannot write,
/// left by a reader who may not write them (SQLite makes them as the user
/// who opens the database first); empty if none.
fn sidecars_not_writable(path: &Path) -> String {
    use rustix::fs::{Access, access};
    let theirs: Vec<String> = ["-wal", "-shm"]
        .iter()
        .map(|suffix| sidecar(path, suffix))
        .filter(|file| {
            access(file, Access::EXISTS).is_ok() && access(file, Access::WRITE_OK).is_err()
        })
        .map(|file| file.display().to_string())
        .collect();
    theirs.join(" and ")
}

/// The file SQLite keeps beside the database `path` (`-wal`, `-shm`):
/// beside the file a link leads to, and with the path's bytes as they are.
fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut name = fs::canonicalize(path)
        .unwrap_or_else(|_| path.to_owned())
        .into_os_string();
    name.push(suffix);
    PathBuf::from(name)
}

/// `path` as an SQLite URI: `file://` and the absolute path, its bytes
/// percent-encoded but for letters, digits and `/._~-` (so that `?`, `#`,
/// `%`, a leading `//` and bytes that are not UTF-8 stay the path's).
fn sqlite_uri(path: &Path) -> String {
    use std::os::unix::ffi::OsStrExt;
    let path = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
    let mut uri = String::from("file://");
    for &b in path.as_os_str().as_bytes() {
        if b.is_ascii_alphanumeric() || b"/._~-".contains(&b) {
            uri.push(char::from(b));
        } else {
            uri.push_str(&format!("%{b:02X}"));
        }
    }
    uri
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

/// Counts every stored unit in the pairs of its source language and each
/// other language it has (migration 3 → 4).
fn fill_pair_counts(tx: &rusqlite::Transaction<'_>) -> Result<(), rusqlite::Error> {
    let mut pairs = Counts::default();
    let mut stmt = tx.prepare("SELECT srclang, variants FROM unit")?;
    let mut rows = stmt.query([])?;
    while let Some(row) = rows.next()? {
        let srclang = row.get_ref(0)?.as_str()?;
        let variants = codec::decode_variants(row.get_ref(1)?.as_blob()?).unwrap_or_default();
        pairs.add_pairs(srclang, variants.iter().map(|v| v.lang.as_str()), 1);
    }
    pairs.write(tx, "pair_count", "target")
}

/// Counts by source language, then a language, changed in memory and
/// added to their table (`lang_count` by tag, `pair_count` by primary
/// language) once a load is written.
#[derive(Debug, Default)]
struct Counts(rustc_hash::FxHashMap<String, rustc_hash::FxHashMap<String, i64>>);

impl Counts {
    fn add(&mut self, srclang: &str, lang: &str, by: i64) {
        // Looked up by `&str` at both levels: no allocation for a pair
        // seen before, and no scan of a list that a file of many language
        // tags made long.
        let langs = match self.0.get_mut(srclang) {
            Some(langs) => langs,
            None => self.0.entry(srclang.to_owned()).or_default(),
        };
        match langs.get_mut(lang) {
            Some(n) => *n += by,
            None => {
                langs.insert(lang.to_owned(), by);
            }
        }
    }

    /// Counts a unit with variants in `tags`, `by`, once in each pair of
    /// its source language and another primary language (`ru` and `ru-RU`
    /// variants make one `en → ru` unit).
    fn add_pairs<'a>(
        &mut self,
        srclang: &str,
        tags: impl Iterator<Item = &'a str> + Clone,
        by: i64,
    ) {
        for (n, tag) in tags.clone().enumerate() {
            let target = crate::lang::primary(tag);
            let first = !tags
                .clone()
                .take(n)
                .any(|t| crate::lang::primary(t).eq_ignore_ascii_case(target));
            if !first || target.eq_ignore_ascii_case(srclang) {
                continue;
            }
            if target.bytes().any(|b| b.is_ascii_uppercase()) {
                self.add(srclang, &target.to_ascii_lowercase(), by);
            } else {
                self.add(srclang, target, by);
            }
        }
    }

    /// Adds the changes to `table`, whose columns are `srclang`, `column`
    /// and `n`; rows down to 0 go.
    fn write(
        &self,
        tx: &rusqlite::Transaction<'_>,
        table: &str,
        column: &str,
    ) -> Result<(), rusqlite::Error> {
        let mut upsert = tx.prepare_cached(&format!(
            "INSERT INTO {table} (srclang, {column}, n) VALUES (?1, ?2, ?3)
             ON CONFLICT(srclang, {column}) DO UPDATE SET n = n + ?3"
        ))?;
        for (srclang, langs) in &self.0 {
            for (lang, n) in langs {
                upsert.execute(params![srclang, lang, n])?;
            }
        }
        tx.execute(&format!("DELETE FROM {table} WHERE n <= 0"), [])?;
        Ok(())
    }
}

/// The language tarjuman has rules for, if any, of a tag.
pub(crate) fn rules_lang(tag: &str) -> Option<Lang> {
    tag.parse().ok()
}

pub(crate) fn to_json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "[]".into())
}

/// The largest number of variants a unit may have: a variant's id in the
/// word index is `unit id × 64 + its position`.
pub(crate) const MAX_VARIANTS: usize = 64;

/// The id of the `n`-th variant of unit `unit` in the word index.
pub(crate) fn variant_id(unit: i64, n: usize) -> i64 {
    unit * MAX_VARIANTS as i64 + n as i64
}

/// The unit and position of a variant id.
pub(crate) fn split_variant_id(id: i64) -> (i64, usize) {
    (
        id / MAX_VARIANTS as i64,
        (id % MAX_VARIANTS as i64) as usize,
    )
}

/// Units keyed by the keying thread, ready to be stored, a batch at a
/// time: fixed-size records over buffers the batch shares, so that a batch
/// is a handful of allocations rather than a dozen per unit.
#[derive(Debug, Default)]
struct Batch {
    units: Vec<Keyed>,
    variants: Vec<KeyedVariant>,
    /// Tuids, dates, source languages and language tags.
    text: String,
    /// Encoded variants ([`codec::encode_variants`]) and extras
    /// ([`codec::encode_extra`]).
    bytes: Vec<u8>,
    /// The variants' term ids ([`VariantTerms`]).
    ids: Vec<u32>,
    /// Languages and terms first seen in this batch.
    vocabulary: Vocabulary,
}

/// A unit in a [`Batch`]; ranges are into the batch's buffers.
#[derive(Debug)]
struct Keyed {
    key: i64,
    /// The context key of the previous unit's source.
    prev: Option<i64>,
    tuid: Option<Range<usize>>,
    /// `changedate`, else `creationdate`, else empty.
    date: Range<usize>,
    /// The primary language of the source.
    srclang: Range<usize>,
    extra: Range<usize>,
    blob: Range<usize>,
    variants: Range<usize>,
}

/// A variant in a [`Batch`]: its language, interned and as written, and
/// its index terms.
#[derive(Debug)]
struct KeyedVariant {
    lang: u16,
    tag: Range<usize>,
    terms: VariantTerms,
}

impl Batch {
    fn str(&self, at: &Range<usize>) -> &str {
        self.text.get(at.clone()).unwrap_or_default()
    }

    fn bytes(&self, at: &Range<usize>) -> &[u8] {
        self.bytes.get(at.clone()).unwrap_or_default()
    }

    fn ids(&self, at: &Range<usize>) -> &[u32] {
        self.ids.get(at.clone()).unwrap_or_default()
    }

    /// Empties the batch, keeping its buffers unless a huge unit grew one.
    fn clear(&mut self) {
        self.units.clear();
        self.variants.clear();
        self.text.clear();
        if self.bytes.capacity() > KEEP_BYTES {
            self.bytes = Vec::new();
        }
        self.bytes.clear();
        self.ids.clear();
        self.vocabulary = Vocabulary::default();
    }

    fn push_str(&mut self, s: &str) -> Range<usize> {
        let start = self.text.len();
        self.text.push_str(s);
        start..self.text.len()
    }
}

/// Units travel from the reading thread in batches of this many.
const BATCH: usize = 256;

/// A batch's encoded units take about 100 KiB; a buffer grown past this
/// by a huge unit is let go instead of reused.
const KEEP_BYTES: usize = 16 << 20;

enum Message {
    Units(Batch),
    Error(StoreError),
    /// The end of the file: its hash and the bytes read.
    Done(u64),
    Progress(u64),
}

/// What the reading thread hands the keying thread.
enum Read {
    Units(Vec<Unit>),
    Progress(u64),
    Error(StoreError),
    /// The end of the file: its hash.
    Done(u64),
}

/// Reads `reader` on this thread and sends its units in batches.
///
/// The keying thread hands the batches back once it has read them, and
/// they are emptied here: memory is freed by the thread that allocated it,
/// which for the allocator is a local free instead of a hand-over between
/// threads (freeing them there took a twentieth of an import).
fn read_units(
    mut reader: Reader<std::io::BufReader<fs::File>>,
    send: std::sync::mpsc::SyncSender<Read>,
    returned: std::sync::mpsc::Receiver<Vec<Unit>>,
) {
    let next_batch = || match returned.try_recv() {
        Ok(mut units) => {
            units.clear();
            units
        }
        Err(_) => Vec::with_capacity(BATCH),
    };
    let mut batch = next_batch();
    let mut last_report = 0u64;
    loop {
        let unit = match reader.next_unit() {
            Ok(Some(unit)) => unit,
            Ok(None) => break,
            Err(e) => {
                let _ = send.send(Read::Error(e.into()));
                return;
            }
        };
        if unit.variants.len() > MAX_VARIANTS {
            let error = reader.unit_error(format!(
                "the unit has {} variants; tarjuman stores at most {MAX_VARIANTS}",
                unit.variants.len()
            ));
            let _ = send.send(Read::Error(StoreError::Tmx(error)));
            return;
        }
        batch.push(unit);
        if batch.len() == BATCH {
            let full = std::mem::replace(&mut batch, next_batch());
            if send.send(Read::Units(full)).is_err() {
                return;
            }
            let done = reader.bytes_read();
            if done - last_report > 1 << 20 {
                last_report = done;
                let _ = send.send(Read::Progress(done));
            }
        }
    }
    if !batch.is_empty() && send.send(Read::Units(batch)).is_err() {
        return;
    }
    let _ = send.send(Read::Done(reader.hash()));
}

/// Keys and tokenizes the units the reading thread sends, on this thread,
/// and passes them on to the writer with the terms first seen in them. The
/// writer hands the batches back once written, to be filled again.
fn key_units(
    receive: std::sync::mpsc::Receiver<Read>,
    header_srclang: Option<String>,
    send: std::sync::mpsc::SyncSender<Message>,
    give_back: std::sync::mpsc::Sender<Vec<Unit>>,
    spent: std::sync::mpsc::Receiver<Batch>,
) {
    let mut keyer = Keyer {
        header_srclang,
        ..Keyer::default()
    };
    for read in receive {
        let message = match read {
            Read::Units(units) => {
                let mut batch = match spent.try_recv() {
                    Ok(mut batch) => {
                        batch.clear();
                        batch
                    }
                    Err(_) => Batch::default(),
                };
                for unit in &units {
                    keyer.key(unit, &mut batch);
                }
                batch.vocabulary = keyer.interner.take_new();
                // Freed by the reader (it may have ended: then here).
                let _ = give_back.send(units);
                Message::Units(batch)
            }
            Read::Progress(done) => Message::Progress(done),
            Read::Error(e) => Message::Error(e),
            Read::Done(hash) => Message::Done(hash),
        };
        let last = matches!(message, Message::Error(_) | Message::Done(_));
        if send.send(message).is_err() || last {
            return;
        }
    }
    // The reader ended without a word (it panicked): dropping `send` tells
    // the writer.
}

/// What the keying thread keeps from one unit to the next.
#[derive(Debug, Default)]
struct Keyer {
    header_srclang: Option<String>,
    /// The context key of the previous unit's source.
    prev: Option<i64>,
    interner: Interner,
    scratch: TermScratch,
    plang: String,
}

impl Keyer {
    /// Adds `unit` to `batch`, unless it has no source variant.
    fn key(&mut self, unit: &Unit, batch: &mut Batch) {
        let Some(at) = unit.source_index(self.header_srclang.as_deref()) else {
            return;
        };
        let Some(source) = unit.variants.get(at) else {
            return;
        };
        let srclang = batch.push_str(crate::lang::primary(&source.lang));
        if let Some(s) = batch.text.get_mut(srclang.clone()) {
            s.make_ascii_lowercase();
        }
        let key = unit_key(batch.str(&srclang), &source.seg);
        let first = batch.variants.len();
        let mut context = None;
        for (n, variant) in unit.variants.iter().enumerate() {
            self.plang.clear();
            self.plang.push_str(crate::lang::primary(&variant.lang));
            self.plang.make_ascii_lowercase();
            let lang = self.interner.lang(&self.plang);
            let terms = VariantTerms::compute(
                &mut self.interner,
                lang,
                &variant.text,
                rules_lang(&self.plang),
                &mut self.scratch,
                n == at,
                &mut batch.ids,
            );
            if n == at {
                context = terms.context;
            }
            let tag = batch.push_str(&variant.lang);
            batch.variants.push(KeyedVariant { lang, tag, terms });
        }
        let start = batch.bytes.len();
        codec::encode_extra(&unit.attrs, &unit.annotations, &mut batch.bytes);
        let extra = start..batch.bytes.len();
        codec::encode_variants(&unit.variants, &mut batch.bytes);
        let blob = extra.end..batch.bytes.len();
        let keyed = Keyed {
            key,
            prev: std::mem::replace(&mut self.prev, context),
            tuid: unit.id().map(|tuid| batch.push_str(tuid)),
            date: batch.push_str(unit.date().unwrap_or_default()),
            srclang,
            extra,
            blob,
            variants: first..batch.variants.len(),
        };
        batch.units.push(keyed);
    }
}

fn import_file(
    tx: &rusqlite::Transaction<'_>,
    path: &Path,
    key: &str,
    stat: Stat,
    tracked: bool,
    keys: &mut Keys,
    progress: ProgressFn<'_>,
) -> Result<ImportSummary, rusqlite::Error> {
    let reader = Reader::open(path).map_err(to_sqlite)?;
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
    let mut summary = ImportSummary {
        path: path.to_owned(),
        ..ImportSummary::default()
    };
    let total = stat.size.max(0) as u64;
    let hash = std::thread::scope(|scope| -> Result<u64, rusqlite::Error> {
        // The receiver lives in this closure: returning early (an error)
        // drops it, which unblocks and ends the keying and reading threads.
        let (send, receive) = std::sync::mpsc::sync_channel::<Message>(16);
        let (send_read, receive_read) = std::sync::mpsc::sync_channel::<Read>(8);
        let (give_back, returned) = std::sync::mpsc::channel::<Vec<Unit>>();
        let (written, spent) = std::sync::mpsc::channel::<Batch>();
        scope.spawn(move || read_units(reader, send_read, returned));
        scope.spawn(move || key_units(receive_read, header_srclang, send, give_back, spent));
        let mut writer = UnitWriter::new(tx, file_id, keys)?;
        for message in receive.iter() {
            match message {
                Message::Units(mut batch) => {
                    writer.postings.learn(std::mem::take(&mut batch.vocabulary));
                    for unit in &batch.units {
                        writer.write(&batch, unit, &mut summary)?;
                    }
                    let _ = written.send(batch);
                }
                Message::Progress(done) => progress(Progress { path, done, total }),
                Message::Error(e) => return Err(to_sqlite(e)),
                Message::Done(hash) => {
                    writer.finish()?;
                    return Ok(hash);
                }
            }
        }
        // The parser ended without a word: it panicked.
        Err(to_sqlite(StoreError::Io {
            path: path.to_owned(),
            source: std::io::Error::other("the TMX reader stopped unexpectedly"),
        }))
    })?;
    tx.execute(
        "UPDATE file SET hash = ?2, units = ?3 WHERE id = ?1",
        params![file_id, format!("{hash:016x}"), summary.units as i64],
    )?;
    progress(Progress {
        path,
        done: total,
        total,
    });
    Ok(summary)
}

/// The keys of the units a bulk load has written, and their ids: with the
/// key index dropped, duplicates are found here.
#[derive(Debug, Default)]
struct Keys {
    bulk: bool,
    ids: KeyIds,
}

/// Unit keys and ids, in 64 maps by the key's top bits: a map that grows
/// holds its old and new table at once for a moment, and 64 small ones
/// never do so for the whole million.
#[derive(Debug, Default)]
struct KeyIds(Vec<rustc_hash::FxHashMap<i64, i64>>);

impl KeyIds {
    const SHARDS: usize = 64;

    fn shard(&self, key: i64) -> Option<&rustc_hash::FxHashMap<i64, i64>> {
        // Keys are hashes: their top bits are evenly spread.
        self.0.get((key as u64 >> 58) as usize)
    }

    fn get(&self, key: &i64) -> Option<&i64> {
        self.shard(*key)?.get(key)
    }

    fn contains_key(&self, key: &i64) -> bool {
        self.get(key).is_some()
    }

    fn insert(&mut self, key: i64, id: i64) {
        if self.0.is_empty() {
            self.0.resize_with(Self::SHARDS, Default::default);
        }
        if let Some(shard) = self.0.get_mut((key as u64 >> 58) as usize) {
            shard.insert(key, id);
        }
    }

    fn remove(&mut self, key: &i64) {
        if let Some(shard) = self.0.get_mut((*key as u64 >> 58) as usize) {
            shard.remove(key);
        }
    }
}

/// Writes keyed units into the store: a new unit is inserted, a stored
/// one replaced only by a newer version.
struct UnitWriter<'t, 'k> {
    tx: &'t rusqlite::Transaction<'t>,
    file: i64,
    ord: i64,
    insert: rusqlite::CachedStatement<'t>,
    find: rusqlite::CachedStatement<'t>,
    remove: rusqlite::CachedStatement<'t>,
    keys: &'k mut Keys,
    postings: PostingBuilder,
    /// Changes to the variant counts per source language and language
    /// tag: source language, then language tag.
    counts: Counts,
    /// Changes to the unit counts per language pair: source language,
    /// then the primary language of a target.
    pairs: Counts,
    dead: i64,
}

impl<'t, 'k> UnitWriter<'t, 'k> {
    fn new(
        tx: &'t rusqlite::Transaction<'t>,
        file: i64,
        keys: &'k mut Keys,
    ) -> Result<Self, rusqlite::Error> {
        // Without the key index (a bulk load) there is no conflict to
        // detect: `keys` says which units are new.
        let insert = if keys.bulk {
            "INSERT INTO unit (key, file, ord, srclang, tuid, date, prev, extra, variants)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
        } else {
            "INSERT INTO unit (key, file, ord, srclang, tuid, date, prev, extra, variants)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT(key) DO NOTHING"
        };
        Ok(UnitWriter {
            tx,
            file,
            ord: 0,
            insert: tx.prepare_cached(insert)?,
            find: tx.prepare_cached(if keys.bulk {
                "SELECT id, date, variants FROM unit WHERE id = ?1"
            } else {
                "SELECT id, date, variants FROM unit WHERE key = ?1"
            })?,
            remove: tx.prepare_cached("DELETE FROM unit WHERE id = ?1")?,
            keys,
            postings: PostingBuilder::new(tx)?,
            counts: Counts::default(),
            pairs: Counts::default(),
            dead: 0,
        })
    }

    /// Inserts the unit unless its key is stored; the number of rows
    /// inserted.
    fn insert_row(&mut self, batch: &Batch, unit: &Keyed) -> Result<usize, rusqlite::Error> {
        if self.keys.bulk && self.keys.ids.contains_key(&unit.key) {
            return Ok(0);
        }
        let n = self.insert.execute(params![
            unit.key,
            self.file,
            self.ord,
            batch.str(&unit.srclang),
            unit.tuid.as_ref().map(|tuid| batch.str(tuid)),
            batch.str(&unit.date),
            unit.prev,
            batch.bytes(&unit.extra),
            batch.bytes(&unit.blob)
        ])?;
        if self.keys.bulk {
            self.keys.ids.insert(unit.key, self.tx.last_insert_rowid());
        }
        Ok(n)
    }

    fn write(
        &mut self,
        batch: &Batch,
        unit: &Keyed,
        summary: &mut ImportSummary,
    ) -> Result<(), rusqlite::Error> {
        summary.units += 1;
        self.ord += 1;
        let date = batch.str(&unit.date);
        let srclang = batch.str(&unit.srclang);
        let inserted = self.insert_row(batch, unit)?;
        let id = if inserted == 1 {
            summary.added += 1;
            self.tx.last_insert_rowid()
        } else {
            let by = match self.keys.ids.get(&unit.key) {
                Some(&id) if self.keys.bulk => id,
                _ => unit.key,
            };
            let (id, stored, old): (i64, String, Vec<u8>) = self
                .find
                .query_row([by], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
            if date <= stored.as_str() {
                if date == stored {
                    summary.unchanged += 1;
                } else {
                    summary.older += 1;
                }
                return Ok(());
            }
            // The newer version gets a new id (ids are never reused), so
            // the old version's index entries name a unit that is gone.
            self.remove.execute([id])?;
            self.keys.ids.remove(&unit.key);
            self.insert_row(batch, unit)?;
            summary.updated += 1;
            // The old variants leave the counts; their index entries die.
            let old = codec::decode_variants(&old).unwrap_or_default();
            for variant in &old {
                self.counts.add(srclang, &variant.lang, -1);
                self.dead += 1;
            }
            self.pairs
                .add_pairs(srclang, old.iter().map(|v| v.lang.as_str()), -1);
            self.tx.last_insert_rowid()
        };
        let variants = batch
            .variants
            .get(unit.variants.clone())
            .unwrap_or_default();
        self.pairs
            .add_pairs(srclang, variants.iter().map(|v| batch.str(&v.tag)), 1);
        for (n, variant) in variants.iter().enumerate() {
            self.counts.add(srclang, batch.str(&variant.tag), 1);
            let id = variant_id(id, n);
            let terms = &variant.terms;
            self.postings.add(
                self.tx,
                variant.lang,
                id,
                terms.words,
                batch.ids(&terms.terms),
            )?;
            if !terms.pairs.is_empty() {
                self.postings.add(
                    self.tx,
                    variant.lang,
                    id,
                    terms.chars,
                    batch.ids(&terms.pairs),
                )?;
            }
        }
        Ok(())
    }

    fn finish(self) -> Result<(), rusqlite::Error> {
        self.postings.finish(self.tx)?;
        self.counts.write(self.tx, "lang_count", "lang")?;
        self.pairs.write(self.tx, "pair_count", "target")?;
        if self.dead > 0 {
            self.tx.execute(
                "UPDATE meta SET value = value + ?1 WHERE key = 'dead'",
                [self.dead],
            )?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A store at `path` with one unit.
    fn one_unit(path: &Path, text: &str) {
        let tmx = path.with_extension("tmx");
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        let unit = format!(
            "<tu><tuv xml:lang=\"en\"><seg>{text}</seg></tuv>\
             <tuv xml:lang=\"ru\"><seg>Перевод.</seg></tuv></tu>"
        );
        std::fs::write(&tmx, super::super::test_tmx(&unit)).unwrap();
        let mut store = Store::open(path).unwrap();
        store.import(&[tmx], false, &mut |_| {}).unwrap();
    }

    #[test]
    fn read_only_paths_reach_sqlite_as_they_are() {
        use std::os::unix::ffi::OsStrExt;
        let dir = tempfile::tempdir().unwrap();
        let odd = std::ffi::OsStr::from_bytes(b"a b?c#d%20e\xff");
        let path = dir.path().join(odd).join("tm.sqlite");
        one_unit(&path, "Odd folder.");
        for immutable in [false, true] {
            let store = Store::open_uri(&path, immutable).unwrap();
            assert_eq!(store.stats().unwrap().units, 1);
        }
        let mut doubled = std::ffi::OsString::from("/");
        doubled.push(path.as_os_str());
        assert!(
            Store::open_uri(Path::new(&doubled), false).is_ok(),
            "through `//`"
        );

        // A writer holds changes in the `-wal`: a read-only reader sees
        // them, by the path and through a link (SQLite keeps the `-wal`
        // beside the file the link leads to).
        let writer = Connection::open(&path).unwrap();
        writer
            .execute_batch("PRAGMA wal_autocheckpoint = 0; DELETE FROM unit;")
            .unwrap();
        let link = dir.path().join("link.sqlite");
        std::os::unix::fs::symlink(&path, &link).unwrap();
        for path in [&path, &link] {
            let store = Store::open_read_only(path).unwrap();
            assert!(store.frozen.is_none(), "read through the -shm");
            let units: i64 = store
                .conn
                .query_row("SELECT count(*) FROM unit", [], |r| r.get(0))
                .unwrap();
            assert_eq!(units, 0, "{}", path.display());
        }
        drop(writer);
    }

    #[test]
    fn an_immutable_store_written_meanwhile_answers_no_more() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("tm.sqlite");
        one_unit(&path, "First.");
        let reader = Store::open_uri(&path, true).unwrap();
        assert_eq!(reader.stats().unwrap().units, 1);
        // Its owner writes it.
        one_unit(&dir.path().join("second.sqlite"), "unused");
        let mut owner = Store::open(&path).unwrap();
        owner
            .import(&[dir.path().join("second.tmx")], false, &mut |_| {})
            .unwrap();
        drop(owner);
        for err in [
            reader.stats().map(|_| ()).unwrap_err(),
            reader
                .concordance("First", None, 5)
                .map(|_| ())
                .unwrap_err(),
        ] {
            assert!(matches!(err, StoreError::Changed { .. }), "{err}");
            assert!(err.to_string().contains("changed while it was read"));
        }
    }

    #[test]
    fn variant_ids_split_back() {
        assert_eq!(split_variant_id(variant_id(12345, 7)), (12345, 7));
        assert_eq!(
            split_variant_id(variant_id(1, MAX_VARIANTS - 1)),
            (1, MAX_VARIANTS - 1)
        );
    }

    #[test]
    fn variants_are_counted_per_language_tag_however_many_tags() {
        let dir = tempfile::tempdir().unwrap();
        let mut units = String::new();
        // Every unit a tag of its own, some twice, and one plain `ru`.
        for i in 0..300 {
            let tag = format!("x-t{}", i % 200);
            units.push_str(&format!(
                "<tu><tuv xml:lang=\"en\"><seg>Unit {i}.</seg></tuv>\
                 <tuv xml:lang=\"{tag}\"><seg>Variant {i}.</seg></tuv>\
                 <tuv xml:lang=\"ru\"><seg>Вариант {i}.</seg></tuv></tu>\n"
            ));
        }
        let path = dir.path().join("tags.tmx");
        std::fs::write(&path, super::super::test_tmx(&units)).unwrap();
        let mut store = Store::open(&dir.path().join("tm.sqlite")).unwrap();
        store.import(&[path], false, &mut |_| {}).unwrap();
        let stats = store.stats().unwrap();
        assert_eq!(stats.languages.len(), 202);
        let count = |lang: &str| {
            stats
                .languages
                .iter()
                .find(|l| l.lang == lang)
                .map(|l| l.variants)
        };
        assert_eq!(count("en"), Some(300));
        assert_eq!(count("ru"), Some(300));
        assert_eq!(count("x-t0"), Some(2));
        assert_eq!(count("x-t150"), Some(1));
        assert_eq!(count("x-t199"), Some(1));
    }

    #[test]
    fn a_bulk_load_and_a_rebuild_leave_the_indexes_in_place() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("tm.sqlite")).unwrap();
        let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tm/memory.tmx");
        let indexes = |store: &Store| -> Vec<String> {
            store
                .conn
                .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name")
                .unwrap()
                .query_map([], |r| r.get(0))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap()
        };
        store.import(&[fixture], false, &mut |_| {}).unwrap();
        assert_eq!(indexes(&store), ["posting_term", "unit_key"]);
        let postings = |store: &Store| -> i64 {
            store
                .conn
                .query_row("SELECT count(*) FROM posting", [], |r| r.get(0))
                .unwrap()
        };
        let before = postings(&store);
        assert!(before > 0);
        store.write(super::super::index::rebuild).unwrap();
        assert_eq!(indexes(&store), ["posting_term", "unit_key"]);
        assert_eq!(postings(&store), before);
    }

    #[test]
    fn units_whose_extra_is_the_json_of_earlier_stores_export_the_same() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("tm.sqlite")).unwrap();
        let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tm/memory.tmx");
        store.import(&[fixture], false, &mut |_| {}).unwrap();
        let mut binary = Vec::new();
        store.export(&[], &mut binary).unwrap();
        let extras: Vec<(i64, Vec<u8>)> = store
            .conn
            .prepare("SELECT id, extra FROM unit")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert!(extras.iter().any(|(_, e)| e.first() == Some(&1)));
        for (id, bytes) in extras {
            let extra = codec::decode_extra(&bytes);
            let json = serde_json::json!({"attrs": extra.attrs, "notes": extra.notes});
            store
                .conn
                .execute(
                    "UPDATE unit SET extra = ?2 WHERE id = ?1",
                    params![id, json.to_string()],
                )
                .unwrap();
        }
        let mut from_json = Vec::new();
        store.export(&[], &mut from_json).unwrap();
        assert_eq!(String::from_utf8(from_json), String::from_utf8(binary));
    }

    #[test]
    fn pairs_count_units_not_variants() {
        let dir = tempfile::tempdir().unwrap();
        let (path, tmx) = (dir.path().join("p.sqlite"), dir.path().join("p.tmx"));
        let write = |units: &str| std::fs::write(&tmx, super::super::test_tmx(units)).unwrap();
        let pairs = |store: &Store| -> Vec<(String, String, i64)> {
            let stats = store.stats().unwrap();
            stats
                .pairs
                .into_iter()
                .map(|p| (p.source, p.target, p.units))
                .collect()
        };
        let pair = |s: &str, t: &str, n| (s.to_owned(), t.to_owned(), n);
        write(
            "<tu changedate=\"20240101T000000Z\"><tuv xml:lang=\"en\"><seg>One.</seg></tuv>\
             <tuv xml:lang=\"ru\"><seg>Один.</seg></tuv><tuv xml:lang=\"RU-ru\"><seg>Одна.</seg></tuv></tu>\
             <tu><tuv xml:lang=\"en\"><seg>Two.</seg></tuv><tuv xml:lang=\"ur\"><seg>دو۔</seg></tuv></tu>",
        );
        let mut store = Store::open(&path).unwrap();
        store
            .import(std::slice::from_ref(&tmx), false, &mut |_| {})
            .unwrap();
        assert_eq!(pairs(&store), [pair("en", "ru", 1), pair("en", "ur", 1)]);
        assert_eq!(store.stats().unwrap().variants, 5);
        // A newer version of the first unit in Urdu only: it leaves en → ru.
        write(
            "<tu changedate=\"20250101T000000Z\"><tuv xml:lang=\"en\"><seg>One.</seg></tuv>\
             <tuv xml:lang=\"ur\"><seg>ایک۔</seg></tuv></tu>",
        );
        let other = dir.path().join("q.tmx");
        std::fs::rename(&tmx, &other).unwrap();
        store.import(&[other], false, &mut |_| {}).unwrap();
        assert_eq!(pairs(&store), [pair("en", "ur", 2)]);
        // A store of version 3 gets its counts from its units.
        store
            .conn
            .execute_batch("DROP TABLE pair_count; PRAGMA user_version = 3;")
            .unwrap();
        drop(store);
        let store = Store::open(&path).unwrap();
        assert_eq!(pairs(&store), [pair("en", "ur", 2)]);
    }

    #[test]
    fn a_version_3_store_with_urdu_heh_is_keyed_again() {
        let dir = tempfile::tempdir().unwrap();
        let (path, tmx) = (dir.path().join("v3.sqlite"), dir.path().join("m.tmx"));
        std::fs::write(
            &tmx,
            super::super::test_tmx(
                "<tu><tuv xml:lang=\"en\"><seg>The talks in Gaza.</seg></tuv>\
                 <tuv xml:lang=\"ur\"><seg>غزه میں بات چیت۔</seg></tuv></tu>",
            ),
        )
        .unwrap();
        let found = |store: &Store| store.concordance("غزہ", Some("ur"), 5).unwrap().hits.len();
        {
            let mut store = Store::open(&path).unwrap();
            store.import(&[tmx], false, &mut |_| {}).unwrap();
            assert_eq!(found(&store), 1, "ه after ز is ہ");
            // As version 3 keyed it: ه kept.
            store
                .conn
                .execute_batch(
                    "UPDATE posting SET term = replace(term, 'ہ', 'ه') WHERE plang = 'ur';
                     DROP TABLE pair_count;
                     PRAGMA user_version = 3;",
                )
                .unwrap();
        }
        let mut store = Store::open(&path).unwrap();
        assert_eq!(found(&store), 1, "re-keyed by the migration");
        // The file is read again at the next import.
        let summaries = store
            .import(&[dir.path().join("m.tmx")], false, &mut |_| {})
            .unwrap();
        assert!(summaries.iter().all(|s| !s.skipped), "{summaries:?}");
        assert_eq!(found(&store), 1);
        let stale: i64 = store
            .conn
            .query_row(
                "SELECT count(*) FROM posting WHERE instr(term, 'ه') > 0",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(stale, 0);
    }

    #[test]
    fn a_version_1_store_migrates_keeping_units_postings_and_the_id_sequence() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v1.sqlite");
        {
            let conn = Connection::open(&path).unwrap();
            conn.execute_batch(MIGRATIONS[0]).unwrap();
            conn.execute_batch(
                "INSERT INTO unit (key, file, ord, srclang, tuid, date, prev, extra, variants)
                 VALUES (11, 1, 1, 'en', 'a', '2024', NULL, '', x''),
                        (22, 1, 2, 'en', 'b', '2024', NULL, '', x''),
                        (33, 1, 3, 'en', 'c', '2024', NULL, '', x'');
                 DELETE FROM unit WHERE key = 33;
                 INSERT INTO posting VALUES ('en', 'senate', 1, 2, x'4001'),
                                            ('en', 'senate', 2, 1, x'80'),
                                            ('ru', 'сенат', 1, 1, x'41');
                 PRAGMA user_version = 1;",
            )
            .unwrap();
        }
        let store = Store::open(&path).unwrap();
        let conn = &store.conn;
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(version, SCHEMA_VERSION);
        let units: Vec<(i64, i64)> = conn
            .prepare("SELECT id, key FROM unit ORDER BY id")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(units, [(1, 11), (2, 22)]);
        let postings: Vec<(String, String, i64, i64, Vec<u8>)> = conn
            .prepare("SELECT plang, term, chunk, n, ids FROM posting WHERE plang = 'en'")
            .unwrap()
            .query_map([], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(
            postings,
            [
                ("en".into(), "senate".into(), 1, 2, vec![0x40, 0x01]),
                ("en".into(), "senate".into(), 2, 1, vec![0x80])
            ]
        );
        let plan: String = conn
            .query_row(
                "EXPLAIN QUERY PLAN SELECT ids FROM posting WHERE plang = 'ru' AND term = 'сенат'",
                [],
                |r| r.get(3),
            )
            .unwrap();
        assert!(plan.contains("posting_term"), "{plan}");
        // Ids are never reused: the deleted unit's id stays taken.
        conn.execute(
            "INSERT INTO unit (key, file, ord, srclang, date, extra, variants)
             VALUES (44, 1, 4, 'en', '2024', '', x'')",
            [],
        )
        .unwrap();
        assert_eq!(conn.last_insert_rowid(), 4);
        // Keys are still unique, now through the named index.
        let duplicate = conn.execute(
            "INSERT INTO unit (key, file, ord, srclang, date, extra, variants)
             VALUES (11, 1, 5, 'en', '2024', '', x'')",
            [],
        );
        assert!(duplicate.is_err());
        let index: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE name = 'unit_key'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(index, 1);
    }
}
