//! Reading input files: rule files, inspection files, cases files and snapshots are all read
//! through here. Only regular files are opened (a pipe, a device or a folder is refused before
//! it is read, so nothing waits for ever); every read stops at a size limit (1 GiB, or
//! `RATEBOOK_MAX_INPUT_MB`) and at a line longer than any real file has, so a huge input ends
//! with a diagnostic instead of filling memory; text that is not UTF-8 is reported with the
//! line and column of the first byte that is not. A file ratebook writes itself is never read
//! through a symbolic link.
//!
//! Nothing here interprets what it reads, and no diagnostic from here quotes more than a few
//! bytes of a file.

// Each diagnostic is documented by its message and its help, which name its fields; the
// fields are not documented one by one.
#![allow(missing_docs)]

use std::fmt::Write as _;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use miette::Diagnostic;
use thiserror::Error;

/// The environment variable that raises (or lowers) the size limit, in megabytes.
pub const LIMIT_VARIABLE: &str = "RATEBOOK_MAX_INPUT_MB";

/// The size limit when the variable is not set: far above any inspection's files.
pub const DEFAULT_LIMIT_MB: u64 = 1024;

/// The longest line accepted, in bytes.
pub const LONGEST_LINE: usize = 16 * 1024 * 1024;

/// Which kind of file is read, for the help a problem gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Rules,
    Inspection,
    Cases,
    /// A snapshot of ratings that `ratebook test --snapshot` keeps.
    Snapshot,
}

impl Kind {
    fn unreadable_help(self) -> &'static str {
        match self {
            Kind::Rules => {
                "check the rule file's path (a `based on` path is relative to the file that names it)"
            }
            Kind::Inspection => "check the inspection file's path",
            Kind::Snapshot => "check the --snapshot path",
            Kind::Cases => {
                "check the `cases` path in the inspection file: it is relative to the inspection file"
            }
        }
    }

    fn save_as(self) -> &'static str {
        match self {
            Kind::Rules | Kind::Inspection | Kind::Snapshot => "save the file as UTF-8 text",
            Kind::Cases => "save the cases file as CSV UTF-8 (comma-separated)",
        }
    }
}

#[derive(Debug, Error, Diagnostic)]
pub enum InputError {
    #[error("cannot read {path}: {reason}")]
    #[diagnostic(code(ratebook::input::unreadable), help("{help}"))]
    Unreadable {
        path: String,
        reason: String,
        help: &'static str,
    },

    #[error("{path} is {what}, not a file")]
    #[diagnostic(code(ratebook::input::not_a_file), help("{help}"))]
    NotAFile {
        path: String,
        what: &'static str,
        help: &'static str,
    },

    #[error(
        "{path} is a symbolic link; ratebook does not read or write its own files through links"
    )]
    #[diagnostic(
        code(ratebook::input::symbolic_link),
        help("name the file itself ({target}), or remove the link if it should not be there")
    )]
    SymbolicLink { path: String, target: String },

    #[error("{variable} is `{value}`, which is not a number of megabytes")]
    #[diagnostic(
        code(ratebook::input::bad_limit),
        help(
            "set {variable} to a whole number of megabytes from 1 up (such as 2048), or unset it to read files up to {default_mb} MB"
        )
    )]
    BadLimit {
        variable: &'static str,
        value: String,
        default_mb: u64,
    },

    #[error("{path} is larger than {limit_mb} MB, the most ratebook reads")]
    #[diagnostic(
        code(ratebook::input::too_large),
        help(
            "check that this is the file meant; to read a larger one, set {variable} to a larger number of megabytes"
        )
    )]
    TooLarge {
        path: String,
        limit_mb: u64,
        variable: &'static str,
    },

    #[error("{path} line {line} is longer than {limit_mb} MB")]
    #[diagnostic(
        code(ratebook::input::line_too_long),
        help("this does not look like a text file: check the path")
    )]
    LineTooLong {
        path: String,
        line: usize,
        limit_mb: usize,
    },

    #[error("{path} line {line}, column {column}: {found} is not UTF-8 text")]
    #[diagnostic(code(ratebook::input::not_utf8), help("{help}"))]
    NotUtf8 {
        path: String,
        line: usize,
        column: usize,
        found: String,
        help: String,
    },

    #[error("{path} row {row}, column {column}: {found} is not UTF-8 text")]
    #[diagnostic(code(ratebook::input::not_utf8), help("{help}"))]
    CellNotUtf8 {
        path: String,
        row: usize,
        column: String,
        found: String,
        help: String,
    },

    #[error("{path}: {NOT_A_RULE_FILE}")]
    #[diagnostic(
        code(ratebook::input::not_a_rule_file),
        help(
            "check the path: a `based on` path is relative to the file that names it, and --rules names a .rules file or a bundled ruleset (`ratebook rules` lists them)"
        )
    )]
    NotRuleFile { path: String },

    #[error("{path} is UTF-16 text")]
    #[diagnostic(code(ratebook::input::utf16), help("{help}"))]
    Utf16 { path: String, help: &'static str },
}

