//! One row's cells read by type (field values, answers), with cases of the same field values
//! sharing one list of them. Never reads a file.

use std::sync::Arc;

use rustc_hash::FxHashSet;

use super::layout::{Column, Layout};
use super::membership::{Membership, check_samples};
use super::mistakes::Mistake;
use super::text::TextCells;
use super::words::kind_text;
use crate::diagnostic::Problems;
use crate::framework::{Field, FieldKind, Framework, Value};
use crate::inspection::{Answer, Answers, Case, InspectionError};
use crate::suggest::did_you_mean;
use crate::terminal::excerpt;

/// One row: its cells read by type, then its answers checked against the samples.
pub(super) fn case(
    framework: &Framework,
    layout: &Layout,
    (row, record): (usize, TextCells),
    (membership, values): (&mut Membership, &mut SharedValues),
    in_no_domain: &mut Option<InspectionError>,
    (mistakes, problems): (&mut Vec<Mistake>, &mut Problems),
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
    let before = mistakes.len();
    let case_id = excerpt(id, 40);
    let bad = |at: usize, value: &str, problem: String, help: String| InspectionError::BadValue {
        file: layout.file.clone(),
        row,
        place: layout.place(row, &case_id, at),
        column: layout.columns[at].0.clone(),
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
    for (at, ((_, column), cell)) in cells().enumerate() {
        match column {
            Column::Field(i) => match field_value(&framework.fields[*i], cell) {
                Ok(value) => values.scratch[*i] = value,
                Err((problem, help)) => {
                    mistakes.push(Mistake::of(bad(at, cell, problem, help), cell, false))
                }
            },
            Column::Answer(asked) => match answer(cell) {
                Ok(Some(answer)) => {
                    answers.set(asked.cell, answer);
                }
                Ok(None) => {}
                Err(()) => {
                    let error = bad(at, cell, "is not an answer".into(), answer_help(cell));
                    mistakes.push(Mistake::of(error, cell, true));
                }
            },
            Column::Case | Column::Unknown => {}
        }
    }
    if mistakes.len() > before {
        return None;
    }
    let case = Case {
        id: id.into(),
        row,
        values: values.share(),
        answers,
    };
    membership.find(framework, layout, &case);
    *in_no_domain = check_samples(framework, layout, &case, membership, mistakes);
    (mistakes.len() == before).then_some(case)
}

/// The field values of a slice's cases, each list kept once: cases with the same values
/// share one list, so a million cases of a few dozen kinds hold a few dozen lists. Where the
/// rows' values are mostly all different (a file with every research field), sharing stops
/// being tried once it has mostly failed.
#[derive(Default)]
pub(super) struct SharedValues {
    pub(super) seen: FxHashSet<Arc<[Option<Value>]>>,
    pub(super) looked: usize,
    pub(super) found: usize,
    /// The values of the row being read.
    pub(super) scratch: Vec<Option<Value>>,
}

/// How many different value lists a slice keeps to share; rows beyond them keep their own.
pub(super) const SHARED_VALUE_LISTS: usize = 256;

impl SharedValues {
    /// The list of the row just read, shared with an earlier row's if the values are the same.
    pub(super) fn share(&mut self) -> Arc<[Option<Value>]> {
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

/// A cell's value for `field`: a choice as written is matched first, then the cell with
/// spaces around taken off, in any case, with spaces or hyphens for underscores.
pub(super) fn field_value(field: &Field, cell: &str) -> Result<Option<Value>, (String, String)> {
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
        FieldKind::Choice(choices) => match choices.iter().enumerate().position(|(i, c)| {
            same_value(c, cell)
                || field
                    .labels
                    .get(i)
                    .and_then(Option::as_ref)
                    .is_some_and(|label| same_value(label, cell))
        }) {
            Some(i) => Ok(Some(Value::Choice(i))),
            None => Err((
                format!("is not a value of {}", field.name),
                did_you_mean(cell, "values", choices.iter().map(String::as_str)),
            )),
        },
    }
}

/// Whether a cell names a value or label as people write it (see
/// [`crate::framework::written_form`]).
fn same_value(name: &str, cell: &str) -> bool {
    crate::framework::written_form(name) == crate::framework::written_form(cell)
}

/// A cell's answer. The words as a template writes them are matched first; then any case,
/// with spaces around.
pub(super) fn answer(cell: &str) -> Result<Option<Answer>, ()> {
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

/// What to write instead of a cell that is not an answer, with the word it may stand for.
fn answer_help(cell: &str) -> String {
    let all = "answers are yes, no, n/a (not applicable), or empty (not asked)";
    let meant = match cell.trim().to_ascii_lowercase().as_str() {
        "y" | "true" | "1" | "✓" => Some("yes"),
        "n" | "false" | "0" | "✗" => Some("no"),
        "na" | "n.a." | "not applicable" | "-" => Some("n/a"),
        _ => None,
    };
    match meant {
        Some(word) => format!("{all}: if `{}` means {word}, write {word}", cell.trim()),
        None => all.to_string(),
    }
}
