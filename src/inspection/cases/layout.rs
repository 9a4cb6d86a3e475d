//! The cases file's header row: every column known (case id, field, key question or prompt
//! answer), repeated or unknown, and every required one present. Says nothing of rows.

use std::collections::{BTreeMap, HashMap};

use super::super::InspectionError;
use super::words::kind_text;
use crate::diagnostic::Problems;
use crate::framework::{Framework, KeyQuestion, Standard};
use crate::suggest::suggestion;
use crate::terminal::excerpt;

/// What a column of the cases file holds.
#[derive(Clone, Copy)]
pub(super) enum Column {
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
pub(super) struct Asked {
    pub(super) standard: usize,
    pub(super) question: Option<usize>,
    pub(super) cell: usize,
}

/// The cases file's name and its columns, as headed and as understood.
pub(super) struct Layout<'f> {
    pub(super) file: String,
    pub(super) columns: Vec<(String, Column)>,
    /// The standards rated from cases, with their domains' numbers, in ruleset order.
    pub(super) standards: Vec<(usize, &'f Standard)>,
    /// Their key questions, in ruleset order, each with its standard's number.
    pub(super) questions: Vec<(usize, &'f KeyQuestion)>,
    /// The names of the fields that put a case in a domain, for help texts.
    pub(super) population_fields: String,
    /// The key question and prompt columns, sorted: every case's answers share the list.
    pub(super) answer_columns: std::sync::Arc<[String]>,
    /// For a workbook's sheet, the sheet column (0 for A) the first column stands in: cells
    /// are then named as the spreadsheet names them (`cell F14`).
    pub(super) sheet_column: Option<usize>,
}

impl Layout<'_> {
    /// Where a cell stands, as the file's reader names it, written straight after the file's
    /// name: in a CSV, ` row 14 (case K-07), column 2.1.1`; in a workbook's sheet,
    /// `, cell F14 (case K-07, key question 2.1.1)`.
    pub(super) fn place(&self, row: usize, case: &str, column: usize) -> String {
        let (name, kind) = &self.columns[column];
        match self.sheet_column {
            None => format!(" row {row} (case {case}), column {name}"),
            Some(first) => {
                let what = match kind {
                    Column::Answer(Asked {
                        question: Some(_), ..
                    }) => "key question",
                    Column::Answer(_) => "prompt",
                    Column::Field(_) => "field",
                    Column::Case | Column::Unknown => "column",
                };
                let letter = column_letters(first + column);
                format!(", cell {letter}{row} (case {case}, {what} {name})")
            }
        }
    }

    /// A column as a grouped diagnostic names it: `2.1.1`, or in a workbook `F (2.1.1)`.
    pub(super) fn column_name(&self, column: usize) -> String {
        let name = &self.columns[column].0;
        match self.sheet_column {
            None => name.clone(),
            Some(first) => format!("{} ({name})", column_letters(first + column)),
        }
    }
}

/// A sheet column's letters as a spreadsheet writes them: 0 is A, 25 is Z, 26 is AA.
pub(super) fn column_letters(column: usize) -> String {
    let mut letters = vec![];
    let mut n = column + 1;
    while n > 0 {
        let digit = (n - 1) % 26;
        letters.push(b'A' + digit as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

/// Understand the header row: every column known, repeated or unknown; every required one present.
pub(super) fn layout<'f>(
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
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut columns = vec![];
    let mut unknown: Vec<(String, String)> = vec![];
    for (i, header) in headers.iter().enumerate() {
        let name = header.trim();
        let repeated = if name.is_empty() {
            None
        } else {
            seen.insert(name.to_lowercase(), i + 1)
        };
        if let Some(first) = repeated {
            problems.push(InspectionError::DuplicateColumn {
                file: file.clone(),
                column: name.into(),
                first,
                again: i + 1,
            });
        }
        // Headers are matched in any case: `Case` is `case`, `2.1.1A` is `2.1.1a`.
        let column = known
            .get(name)
            .or_else(|| known.get(name.to_lowercase().as_str()))
            .copied()
            .unwrap_or(Column::Unknown);
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
        // What the file holds is not quoted: it may be any file, named by mistake.
        problems.push(InspectionError::NotCases {
            file,
            what: "its first row names none of the columns the ruleset reads, such as `case`"
                .to_string(),
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
        sheet_column: None,
    })
}

/// The fields that decide which domain a case is in, for help texts.
pub(super) fn population_fields(framework: &Framework) -> String {
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

#[cfg(test)]
mod tests {
    use super::column_letters;

    #[test]
    fn sheet_columns_are_lettered_as_a_spreadsheet_letters_them() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(5), "F");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(27), "AB");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
    }
}
