//! Report stage: the case-level table (`ratebook cases`) as CSV and as JSON, in the columns
//! CONTRACT.md fixes: `inspection`, `provider`, `case`, `domain`, `standard`, `item`, `kind`,
//! `counted`, `why_not`, `answer`, then one column per case field in ruleset order, holding the
//! value as written in the rules (empty where the case has none).

use crate::analysis::cases_table::{Row, answer_text};
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

/// `cases --format json`: `{"rows": [ {…} ]}`, each row's keys the CSV's columns in the CSV's
/// order; a number field's value a number, every other value a string, a field the case has
/// not recorded null.
pub fn cases_json(framework: &Framework, rows: &[Row]) -> String {
    use serde_json::Value as Json;
    let rows: Vec<Ordered> = rows
        .iter()
        .map(|row| {
            let texts = cells(framework, row);
            let mut keys: Vec<(&str, Json)> = CASES_COLUMNS
                .iter()
                .zip(&texts)
                .map(|(key, text)| (*key, Json::String(text.clone())))
                .collect();
            for (i, field) in framework.fields.iter().enumerate() {
                let value = match row.values.get(i).copied().flatten() {
                    None => Json::Null,
                    Some(Value::Number(n)) => Json::from(n),
                    Some(v) => Json::String(field.value_text(Some(v))),
                };
                keys.push((field.name.as_str(), value));
            }
            Ordered(keys)
        })
        .collect();
    #[derive(serde::Serialize)]
    struct Document<'a> {
        rows: Vec<Ordered<'a>>,
    }
    super::json::pretty(&Document { rows })
}

/// A row's keys in the order given (a JSON object keeps them so when written).
struct Ordered<'a>(Vec<(&'a str, serde_json::Value)>);

impl serde::Serialize for Ordered<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (key, value) in &self.0 {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}
