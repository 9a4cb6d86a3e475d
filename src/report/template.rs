//! Report stage: the empty cases file a ruleset expects, for `ratebook template`. One header
//! row: `case`, every case field, then each case-rated key question followed by its prompts, in
//! the order the rules declare them. Judged standards' key questions are for the record and
//! have no column.

use crate::framework::Framework;

/// The columns of the cases file, in ruleset order.
pub fn columns(framework: &Framework) -> Vec<&str> {
    let mut columns = vec!["case"];
    columns.extend(framework.fields.iter().map(|f| f.name.as_str()));
    for (_, standard) in framework.standards().filter(|(_, s)| !s.is_judged()) {
        for question in standard.questions() {
            columns.push(&question.id);
            columns.extend(question.prompts.iter().map(|p| p.id.as_str()));
        }
    }
    columns
}

/// The header row as CSV (every name quoted where CSV needs it), ending in a newline.
pub fn cases_template(framework: &Framework) -> String {
    let mut table = super::csv::Table::new();
    table.row(columns(framework));
    table.finish()
}
