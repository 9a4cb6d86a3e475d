//! Report stage: workbooks (rust_xlsxwriter). [`tables_workbook`] writes results as tables
//! (`--format xlsx` on `rate`, `compare`, `breakdown` and `test`): a sheet per [`Sheet`], its
//! header bold and frozen with a filter on it, numbers as numbers and percentages formatted
//! as percentages, columns as wide as their contents (up to a limit).
//!
//! The cases workbook a ruleset expects, for
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

/// One table of a results workbook: its sheet's name, its header and its rows.
#[derive(Debug, Clone)]
pub struct Sheet {
    /// The sheet's name (made safe for a sheet name when written).
    pub name: String,
    /// The header row.
    pub columns: Vec<String>,
    /// Each row, a cell per column.
    pub rows: Vec<Vec<Cell>>,
}

/// One cell of a results table, by what it holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Nothing: the figure does not apply.
    Empty,
    /// Text.
    Text(String),
    /// A count or a score.
    Whole(i64),
    /// A number that is not a count (a p-value).
    Number(f64),
    /// An exact percentage (66.67 for 66.67%), shown to one decimal place.
    Percent(f64),
    /// A percentage rounded as its band set rounds it (67 for 67%), shown whole.
    WholePercent(u32),
}

impl Cell {
    /// Text, or [`Cell::Empty`] for none.
    pub fn text(text: Option<impl Into<String>>) -> Cell {
        text.map_or(Cell::Empty, |t| Cell::Text(t.into()))
    }

    /// A count, or [`Cell::Empty`] for none.
    pub fn whole(n: Option<impl Into<i64>>) -> Cell {
        n.map_or(Cell::Empty, |n| Cell::Whole(n.into()))
    }

    /// An exact percentage, or [`Cell::Empty`] for none.
    pub fn percent(p: Option<f64>) -> Cell {
        p.map_or(Cell::Empty, Cell::Percent)
    }
}

impl Sheet {
    /// A sheet with this name and header, and no rows yet.
    pub fn new(name: impl Into<String>, columns: &[&str]) -> Sheet {
        Sheet {
            name: name.into(),
            columns: columns.iter().map(|c| c.to_string()).collect(),
            rows: vec![],
        }
    }
}

/// The widest a results column is made, in pixels, however long its text.
const WIDEST_COLUMN: u32 = 420;

/// The characters a sheet name may not hold, and its longest length.
const NOT_IN_SHEET_NAMES: [char; 7] = ['[', ']', ':', '*', '?', '/', '\\'];
const LONGEST_SHEET_NAME: usize = 31;

/// A workbook of tables, as bytes: one sheet per table, in order.
pub fn tables_workbook(sheets: &[Sheet]) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = new_workbook()?;
    let bold = Format::new().set_bold();
    let percent = Format::new().set_num_format("0.0%");
    let whole_percent = Format::new().set_num_format("0%");
    let mut names: Vec<String> = vec![];
    for table in sheets {
        let sheet = workbook.add_worksheet();
        let name = sheet_name(&table.name, &names);
        sheet.set_name(&name)?;
        names.push(name);
        let too_many = || XlsxError::ParameterError("too many columns for a sheet".into());
        for (c, header) in table.columns.iter().enumerate() {
            let col = u16::try_from(c).map_err(|_| too_many())?;
            sheet.write_string_with_format(0, col, header, &bold)?;
        }
        for (r, row) in table.rows.iter().enumerate() {
            let at = u32::try_from(r + 1)
                .map_err(|_| XlsxError::ParameterError("too many rows for a sheet".into()))?;
            for (c, cell) in row.iter().enumerate() {
                let col = u16::try_from(c).map_err(|_| too_many())?;
                match cell {
                    Cell::Empty => {}
                    Cell::Text(text) => {
                        sheet.write_string(at, col, text)?;
                    }
                    Cell::Whole(n) => {
                        sheet.write_number(at, col, *n as f64)?;
                    }
                    Cell::Number(n) => {
                        sheet.write_number(at, col, *n)?;
                    }
                    Cell::Percent(p) => {
                        sheet.write_number_with_format(at, col, p / 100.0, &percent)?;
                    }
                    Cell::WholePercent(p) => {
                        let p = f64::from(*p) / 100.0;
                        sheet.write_number_with_format(at, col, p, &whole_percent)?;
                    }
                }
            }
        }
        let last_col = u16::try_from(table.columns.len().max(1) - 1).map_err(|_| too_many())?;
        let last_row = u32::try_from(table.rows.len()).unwrap_or(u32::MAX);
        sheet.autofilter(0, 0, last_row, last_col)?;
        sheet.set_freeze_panes(1, 0)?;
        sheet.set_autofit_max_width(WIDEST_COLUMN);
        sheet.autofit();
    }
    workbook.save_to_buffer()
}

/// A name a sheet may have, unlike those before it: the characters a sheet name may not hold
/// made `-`, cut to 31 characters, and numbered where it would repeat one (compared as a
/// spreadsheet compares them, in any case).
fn sheet_name(wanted: &str, taken: &[String]) -> String {
    let clean: String = wanted
        .chars()
        .map(|c| {
            if NOT_IN_SHEET_NAMES.contains(&c) {
                '-'
            } else {
                c
            }
        })
        .collect();
    let clean = clean.trim_matches('\'').trim();
    let cut = |text: &str, room: usize| text.chars().take(room).collect::<String>();
    let base = if clean.is_empty() {
        "Sheet".to_string()
    } else {
        cut(clean, LONGEST_SHEET_NAME)
    };
    let free = |name: &str| {
        !taken
            .iter()
            .any(|t| t.to_lowercase() == name.to_lowercase())
    };
    if free(&base) {
        return base;
    }
    (2..)
        .map(|n| {
            let suffix = format!(" ({n})");
            format!("{}{suffix}", cut(&base, LONGEST_SHEET_NAME - suffix.len()))
        })
        .find(|name| free(name))
        .unwrap_or(base)
}

/// A new workbook with a fixed creation time, so that the same results give the same bytes.
fn new_workbook() -> Result<Workbook, XlsxError> {
    let mut workbook = Workbook::new();
    let created = ExcelDateTime::from_ymd(2000, 1, 1)?;
    workbook.set_properties(&DocProperties::new().set_creation_datetime(&created));
    Ok(workbook)
}

/// The cases workbook for a framework, as bytes.
pub fn cases_workbook(framework: &Framework) -> Result<Vec<u8>, XlsxError> {
    let columns = case_columns(framework);
    let mut workbook = new_workbook()?;
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

#[cfg(test)]
mod tests {
    use super::sheet_name;

    #[test]
    fn sheet_names_are_made_safe_short_and_unlike_each_other() {
        assert_eq!(sheet_name("Ratings", &[]), "Ratings");
        assert_eq!(
            sheet_name("2.1.1 by age/gender?", &[]),
            "2.1.1 by age-gender-"
        );
        let long = "Sub-groups: Is there a sufficient focus on keeping the child safe";
        assert_eq!(sheet_name(long, &[]).chars().count(), 31);
        let taken = vec!["Ratings".to_string(), "Ratings (2)".to_string()];
        assert_eq!(
            sheet_name("ratings", &taken),
            "Ratings (3)".replace("Ratings", "ratings")
        );
        assert_eq!(sheet_name("''", &[]), "Sheet");
    }
}
