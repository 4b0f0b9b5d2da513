//! Writing files so that nothing is ever half-written.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// Writes a file through `write`, into a temporary file beside `path` that
/// is synced and then renamed over `path`: readers see the old file or the
/// new one, never half of one. If `write` fails, the temporary file goes
/// and `path` is untouched. A path that names a device or a pipe
/// (`/dev/stdout`) is written directly; a symbolic link, where it points.
pub fn write_atomically<T>(
    path: &Path,
    write: impl FnOnce(&mut BufWriter<&File>) -> io::Result<T>,
) -> io::Result<T> {
    let (staged, value) = stage(path, write)?;
    staged.commit()?;
    Ok(value)
}

/// A file written in full but not yet in its place: [`Staged::commit`]
/// puts it there, and dropping it uncommitted removes it. Several files
/// staged first and committed together replace none of the old ones if
/// one of them cannot be written.
#[derive(Debug)]
#[must_use = "a staged file is removed unless committed"]
pub struct Staged {
    /// The temporary file and where it goes; `None` once committed, or
    /// for a device or pipe, written directly.
    rename: Option<(PathBuf, PathBuf)>,
}

impl Staged {
    /// Renames the temporary file over its path.
    pub fn commit(mut self) -> io::Result<()> {
        match self.rename.take() {
            Some((tmp, path)) => std::fs::rename(&tmp, &path).inspect_err(|_| {
                let _ = std::fs::remove_file(&tmp);
            }),
            None => Ok(()),
        }
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if let Some((tmp, _)) = self.rename.take() {
            let _ = std::fs::remove_file(tmp);
        }
    }
}

/// Whether `path` names an open descriptor of this process: `/dev/stdout`,
/// `/dev/stderr`, `/dev/fd/N`, `/proc/self/fd/N`.
fn is_descriptor(path: &Path) -> bool {
    let Some(text) = path.to_str() else {
        return false;
    };
    let numbered = |prefix: &str| {
        text.strip_prefix(prefix)
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    };
    matches!(text, "/dev/stdout" | "/dev/stderr")
        || numbered("/dev/fd/")
        || numbered("/proc/self/fd/")
}

/// Where `path` leads through symbolic links, up to 40 of them, whether
/// or not the file at the end exists.
pub fn follow_links(path: &Path) -> io::Result<PathBuf> {
    let mut path = path.to_owned();
    for _ in 0..40 {
        match std::fs::symlink_metadata(&path) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let target = std::fs::read_link(&path)?;
                path = match path.parent() {
                    Some(dir) if target.is_relative() => dir.join(target),
                    _ => target,
                };
            }
            _ => return Ok(path),
        }
    }
    Err(io::Error::other("too many levels of symbolic links"))
}

/// Writes `path`'s new content through `write` into a synced temporary
/// file beside it, to be put in place by [`Staged::commit`].
pub fn stage<T>(
    path: &Path,
    write: impl FnOnce(&mut BufWriter<&File>) -> io::Result<T>,
) -> io::Result<(Staged, T)> {
    let write_to = |file: &File| -> io::Result<T> {
        let mut out = BufWriter::with_capacity(256 * 1024, file);
        let value = write(&mut out)?;
        out.flush()?;
        Ok(value)
    };
    // Devices and pipes, and the names of descriptors the shell opened
    // (`/dev/stdout`: a pipe, or a file opened to append to): written in
    // place, appending, as a shell redirection would.
    let special = is_descriptor(path);
    let existing = std::fs::metadata(path);
    match &existing {
        Ok(meta) if meta.is_dir() => {
            return Err(io::Error::new(
                io::ErrorKind::IsADirectory,
                "it is a folder",
            ));
        }
        Ok(meta) if special || !meta.is_file() => {
            let file = std::fs::OpenOptions::new().append(true).open(path)?;
            let value = write_to(&file)?;
            return Ok((Staged { rename: None }, value));
        }
        _ => {}
    }
    // A symbolic link is followed: the file it names is replaced, even
    // one that does not exist yet.
    let path = follow_links(path)?;
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_owned(),
        _ => PathBuf::from("."),
    };
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let mut n = 0u32;
    let (tmp, file) = loop {
        let tmp = dir.join(format!(".{name}.{}.{n}.tmp", std::process::id()));
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
        {
            Ok(file) => break (tmp, file),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists && n < 100 => n += 1,
            Err(e) => return Err(e),
        }
    };
    // From here the temporary file is removed on every way out.
    let staged = Staged {
        rename: Some((tmp, path)),
    };
    // The new file keeps the old one's permissions.
    if let Ok(meta) = existing {
        file.set_permissions(meta.permissions())?;
    }
    let value = write_to(&file)?;
    file.sync_all()?;
    Ok((staged, value))
}

/// The files under `dir` whose extension is one of `extensions` (any
/// case), depth first in name order; hidden entries (`.name`) and the
/// paths `skip` names are left out.
pub fn files_under(
    dir: &Path,
    extensions: &[&str],
    skip: &dyn Fn(&Path) -> bool,
) -> io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    walk(dir, extensions, skip, &mut files)?;
    Ok(files)
}

