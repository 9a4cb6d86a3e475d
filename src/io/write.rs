//! Writing an output file safely: the one way every output that writes a file (a snapshot, and
//! later workbooks and pages) writes it.
//!
//! A file is written into a temporary file with a fresh name in the target's own folder,
//! created exclusively (so an existing file or symbolic link at that name is never followed or
//! reused), flushed and synced, given the target's permissions, and then renamed over the
//! target in one step. A reader sees the old file or the new one, never a part. On any failure
//! the temporary file is removed and the target is left as it was.
//!
//! The target must be a regular file, or not exist yet: a symbolic link is refused, never
//! followed, so a link committed where an output goes cannot send the output somewhere else.
//! Writers of the same folder take turns: [`lock_folder_of`] holds an exclusive lock on the
//! folder for as long as a writer needs to read the old file, decide and write the new one, so
//! the second of two runs at once sees what the first wrote.
//!
//! Nothing here decides what is written, and nothing here writes anywhere but the target's
//! folder.

use std::fs::File;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use miette::Diagnostic;
use thiserror::Error;

/// Why an output file was not written. The target is as it was before.
#[derive(Debug, Error, Diagnostic)]
pub enum WriteError {
    #[error("{path} is a symbolic link; ratebook does not write through links")]
    #[diagnostic(
        code(ratebook::write::symbolic_link),
        help("name the file itself ({target}), or remove the link if it should not be there")
    )]
    /// The target is a symbolic link.
    SymbolicLink {
        /// The file named.
        path: String,
        /// Where the link points.
        target: String,
    },

    #[error("{path} is {what}, not a file ratebook can replace")]
    #[diagnostic(
        code(ratebook::write::not_a_file),
        help("name a file to write, in a folder that exists")
    )]
    /// The target is a folder, a pipe or a device.
    NotAFile {
        /// The file named.
        path: String,
        /// What it is instead.
        what: &'static str,
    },

    #[error("{path} is read-only; ratebook does not replace it")]
    #[diagnostic(
        code(ratebook::write::read_only),
        help("name another file, or make this one writable if it is meant to be replaced")
    )]
    /// The target is marked read-only.
    ReadOnly {
        /// The file named.
        path: String,
    },

    #[error("{path} could not be written: {reason}")]
    #[diagnostic(
        code(ratebook::write::failed),
        help(
            "check that the folder exists, that you may write in it and that the disk has room; the file was left as it was"
        )
    )]
    /// The write failed; the old file is as it was.
    Failed {
        /// The file named.
        path: String,
        /// Why, as the system says it.
        reason: String,
    },
}

/// An exclusive lock on the folder that holds an output file, held until dropped. While it is
/// held, no other ratebook run writes a file in that folder.
pub struct FolderLock {
    _folder: File,
}

/// The folder `target` is written in (its parent, or the working folder for a bare name).
fn folder_of(target: &Path) -> PathBuf {
    match target.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Wait for, then hold, the lock on the folder `target` is written in.
pub fn lock_folder_of(target: &Path) -> Result<FolderLock, WriteError> {
    let failed = |e: std::io::Error| WriteError::Failed {
        path: target.display().to_string(),
        reason: e.to_string(),
    };
    let folder = File::open(folder_of(target)).map_err(failed)?;
    folder.lock().map_err(failed)?;
    Ok(FolderLock { _folder: folder })
}

impl FolderLock {
    /// Write `contents` as the whole of `target`, in place of what was there.
    pub fn write(&self, target: &Path, contents: &[u8]) -> Result<(), WriteError> {
        write_unlocked(target, contents)
    }
}

/// Write `contents` as the whole of `target`, taking the folder's lock for the write.
pub fn write_whole(target: &Path, contents: &[u8]) -> Result<(), WriteError> {
    lock_folder_of(target)?.write(target, contents)
}

fn write_unlocked(target: &Path, contents: &[u8]) -> Result<(), WriteError> {
    let path = target.display().to_string();
    let failed = |e: std::io::Error| WriteError::Failed {
        path: path.clone(),
        reason: e.to_string(),
    };
    let existing = match std::fs::symlink_metadata(target) {
        Ok(meta) => Some(meta),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(failed(e)),
    };
    if let Some(meta) = &existing {
        let kind = meta.file_type();
        if kind.is_symlink() {
            return Err(WriteError::SymbolicLink {
                path,
                target: super::link_target(target),
            });
        }
        if !kind.is_file() {
            return Err(WriteError::NotAFile {
                path,
                what: crate::io::read::describe(&kind),
            });
        }
        if meta.permissions().readonly() {
            return Err(WriteError::ReadOnly { path });
        }
    }
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    // A replaced file's mode, owner and group are kept, below.
    let mut temporary = temporary_beside(target, &name).map_err(failed)?;
    temporary.write_all(contents).map_err(failed)?;
    temporary.flush().map_err(failed)?;
    if let Some(meta) = &existing {
        keep_owner_and_mode(temporary.as_file(), meta).map_err(failed)?;
    }
    temporary.as_file().sync_all().map_err(failed)?;
    // On failure `persist` hands the temporary file back; dropping it removes it.
    temporary.persist(target).map_err(|e| failed(e.error))?;
    // The rename is durable once the folder itself is synced; a folder that cannot be opened
    // for that (on some systems) still holds the new file.
    if let Ok(folder) = File::open(folder_of(target)) {
        let _ = folder.sync_all();
    }
    Ok(())
}

/// A new file gets the permissions any new file gets: read and write for all, less the umask.
#[cfg(unix)]
fn temporary_beside(target: &Path, name: &str) -> std::io::Result<tempfile::NamedTempFile> {
    use std::os::unix::fs::PermissionsExt as _;
    tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".partial")
        .permissions(std::fs::Permissions::from_mode(0o666))
        .tempfile_in(folder_of(target))
}

