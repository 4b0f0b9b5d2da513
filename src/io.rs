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

#[cfg(test)]
mod tests {
    use super::*;

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
