//! Report stage: `rate --format csv`, one row per inspection × item in the columns
//! CONTRACT.md fixes: `inspection`, `provider`, `item` (a standard id, a key question id, or
//! `overall`), `kind` (`standard`, `key question`, `overall`), `rating`, `score`, `n`, `yes`,
//! `percent` (empty where not applicable). A standard's `percent` is the value its rule
//! banded (the lowest, the mean or the pooled percentage); a key question's `rating` is the
//! rating its band gives. Built from the JSON contract's form of each rating.

use super::json::rating::Inspection;
use crate::Rules;
use crate::rate::InspectionResult;

/// The columns of `rate --format csv`, in order.
pub const RATE_CSV_COLUMNS: [&str; 9] = [
    "inspection",
    "provider",
    "item",
    "kind",
    "rating",
    "score",
    "n",
    "yes",
    "percent",
];

/// `rate --format csv`.
pub fn rating_csv(rules: &Rules, results: &[InspectionResult]) -> String {
    let mut table = super::csv::Table::new();
    table.row(RATE_CSV_COLUMNS);
    let number = |n: Option<f64>| n.map_or(String::new(), |n| n.to_string());
    for result in results {
        let rated = Inspection::of(rules, result);
        let head = [rated.source.to_string(), rated.provider.to_string()];
        for s in &rated.standards {
            let mut row = head.to_vec();
            row.extend([
                s.id.to_string(),
                "standard".into(),
                s.rating.unwrap_or("").to_string(),
                s.score.map_or(String::new(), |n| n.to_string()),
                String::new(),
                String::new(),
                number(s.aggregation.as_ref().map(|a| a.percent)),
            ]);
            table.row(row);
            for q in &s.key_questions {
                let mut row = head.to_vec();
                row.extend([
                    q.id.to_string(),
                    "key question".into(),
                    q.rating.unwrap_or("").to_string(),
                    String::new(),
                    q.sample.to_string(),
                    q.yes.to_string(),
                    number(q.percent),
                ]);
                table.row(row);
            }
        }
        let o = &rated.overall;
        let mut row = head.to_vec();
        row.extend([
            "overall".into(),
            "overall".into(),
            o.rating.clone(),
            o.score.to_string(),
            String::new(),
            String::new(),
            String::new(),
        ]);
        table.row(row);
    }
    table.finish()
}
