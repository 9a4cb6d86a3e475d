//! Inspection stage: the cases file (CSV) → typed cases.
//!
//! Columns: `case`, one per declared case field, one per key question and prompt of the
//! standards rated from cases. Every cell is checked; every problem names the file, row,
//! case, column and value. A case in a key question's sample must answer it; an answer to a
//! question of a domain the case is not in is refused, since it would otherwise be ignored.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use super::Answers;
use super::{Answer, Case, InspectionError};
use crate::diagnostic::Problems;
use crate::framework::{Field, FieldKind, Framework, KeyQuestion, Standard, Value};
use crate::io::read::{self, InputError, Kind};
use crate::suggest::{did_you_mean, suggestion};
use crate::terminal::excerpt;

/// What a column of the cases file holds.
#[derive(Clone, Copy)]
enum Column {
    Case,
    Field(usize),
    /// A key question's or a prompt's answers.
    Answer(Asked),
    Unknown,
}

/// Where an answer column is asked: the rated standard (by number in
/// [`Layout::standards`]) and, for a key question's own column, the question (by number in
/// [`Layout::questions`]); and the column's number in every case's [`Answers`].
#[derive(Clone, Copy)]
struct Asked {
    standard: usize,
    question: Option<usize>,
    cell: usize,
}

/// The cases file's name and its columns, as headed and as understood.
struct Layout<'f> {
    file: String,
    columns: Vec<(String, Column)>,
    /// The standards rated from cases, with their domains' numbers, in ruleset order.
    standards: Vec<(usize, &'f Standard)>,
    /// Their key questions, in ruleset order, each with its standard's number.
    questions: Vec<(usize, &'f KeyQuestion)>,
    /// The names of the fields that put a case in a domain, for help texts.
    population_fields: String,
    /// The key question and prompt columns, sorted: every case's answers share the list.
    answer_columns: std::sync::Arc<[String]>,
}

/// Which domains, rated standards and key question samples take the row being read, found
/// once per row.
#[derive(Default)]
struct Membership {
    in_domain: Vec<bool>,
    in_standard: Vec<bool>,
    in_sample: Vec<bool>,
}

/// How many cases in no domain are named one by one before the rest are counted.
const NAMED_IN_NO_DOMAIN: usize = 10;

pub fn read(framework: &Framework, path: &Path, problems: &mut Problems) -> Option<Vec<Case>> {
    let file = path.display().to_string();
    // Streamed through the size guard, past any byte-order mark a spreadsheet wrote.
    let source = match read::open(path, Kind::Cases) {
        Ok(reader) => reader,
        Err(e) => {
            problems.push(e);
            return None;
        }
    };
    read_from(framework, file, source, problems)
}

/// Read cases from any reader (a guarded file, or bytes in memory), naming them `file`.
pub fn read_from(
    framework: &Framework,
    file: String,
    source: impl std::io::Read + Send,
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
    let layout = layout(framework, file, &headers, problems)?;

    // Rows are read in batches, and every core turns a batch into cases, a slice of rows
    // each, while the next batch is read; the slices are put back together in row order, so
    // cases and problems come out as a single pass would give them.
    let mut cases = vec![];
    let mut in_no_domain = InNoDomain::default();
    let mut reading = Reading {
        row: 1,
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
            slice.merge(&mut cases, &mut in_no_domain, problems);
        }
        std::mem::swap(&mut current, &mut next);
        more = more_next;
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
        let (row, record) = (row.number, &row.record);
        let Some(text) = text_cells(record) else {
            // Some cell is not UTF-8 (text made of UTF-8 cells is UTF-8), and text_record
            // names it.
            if let Err(e) = text_record(&layout.file, row, record, Some(headers)) {
                out.problems.push(e);
            }
            continue;
        };
        let mut in_no_domain = None;
        let case = case(
            framework,
            layout,
            (row, text),
            (&mut membership, &mut values),
            &mut in_no_domain,
            &mut out.problems,
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
    fn merge(self, cases: &mut Vec<Case>, in_no_domain: &mut InNoDomain, problems: &mut Problems) {
        cases.extend(self.cases);
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

/// A row whose every cell is UTF-8, read as text in place.
#[derive(Clone, Copy)]
struct TextCells<'r> {
    text: &'r str,
    record: &'r csv::ByteRecord,
}

impl<'r> TextCells<'r> {
    fn iter(self) -> impl Iterator<Item = &'r str> {
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
fn text_cells(record: &csv::ByteRecord) -> Option<TextCells<'_>> {
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
fn text_record(
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
fn separator_problem(file: &str, headers: &csv::StringRecord) -> Option<InspectionError> {
    let only = headers.get(0).filter(|_| headers.len() == 1)?;
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
fn binary_header_problem(file: &str, headers: &csv::StringRecord) -> Option<InspectionError> {
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
fn ragged(file: &str, row: usize, record: &csv::ByteRecord, expected: usize) -> InspectionError {
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

fn csv_problem(file: &str, error: &csv::Error) -> InspectionError {
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

/// Understand the header row: every column known, repeated or unknown; every required one present.
fn layout<'f>(
    framework: &'f Framework,
    file: String,
    headers: &csv::StringRecord,
    problems: &mut Problems,
) -> Option<Layout<'f>> {
    let standards: Vec<(usize, &Standard)> = framework
        .domains
        .iter()
        .enumerate()
        .flat_map(|(d, domain)| domain.standards.iter().map(move |s| (d, s)))
        .filter(|(_, s)| !s.is_judged())
        .collect();
    let mut questions = vec![];
    let mut known: BTreeMap<&str, Column> = BTreeMap::new();
    known.insert("case", Column::Case);
    for (i, field) in framework.fields.iter().enumerate() {
        known.insert(&field.name, Column::Field(i));
    }
    for (s, (_, standard)) in standards.iter().enumerate() {
        for question in standard.questions() {
            let asked = |question| {
                Column::Answer(Asked {
                    standard: s,
                    question,
                    cell: 0,
                })
            };
            known.insert(&question.id, asked(Some(questions.len())));
            for prompt in &question.prompts {
                known.insert(&prompt.id, asked(None));
            }
            questions.push((s, question));
        }
    }

    let before = problems.errors();
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let mut columns = vec![];
    let mut unknown: Vec<(String, String)> = vec![];
    for (i, header) in headers.iter().enumerate() {
        let name = header.trim();
        let repeated = if name.is_empty() {
            None
        } else {
            seen.insert(name, i + 1)
        };
        if let Some(first) = repeated {
            problems.push(InspectionError::DuplicateColumn {
                file: file.clone(),
                column: name.into(),
                first,
                again: i + 1,
            });
        }
        let column = known.get(name).copied().unwrap_or(Column::Unknown);
        if let Column::Unknown = column {
            let shown = if name.is_empty() {
                format!("(unnamed column {})", i + 1)
            } else {
                excerpt(name, 60)
            };
            let judged_question = framework
                .standards()
                .filter(|(_, s)| s.is_judged())
                .any(|(_, s)| s.questions().iter().any(|q| q.id == name));
            let help = if judged_question {
                format!(
                    "{name} belongs to a judged standard, which is rated by the inspector's judgement in the inspection file, not from cases; remove the column"
                )
            } else {
                let read = "`ratebook template RULES` writes every column the ruleset reads";
                match suggestion(name, known.keys().copied()) {
                    Some(g) => format!("did you mean `{g}`? The column is not read; {read}"),
                    None => format!("the column is not read; {read}"),
                }
            };
            unknown.push((shown, help));
        }
        columns.push((name.to_string(), column));
    }

    // A first row that names no column the ruleset reads is not this ruleset's header: the
    // wrong file, not many wrong columns.
    if columns.iter().all(|(_, c)| matches!(c, Column::Unknown)) {
        let row: Vec<&str> = headers.iter().collect();
        problems.push(InspectionError::NotCases {
            file,
            what: format!(
                "its first row names none of the columns the ruleset reads, such as `case`: it begins `{}`",
                excerpt(&row.join(","), 24)
            ),
        });
        return None;
    }

    // A handful of unknown columns are named one by one; many are one warning.
    const NAMED_ONE_BY_ONE: usize = 5;
    if unknown.len() <= NAMED_ONE_BY_ONE {
        for (column, help) in unknown {
            problems.push(InspectionError::UnknownColumn {
                file: file.clone(),
                column,
                help,
            });
        }
    } else {
        let first: Vec<String> = unknown
            .iter()
            .take(10)
            .map(|(c, _)| format!("`{c}`"))
            .collect();
        let more = unknown.len() - first.len();
        problems.push(InspectionError::UnknownColumns {
            file: file.clone(),
            count: unknown.len(),
            first: first.join(", "),
            more: if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            },
        });
    }

    let mut require = |column: &str, help: String| {
        if !seen.contains_key(column) {
            problems.push(InspectionError::MissingColumn {
                file: file.clone(),
                column: column.into(),
                help,
            });
        }
    };
    require(
        "case",
        "the first column, `case`, gives each case's identifier".into(),
    );
    for field in framework.fields.iter().filter(|f| !f.optional) {
        require(
            &field.name,
            format!(
                "add a `{}` column: the ruleset declares it as a required case field ({})",
                field.name,
                kind_text(field)
            ),
        );
    }
    for (_, question) in &questions {
        require(
            &question.id,
            format!(
                "add a `{}` column with each case's answer (yes, no, n/a, or empty when the case is not in its sample)",
                question.id
            ),
        );
    }
    let mut answer_columns: Vec<String> = columns
        .iter()
        .filter(|(_, c)| matches!(c, Column::Answer(_)))
        .map(|(name, _)| name.clone())
        .collect();
    answer_columns.sort();
    answer_columns.dedup();
    for (name, column) in &mut columns {
        if let Column::Answer(asked) = column {
            asked.cell = answer_columns.binary_search(name).unwrap_or_default();
        }
    }
    (problems.errors() == before).then(|| Layout {
        file,
        columns,
        standards,
        questions,
        population_fields: population_fields(framework),
        answer_columns: answer_columns.into(),
    })
}

/// One row: its cells read by type, then its answers checked against the samples.
fn case(
    framework: &Framework,
    layout: &Layout,
    (row, record): (usize, TextCells),
    (membership, values): (&mut Membership, &mut SharedValues),
    in_no_domain: &mut Option<InspectionError>,
    problems: &mut Problems,
) -> Option<Case> {
    let cells = || layout.columns.iter().zip(record.iter());
    let id = cells()
        .find(|((_, c), _)| matches!(c, Column::Case))
        .map_or("", |(_, cell)| cell.trim());
    if id.is_empty() {
        problems.push(InspectionError::NoCaseId {
            file: layout.file.clone(),
            row,
        });
        return None;
    }
    let before = problems.errors();
    let bad =
        |column: &str, value: &str, problem: String, help: String| InspectionError::BadValue {
            file: layout.file.clone(),
            row,
            case: excerpt(id, 40),
            column: column.into(),
            value: if value.trim().is_empty() {
                "the cell".into()
            } else {
                format!("`{}`", excerpt(value, 60))
            },
            problem,
            help,
        };
    let mut answers = Answers::new(layout.answer_columns.clone());
    values.scratch.clear();
    values.scratch.resize(framework.fields.len(), None);
    for ((name, column), cell) in cells() {
        match column {
            Column::Field(i) => match field_value(&framework.fields[*i], cell) {
                Ok(value) => values.scratch[*i] = value,
                Err((problem, help)) => problems.push(bad(name, cell, problem, help)),
            },
            Column::Answer(asked) => match answer(cell) {
                Ok(Some(answer)) => {
                    answers.set(asked.cell, answer);
                }
                Ok(None) => {}
                Err(()) => problems.push(bad(
                    name,
                    cell,
                    "is not an answer".into(),
                    "answers are yes, no, n/a (not applicable), or empty (not asked)".into(),
                )),
            },
            Column::Case | Column::Unknown => {}
        }
    }
    if problems.errors() > before {
        return None;
    }
    let case = Case {
        id: id.into(),
        row,
        values: values.share(),
        answers,
    };
    membership.find(framework, layout, &case);
    *in_no_domain = check_samples(framework, layout, &case, membership, problems);
    (problems.errors() == before).then_some(case)
}

/// The field values of a slice's cases, each list kept once: cases with the same values
/// share one list, so a million cases of a few dozen kinds hold a few dozen lists. Where the
/// rows' values are mostly all different (a file with every research field), sharing stops
/// being tried once it has mostly failed.
#[derive(Default)]
struct SharedValues {
    seen: FxHashSet<Arc<[Option<Value>]>>,
    looked: usize,
    found: usize,
    /// The values of the row being read.
    scratch: Vec<Option<Value>>,
}

/// How many different value lists a slice keeps to share; rows beyond them keep their own.
const SHARED_VALUE_LISTS: usize = 256;

impl SharedValues {
    /// The list of the row just read, shared with an earlier row's if the values are the same.
    fn share(&mut self) -> Arc<[Option<Value>]> {
        let full = self.seen.len() >= SHARED_VALUE_LISTS;
        if full && self.found * 2 < self.looked {
            return self.scratch.as_slice().into();
        }
        self.looked += 1;
        if let Some(seen) = self.seen.get(self.scratch.as_slice()) {
            self.found += 1;
            return seen.clone();
        }
        let values: Arc<[Option<Value>]> = self.scratch.as_slice().into();
        if !full {
            self.seen.insert(values.clone());
        }
        values
    }
}

impl Membership {
    /// Which domains take `case`; within them, which rated standards; within those, which
    /// key question samples.
    fn find(&mut self, framework: &Framework, layout: &Layout, case: &Case) {
        let values = &case.values;
        self.in_domain.clear();
        self.in_domain
            .extend(framework.domains.iter().map(|d| d.takes(values)));
        self.in_standard.clear();
        self.in_standard.extend(
            layout
                .standards
                .iter()
                .map(|(d, s)| self.in_domain[*d] && s.takes(values)),
        );
        self.in_sample.clear();
        self.in_sample.extend(
            layout
                .questions
                .iter()
                .map(|(s, q)| self.in_standard[*s] && q.takes(values)),
        );
    }
}

/// A case answers every key question whose sample takes it, and none of a domain it is not in.
/// A case in no domain is not a problem here: the warning is given back, for the caller to
/// name or count.
fn check_samples(
    framework: &Framework,
    layout: &Layout,
    case: &Case,
    membership: &Membership,
    problems: &mut Problems,
) -> Option<InspectionError> {
    let mut in_any = false;
    for (name, column) in &layout.columns {
        let Column::Answer(asked) = column else {
            continue;
        };
        let (d, standard) = layout.standards[asked.standard];
        let domain = &framework.domains[d];
        let answer = case.answers.at(asked.cell);
        // In the domain but outside the standard's own sample: the standard does not rate it.
        if membership.in_domain[d] && !membership.in_standard[asked.standard] {
            if let Some(answer) = answer {
                problems.push(InspectionError::AnswerOutsideStandardSample {
                    file: layout.file.clone(),
                    row: case.row,
                    case: excerpt(&case.id, 40),
                    column: name.clone(),
                    value: answer_text(answer).into(),
                    standard: standard.id.clone(),
                    title: standard.title.clone(),
                    sample: standard.sample_text.clone().unwrap_or_default(),
                });
            }
            continue;
        }
        if !membership.in_domain[d] {
            if let Some(answer) = answer {
                problems.push(InspectionError::AnswerOutsideDomain {
                    file: layout.file.clone(),
                    row: case.row,
                    case: excerpt(&case.id, 40),
                    column: name.clone(),
                    value: answer_text(answer).into(),
                    domain: domain.id.clone(),
                    title: domain.title.clone(),
                    fields: layout.population_fields.clone(),
                });
            }
            continue;
        }
        in_any = true;
        let Some(q) = asked.question else {
            continue;
        };
        if membership.in_sample[q] && answer.is_none() {
            let why = layout.questions[q]
                .1
                .sample_text
                .as_ref()
                .map_or(String::new(), |t| format!(" (sample: {t})"));
            problems.push(InspectionError::MissingAnswer {
                file: layout.file.clone(),
                row: case.row,
                case: excerpt(&case.id, 40),
                column: name.clone(),
                help: match &standard.sample_text {
                    Some(own) => format!(
                        "every case of standard {}'s own sample ({own}){why} answers {name}: give yes, no or n/a",
                        standard.id
                    ),
                    None => format!(
                        "every {} case{why} answers {name}: give yes, no or n/a",
                        domain.title
                    ),
                },
            });
        }
    }
    (!in_any && !layout.questions.is_empty()).then(|| InspectionError::CaseInNoDomain {
        file: layout.file.clone(),
        row: case.row,
        case: excerpt(&case.id, 40),
        fields: layout.population_fields.clone(),
    })
}

/// The fields that decide which domain a case is in, for help texts.
fn population_fields(framework: &Framework) -> String {
    let mut names: Vec<&str> = vec![];
    let filters = framework.domains.iter().flat_map(|d| {
        d.population
            .iter()
            .chain(d.standards.iter().filter_map(|s| s.sample.as_ref()))
    });
    for i in filters.flat_map(|f| f.fields()) {
        let name = framework.fields[i].name.as_str();
        if !names.contains(&name) {
            names.push(name);
        }
    }
    if names.is_empty() {
        "fields".into()
    } else {
        names.join(", ")
    }
}

/// A cell's value for `field`: a choice as written is matched first, then the cell with
/// spaces around taken off.
fn field_value(field: &Field, cell: &str) -> Result<Option<Value>, (String, String)> {
    if let FieldKind::Choice(choices) = &field.kind
        && let Some(i) = choices.iter().position(|c| c == cell)
    {
        return Ok(Some(Value::Choice(i)));
    }
    let cell = cell.trim();
    if cell.is_empty() {
        return if field.optional {
            Ok(None)
        } else {
            Err((
                "is empty".into(),
                format!(
                    "{} is required for every case: give {}",
                    field.name,
                    kind_text(field)
                ),
            ))
        };
    }
    match &field.kind {
        FieldKind::Number => cell
            .parse::<i64>()
            .map(|n| Some(Value::Number(n)))
            .map_err(|_| {
                (
                    "is not a whole number".into(),
                    format!("give {} as a whole number, such as 15", field.name),
                )
            }),
        FieldKind::YesNo => match cell {
            _ if cell.eq_ignore_ascii_case("yes") => Ok(Some(Value::YesNo(true))),
            _ if cell.eq_ignore_ascii_case("no") => Ok(Some(Value::YesNo(false))),
            _ => Err((
                "is not yes or no".into(),
                format!("give {} as yes or no", field.name),
            )),
        },
        FieldKind::Choice(choices) => match choices.iter().position(|c| c == cell) {
            Some(i) => Ok(Some(Value::Choice(i))),
            None => Err((
                format!("is not a value of {}", field.name),
                did_you_mean(cell, "values", choices.iter().map(String::as_str)),
            )),
        },
    }
}

fn kind_text(field: &Field) -> String {
    match &field.kind {
        FieldKind::Number => "a whole number".into(),
        FieldKind::YesNo => "yes or no".into(),
        FieldKind::Choice(choices) => format!("one of {}", choices.join(", ")),
    }
}

/// A cell's answer. The words as a template writes them are matched first; then any case,
/// with spaces around.
fn answer(cell: &str) -> Result<Option<Answer>, ()> {
    match cell {
        "" => return Ok(None),
        "yes" => return Ok(Some(Answer::Yes)),
        "no" => return Ok(Some(Answer::No)),
        "n/a" => return Ok(Some(Answer::NotApplicable)),
        _ => {}
    }
    let cell = cell.trim();
    let is = |word: &str| cell.eq_ignore_ascii_case(word);
    if cell.is_empty() {
        Ok(None)
    } else if is("yes") {
        Ok(Some(Answer::Yes))
    } else if is("no") {
        Ok(Some(Answer::No))
    } else if is("n/a") {
        Ok(Some(Answer::NotApplicable))
    } else {
        Err(())
    }
}

fn answer_text(answer: Answer) -> &'static str {
    match answer {
        Answer::Yes => "yes",
        Answer::No => "no",
        Answer::NotApplicable => "n/a",
    }
}
