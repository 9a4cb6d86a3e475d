//! Report stage: workbooks (rust_xlsxwriter). The cases workbook a ruleset expects, for
//! `ratebook template RULES --format xlsx --output FILE`: a "Cases" sheet whose header is the
//! cases file's columns in ruleset order, frozen, each column as wide as its widest word, and a
//! drop-down on every column with a fixed set of values that allows exactly what the rules
//! allow (a field's labels where it declares them); number columns take whole numbers only.
//! A "Columns" sheet says what each column holds and which values it takes.
//!
//! Returns the workbook's bytes; never writes a file (`io::write` does, whole).

use rust_xlsxwriter::{
    DataValidation, DataValidationRule, DocProperties, ExcelDateTime, Format, Workbook, XlsxError,
};

use crate::framework::{Field, FieldKind, Framework};

/// The last row a drop-down reaches: the last row a sheet has.
const LAST_ROW: u32 = 1_048_575;

/// One column of the cases workbook: its header, what it holds, and the values it allows
/// (`None`: any text, or whole numbers).
struct CaseColumn {
    header: String,
    holds: String,
    allowed: Allowed,
}

enum Allowed {
    Text,
    WholeNumber,
    OneOf(Vec<String>),
}

fn case_columns(framework: &Framework) -> Vec<CaseColumn> {
    let mut columns = vec![CaseColumn {
        header: "case".into(),
        holds: "the case's identifier, unique within the inspection".into(),
        allowed: Allowed::Text,
    }];
    for field in &framework.fields {
        columns.push(CaseColumn {
            header: field.name.clone(),
            holds: field
                .title
                .clone()
                .unwrap_or_else(|| field.name.replace('_', " ")),
            allowed: field_values(field),
        });
    }
    let answers = || Allowed::OneOf(["yes", "no", "n/a"].map(String::from).to_vec());
    for (_, standard) in framework.standards().filter(|(_, s)| !s.is_judged()) {
        for question in standard.questions() {
            columns.push(CaseColumn {
                header: question.id.clone(),
                holds: question.text.clone(),
                allowed: answers(),
            });
            for prompt in &question.prompts {
                columns.push(CaseColumn {
                    header: prompt.id.clone(),
                    holds: prompt.text.clone(),
                    allowed: answers(),
                });
            }
        }
    }
    columns
}

/// What a field's cells may hold: its values (by label where it declares one), yes or no, or
/// whole numbers.
fn field_values(field: &Field) -> Allowed {
    match &field.kind {
        FieldKind::Number => Allowed::WholeNumber,
        FieldKind::YesNo => Allowed::OneOf(vec!["yes".into(), "no".into()]),
        FieldKind::Choice(choices) => Allowed::OneOf(
            choices
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    field
                        .labels
                        .get(i)
                        .and_then(Option::clone)
                        .unwrap_or_else(|| c.clone())
                })
                .collect(),
        ),
    }
}

/// The cases workbook for a framework, as bytes.
pub fn cases_workbook(framework: &Framework) -> Result<Vec<u8>, XlsxError> {
    let columns = case_columns(framework);
    let mut workbook = Workbook::new();
    // A fixed creation time, so that the same rules give the same bytes.
    let created = ExcelDateTime::from_ymd(2000, 1, 1)?;
    workbook.set_properties(&DocProperties::new().set_creation_datetime(&created));
    let bold = Format::new().set_bold();
    let cases = workbook.add_worksheet();
    cases.set_name("Cases")?;
    for (c, column) in columns.iter().enumerate() {
        let col =
            u16::try_from(c).map_err(|_| XlsxError::ParameterError("too many columns".into()))?;
        cases.write_string_with_format(0, col, &column.header, &bold)?;
        let widest = match &column.allowed {
            Allowed::OneOf(values) => values.iter().map(|v| v.chars().count()).max().unwrap_or(0),
            _ => 0,
        };
        let width = column.header.chars().count().max(widest).max(6) + 2;
        cases.set_column_width(col, width as f64)?;
        let validation = match &column.allowed {
            Allowed::Text => None,
            Allowed::WholeNumber => Some(
                DataValidation::new()
                    .allow_whole_number(DataValidationRule::Between(i32::MIN, i32::MAX))
                    .set_error_message(format!("{} is a whole number", column.header))?,
            ),
            Allowed::OneOf(values) => Some(
                DataValidation::new()
                    .allow_list_strings(values)?
                    .set_error_message(format!(
                        "{} is one of: {}",
                        column.header,
                        values.join(", ")
                    ))?,
            ),
        };
        if let Some(validation) = validation {
            cases.add_data_validation(1, col, LAST_ROW, col, &validation)?;
        }
    }
    cases.set_freeze_panes(1, 0)?;

    let about = workbook.add_worksheet();
    about.set_name("Columns")?;
    for (c, header) in ["Column", "What it holds", "Allowed values"]
        .iter()
        .enumerate()
    {
        about.write_string_with_format(0, c as u16, *header, &bold)?;
    }
    for (r, column) in columns.iter().enumerate() {
        let row = r as u32 + 1;
        about.write_string(row, 0, &column.header)?;
        about.write_string(row, 1, &column.holds)?;
        let allowed = match &column.allowed {
            Allowed::Text => "any text".to_string(),
            Allowed::WholeNumber => "a whole number".to_string(),
            Allowed::OneOf(values) => values.join(", "),
        };
        about.write_string(row, 2, &allowed)?;
    }
    about.set_column_width(0, 12)?;
    about.set_column_width(1, 80)?;
    about.set_column_width(2, 40)?;
    about.set_freeze_panes(1, 0)?;
    workbook.save_to_buffer()
}
