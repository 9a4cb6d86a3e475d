//! Report stage, tables for workbooks: each result as the tables its text output shows, each
//! cell typed (counts and scores as numbers, percentages as percentages), for
//! [`super::workbook::tables_workbook`]. Rating tables are built from the JSON contract's
//! types, so a workbook's figures are the figures the JSON gives.
//!
//! Nothing here computes a figure or writes a file.

pub mod breakdown;
pub mod compare;
pub mod rating;
pub mod suite;

use super::workbook::{Cell, Sheet};
use crate::Rules;

/// The last sheet of every results workbook: what made it (the command, the ruleset, when
/// given the inspections) and what its sheets hold, for whoever is handed the file.
fn about(rules: &[&Rules], what: &str, sheets: &[(&str, &str)]) -> Sheet {
    let mut sheet = Sheet::new("About", &["", ""]);
    sheet.columns = vec!["ratebook".into(), what.into()];
    for rules in rules {
        let f = &rules.framework;
        sheet.rows.push(vec![
            Cell::Text("ruleset".into()),
            Cell::Text(format!(
                "{} version {} ({})",
                f.name, f.version, rules.source.name
            )),
        ]);
    }
    sheet.rows.push(vec![
        Cell::Text("version".into()),
        Cell::Text(format!("ratebook {}", env!("CARGO_PKG_VERSION"))),
    ]);
    for (name, holds) in sheets {
        sheet.rows.push(vec![
            Cell::Text(format!("sheet {name}")),
            Cell::Text(holds.to_string()),
        ]);
    }
    sheet
}