#[cfg(not(unix))]
fn temporary_beside(target: &Path, name: &str) -> std::io::Result<tempfile::NamedTempFile> {
    tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".partial")
        .tempfile_in(folder_of(target))
}

/// Give the new file the replaced file's mode, and its owner and group where this user may.
#[cfg(unix)]
fn keep_owner_and_mode(file: &File, old: &std::fs::Metadata) -> std::io::Result<()> {
    use std::os::unix::fs::MetadataExt as _;
    // Only the owner and root may change a file's group or owner; anyone else keeps their
    // own, which is what they would get by writing the file any other way.
    let _ = std::os::unix::fs::fchown(file, Some(old.uid()), Some(old.gid()));
    file.set_permissions(old.permissions())
}

#[cfg(not(unix))]
fn keep_owner_and_mode(file: &File, old: &std::fs::Metadata) -> std::io::Result<()> {
    file.set_permissions(old.permissions())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(problem: &WriteError) -> String {
        miette::Diagnostic::code(problem)
            .map(|c| c.to_string())
            .unwrap_or_default()
    }

    #[test]
    fn a_read_only_file_is_left_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("kept.csv");
        std::fs::write(&target, "before").unwrap();
        let mut permissions = std::fs::metadata(&target).unwrap().permissions();
        permissions.set_readonly(true);
        std::fs::set_permissions(&target, permissions).unwrap();
        let refused = write_whole(&target, b"after").unwrap_err();
        assert_eq!(code(&refused), "ratebook::write::read_only");
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "before");
    }

    #[test]
    fn a_file_is_written_whole_and_replaced_whole() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("ratings.snap");
        write_whole(&target, b"first\n").unwrap();
        write_whole(&target, b"second\n").unwrap();
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "second\n");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1, "nothing is left beside the file");
    }

    #[cfg(unix)]
    #[test]
    fn a_link_or_a_folder_is_refused_and_left_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let victim = dir.path().join("victim");
        std::fs::write(&victim, "keep\n").unwrap();
        let link = dir.path().join("ratings.snap");
        std::os::unix::fs::symlink(&victim, &link).unwrap();
        let refused = write_whole(&link, b"x").unwrap_err();
        assert_eq!(code(&refused), "ratebook::write::symbolic_link");
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep\n");
        let refused = write_whole(dir.path(), b"x").unwrap_err();
        assert_eq!(code(&refused), "ratebook::write::not_a_file");
        assert!(refused.to_string().contains("is a folder"), "{refused}");
    }

    #[test]
    fn a_missing_folder_is_a_failure_that_names_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("no such folder").join("ratings.snap");
        let failed = write_whole(&target, b"x").unwrap_err();
        assert_eq!(code(&failed), "ratebook::write::failed");
        assert!(failed.to_string().contains("ratings.snap"), "{failed}");
    }
}