fn walk(
    dir: &Path,
    extensions: &[&str],
    skip: &dyn Fn(&Path) -> bool,
    files: &mut Vec<PathBuf>,
) -> io::Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(std::fs::DirEntry::file_name);
    for entry in entries {
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let path = entry.path();
        if skip(&path) {
            continue;
        }
        if entry.file_type()?.is_dir() {
            walk(&path, extensions, skip, files)?;
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| extensions.iter().any(|x| e.eq_ignore_ascii_case(x)))
        {
            files.push(path);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_under_a_folder_by_extension_in_name_order() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let root = dir.path();
        std::fs::create_dir_all(root.join("b/deeper"))?;
        std::fs::create_dir_all(root.join(".hidden"))?;
        for name in [
            "z.TMX",
            "a.tmx",
            "b/deeper/c.tmx",
            "b/note.txt",
            ".hidden/h.tmx",
            "skip.tmx",
        ] {
            std::fs::write(root.join(name), "")?;
        }
        let found = files_under(root, &["tmx"], &|p| p.ends_with("skip.tmx"))?;
        let names: Vec<_> = found
            .iter()
            .map(|p| {
                p.strip_prefix(root)
                    .unwrap_or(p)
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        assert_eq!(names, ["a.tmx", "b/deeper/c.tmx", "z.TMX"]);
        Ok(())
    }

    #[test]
    fn a_failed_write_leaves_the_old_file() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let path = dir.path().join("out.txt");
        std::fs::write(&path, "old")?;
        let failed = write_atomically(&path, |out| {
            out.write_all(b"new, half")?;
            Err::<(), _>(io::Error::other("stopped"))
        });
        assert!(failed.is_err());
        assert_eq!(std::fs::read_to_string(&path)?, "old");
        assert_eq!(
            std::fs::read_dir(dir.path())?.count(),
            1,
            "no temporary file left"
        );
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600))?;
        write_atomically(&path, |out| out.write_all(b"new"))?;
        assert_eq!(std::fs::read_to_string(&path)?, "new");
        let mode = std::fs::metadata(&path)?.permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "the old file's permissions");
        Ok(())
    }

    #[test]
    fn staged_files_replace_nothing_until_committed() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let (a, b) = (dir.path().join("a.txt"), dir.path().join("b.txt"));
        std::fs::write(&a, "old a")?;
        let (staged, ()) = stage(&a, |out| out.write_all(b"new a"))?;
        assert_eq!(std::fs::read_to_string(&a)?, "old a");
        // The second file fails: the first, dropped, is never put in place.
        std::fs::create_dir(&b)?;
        let err = stage(&b, |out| out.write_all(b"new b")).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::IsADirectory);
        drop(staged);
        assert_eq!(std::fs::read_to_string(&a)?, "old a");
        assert_eq!(
            std::fs::read_dir(dir.path())?.count(),
            2,
            "no temporary file"
        );
        let (staged, ()) = stage(&a, |out| out.write_all(b"new a"))?;
        staged.commit()?;
        assert_eq!(std::fs::read_to_string(&a)?, "new a");
        Ok(())
    }

    #[test]
    fn links_are_followed_and_pipes_written_in_place() -> io::Result<()> {
        let dir = tempfile::tempdir()?;
        let (target, link) = (dir.path().join("target.txt"), dir.path().join("link.txt"));
        std::fs::write(&target, "old")?;
        std::os::unix::fs::symlink(&target, &link)?;
        write_atomically(&link, |out| out.write_all(b"new"))?;
        assert!(std::fs::symlink_metadata(&link)?.file_type().is_symlink());
        assert_eq!(std::fs::read_to_string(&target)?, "new");

        let pipe = dir.path().join("pipe");
        let made = std::process::Command::new("mkfifo").arg(&pipe).status()?;
        assert!(made.success());
        let reader = {
            let pipe = pipe.clone();
            std::thread::spawn(move || std::fs::read_to_string(pipe))
        };
        write_atomically(&pipe, |out| out.write_all(b"through the pipe"))?;
        assert_eq!(reader.join().unwrap()?, "through the pipe");
        use std::os::unix::fs::FileTypeExt;
        assert!(
            std::fs::metadata(&pipe)?.file_type().is_fifo(),
            "still a pipe"
        );

        // A regular file under /proc or /dev is replaced like any other.
        assert!(is_descriptor(Path::new("/dev/stdout")));
        assert!(is_descriptor(Path::new("/proc/self/fd/1")));
        assert!(!is_descriptor(Path::new("/proc/self/cwd/out.tmx")));
        assert!(!is_descriptor(Path::new("/dev/shm/out.tmx")));

        // A link to a file not there yet makes the file.
        let dangling = dir.path().join("dangling.txt");
        std::os::unix::fs::symlink("sub/new.txt", &dangling)?;
        std::fs::create_dir(dir.path().join("sub"))?;
        write_atomically(&dangling, |out| out.write_all(b"made"))?;
        assert_eq!(
            std::fs::read_to_string(dir.path().join("sub/new.txt"))?,
            "made"
        );
        assert!(
            std::fs::symlink_metadata(&dangling)?
                .file_type()
                .is_symlink()
        );
        Ok(())
    }
}
