//! Inspection stage: the cases file (CSV, in UTF-8 or the encoding the inspection file names,
//! or a workbook's sheet, read by [`workbook`] into the same rows) → typed cases.
//!
//! Columns: `case`, one per declared case field, one per key question and prompt of the
//! standards rated from cases. Every cell is checked; every problem names the file, row,
//! case, column and value. A case in a key question's sample must answer it; an answer to a
//! question of a domain the case is not in is refused, since it would otherwise be ignored.
//!
//! This file reads the rows in batches on every core and puts them back in row order;
//! [`layout`] understands the header, [`text`] reads rows as text, [`typed`] reads each
//! cell by type, [`membership`] checks each row's answers against the samples, [`mistakes`]
//! says once each mistake that many cells share.

use std::path::Path;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::{Case, InspectionError};
use crate::diagnostic::Problems;
use crate::framework::Framework;
use crate::io::read::{self, Kind};
use crate::terminal::excerpt;

mod layout;
mod membership;
mod mistakes;
mod text;
mod typed;
mod words;
mod workbook;

use layout::{Layout, layout};
use membership::Membership;
use text::{
    binary_header_problem, csv_problem, ragged, separator_problem, text_cells, text_record,
};
use typed::{SharedValues, case};

/// How many cases in no domain are named one by one before the rest are counted.
const NAMED_IN_NO_DOMAIN: usize = 10;

/// How the inspection file says to read its cases file.
#[derive(Debug, Clone, Copy, Default)]
pub struct How<'a> {
    /// A CSV's encoding; `None`: UTF-8.
    pub encoding: Option<&'static encoding_rs::Encoding>,
    /// A workbook's sheet; `None`: the first visible one.
    pub sheet: Option<&'a str>,
}

/// Read the cases file at `path`: a workbook (known by its bytes, whatever its name) from its
/// sheet; a CSV in the encoding the inspection file names (then read whole and decoded), or
/// as UTF-8, streamed.
pub fn read(
    framework: &Framework,
    path: &Path,
    how: How,
    problems: &mut Problems,
) -> Option<Vec<Case>> {
    let file = path.display().to_string();
    // Streamed through the size guard, past any byte-order mark a spreadsheet wrote.
    let mut source = match read::open(path, Kind::Cases) {
        Ok(reader) => reader,
        Err(e) => {
            problems.push(e);
            return None;
        }
    };
    let workbook = match std::io::BufRead::fill_buf(&mut source) {
        Ok(start) => workbook::is_workbook(start),
        Err(e) => {
            problems.push(read::read_problem(&file, Kind::Cases, &e));
            return None;
        }
    };
    if !workbook && how.encoding.is_none() {
        if workbook::named_as_workbook(&file) {
            problems.push(InspectionError::TextNamedAsWorkbook { file: file.clone() });
        }
        return read_from(framework, file, source, problems);
    }
    let mut bytes = vec![];
    if let Err(e) = std::io::Read::read_to_end(&mut source, &mut bytes) {
        problems.push(read::read_problem(&file, Kind::Cases, &e));
        return None;
    }
    from_bytes(framework, file, bytes, how, problems)
}

/// Read cases from a file's bytes held in memory, named `file`: a workbook (known by its
/// bytes, whatever its name) from its sheet, or CSV text in the encoding `how` names.
pub fn from_bytes(
    framework: &Framework,
    file: String,
    bytes: Vec<u8>,
    how: How,
    problems: &mut Problems,
) -> Option<Vec<Case>> {
    if workbook::is_workbook(&bytes) {
        if !workbook::named_as_workbook(&file) {
            problems.push(InspectionError::WorkbookNotNamedAsOne { file: file.clone() });
        }
        let limit = match read::limit() {
            Ok(limit) => limit,
            Err(e) => {
                problems.push(e);
                return None;
            }
        };
        return match workbook::sheet_rows(&file, bytes, how.sheet, limit) {
            Ok(sheet) => {
                for warning in sheet.warnings {
                    problems.push(warning);
                }
                let (name, csv, header) = (sheet.name, sheet.csv, sheet.header_row);
                let at = (header, Some(sheet.first_column));
                read_rows(framework, name, csv.as_slice(), at, problems)
            }
            Err(e) => {
                problems.push(e);
                None
            }
        };
    }
    let Some(encoding) = how.encoding else {
        if workbook::named_as_workbook(&file) {
            problems.push(InspectionError::TextNamedAsWorkbook { file: file.clone() });
        }
        // Read as the bytes stand: a cell that is not UTF-8 is found and named, never replaced.
        return read_from(framework, file, bytes.as_slice(), problems);
    };
    // A byte-order mark, if there is one, says the encoding better than the label.
    let (text, _, _) = encoding.decode(&bytes);
    read_from(framework, file, text.as_bytes(), problems)
}

