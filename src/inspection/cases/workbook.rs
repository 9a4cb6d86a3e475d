//! A cases workbook (`.xlsx`, `.xlsm`, `.xls`, `.xlsb`, `.ods`) read as inspectors keep it:
//! the sheet named, or the first visible one; rows above the header (titles, notes) skipped,
//! the header being the first row that names the `case` column; each cell by its type (a
//! whole-number `15.0` is `15`, TRUE/FALSE are yes/no, a formula's cached value is used,
//! a date is an ISO date, `2024-06-14`); columns empty in every row left out. The rows from
//! the header on are handed to the same reading as a CSV, numbered as the sheet numbers them
//! and each cell named as the sheet names it (`cell F14`), so every diagnostic, grouping and
//! limit is the CSV's.
//!
//! Reads no file: it is given the workbook's bytes.

use std::io::Cursor;

use calamine::{Data, Reader, SheetVisible};

use crate::inspection::InspectionError;
use crate::suggest::did_you_mean;

/// The first bytes of a workbook: a zip archive (`.xlsx`, `.xlsm`, `.xlsb`, `.ods`) or an OLE
/// compound file (`.xls`).
pub(super) fn is_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0])
}

/// Whether a file name says workbook.
pub(super) fn named_as_workbook(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    [".xlsx", ".xlsm", ".xls", ".xlsb", ".ods"]
        .iter()
        .any(|ext| lower.ends_with(ext))
}

/// A sheet's rows from its header on, as CSV text, with the sheet row the header stands on,
/// the sheet column its first column stands in (0 for A), and the name diagnostics give the
/// sheet (`cases.xlsx, sheet "Case data"`).
pub(super) struct SheetRows {
    pub(super) name: String,
    pub(super) header_row: usize,
    pub(super) first_column: usize,
    pub(super) csv: Vec<u8>,
}

/// Read the sheet `sheet` (or the first visible one) of the workbook `file`.
// The error is given once a file, so its size costs nothing.
#[allow(clippy::result_large_err)]
pub(super) fn sheet_rows(
    file: &str,
    bytes: Vec<u8>,
    sheet: Option<&str>,
) -> Result<SheetRows, InspectionError> {
    let not_read = |why: String| {
        InspectionError::Workbook {
        file: file.to_string(),
        why,
        help: "save the workbook again from the spreadsheet program, or export the cases sheet as CSV UTF-8".into(),
    }
    };
    let mut workbook = calamine::open_workbook_auto_from_rs(Cursor::new(bytes))
        .map_err(|e| not_read(e.to_string()))?;
    let sheets = workbook.sheets_metadata().to_vec();
    let names: Vec<&str> = sheets.iter().map(|s| s.name.as_str()).collect();
    let chosen = match sheet {
        Some(wanted) => names
            .iter()
            .find(|n| **n == wanted)
            .or_else(|| {
                names
                    .iter()
                    .find(|n| n.trim().eq_ignore_ascii_case(wanted.trim()))
            })
            .map(|n| n.to_string())
            .ok_or_else(|| InspectionError::UnknownSheet {
                file: file.to_string(),
                sheet: wanted.to_string(),
                help: did_you_mean(wanted, "sheets", names.iter().copied()),
            })?,
        None => sheets
            .iter()
            .find(|s| s.visible == SheetVisible::Visible)
            .map(|s| s.name.clone())
            .ok_or_else(|| not_read("it has no visible sheet".into()))?,
    };
    let range = workbook
        .worksheet_range(&chosen)
        .map_err(|e| not_read(e.to_string()))?;
    let name = format!("{file}, sheet \"{chosen}\"");
    let (first_row, first_column) = range
        .start()
        .map_or((0, 0), |(row, column)| (row as usize, column as usize));
    let rows: Vec<Vec<String>> = range
        .rows()
        .map(|row| row.iter().map(cell_text).collect())
        .collect();
    let Some(header_at) = header_position(&rows) else {
        // Another sheet may hold the cases: say which, so the inspection file can name it.
        let holding = names.iter().filter(|n| **n != chosen).find(|n| {
            workbook.worksheet_range(n).is_ok_and(|r| {
                header_position(
                    &r.rows()
                        .map(|row| row.iter().map(cell_text).collect())
                        .collect::<Vec<_>>(),
                )
                .is_some()
            })
        });
        let help = match holding {
            Some(other) => format!("the sheet \"{other}\" has one: write sheet = \"{other}\" in the inspection file"),
            None => "the header row names the columns: `case`, the case fields, the key questions and prompts (`ratebook template RULES` writes it)".to_string(),
        };
        return Err(InspectionError::NoHeaderRow { file: name, help });
    };
    let rows = &rows[header_at..];
    // Columns empty in every row (formatting that reaches further right) are left out; so are
    // columns before the first one used, which the sheet's range already leaves out.
    let width = rows
        .iter()
        .map(|row| {
            row.iter()
                .rposition(|c| !c.trim().is_empty())
                .map_or(0, |i| i + 1)
        })
        .max()
        .unwrap_or(0);
    let mut csv = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(vec![]);
    for row in rows {
        let cells = row.iter().take(width).map(String::as_str);
        let padded = cells.chain(std::iter::repeat_n("", width.saturating_sub(row.len())));
        csv.write_record(padded)
            .map_err(|e| not_read(e.to_string()))?;
    }
    let csv = csv.into_inner().map_err(|e| not_read(e.to_string()))?;
    Ok(SheetRows {
        name,
        header_row: first_row + header_at + 1,
        first_column,
        csv,
    })
}

/// The first row that names the `case` column.
fn header_position(rows: &[Vec<String>]) -> Option<usize> {
    rows.iter()
        .position(|row| row.iter().any(|c| c.trim().eq_ignore_ascii_case("case")))
}

/// A cell as its text in a cases file: numbers as written (`15.0` is `15`), TRUE/FALSE as
/// yes/no, dates as dates, an error value as the spreadsheet shows it (`#N/A`).
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(true) => "yes".into(),
        Data::Bool(false) => "no".into(),
        // A date is written as a date (2024-06-14), with its time when it has one: dates are
        // never asked for, and one in a column the ruleset reads is reported as the sheet
        // shows it. A duration is left as its number of days.
        Data::DateTime(d) if d.is_datetime() => {
            let (year, month, day, hour, minute, second, _) = d.to_ymd_hms_milli();
            let date = format!("{year:04}-{month:02}-{day:02}");
            if (hour, minute, second) == (0, 0, 0) {
                date
            } else {
                format!("{date} {hour:02}:{minute:02}:{second:02}")
            }
        }
        Data::DateTime(d) => d.to_string(),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Error(e) => e.to_string(),
    }
}
