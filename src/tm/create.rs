//! A new database, made whole before it takes its name.
//!
//! The first import into a `--db` that does not exist yet (and the first
//! use of a project's memory) builds the store in a file of its own beside
//! it, `.NAME.PID-N.building`, and gives it its name with a hard link only
//! once it is complete. So:
//!
//! - an import that fails, or is killed, leaves no database behind (and a
//!   later command says "no such database", not "no match" from an empty
//!   one);
//! - nobody else reads the file while it is built, so it needs no journal:
//!   its pages are written once instead of twice (WAL, then checkpoint),
//!   which takes about a tenth off a large first import. It is switched to WAL,
//!   like every store, before it is published;
//! - a reader meanwhile is told that the database is being made.
//!
//! The builder holds an exclusive `flock` on its file for as long as it
//! lives. A file left by a killed import holds no lock: the next build
//! beside it removes it, and so does a command given that `--db`. A
//! command that needs a project's memory while it is being made waits.
//!
//! Two imports that make the same new database at once both build one;
//! the first to finish publishes it, and the second imports its files into
//! that one instead (they are usually found unchanged and skipped).

use std::fs::{self, File, OpenOptions};
use std::io;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use super::store::{BUSY_TIMEOUT, ImportSummary, ProgressFn, Store, StoreError};

/// How a file being built ends its name.
const BUILDING: &str = ".building";

impl Store {
    /// Makes the database at `path`, which does not exist, from `files`
    /// (`tracked`: as [`Store::import`] takes it), and opens it.
    pub fn create(
        path: &Path,
        files: &[PathBuf],
        tracked: bool,
        progress: ProgressFn<'_>,
    ) -> Result<(Store, Vec<ImportSummary>), StoreError> {
        let io_error = |source| StoreError::Io {
            path: path.to_owned(),
            source,
        };
        // A link to a database still to be made: it is made where the link
        // points, so that the link is not in the way of publishing it.
        let path = &where_made(path);
        let building = Building::new(path).map_err(io_error)?;
        let mut store = Store::open_unjournaled(building.path(), path)?;
        let summaries = store.import(files, tracked, progress)?;
        store.finish_building()?;
        if building.publish(path).map_err(io_error)? {
            return Ok((Store::open(path)?, summaries));
        }
        // Another import made it meanwhile: these files go into that one.
        let mut store = Store::open(path)?;
        let summaries = store.import(files, tracked, progress)?;
        Ok((store, summaries))
    }

    /// Whether an import is making the database at `path`.
    pub fn being_made(path: &Path) -> bool {
        let mut found = false;
        for_each_building(&where_made(path), |file| {
            if let Ok(file) = File::open(file) {
                found |= matches!(file.try_lock(), Err(fs::TryLockError::WouldBlock));
            }
        });
        found
    }