/// The size limit in bytes.
pub fn limit() -> Result<u64, InputError> {
    Ok(limit_mb()?.saturating_mul(1024 * 1024))
}

/// The size limit in megabytes: the variable's value when it is set, and a setting that is
/// not a whole number from 1 up is refused by name rather than silently ignored.
fn limit_mb() -> Result<u64, InputError> {
    let Some(value) = std::env::var_os(LIMIT_VARIABLE) else {
        return Ok(DEFAULT_LIMIT_MB);
    };
    let text = value.to_string_lossy();
    match text.trim().parse::<u64>() {
        Ok(mb) if mb > 0 => Ok(mb),
        _ => Err(InputError::BadLimit {
            variable: LIMIT_VARIABLE,
            value: crate::terminal::excerpt(&text, 40),
            default_mb: DEFAULT_LIMIT_MB,
        }),
    }
}

/// Why a guarded read stopped.
#[derive(Debug, Clone, Copy, Error)]
enum Stop {
    #[error("larger than the size limit")]
    TooLarge,
    #[error("a line longer than the limit")]
    LineTooLong { line: usize },
}

/// A reader that stops, with an error, past the size limit or within an endless line.
pub struct Guarded<R> {
    inner: R,
    read: u64,
    limit: u64,
    line: usize,
    line_length: usize,
}

impl<R: Read> Read for Guarded<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        if self.read > self.limit {
            return Err(std::io::Error::other(Stop::TooLarge));
        }
        let mut rest = &buf[..n];
        loop {
            let end = memchr::memchr(b'\n', rest);
            self.line_length += end.unwrap_or(rest.len());
            if self.line_length > LONGEST_LINE {
                return Err(std::io::Error::other(Stop::LineTooLong {
                    line: self.line + 1,
                }));
            }
            let Some(end) = end else { break };
            self.line += 1;
            self.line_length = 0;
            rest = &rest[end + 1..];
        }
        Ok(n)
    }
}

/// Turn a failed read into the problem to show.
pub fn read_problem(path: &str, kind: Kind, error: &std::io::Error) -> InputError {
    match error.get_ref().and_then(|e| e.downcast_ref::<Stop>()) {
        Some(Stop::TooLarge) => InputError::TooLarge {
            path: path.to_string(),
            limit_mb: limit_mb().unwrap_or(DEFAULT_LIMIT_MB),
            variable: LIMIT_VARIABLE,
        },
        Some(Stop::LineTooLong { line }) => InputError::LineTooLong {
            path: path.to_string(),
            line: *line,
            limit_mb: LONGEST_LINE / (1024 * 1024),
        },
        None => InputError::Unreadable {
            path: path.to_string(),
            reason: error.to_string(),
            help: kind.unreadable_help(),
        },
    }
}

/// Open a file for reading through the guard, past any UTF-8 byte-order mark. Only a regular
/// file is opened (a link to one is followed): a named pipe, a device or a folder is refused
/// before it is opened, so reading never waits for a writer that will not come. A UTF-16 file
/// (by its byte-order mark) is refused here.
pub fn open(path: &Path, kind: Kind) -> Result<BufReader<Guarded<std::fs::File>>, InputError> {
    let name = path.display().to_string();
    let limit = limit()?;
    let meta = std::fs::metadata(path).map_err(|e| read_problem(&name, kind, &e))?;
    regular_file(&name, kind, &meta.file_type())?;
    let file = std::fs::File::open(path).map_err(|e| read_problem(&name, kind, &e))?;
    let meta = file.metadata().map_err(|e| read_problem(&name, kind, &e))?;
    // What was opened is checked again: it may have been replaced in between.
    regular_file(&name, kind, &meta.file_type())?;
    remember_input(&meta);
    if meta.len() > limit {
        return Err(InputError::TooLarge {
            path: name,
            limit_mb: limit / (1024 * 1024),
            variable: LIMIT_VARIABLE,
        });
    }
    let mut reader = BufReader::new(Guarded {
        inner: file,
        read: 0,
        limit,
        line: 0,
        line_length: 0,
    });
    let start = reader
        .fill_buf()
        .map_err(|e| read_problem(&name, kind, &e))?;
    if start.starts_with(&[0xEF, 0xBB, 0xBF]) {
        reader.consume(3);
    } else if start.starts_with(&[0xFF, 0xFE]) || start.starts_with(&[0xFE, 0xFF]) {
        return Err(InputError::Utf16 {
            path: name,
            help: match kind {
                Kind::Cases => {
                    "save the cases file as CSV UTF-8 (in Excel: Save As, then CSV UTF-8)"
                }
                _ => "save the file as UTF-8 text",
            },
        });
    }
    Ok(reader)
}