/// Read cases from any reader (a guarded file, or bytes in memory), naming them `file`.
pub fn read_from(
    framework: &Framework,
    file: String,
    source: impl std::io::Read + Send,
    problems: &mut Problems,
) -> Option<Vec<Case>> {
    read_rows(framework, file, source, (1, None), problems)
}

/// Read cases from CSV text whose header row stands at row `header_row` of the file or sheet:
/// the rows after it are numbered from there. From a workbook's sheet, `sheet_column` is the
/// sheet column the first column stands in, and cells are named as the sheet names them.
fn read_rows(
    framework: &Framework,
    file: String,
    source: impl std::io::Read + Send,
    (header_row, sheet_column): (usize, Option<usize>),
    problems: &mut Problems,
) -> Option<Vec<Case>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(source);
    let headers = match reader.byte_headers() {
        Ok(h) => match text_record(&file, 1, h, None) {
            Ok(h) => h,
            Err(e) => {
                problems.push(e);
                return None;
            }
        },
        Err(e) => {
            problems.push(csv_problem(&file, &e));
            return None;
        }
    };
    if let Some(problem) =
        binary_header_problem(&file, &headers).or_else(|| separator_problem(&file, &headers))
    {
        problems.push(problem);
        return None;
    }
    let mut layout = layout(framework, file, &headers, problems)?;
    layout.sheet_column = sheet_column;

    // Rows are read in batches, and every core turns a batch into cases, a slice of rows
    // each, while the next batch is read; the slices are put back together in row order, so
    // cases and problems come out as a single pass would give them.
    let mut cases = vec![];
    let mut mistakes = vec![];
    let mut blank_rows = vec![];
    let mut unread = vec![];
    let mut in_no_domain = InNoDomain::default();
    let mut reading = Reading {
        row: header_row,
        done: false,
    };
    let (mut current, mut next) = (Rows::default(), Rows::default());
    let width = headers.len();
    let mut more = current.fill(&mut reading, &mut reader, &layout.file, width);
    while more {
        let (slices, more_next) = rayon::join(
            || {
                current.batch[..current.filled]
                    .par_chunks_mut(ROWS_PER_SLICE)
                    .map(|rows| slice(framework, &layout, &headers, rows))
                    .collect::<Vec<Slice>>()
            },
            || next.fill(&mut reading, &mut reader, &layout.file, width),
        );
        for slice in slices {
            let kept = (&mut mistakes, &mut blank_rows, &mut unread);
            slice.merge(&mut cases, kept, &mut in_no_domain, problems);
        }
        std::mem::swap(&mut current, &mut next);
        more = more_next;
    }
    let columns: Vec<(&str, String)> = (layout.columns.iter().enumerate())
        .map(|(i, (name, _))| (name.as_str(), layout.column_name(i)))
        .collect();
    mistakes::report(&layout.file, &columns, mistakes, problems);
    let mut columns: Vec<usize> = unread.iter().map(|(c, _)| *c).collect();
    columns.sort_unstable();
    columns.dedup();
    for column in columns {
        let rows: Vec<usize> = unread
            .iter()
            .filter(|(c, _)| *c == column)
            .map(|(_, r)| *r)
            .collect();
        problems.push(InspectionError::UnreadColumnNotUtf8 {
            file: layout.file.clone(),
            column: layout.column_name(column),
            rows: mistakes::rows_text(&rows),
        });
    }
    if !blank_rows.is_empty() {
        problems.push(InspectionError::BlankRows {
            file: layout.file.clone(),
            rows: mistakes::rows_text(&blank_rows),
            count: blank_rows.len(),
        });
    }
    drop_repeated_ids(&layout.file, &mut cases, problems);
    cases.shrink_to_fit();
    if in_no_domain.all > NAMED_IN_NO_DOMAIN {
        problems.push(InspectionError::MoreCasesInNoDomain {
            file: layout.file.clone(),
            more: in_no_domain.all - NAMED_IN_NO_DOMAIN,
            all: in_no_domain.all,
        });
    }
    Some(cases)
}

