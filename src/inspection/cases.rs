//! Inspection stage: the cases file (CSV) → typed cases.
//!
//! Columns: `case`, one per declared case field, one per key question and prompt of the
//! standards rated from cases. Every cell is checked; every problem names the file, row,
//! case, column and value. A case in a key question's sample must answer it; an answer to a
//! question of a domain the case is not in is refused, since it would otherwise be ignored.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use super::{Answer, Case, InspectionError};
use crate::check::did_you_mean;
use crate::diagnostic::Problems;
use crate::framework::{Domain, Field, FieldKind, Framework, KeyQuestion, Value};

/// What a column of the cases file holds.
#[derive(Clone, Copy)]
enum Column<'f> {
    Case,
    Field(usize),
    Question {
        domain: &'f Domain,
        question: &'f KeyQuestion,
    },
    Prompt {
        domain: &'f Domain,
    },
    Unknown,
}

pub fn read(framework: &Framework, path: &Path, problems: &mut Problems) -> Option<Vec<Case>> {
    let file = path.display().to_string();
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) => {
            problems.push(InspectionError::Unreadable {
                path: file,
                reason: e.to_string(),
            });
            return None;
        }
    };
    // Spreadsheet programs often start a UTF-8 export with a byte-order mark.
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(text.as_bytes());
    let headers = match reader.headers() {
        Ok(h) => h.clone(),
        Err(e) => {
            problems.push(csv_problem(&file, &e));
            return None;
        }
    };
    let columns = columns(framework, &file, &headers, problems)?;

    let mut cases = vec![];
    let mut rows_by_id: HashMap<String, usize> = HashMap::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let fatal = matches!(e.kind(), csv::ErrorKind::Io(_));
                problems.push(csv_problem(&file, &e));
                if fatal {
                    break;
                }
                continue;
            }
        };
        let row = record.position().map_or(0, |p| p.line() as usize);
        if let Some(case) = case(framework, &file, row, &columns, &headers, &record, problems) {
            if let Some(first) = rows_by_id.get(&case.id) {
                problems.push(InspectionError::DuplicateCase {
                    file: file.clone(),
                    row,
                    case: case.id.clone(),
                    first: *first,
                });
                continue;
            }
            rows_by_id.insert(case.id.clone(), row);
            cases.push(case);
        }
    }
    Some(cases)
}

fn csv_problem(file: &str, error: &csv::Error) -> InspectionError {
    let (message, help) = match error.kind() {
        csv::ErrorKind::UnequalLengths { pos, expected_len, len } => (
            format!(
                "row {} has {len} cells, but the header has {expected_len}",
                pos.as_ref().map_or(0, |p| p.line())
            ),
            "every row needs one cell per column: check for a missing or extra comma, or a text with a comma that needs \"quotes\"".to_string(),
        ),
        csv::ErrorKind::Utf8 { pos, .. } => (
            format!("row {} is not UTF-8 text", pos.as_ref().map_or(0, |p| p.line())),
            "save the cases file as CSV UTF-8".to_string(),
        ),
        _ => (error.to_string(), "save the cases file as CSV (comma-separated, UTF-8)".to_string()),
    };
    InspectionError::Csv {
        file: file.to_string(),
        message,
        help,
    }
}