/// A file as the file system knows it (its device and number), whatever path, symbolic link
/// or hard link names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct FileId {
    device: u64,
    number: u64,
}

/// Every file this process has opened as an input, so that no output replaces one.
static INPUTS: std::sync::Mutex<Vec<FileId>> = std::sync::Mutex::new(Vec::new());

fn file_id(meta: &std::fs::Metadata) -> Option<FileId> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        Some(FileId {
            device: meta.dev(),
            number: meta.ino(),
        })
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        None
    }
}

fn remember_input(meta: &std::fs::Metadata) {
    if let (Some(id), Ok(mut inputs)) = (file_id(meta), INPUTS.lock())
        && !inputs.contains(&id)
    {
        inputs.push(id);
    }
}

/// The file at `path`, its links followed, if there is one.
fn id_at(path: &Path) -> Option<FileId> {
    std::fs::metadata(path).ok().as_ref().and_then(file_id)
}

/// Whether `path` (after its links are followed) is a file this process has read as an input.
pub fn is_input(path: &Path) -> bool {
    id_at(path).is_some_and(|id| INPUTS.lock().is_ok_and(|inputs| inputs.contains(&id)))
}

/// Whether two paths (after their links are followed) name the same existing file.
pub fn same_file(a: &Path, b: &Path) -> bool {
    matches!((id_at(a), id_at(b)), (Some(a), Some(b)) if a == b)
}

/// Read a file ratebook writes itself and reads back (a snapshot): `None` when there is none
/// yet. Unlike an input, it is never read through a symbolic link, since ratebook would then
/// write through the same link: a link committed in its place cannot make ratebook read, or
/// overwrite, another file.
pub fn read_own_file(path: &Path, kind: Kind) -> Result<Option<String>, InputError> {
    match std::fs::symlink_metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Ok(meta) if meta.file_type().is_symlink() => Err(InputError::SymbolicLink {
            path: path.display().to_string(),
            target: super::link_target(path),
        }),
        _ => read_text(path, kind).map(Some),
    }
}

/// Refuse anything but a regular file, saying what it is.
fn regular_file(name: &str, kind: Kind, file_type: &std::fs::FileType) -> Result<(), InputError> {
    if file_type.is_file() {
        return Ok(());
    }
    Err(InputError::NotAFile {
        path: name.to_string(),
        what: describe(file_type),
        help: kind.unreadable_help(),
    })
}

/// What a file that is not a regular file is, in words.
pub fn describe(file_type: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        if file_type.is_fifo() {
            return "a named pipe";
        }
        if file_type.is_block_device() || file_type.is_char_device() {
            return "a device";
        }
        if file_type.is_socket() {
            return "a socket";
        }
    }
    if file_type.is_dir() {
        "a folder"
    } else {
        "not a regular file"
    }
}

/// Read a whole text file: a rule file, an inspection file or a snapshot.
/// The rule files on disk, read through the guarded reader: the [`RuleFiles`] a variant's
/// bases are read with when the caller gives none of its own.
///
/// [`RuleFiles`]: crate::variant::RuleFiles
pub struct Disk;

impl crate::variant::RuleFiles for Disk {
    /// A base that is not a rule file (another kind of file, binary, not UTF-8) is refused in
    /// words, and not one byte of it is quoted.
    fn read(&self, path: &Path) -> Result<String, String> {
        match read_rule_text(path) {
            Ok(text) => Ok(text),
            Err(InputError::Unreadable { reason, .. }) => Err(reason),
            Err(InputError::NotRuleFile { .. }) => Err(NOT_A_RULE_FILE.to_string()),
            Err(other) => Err(other.to_string()),
        }
    }

