//! Mistakes in cells that many rows may share: one bad value in many rows or columns (`Y` for
//! yes, typed in every answer column), one column left unanswered in a whole sample. Each is
//! reported once, with how many rows and the first of them, instead of once a cell: a
//! spreadsheet with one habit gives one diagnostic, not hundreds. Every row is still counted.
//! A mistake only one cell makes is reported as it stands, naming its row and case.
//!
//! Never reads a file.

use rustc_hash::FxHashMap;

use crate::diagnostic::Problems;
use crate::inspection::InspectionError;

/// One cell's mistake, kept until the whole file is read.
pub(super) struct Mistake {
    /// The diagnostic code: mistakes of one code, column and value are one cause.
    code: String,
    /// Whether the same value in any of the columns of its kind is one cause (a word used for
    /// every answer), rather than one per column.
    across_columns: bool,
    column: String,
    value: String,
    row: usize,
    /// The cell's own diagnostic, given as it stands when no other cell shares its cause.
    error: miette::Report,
    /// What is wrong, without the row and column ("`Y` is not an answer").
    what: String,
    help: String,
}

impl Mistake {
    /// A cell's diagnostic kept as a mistake that other cells may share: `value` is the cell
    /// as written; `across_columns`, whether the value is one cause in any column of its kind.
    pub(super) fn of(error: InspectionError, value: &str, across_columns: bool) -> Mistake {
        use miette::Diagnostic as _;
        let (prefix, row, column) = match &error {
            InspectionError::BadValue {
                file,
                row,
                place,
                column,
                ..
            }
            | InspectionError::MissingAnswer {
                file,
                row,
                place,
                column,
                ..
            }
            | InspectionError::AnswerOutsideDomain {
                file,
                row,
                place,
                column,
                ..
            }
            | InspectionError::AnswerOutsideStandardSample {
                file,
                row,
                place,
                column,
                ..
            } => (format!("{file}{place}: "), *row, column.clone()),
            _ => (String::new(), 0, String::new()),
        };
        let message = error.to_string();
        Mistake {
            code: error.code().map_or(String::new(), |c| c.to_string()),
            across_columns,
            column,
            value: value.trim().to_string(),
            row,
            what: message
                .strip_prefix(&prefix)
                .unwrap_or(&message)
                .to_string(),
            help: error.help().map_or(String::new(), |h| h.to_string()),
            error: miette::Report::new(error),
        }
    }

    /// A cell that is not UTF-8 text, in a column the ruleset reads: one cause per column
    /// (the file's encoding), said once with the first such cell.
    pub(super) fn not_utf8(error: crate::io::read::InputError) -> Mistake {
        use miette::Diagnostic as _;
        let (row, column, found) = match &error {
            crate::io::read::InputError::CellNotUtf8 {
                row, column, found, ..
            } => (*row, column.clone(), found.clone()),
            _ => (0, String::new(), String::new()),
        };
        Mistake {
            code: error.code().map_or(String::new(), |c| c.to_string()),
            across_columns: false,
            column,
            value: String::new(),
            row,
            what: format!("text that is not UTF-8 (row {row}: {found})"),
            help: error.help().map_or(String::new(), |h| h.to_string()),
            error: miette::Report::new(error),
        }
    }
}

/// How many row numbers or ranges of them are written before the rest are counted.
const ROWS_SHOWN: usize = 8;

/// How many column names are written before the rest are counted.
const COLUMNS_SHOWN: usize = 6;

