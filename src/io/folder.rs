//! Folder arguments: a folder named where inspection files are expected stands for every
//! inspection file directly in it, in name order. An entry that looks like one but cannot be
//! read as a file (a link to nothing, a named pipe, a folder named `x.toml`) is skipped, and
//! each skip is said with its reason: nothing is left out without a word.
//!
//! Nothing here reads a file's contents.

use std::path::{Path, PathBuf};

/// An entry of a folder that was passed over, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// The entry skipped.
    pub path: PathBuf,
    /// Why, in a few words.
    pub why: String,
}

/// Why a folder gave no inspection files.
#[derive(Debug)]
pub enum FolderError {
    /// The folder holds no inspection file (a usage mistake).
    Empty {
        /// The folder named.
        folder: PathBuf,
    },
    /// The folder cannot be listed.
    Unreadable {
        /// The folder named.
        folder: PathBuf,
        /// Why, as the system says it.
        reason: String,
    },
}

/// Whether a file name is an inspection file's: it ends in `.toml`, in any case (`.TOML` is
/// what some systems write).
fn is_inspection_name(path: &Path) -> bool {
    path.extension()
        .is_some_and(|x| x.eq_ignore_ascii_case("toml"))
}

/// The inspection files the arguments stand for, in order, and every entry skipped.
pub fn inspection_files(paths: &[PathBuf]) -> Result<(Vec<PathBuf>, Vec<Skipped>), FolderError> {
    let mut files = vec![];
    let mut skipped = vec![];
    for path in paths {
        if !path.is_dir() {
            files.push(path.clone());
            continue;
        }
        let entries = std::fs::read_dir(path).map_err(|e| FolderError::Unreadable {
            folder: path.clone(),
            reason: e.to_string(),
        })?;
        let mut found = vec![];
        for entry in entries {
            let entry = entry.map_err(|e| FolderError::Unreadable {
                folder: path.clone(),
                reason: e.to_string(),
            })?;
            let file = entry.path();
            if !is_inspection_name(&file) {
                continue;
            }
            match std::fs::metadata(&file) {
                Ok(meta) if meta.is_file() => found.push(file),
                Ok(meta) => skipped.push(Skipped {
                    path: file,
                    why: format!(
                        "{}, not a file",
                        crate::io::read::describe(&meta.file_type())
                    ),
                }),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => skipped.push(Skipped {
                    path: file,
                    why: "a symbolic link to nothing".to_string(),
                }),
                Err(e) => skipped.push(Skipped {
                    path: file,
                    why: format!("cannot be read: {e}"),
                }),
            }
        }
        if found.is_empty() {
            return Err(FolderError::Empty {
                folder: path.clone(),
            });
        }
        found.sort();
        files.extend(found);
    }
    skipped.sort_by(|a, b| a.path.cmp(&b.path));
    Ok((files, skipped))
}