    /// Waits (up to [`BUSY_TIMEOUT`]) while an import makes the database at
    /// `path`; whether it is still being made.
    pub fn wait_while_made(path: &Path) -> bool {
        let started = Instant::now();
        while Store::being_made(path) {
            if started.elapsed() >= BUSY_TIMEOUT {
                return true;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        false
    }

    /// Removes what imports that were killed while making the database at
    /// `path` left beside it.
    pub fn remove_abandoned(path: &Path) {
        for_each_building(&where_made(path), |path| {
            let Ok(file) = OpenOptions::new().read(true).write(true).open(path) else {
                return;
            };
            if file.try_lock().is_ok() {
                let _ = fs::remove_file(path);
            }
        });
    }
}

/// The file a new database is built in: removed when dropped, unless it
/// has been published.
#[derive(Debug)]
struct Building {
    path: PathBuf,
    /// Open, and locked, for as long as the build goes on.
    file: File,
    published: bool,
}

impl Building {
    /// Makes an empty file beside `target` (an empty file is a new SQLite
    /// database), after removing any that a killed build left there.
    fn new(target: &Path) -> io::Result<Building> {
        static COUNT: AtomicU32 = AtomicU32::new(0);
        if let Some(dir) = parent(target) {
            fs::create_dir_all(dir)?;
        }
        Store::remove_abandoned(target);
        loop {
            let n = COUNT.fetch_add(1, Ordering::Relaxed);
            let mut name = prefix(target);
            name.push(format!("{}-{n}{BUILDING}", std::process::id()));
            let path = target.with_file_name(name);
            // The permissions SQLite gives a database it makes.
            let file = match OpenOptions::new()
                .read(true)
                .write(true)
                .create_new(true)
                .mode(0o644)
                .open(&path)
            {
                Ok(file) => file,
                Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
                Err(e) => return Err(e),
            };
            file.lock()?;
            // Another process may have taken the file for abandoned, and
            // removed it, in the moment before it was locked.
            if same_inode(&file, &path) {
                return Ok(Building {
                    path,
                    file,
                    published: false,
                });
            }
        }
    }

    fn path(&self) -> &Path {
        &self.path
    }

    /// Gives the finished database the name `target`, unless a file has
    /// taken it meanwhile (`false`).
    fn publish(mut self, target: &Path) -> io::Result<bool> {
        self.file.sync_all()?;
        match fs::hard_link(&self.path, target) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => return Ok(false),
            // A file system without hard links: a rename, which would
            // replace a database made in the moment since this check.
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::Unsupported | io::ErrorKind::PermissionDenied
                ) =>
            {
                if target.exists() {
                    return Ok(false);
                }
                fs::rename(&self.path, target)?;
                self.published = true;
            }
            Err(e) => return Err(e),
        }
        File::open(parent(target).unwrap_or(Path::new(".")))?.sync_all()?;
        Ok(true)
    }
}

impl Drop for Building {
    fn drop(&mut self) {
        if !self.published {
            let _ = fs::remove_file(&self.path);
        }
    }
}

/// Where the database at `path` is made: where links lead.
fn where_made(path: &Path) -> PathBuf {
    crate::io::follow_links(path).unwrap_or_else(|_| path.to_owned())
}

/// Calls `f` with each file beside `target` that a build of it may use:
/// `.NAME.PID-N.building`.
fn for_each_building(target: &Path, mut f: impl FnMut(&Path)) {
    use std::os::unix::ffi::OsStrExt;
    let prefix = prefix(target);
    let dir = parent(target).unwrap_or(Path::new("."));
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let numbers = name
            .as_bytes()
            .strip_prefix(prefix.as_bytes())
            .and_then(|rest| rest.strip_suffix(BUILDING.as_bytes()))
            .and_then(|numbers| {
                let dash = numbers.iter().position(|&b| b == b'-')?;
                Some(numbers.split_at(dash))
            });
        let digits = |s: &[u8]| !s.is_empty() && s.iter().all(u8::is_ascii_digit);
        if numbers.is_some_and(|(pid, n)| digits(pid) && n.get(1..).is_some_and(digits)) {
            f(&entry.path());
        }
    }
}

/// `.NAME.`: how the names of `target`'s builds begin (its name's bytes
/// as they are).
fn prefix(target: &Path) -> std::ffi::OsString {
    let mut prefix = std::ffi::OsString::from(".");
    prefix.push(target.file_name().unwrap_or("tm".as_ref()));
    prefix.push(".");
    prefix
}

fn parent(path: &Path) -> Option<&Path> {
    path.parent().filter(|d| !d.as_os_str().is_empty())
}