    /// The canonical path where the file exists, so that a link and its target are one file.
    fn identity(&self, path: &Path) -> std::path::PathBuf {
        std::fs::canonicalize(path).unwrap_or_else(|_| crate::variant::tidy(path))
    }
}

/// Why a file is not a rule file, in words that quote none of it.
const NOT_A_RULE_FILE: &str =
    "it is not a rule file (a rule file begins `framework \"…\" version \"…\"`)";

/// A rule file's text. A file that does not begin as a rule file does
/// ([`crate::syntax::begins_as_rule_file`]), or whose text is not UTF-8 before it ever does,
/// is some other file named by mistake: it is described, never quoted.
pub fn read_rule_text(path: &Path) -> Result<String, InputError> {
    let not_a_rule_file = || InputError::NotRuleFile {
        path: path.display().to_string(),
    };
    let bytes = read_bytes(path, Kind::Rules)?;
    let valid = match std::str::from_utf8(&bytes) {
        Ok(text) => text,
        Err(e) => std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default(),
    };
    // Where the text stops being UTF-8 before anything is read, it is not text at all.
    if !crate::syntax::begins_as_rule_file(valid)
        || (valid.trim().is_empty() && valid.len() < bytes.len())
    {
        return Err(not_a_rule_file());
    }
    text_of(path, Kind::Rules, bytes)
}

/// Whether anything (a file, a folder, a link) is at `path`.
pub fn exists(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok()
}

pub fn read_text(path: &Path, kind: Kind) -> Result<String, InputError> {
    text_of(path, kind, read_bytes(path, kind)?)
}

/// A whole file's bytes, through the guarded reader.
fn read_bytes(path: &Path, kind: Kind) -> Result<Vec<u8>, InputError> {
    let mut reader = open(path, kind)?;
    let mut bytes = vec![];
    reader
        .read_to_end(&mut bytes)
        .map_err(|e| read_problem(&path.display().to_string(), kind, &e))?;
    Ok(bytes)
}

/// A file's bytes as UTF-8 text, or where the first byte that is not stands.
fn text_of(path: &Path, kind: Kind, bytes: Vec<u8>) -> Result<String, InputError> {
    let name = path.display().to_string();
    String::from_utf8(bytes).map_err(|e| {
        let bytes = e.as_bytes();
        let at = e.utf8_error().valid_up_to();
        let before = &bytes[..at];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        let column = String::from_utf8_lossy(&before[line_start..])
            .chars()
            .count()
            + 1;
        not_utf8(&name, kind, line, column, &bytes[at..])
    })
}

/// The problem for bytes that are not UTF-8 at a place in a file.
pub fn not_utf8(path: &str, kind: Kind, line: usize, column: usize, rest: &[u8]) -> InputError {
    let shown: Vec<u8> = rest.iter().take(4).copied().collect();
    let mut found = String::from("the byte");
    if shown.len() > 1 {
        found.push('s');
    }
    for b in &shown {
        let _ = write!(found, " 0x{b:02X}");
    }
    // A lone byte from 0x80 up, followed by ASCII, is what Latin-1 and Windows-1252 write for
    // letters such as é and £.
    let single_byte_text =
        shown.first().is_some_and(|b| *b >= 0x80) && shown.get(1).is_none_or(|b| b.is_ascii());
    let help = if single_byte_text && kind == Kind::Cases {
        format!(
            "this looks like Windows-1252 text (é, £ and the like; Excel's \"CSV (Comma delimited)\" writes it): write encoding = \"windows-1252\" in the inspection file, or {}",
            kind.save_as()
        )
    } else if single_byte_text {
        format!(
            "{}: this looks like Latin-1 or Windows-1252 text (é, £ and the like), which UTF-8 writes differently",
            kind.save_as()
        )
    } else {
        kind.save_as().to_string()
    };
    InputError::NotUtf8 {
        path: path.to_string(),
        line,
        column,
        found,
        help,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn a_file_ratebook_writes_is_never_read_through_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let snapshot = dir.path().join("ratings.snap");
        assert!(read_own_file(&snapshot, Kind::Snapshot).unwrap().is_none());
        std::fs::write(dir.path().join("secret"), "key\n").unwrap();
        std::os::unix::fs::symlink("secret", &snapshot).unwrap();
        let refused = read_own_file(&snapshot, Kind::Snapshot).unwrap_err();
        let code = Diagnostic::code(&refused).map(|c| c.to_string());
        assert_eq!(code.as_deref(), Some("ratebook::input::symbolic_link"));
        assert!(!refused.to_string().contains("key"));
    }
}