/// Cases in no domain: how many are named one by one so far, and how many in all.
#[derive(Default)]
struct InNoDomain {
    named: usize,
    all: usize,
}

/// How many rows are read at once, and how many rows one core reads into cases at a time.
const ROWS_PER_BATCH: usize = 8192;

const ROWS_PER_SLICE: usize = 512;

/// A row as read: its number and cells, or why it could not be read. The record is kept
/// from batch to batch and read into again.
#[derive(Default)]
struct Row {
    number: usize,
    record: csv::ByteRecord,
    refused: Option<Problems>,
}

/// The rows of one batch, read into records kept from batch to batch.
#[derive(Default)]
struct Rows {
    batch: Vec<Row>,
    filled: usize,
}

/// Where reading the file has got to.
struct Reading {
    /// The last row read, as a spreadsheet numbers them: the header is row 1, and a cell
    /// over several lines is still one row.
    row: usize,
    done: bool,
}

impl Rows {
    /// Read the next batch; false once the file has ended or cannot be read further.
    fn fill(
        &mut self,
        reading: &mut Reading,
        reader: &mut csv::Reader<impl std::io::Read>,
        file: &str,
        width: usize,
    ) -> bool {
        self.filled = 0;
        while !reading.done && self.filled < ROWS_PER_BATCH {
            if self.batch.len() == self.filled {
                self.batch.push(Row::default());
            }
            let row = &mut self.batch[self.filled];
            row.refused = None;
            let refused = |problem: InspectionError| {
                let mut problems = Problems::new();
                problems.push(problem);
                Some(problems)
            };
            match reader.read_byte_record(&mut row.record) {
                Ok(false) => {
                    reading.done = true;
                    break;
                }
                Ok(true) => {
                    reading.row += 1;
                    row.number = reading.row;
                    if row.record.len() != width {
                        row.refused = refused(ragged(file, reading.row, &row.record, width));
                    }
                }
                Err(e) => {
                    let io = matches!(e.kind(), csv::ErrorKind::Io(_));
                    row.refused = refused(csv_problem(file, &e));
                    if io {
                        reading.done = true;
                    } else {
                        reading.row += 1;
                    }
                }
            }
            self.filled += 1;
        }
        self.filled > 0
    }
}

/// The cases of a slice of rows, with the problems found in them; of the cases in no domain,
/// the first few are kept with where they fall among the problems, and all are counted.
struct Slice {
    cases: Vec<Case>,
    problems: Problems,
    /// Mistakes in cells, reported once the whole file is read, each cause once.
    mistakes: Vec<mistakes::Mistake>,
    /// Rows with every cell blank, which spreadsheets leave after the last case.
    blank_rows: Vec<usize>,
    /// Cells not UTF-8 in columns the ruleset does not read: (column, row).
    unread_not_utf8: Vec<(usize, usize)>,
    in_no_domain: Vec<(usize, InspectionError)>,
    in_no_domain_count: usize,
}