fn same_inode(file: &File, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (file.metadata(), fs::metadata(path)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_build_is_removed_unless_published() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("tm.sqlite");
        let building = Building::new(&target).unwrap();
        assert!(Store::being_made(&target));
        drop(building);
        assert!(!Store::being_made(&target));
        assert!(names(dir.path()).is_empty());

        let building = Building::new(&target).unwrap();
        fs::write(building.path(), "built").unwrap();
        assert!(building.publish(&target).unwrap());
        assert_eq!(names(dir.path()), ["tm.sqlite"]);
        assert_eq!(fs::read_to_string(&target).unwrap(), "built");
    }

    #[test]
    fn names_that_are_not_utf8_keep_their_builds_apart() {
        use std::os::unix::ffi::OsStrExt;
        let dir = tempfile::tempdir().unwrap();
        let name = |bytes: &[u8]| dir.path().join(std::ffi::OsStr::from_bytes(bytes));
        let (a, b) = (name(b"tm\xff.sqlite"), name(b"tm\xfe.sqlite"));
        let building = Building::new(&a).unwrap();
        assert!(Store::being_made(&a));
        assert!(!Store::being_made(&b));
        let built = building.path().file_name().unwrap().as_bytes();
        assert!(built.starts_with(b".tm\xff.sqlite."), "{built:?}");
    }

    #[test]
    fn a_wait_ends_when_the_build_does() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("tm.sqlite");
        assert!(!Store::wait_while_made(&target), "nothing to wait for");
        let building = Building::new(&target).unwrap();
        let started = Instant::now();
        let builder = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(300));
            drop(building);
        });
        assert!(!Store::wait_while_made(&target));
        assert!(started.elapsed() >= Duration::from_millis(300));
        builder.join().unwrap();
    }

    #[test]
    fn a_name_taken_meanwhile_is_not_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("tm.sqlite");
        let building = Building::new(&target).unwrap();
        fs::write(&target, "the other's").unwrap();
        assert!(!building.publish(&target).unwrap());
        assert_eq!(fs::read_to_string(&target).unwrap(), "the other's");
        assert_eq!(names(dir.path()), ["tm.sqlite"]);
    }

    #[test]
    fn a_database_made_meanwhile_takes_the_files_instead() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("tm.sqlite");
        let tmx = |name: &str, text: &str| {
            let path = dir.path().join(name);
            let unit = format!(
                "<tu><tuv xml:lang=\"en\"><seg>{text}</seg></tuv>\
                 <tuv xml:lang=\"ru\"><seg>Перевод: {text}</seg></tuv></tu>"
            );
            fs::write(&path, crate::tm::test_tmx(&unit)).unwrap();
            path
        };
        let (a, b) = (tmx("a.tmx", "Mine."), tmx("b.tmx", "The other's."));
        // While this build reads its file, another import makes the
        // database.
        let mut made = false;
        let (store, summaries) = Store::create(&target, &[a], false, &mut |_| {
            if !made {
                made = true;
                let mut other = Store::open(&target).unwrap();
                other
                    .import(std::slice::from_ref(&b), false, &mut |_| {})
                    .unwrap();
            }
        })
        .unwrap();
        assert!(made);
        assert_eq!(summaries.len(), 1);
        assert_eq!(summaries[0].added, 1);
        assert_eq!(store.stats().unwrap().units, 2, "both files' units");
        assert_eq!(store.path(), target);
        drop(store);
        let left = names(dir.path());
        assert!(!left.iter().any(|n| n.ends_with(BUILDING)), "{left:?}");
    }

    #[test]
    fn abandoned_builds_are_removed_and_live_ones_kept() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("tm.sqlite");
        // What a killed build leaves: a file nobody locks.
        let abandoned = dir.path().join(".tm.sqlite.1-0.building");
        fs::write(&abandoned, "half").unwrap();
        // Other databases' builds (one whose name starts with this one's),
        // and a file of the user's.
        let other = dir.path().join(".other.sqlite.1-0.building");
        fs::write(&other, "half").unwrap();
        let backup = Building::new(&dir.path().join("tm.sqlite.bak")).unwrap();
        assert!(!Store::being_made(&target));
        fs::write(dir.path().join("notes.txt"), "mine").unwrap();
        assert!(!Store::being_made(&target));
        let live = Building::new(&target).unwrap();
        assert!(!abandoned.exists());
        assert!(other.exists());
        // A second build keeps the first, which is locked.
        let second = Building::new(&target).unwrap();
        assert!(live.path().exists());
        assert_ne!(live.path(), second.path());
        assert!(backup.path().exists(), "another database's");
        drop((live, second, backup));
        assert_eq!(
            names(dir.path()),
            [".other.sqlite.1-0.building", "notes.txt"]
        );
    }
}
