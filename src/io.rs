//! Writing files so that nothing is ever half-written.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// Writes a file through `write`, into a temporary file beside `path` that
/// is synced and then renamed over `path`: readers see the old file or the
/// new one, never half of one. If `write` fails, the temporary file goes
/// and `path` is untouched.
pub fn write_atomically<T>(
    path: &Path,
    write: impl FnOnce(&mut BufWriter<&File>) -> io::Result<T>,
) -> io::Result<T> {
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
    let written = (|| {
        let mut out = BufWriter::with_capacity(256 * 1024, &file);
        let value = write(&mut out)?;
        out.flush()?;
        drop(out);
        file.sync_all()?;
        std::fs::rename(&tmp, path)?;
        Ok(value)
    })();
    drop(file);
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written
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
        write_atomically(&path, |out| out.write_all(b"new"))?;
        assert_eq!(std::fs::read_to_string(&path)?, "new");
        Ok(())
    }
}
