//! A cases workbook (`.xlsx`, `.xlsm`, `.xls`, `.xlsb`, `.ods`) read as inspectors keep it:
//! the sheet named, or the first visible one; rows above the header (titles, notes) skipped,
//! the header being the first row that names the `case` column; each cell by its type (a
//! whole-number `15.0` is `15`, TRUE/FALSE are yes/no, a formula's cached value is used,
//! a date is an ISO date, `2024-06-14`); columns right of the header's last left out, with a
//! warning when they hold anything. The rows from the header on are handed to the same
//! reading as a CSV, numbered as the sheet numbers them and each cell named as the sheet
//! names it (`cell F14`), so every diagnostic, grouping and limit is the CSV's.
//!
//! A workbook may be damaged or hostile, and the library that reads it is not trusted to
//! bound its own work: [`container`] checks what the file claims before the library opens
//! it, sheets are read cell by cell where the format allows ([`grid`] keeps only the cells
//! the cases need), every limit is in [`limits`], and a panic inside the library is caught
//! here and reported as an unreadable workbook. Whatever the bytes, reading ends in rows or
//! in one diagnostic.
//!
//! Reads no file: it is given the workbook's bytes.

mod container;
mod grid;
mod limits;

use std::io::Cursor;

use calamine::{Data, DataRef, Ods, Reader, SheetVisible, Xls, Xlsb, Xlsx};

use crate::inspection::InspectionError;
use crate::suggest::did_you_mean;

use container::{Kind, Refused};
use grid::Grid;

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
/// the sheet column its first column stands in (0 for A), the name diagnostics give the
/// sheet (`cases.xlsx, sheet "Case data"`), and any warning about cells not read.
pub(super) struct SheetRows {
    pub(super) name: String,
    pub(super) header_row: usize,
    pub(super) first_column: usize,
    pub(super) csv: Vec<u8>,
    pub(super) warnings: Vec<InspectionError>,
}

/// Read the sheet `sheet` (or the first visible one) of the workbook `file`, whose parts may
/// come to at most `limit` bytes decompressed.
// The error is given once a file, so its size costs nothing.
#[allow(clippy::result_large_err)]
pub(super) fn sheet_rows(
    file: &str,
    bytes: Vec<u8>,
    sheet: Option<&str>,
    limit: u64,
) -> Result<SheetRows, InspectionError> {
    crate::guard::catching(|| read(file, bytes, sheet, limit)).unwrap_or_else(|panic| {
        let why = format!("the workbook reader stopped ({panic})");
        Err(refused(file, Refused::Damaged(why)))
    })
}

/// The diagnostic for a workbook that is not read.
fn refused(file: &str, why: Refused) -> InspectionError {
    match why {
        Refused::Encrypted => InspectionError::WorkbookEncrypted { file: file.to_string() },
        Refused::Damaged(why) => InspectionError::Workbook {
            file: file.to_string(),
            why,
            help: "save the workbook again from Excel or LibreOffice, or export the cases sheet as CSV UTF-8".into(),
        },
        Refused::TooLarge(why) => InspectionError::WorkbookTooLarge { file: file.to_string(), why },
    }
}

#[allow(clippy::result_large_err)]
fn read(
    file: &str,
    bytes: Vec<u8>,
    sheet: Option<&str>,
    limit: u64,
) -> Result<SheetRows, InspectionError> {
    let kind = container::check(&bytes, limit).map_err(|why| refused(file, why))?;
    let mut book = Book::open(kind, bytes).map_err(|why| refused(file, why))?;
    let sheets = book.sheets();
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
            .ok_or_else(|| refused(file, Refused::Damaged("it has no visible sheet".into())))?,
    };
    let name = format!("{file}, sheet \"{chosen}\"");
    let grid = book.grid(&chosen).map_err(|why| refused(&name, why))?;
    let Some(rows) = grid.rows() else {
        // Another sheet may hold the cases: say which, so the inspection file can name it.
        let holding = names
            .iter()
            .filter(|n| **n != chosen)
            .find(|n| book.grid(n).is_ok_and(|g| g.has_header()));
        let help = match holding {
            Some(other) => format!("the sheet \"{other}\" has one: write sheet = \"{other}\" in the inspection file"),
            None => "the header row names the columns: `case`, the case fields, the key questions and prompts (`ratebook template RULES` writes it)".to_string(),
        };
        return Err(InspectionError::NoHeaderRow { file: name, help });
    };
    let warnings = rows
        .beyond
        .map(|(first, count)| InspectionError::CellsRightOfHeader {
            file: name.clone(),
            first,
            count,
        })
        .into_iter()
        .collect();
    Ok(SheetRows {
        name,
        header_row: rows.header_row,
        first_column: rows.first_column,
        csv: rows.csv,
        warnings,
    })
}

