//! Report stage: the case-level table (`ratebook cases`) as CSV and as JSON, in the columns
//! CONTRACT.md fixes: `inspection`, `provider`, `case`, `domain`, `standard`, `item`, `kind`,
//! `counted`, `why_not`, `answer`, then one column per case field in ruleset order, holding the
//! value as written in the rules (empty where the case has none).

use crate::cases_table::{Row, answer_text};
use crate::framework::{Framework, Value};

/// The columns before the case fields.
pub const CASES_COLUMNS: [&str; 10] = [
    "inspection",
    "provider",
    "case",
    "domain",
    "standard",
    "item",
    "kind",
    "counted",
    "why_not",
    "answer",
];

fn cells(framework: &Framework, row: &Row) -> Vec<String> {
    let mut cells: Vec<String> = vec![
        row.inspection.into(),
        row.provider.into(),
        row.case.into(),
        row.domain.into(),
        row.standard.into(),
        row.item.into(),
        if row.key_question {
            "key question"
        } else {
            "prompt"
        }
        .into(),
        row.counted.counted().into(),
        row.counted.why_not().into(),
        answer_text(row.answer).into(),
    ];
    for (i, field) in framework.fields.iter().enumerate() {
        let value = row.values.get(i).copied().flatten();
        cells.push(value.map_or(String::new(), |v| field.value_text(Some(v))));
    }
    cells
}

/// `cases --format csv`.
pub fn cases_csv(framework: &Framework, rows: &[Row]) -> String {
    let mut table = super::csv::Table::new();
    let mut header: Vec<&str> = CASES_COLUMNS.to_vec();
    header.extend(framework.fields.iter().map(|f| f.name.as_str()));
    table.row(header);
    for row in rows {
        table.row(cells(framework, row));
    }
    table.finish()
}

/// `cases --format json`: `{"rows": [ {…} ]}`, each row's keys the CSV's columns; a number
/// field's value a number, every other value a string, a field the case has not recorded null.
pub fn cases_json(framework: &Framework, rows: &[Row]) -> String {
    use serde_json::{Map, Value as Json};
    let rows: Vec<Json> = rows
        .iter()
        .map(|row| {
            let mut object = Map::new();
            let texts = cells(framework, row);
            for (key, text) in CASES_COLUMNS.iter().zip(&texts) {
                object.insert((*key).to_string(), Json::String(text.clone()));
            }
            for (i, field) in framework.fields.iter().enumerate() {
                let value = match row.values.get(i).copied().flatten() {
                    None => Json::Null,
                    Some(Value::Number(n)) => Json::from(n),
                    Some(v) => Json::String(field.value_text(Some(v))),
                };
                object.insert(field.name.clone(), value);
            }
            Json::Object(object)
        })
        .collect();
    let mut document = Map::new();
    document.insert("rows".into(), Json::Array(rows));
    super::json::pretty(&Json::Object(document))
}