/// Report each cause once, in the order each was first found: a cause of one cell as its own
/// diagnostic, a cause of many as one saying how many rows (and columns) and which.
/// `columns` are the file's columns in order, each with the name a diagnostic gives it (`2.1.1`,
/// or in a workbook `F (2.1.1)`), to name a cause's columns in the order they stand.
pub(super) fn report(
    file: &str,
    columns: &[(&str, String)],
    mistakes: Vec<Mistake>,
    problems: &mut Problems,
) {
    let mut causes: Vec<Vec<Mistake>> = vec![];
    let mut index: FxHashMap<(String, String, String), usize> = FxHashMap::default();
    for mistake in mistakes {
        let column = if mistake.across_columns {
            String::new()
        } else {
            mistake.column.clone()
        };
        let key = (mistake.code.clone(), column, mistake.value.clone());
        match index.get(&key) {
            Some(&i) => causes[i].push(mistake),
            None => {
                index.insert(key, causes.len());
                causes.push(vec![mistake]);
            }
        }
    }
    for mut cause in causes {
        if cause.len() == 1 {
            if let Some(only) = cause.pop() {
                problems.add(only.error);
            }
            continue;
        }
        let mut named: Vec<&str> = vec![];
        let mut rows: Vec<usize> = vec![];
        for m in &cause {
            if !named.contains(&m.column.as_str()) {
                named.push(&m.column);
            }
            rows.push(m.row);
        }
        rows.dedup();
        let position = |c: &str| columns.iter().position(|(name, _)| *name == c);
        named.sort_by_key(|c| position(c));
        let named: Vec<&str> = named
            .iter()
            .map(|c| position(c).map_or(*c, |i| columns[i].1.as_str()))
            .collect();
        let first = &cause[0];
        problems.push(ManyCells {
            code: first.code.clone(),
            message: format!(
                "{file}, {}: {}, in {} ({})",
                columns_text(&named),
                first.what,
                count(rows.len(), "row"),
                rows_text(&rows)
            ),
            help: first.help.clone(),
        });
    }
}

/// "column 2.1.1", or "13 columns (2.1.1, 2.1.2, … and 7 more)".
fn columns_text(columns: &[&str]) -> String {
    match columns {
        [one] => format!("column {one}"),
        _ if columns.len() <= COLUMNS_SHOWN => {
            format!("{} columns ({})", columns.len(), columns.join(", "))
        }
        _ => format!(
            "{} columns ({} and {} more)",
            columns.len(),
            columns[..COLUMNS_SHOWN].join(", "),
            columns.len() - COLUMNS_SHOWN
        ),
    }
}

fn count(n: usize, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

/// Rows in order as runs: "rows 2–23", "rows 2, 5, 7–9 and 12 more rows".
pub(super) fn rows_text(rows: &[usize]) -> String {
    let mut runs: Vec<(usize, usize)> = vec![];
    for &row in rows {
        match runs.last_mut() {
            Some((_, end)) if *end + 1 == row => *end = row,
            _ => runs.push((row, row)),
        }
    }
    let shown: Vec<String> = runs
        .iter()
        .take(ROWS_SHOWN)
        .map(|&(from, to)| {
            if from == to {
                from.to_string()
            } else {
                format!("{from}–{to}")
            }
        })
        .collect();
    let rest: usize = runs
        .iter()
        .skip(ROWS_SHOWN)
        .map(|(from, to)| to - from + 1)
        .sum();
    let mut text = format!("rows {}", shown.join(", "));
    if rest > 0 {
        text.push_str(&format!(" and {rest} more"));
    }
    text
}

/// One cause shared by many cells, with the code its single-cell diagnostic has.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub(super) struct ManyCells {
    code: String,
    message: String,
    help: String,
}

impl miette::Diagnostic for ManyCells {
    fn code<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        Some(Box::new(&self.code))
    }

    fn help<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        Some(Box::new(&self.help))
    }
}

#[cfg(test)]
mod tests {
    use super::rows_text;

    #[test]
    fn rows_are_written_as_runs_and_the_rest_counted() {
        assert_eq!(rows_text(&[2, 3, 4, 5]), "rows 2–5");
        assert_eq!(rows_text(&[2, 5, 7, 8, 9]), "rows 2, 5, 7–9");
        let many: Vec<usize> = (0..12).map(|i| 2 + 2 * i).collect();
        assert_eq!(
            rows_text(&many),
            "rows 2, 4, 6, 8, 10, 12, 14, 16 and 4 more"
        );
    }
}