/// A workbook opened by the library, of the kind its bytes showed.
enum Book {
    Xlsx(Xlsx<Cursor<Vec<u8>>>),
    Xlsb(Xlsb<Cursor<Vec<u8>>>),
    Ods(Ods<Cursor<Vec<u8>>>),
    Xls(Xls<Cursor<Vec<u8>>>),
}

/// A library error: a password is said as such, anything else in the library's words.
fn library(e: impl Into<calamine::Error>) -> Refused {
    use calamine::{Error, OdsError, XlsError, XlsbError, XlsxError};
    match e.into() {
        Error::Xlsx(XlsxError::Password)
        | Error::Xlsb(XlsbError::Password)
        | Error::Ods(OdsError::Password)
        | Error::Xls(XlsError::Password) => Refused::Encrypted,
        Error::Xlsx(e) => Refused::Damaged(e.to_string()),
        Error::Xlsb(e) => Refused::Damaged(e.to_string()),
        Error::Ods(e) => Refused::Damaged(e.to_string()),
        Error::Xls(e) => Refused::Damaged(e.to_string()),
        other => Refused::Damaged(other.to_string()),
    }
}

impl Book {
    fn open(kind: Kind, bytes: Vec<u8>) -> Result<Book, Refused> {
        let bytes = Cursor::new(bytes);
        Ok(match kind {
            Kind::Xlsx => Book::Xlsx(Xlsx::new(bytes).map_err(library)?),
            Kind::Xlsb => Book::Xlsb(Xlsb::new(bytes).map_err(library)?),
            Kind::Ods => Book::Ods(Ods::new(bytes).map_err(library)?),
            Kind::Xls => Book::Xls(Xls::new(bytes).map_err(library)?),
        })
    }

    fn sheets(&self) -> Vec<calamine::Sheet> {
        match self {
            Book::Xlsx(b) => b.sheets_metadata().to_vec(),
            Book::Xlsb(b) => b.sheets_metadata().to_vec(),
            Book::Ods(b) => b.sheets_metadata().to_vec(),
            Book::Xls(b) => b.sheets_metadata().to_vec(),
        }
    }

    /// The sheet `name`'s cells, cell by cell where the library can (`.xlsx`, `.xlsb`); the
    /// other kinds hold their sheets whole, within the limits the container was checked for.
    fn grid(&mut self, name: &str) -> Result<Grid, Refused> {
        let mut grid = Grid::default();
        match self {
            Book::Xlsx(b) => {
                let mut cells = b.worksheet_cells_reader(name).map_err(library)?;
                streamed(|| cells.next_cell(), &mut grid)?;
            }
            Book::Xlsb(b) => {
                let mut cells = b.worksheet_cells_reader(name).map_err(library)?;
                streamed(|| cells.next_cell(), &mut grid)?;
            }
            Book::Ods(b) => whole(&b.worksheet_range(name).map_err(library)?, &mut grid)?,
            Book::Xls(b) => whole(&b.worksheet_range(name).map_err(library)?, &mut grid)?,
        }
        Ok(grid)
    }
}

/// A sheet the library reads cell by cell (`next` gives the next cell), into the grid.
fn streamed<'a, E: Into<calamine::Error>>(
    mut next: impl FnMut() -> Result<Option<calamine::Cell<DataRef<'a>>>, E>,
    grid: &mut Grid,
) -> Result<(), Refused> {
    while let Some(cell) = next().map_err(library)? {
        let (row, column) = cell.get_position();
        grid.add(row, column, ref_text(cell.get_value()))?;
    }
    Ok(())
}

/// A sheet the library holds whole, into the grid.
fn whole(range: &calamine::Range<Data>, grid: &mut Grid) -> Result<(), Refused> {
    let (top, left) = range.start().unwrap_or((0, 0));
    for (row, column, value) in range.used_cells() {
        grid.add(top + row as u32, left + column as u32, cell_text(value))?;
    }
    Ok(())
}

/// A cell's name as the spreadsheet writes it: `F14` for row 13, column 5 (from 0).
pub(super) fn cell_name(row: u32, column: u32) -> String {
    let letters = super::layout::column_letters(column as usize);
    format!("{letters}{}", u64::from(row) + 1)
}

fn ref_text(cell: &DataRef) -> String {
    match cell {
        DataRef::SharedString(s) => s.to_string(),
        other => cell_text(&Data::from(other.clone())),
    }
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