fn columns<'f>(
    framework: &'f Framework,
    file: &str,
    headers: &csv::StringRecord,
    problems: &mut Problems,
) -> Option<Vec<Column<'f>>> {
    let mut known: BTreeMap<&str, Column<'f>> = BTreeMap::new();
    known.insert("case", Column::Case);
    for (i, field) in framework.fields.iter().enumerate() {
        known.insert(&field.name, Column::Field(i));
    }
    for domain in &framework.domains {
        for standard in domain.standards.iter().filter(|s| !s.is_judged()) {
            for question in standard.questions() {
                known.insert(&question.id, Column::Question { domain, question });
                for prompt in &question.prompts {
                    known.insert(&prompt.id, Column::Prompt { domain });
                }
            }
        }
    }

    let before = problems.errors();
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let mut columns = vec![];
    for (i, header) in headers.iter().enumerate() {
        let name = header.trim();
        let unnamed = format!("(unnamed column {})", i + 1);
        let shown = if name.is_empty() {
            unnamed.as_str()
        } else {
            name
        };
        let repeated = if name.is_empty() {
            None
        } else {
            seen.insert(name, i + 1)
        };
        if let Some(first) = repeated {
            problems.push(InspectionError::DuplicateColumn {
                file: file.into(),
                column: name.into(),
                first,
                again: i + 1,
            });
        }
        let column = known.get(name).copied().unwrap_or(Column::Unknown);
        if let Column::Unknown = column {
            let judged_question = framework
                .standards()
                .filter(|(_, s)| s.is_judged())
                .any(|(_, s)| s.questions().iter().any(|q| q.id == name));
            let help = if judged_question {
                format!(
                    "{name} belongs to a judged standard, which is rated by the inspector's judgement in the inspection file, not from cases; remove the column"
                )
            } else {
                did_you_mean(name, "columns this ruleset reads", known.keys().copied())
            };
            problems.push(InspectionError::UnknownColumn {
                file: file.into(),
                column: shown.into(),
                help,
            });
        }
        columns.push(column);
    }
    let present: Vec<&str> = headers.iter().map(str::trim).collect();
    let mut require = |column: &str, help: String| {
        if !present.contains(&column) {
            problems.push(InspectionError::MissingColumn {
                file: file.into(),
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
    for domain in &framework.domains {
        for standard in domain.standards.iter().filter(|s| !s.is_judged()) {
            for question in standard.questions() {
                require(
                    &question.id,
                    format!(
                        "add a `{}` column with each case's answer (yes, no, n/a, or empty when the case is not in its sample)",
                        question.id
                    ),
                );
            }
        }
    }
    (problems.errors() == before).then_some(columns)
}

#[allow(clippy::too_many_arguments)]
fn case(
    framework: &Framework,
    file: &str,
    row: usize,
    columns: &[Column],
    headers: &csv::StringRecord,
    record: &csv::StringRecord,
    problems: &mut Problems,
) -> Option<Case> {
    let before = problems.errors();
    let id = columns
        .iter()
        .position(|c| matches!(c, Column::Case))
        .and_then(|i| record.get(i))
        .map(str::trim)
        .unwrap_or("");
    if id.is_empty() {
        problems.push(InspectionError::NoCaseId {
            file: file.into(),
            row,
        });
        return None;
    }
    let bad =
        |column: &str, value: &str, problem: String, help: String| InspectionError::BadValue {
            file: file.into(),
            row,
            case: id.into(),
            column: column.into(),
            value: if value.trim().is_empty() {
                "the cell".into()
            } else {
                format!("`{value}`")
            },
            problem,
            help,
        };

    let mut values = vec![None; framework.fields.len()];
    for (column, (header, cell)) in columns.iter().zip(headers.iter().zip(record.iter())) {
        if let Column::Field(i) = column {
            match field_value(&framework.fields[*i], cell.trim()) {
                Ok(value) => values[*i] = value,
                Err((problem, help)) => problems.push(bad(header.trim(), cell, problem, help)),
            }
        }
    }

    let mut answers = BTreeMap::new();
    for (column, (header, cell)) in columns.iter().zip(headers.iter().zip(record.iter())) {
        if matches!(column, Column::Question { .. } | Column::Prompt { .. }) {
            match answer(cell.trim()) {
                Ok(Some(answer)) => {
                    answers.insert(header.trim().to_string(), answer);
                }
                Ok(None) => {}
                Err(()) => problems.push(bad(
                    header.trim(),
                    cell,
                    "is not an answer".into(),
                    "answers are yes, no, n/a (not applicable), or empty (not asked)".into(),
                )),
            }
        }
    }
    if problems.errors() > before {
        return None;
    }

    // Which domains take the case, and whether it answers what their samples ask.
    let in_domain = |domain: &Domain| {
        domain
            .population
            .as_ref()
            .is_none_or(|p| p.matches(&values))
    };
    let population_fields = population_fields(framework);
    let mut in_any = false;
    for column in columns {
        let (domain, header) = match column {
            Column::Question { domain, question } => (domain, question.id.as_str()),
            Column::Prompt { domain } => (domain, ""),
            _ => continue,
        };
        if in_domain(domain) {
            in_any = true;
            if let Column::Question { question, .. } = column {
                let in_sample = question.sample.as_ref().is_none_or(|s| s.matches(&values));
                if in_sample && !answers.contains_key(header) {
                    let why = question
                        .sample_text
                        .as_ref()
                        .map_or(String::new(), |t| format!(" (sample: {t})"));
                    problems.push(InspectionError::MissingAnswer {
                        file: file.into(),
                        row,
                        case: id.into(),
                        column: header.into(),
                        help: format!(
                            "every {} case{why} answers {header}: give yes, no or n/a",
                            domain.title
                        ),
                    });
                }
            }
        }
    }
    for (column, header) in columns.iter().zip(headers.iter()) {
        let domain = match column {
            Column::Question { domain, .. } | Column::Prompt { domain } => domain,
            _ => continue,
        };
        let header = header.trim();
        if let Some(answer) = answers.get(header).filter(|_| !in_domain(domain)) {
            problems.push(InspectionError::AnswerOutsideDomain {
                file: file.into(),
                row,
                case: id.into(),
                column: header.into(),
                value: answer_text(*answer).into(),
                domain: domain.id.clone(),
                title: domain.title.clone(),
                fields: population_fields.clone(),
            });
        }
    }
    let rated_domains = framework
        .domains
        .iter()
        .any(|d| d.standards.iter().any(|s| !s.is_judged()));
    if !in_any && rated_domains {
        problems.push(InspectionError::CaseInNoDomain {
            file: file.into(),
            row,
            case: id.into(),
            fields: population_fields,
        });
    }
    (problems.errors() == before).then(|| Case {
        id: id.into(),
        row,
        values,
        answers,
    })
}

/// The fields that decide which domain a case is in, for help texts.
fn population_fields(framework: &Framework) -> String {
    let mut names: Vec<&str> = vec![];
    for domain in &framework.domains {
        if let Some(filter) = &domain.population {
            for i in filter.fields() {
                let name = framework.fields[i].name.as_str();
                if !names.contains(&name) {
                    names.push(name);
                }
            }
        }
    }
    if names.is_empty() {
        "fields".into()
    } else {
        names.join(", ")
    }
}

fn field_value(field: &Field, cell: &str) -> Result<Option<Value>, (String, String)> {
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
        FieldKind::YesNo => match cell.to_ascii_lowercase().as_str() {
            "yes" => Ok(Some(Value::YesNo(true))),
            "no" => Ok(Some(Value::YesNo(false))),
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

fn answer(cell: &str) -> Result<Option<Answer>, ()> {
    match cell.to_ascii_lowercase().as_str() {
        "" => Ok(None),
        "yes" => Ok(Some(Answer::Yes)),
        "no" => Ok(Some(Answer::No)),
        "n/a" => Ok(Some(Answer::NotApplicable)),
        _ => Err(()),
    }
}

pub fn answer_text(answer: Answer) -> &'static str {
    match answer {
        Answer::Yes => "yes",
        Answer::No => "no",
        Answer::NotApplicable => "n/a",
    }
}
