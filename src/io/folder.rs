//! Folder arguments: a folder named where inspection files (or rule files) are expected stands
//! for every such file in it and in its sub-folders, in path order. An entry that looks like
//! one but cannot be read as a file (a link to nothing, a named pipe) is skipped, and so is a
//! TOML file that names no cases file; each skip is said with its reason: nothing is left out
//! without a word.
//!
//! Nothing here reads a file's contents but the check that a TOML file names its cases.

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

/// The inspection files the arguments stand for, in order, and every entry skipped. A folder
/// stands for the inspection files in it and in its sub-folders, in path order.
pub fn inspection_files(paths: &[PathBuf]) -> Result<(Vec<PathBuf>, Vec<Skipped>), FolderError> {
    files_of(paths, is_inspection_name, names_its_cases)
}

/// The rule files the arguments stand for, in order, and every entry skipped: a folder stands
/// for every `.rules` file in it and in its sub-folders, in path order.
pub fn rule_files(paths: &[PathBuf]) -> Result<(Vec<PathBuf>, Vec<Skipped>), FolderError> {
    let is_rules = |path: &Path| path.extension().is_some_and(|x| x == "rules");
    files_of(paths, is_rules, |_| None)
}

/// Whether a TOML file found in a folder is an inspection file: one that names its cases file
/// (`cases = …`), as every inspection file must. The one place this module reads a file: a
/// folder of past inspections also holds other TOML files (published figures, settings).
/// A file that cannot be read or parsed is kept, for the loader to say what is wrong with it.
fn names_its_cases(path: &Path) -> Option<String> {
    let text = crate::io::read::read_text(path, crate::io::read::Kind::Inspection).ok()?;
    let table: toml::Table = text.parse().ok()?;
    (!table.contains_key("cases"))
        .then(|| "a TOML file that names no cases file (`cases = …`), so not an inspection".into())
}

/// The files the arguments stand for: each file as itself; each folder's files (by `wanted`
/// name, and not passed over by `pass_over`, which says why) in it and its sub-folders.
fn files_of(
    paths: &[PathBuf],
    wanted: impl Fn(&Path) -> bool,
    pass_over: impl Fn(&Path) -> Option<String>,
) -> Result<(Vec<PathBuf>, Vec<Skipped>), FolderError> {
    let mut files = vec![];
    let mut skipped = vec![];
    for path in paths {
        if !path.is_dir() {
            files.push(path.clone());
            continue;
        }
        let mut found = vec![];
        walk(path, &wanted, &mut found, &mut skipped)?;
        found.sort();
        let mut kept = vec![];
        for file in found {
            match pass_over(&file) {
                Some(why) => skipped.push(Skipped { path: file, why }),
                None => kept.push(file),
            }
        }
        if kept.is_empty() {
            return Err(FolderError::Empty {
                folder: path.clone(),
            });
        }
        files.extend(kept);
    }
    skipped.sort_by(|a, b| a.path.cmp(&b.path));
    Ok((files, skipped))
}

/// Every wanted file in `folder` and its sub-folders (not following links to folders, so a
/// link back up cannot loop).
fn walk(
    folder: &Path,
    wanted: &impl Fn(&Path) -> bool,
    found: &mut Vec<PathBuf>,
    skipped: &mut Vec<Skipped>,
) -> Result<(), FolderError> {
    let unreadable = |e: std::io::Error| FolderError::Unreadable {
        folder: folder.to_path_buf(),
        reason: e.to_string(),
    };
    for entry in std::fs::read_dir(folder).map_err(unreadable)? {
        let entry = entry.map_err(unreadable)?;
        let file = entry.path();
        let is_folder = entry.file_type().is_ok_and(|t| t.is_dir());
        if is_folder {
            walk(&file, wanted, found, skipped)?;
            continue;
        }
        if !wanted(&file) {
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
    Ok(())
}
