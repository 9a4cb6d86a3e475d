//! Rows as text: a record whose every cell is UTF-8 read in place, and the problems of a file
//! that is not a cases file at all (a wrong separator, binary data, ragged rows, CSV errors).

use super::super::InspectionError;
use crate::io::read::{self, InputError, Kind};
use crate::terminal::excerpt;

/// A row whose every cell is UTF-8, read as text in place.
#[derive(Clone, Copy)]
pub(super) struct TextCells<'r> {
    pub(super) text: &'r str,
    pub(super) record: &'r csv::ByteRecord,
}

impl<'r> TextCells<'r> {
    pub(super) fn iter(self) -> impl Iterator<Item = &'r str> {
        (0..self.record.len()).map(move |i| {
            self.record
                .range(i)
                .and_then(|r| self.text.get(r))
                .unwrap_or_default()
        })
    }
}

/// The row as text, when every cell is UTF-8: the row's bytes checked once, and each cell's
/// ends checked to fall between characters.
pub(super) fn text_cells(record: &csv::ByteRecord) -> Option<TextCells<'_>> {
    let text = std::str::from_utf8(record.as_slice()).ok()?;
    if text.is_ascii() {
        return Some(TextCells { text, record });
    }
    (0..record.len())
        .filter_map(|i| record.range(i))
        .all(|r| text.is_char_boundary(r.start) && text.is_char_boundary(r.end))
        .then_some(TextCells { text, record })
}

/// A row's cells as text; a cell that is not UTF-8 is named by row and column.
pub(super) fn text_record(
    file: &str,
    row: usize,
    record: &csv::ByteRecord,
    headers: Option<&csv::StringRecord>,
) -> Result<csv::StringRecord, InputError> {
    csv::StringRecord::from_byte_record(record.clone()).map_err(|e| {
        let field = e.utf8_error().field();
        let cell = record.get(field).unwrap_or_default();
        let at = e.utf8_error().valid_up_to();
        let column = match headers.and_then(|h| h.get(field)) {
            Some(name) => name.to_string(),
            None => format!("{}", field + 1),
        };
        match read::not_utf8(file, Kind::Cases, row, field + 1, &cell[at..]) {
            InputError::NotUtf8 { found, help, .. } => InputError::CellNotUtf8 {
                path: file.to_string(),
                row,
                column,
                found: format!(
                    "{found} in `{}`",
                    excerpt(&String::from_utf8_lossy(cell), 40)
                ),
                help,
            },
            other => other,
        }
    })
}

/// A header of one column that holds semicolons or tabs: an export with another separator.
pub(super) fn separator_problem(
    file: &str,
    headers: &csv::StringRecord,
) -> Option<InspectionError> {
    // Only a header that names the `case` column is quoted: any other one-column first row
    // may be any file, named by mistake, and is left to say it is not a cases file.
    let only = headers
        .get(0)
        .filter(|h| headers.len() == 1 && h.to_lowercase().contains("case"))?;
    let separator = [(';', "semicolons"), ('\t', "tabs"), ('|', "bars")]
        .into_iter()
        .find(|(c, _)| only.contains(*c))?;
    Some(InspectionError::Csv {
        file: file.to_string(),
        message: format!(
            "the header row is one column, `{}`, separated by {}",
            excerpt(only, 60),
            separator.1
        ),
        help: "ratebook reads comma-separated files: export the cases as CSV with commas (in Excel: Save As, CSV UTF-8)".into(),
    })
}

/// A first row that holds NUL bytes is not a header a spreadsheet writes: the file is not text
/// (a binary file, or a system file named by mistake). It is described, never echoed.
pub(super) fn binary_header_problem(
    file: &str,
    headers: &csv::StringRecord,
) -> Option<InspectionError> {
    let nuls = headers
        .iter()
        .map(|cell| cell.bytes().filter(|&b| b == 0).count())
        .sum::<usize>();
    if nuls == 0 {
        return None;
    }
    let bytes: usize = headers.iter().map(str::len).sum();
    Some(InspectionError::NotCases {
        file: file.to_string(),
        what: format!("its first row ({bytes} bytes) holds {nuls} NUL byte(s), so it is not text"),
    })
}

/// A row with the wrong number of cells. The last row of a file that swallowed several lines
/// into one cell has a quote that is never closed.
pub(super) fn ragged(
    file: &str,
    row: usize,
    record: &csv::ByteRecord,
    expected: usize,
) -> InspectionError {
    let runs_on = record.iter().any(|cell| cell.contains(&b'\n'));
    let (message, help) = if runs_on {
        (
            format!("row {row} has a quoted cell that runs over several lines, so the row has {} cells, not {expected}", record.len()),
            "check row {row} for a quote (\") that is never closed; a quote inside a quoted cell is written twice (\"\")".replace("{row}", &row.to_string()),
        )
    } else {
        (
            format!("row {row} has {} cells, but the header has {expected}", record.len()),
            "every row needs one cell per column: check for a missing or extra comma, or a text with a comma that needs \"quotes\"".to_string(),
        )
    };
    InspectionError::Csv {
        file: file.to_string(),
        message,
        help,
    }
}

pub(super) fn csv_problem(file: &str, error: &csv::Error) -> InspectionError {
    if let csv::ErrorKind::Io(e) = error.kind() {
        let problem = read::read_problem(file, Kind::Cases, e);
        return InspectionError::Csv {
            file: file.to_string(),
            message: problem.to_string(),
            help: miette::Diagnostic::help(&problem).map_or(String::new(), |h| h.to_string()),
        };
    }
    InspectionError::Csv {
        file: file.to_string(),
        message: error.to_string(),
        help: "save the cases file as CSV (comma-separated, UTF-8)".to_string(),
    }
}