fn slice(
    framework: &Framework,
    layout: &Layout,
    headers: &csv::StringRecord,
    rows: &mut [Row],
) -> Slice {
    let mut out = Slice {
        cases: Vec::with_capacity(rows.len()),
        problems: Problems::new(),
        mistakes: vec![],
        blank_rows: vec![],
        unread_not_utf8: vec![],
        in_no_domain: vec![],
        in_no_domain_count: 0,
    };
    let mut membership = Membership::default();
    let mut values = SharedValues::default();
    for row in rows {
        if let Some(problems) = row.refused.take() {
            out.problems.extend(problems);
            continue;
        }
        let (row, mut record) = (row.number, &row.record);
        // A cell that is not UTF-8 in a column the ruleset does not read (a free-text note
        // saved in another encoding) is left unread, with a warning, not a stop.
        let patched;
        if text_cells(record).is_none()
            && let Some((cleared, columns)) = unread_cells_cleared(layout, record)
        {
            patched = cleared;
            record = &patched;
            for column in columns {
                out.unread_not_utf8.push((column, row));
            }
        }
        let Some(text) = text_cells(record) else {
            // Some cell is not UTF-8 (text made of UTF-8 cells is UTF-8), and text_record
            // names it: a mistake the column's other cells may share (the file's encoding).
            if let Err(e) = text_record(&layout.file, row, record, Some(headers)) {
                out.mistakes.push(mistakes::Mistake::not_utf8(e));
            }
            continue;
        };
        if text.iter().all(|cell| cell.trim().is_empty()) {
            out.blank_rows.push(row);
            continue;
        }
        let mut in_no_domain = None;
        let case = case(
            framework,
            layout,
            (row, text),
            (&mut membership, &mut values),
            &mut in_no_domain,
            (&mut out.mistakes, &mut out.problems),
        );
        if let Some(warning) = in_no_domain {
            out.in_no_domain_count += 1;
            if out.in_no_domain.len() < NAMED_IN_NO_DOMAIN {
                out.in_no_domain.push((out.problems.len(), warning));
            }
        }
        out.cases.extend(case);
    }
    out
}

impl Slice {
    /// Add this slice's cases and problems to those of the rows before it. Of the cases in
    /// no domain, only the first few of the whole file are named.
    fn merge(
        self,
        cases: &mut Vec<Case>,
        (mistakes, blank_rows, unread): (
            &mut Vec<mistakes::Mistake>,
            &mut Vec<usize>,
            &mut Vec<(usize, usize)>,
        ),
        in_no_domain: &mut InNoDomain,
        problems: &mut Problems,
    ) {
        cases.extend(self.cases);
        mistakes.extend(self.mistakes);
        blank_rows.extend(self.blank_rows);
        unread.extend(self.unread_not_utf8);
        let mut name = |warning: InspectionError, problems: &mut Problems| {
            if in_no_domain.named < NAMED_IN_NO_DOMAIN {
                in_no_domain.named += 1;
                problems.push(warning);
            }
        };
        let mut warnings = self.in_no_domain.into_iter().peekable();
        for (i, report) in self.problems.into_reports().into_iter().enumerate() {
            while let Some((_, warning)) = warnings.next_if(|(at, _)| *at == i) {
                name(warning, problems);
            }
            problems.add(report);
        }
        for (_, warning) in warnings {
            name(warning, problems);
        }
        in_no_domain.all += self.in_no_domain_count;
    }
}

/// The record with its cells that are not UTF-8 emptied, when every such cell is in a column
/// the ruleset does not read; and those columns. `None` when a column it reads has one.
fn unread_cells_cleared(
    layout: &Layout,
    record: &csv::ByteRecord,
) -> Option<(csv::ByteRecord, Vec<usize>)> {
    let mut cleared = csv::ByteRecord::new();
    let mut columns = vec![];
    for (i, cell) in record.iter().enumerate() {
        if std::str::from_utf8(cell).is_ok() {
            cleared.push_field(cell);
            continue;
        }
        match layout.columns.get(i) {
            Some((_, layout::Column::Unknown)) => {
                columns.push(i);
                cleared.push_field(b"");
            }
            _ => return None,
        }
    }
    Some((cleared, columns))
}

/// Refuse every case whose id an earlier row already gave, in row order.
fn drop_repeated_ids(file: &str, cases: &mut Vec<Case>, problems: &mut Problems) {
    let mut first: FxHashMap<&str, usize> = FxHashMap::default();
    first.reserve(cases.len());
    let mut repeated: Vec<(usize, usize)> = vec![];
    for (i, case) in cases.iter().enumerate() {
        if let Some(&f) = first.get(&*case.id) {
            repeated.push((i, f));
        } else {
            first.insert(&case.id, i);
        }
    }
    drop(first);
    if repeated.is_empty() {
        return;
    }
    for &(again, first) in &repeated {
        problems.push(InspectionError::DuplicateCase {
            file: file.to_string(),
            row: cases[again].row,
            case: excerpt(&cases[again].id, 40),
            first: cases[first].row,
        });
    }
    let mut drop = vec![false; cases.len()];
    for &(again, _) in &repeated {
        drop[again] = true;
    }
    let mut i = 0;
    cases.retain(|_| {
        i += 1;
        !drop[i - 1]
    });
}
