//! Report stage: `stability --format csv`, long and tidy: for each inspection, the overall
//! rating and each standard rated from cases, one row per rating of the scale with the share of
//! resamples giving it; and each key question, one row with its percentage and 80% interval.
//!
//! Columns: `inspection`, `provider`, `item`, `kind` (`overall`, `standard`, `key question`),
//! `rating` (from the cases), `kept` (the share of resamples keeping it), `resampled_rating`,
//! `share`, `percent`, `interval_low`, `interval_high`; shares are 0 to 1, percentages 0 to 100;
//! a column that does not apply to the row is empty.

use crate::analysis::stability::{RatingShare, Stability};

/// The columns of `stability --format csv`, in order.
pub const STABILITY_CSV_COLUMNS: [&str; 11] = [
    "inspection",
    "provider",
    "item",
    "kind",
    "rating",
    "kept",
    "resampled_rating",
    "share",
    "percent",
    "interval_low",
    "interval_high",
];

/// `stability --format csv`.
pub fn stability_csv(results: &[Stability]) -> String {
    let mut table = super::csv::Table::new();
    table.row(STABILITY_CSV_COLUMNS);
    for s in results {
        let shares = |table: &mut super::csv::Table,
                      item: &str,
                      kind: &str,
                      rating: &str,
                      kept: f64,
                      ratings: &[RatingShare]| {
            for share in ratings {
                table.row([
                    s.source.clone(),
                    s.provider.clone(),
                    item.to_string(),
                    kind.to_string(),
                    rating.to_string(),
                    kept.to_string(),
                    share.rating.clone(),
                    share.share.to_string(),
                    String::new(),
                    String::new(),
                    String::new(),
                ]);
            }
        };
        let o = &s.overall;
        shares(
            &mut table, "overall", "overall", &o.rating, o.kept, &o.ratings,
        );
        for st in s.standards.iter().filter(|st| !st.ratings.is_empty()) {
            let rating = st.rating.as_deref().unwrap_or("not rated");
            shares(&mut table, &st.id, "standard", rating, st.kept, &st.ratings);
            for q in &st.key_questions {
                let (low, high) = q
                    .wilson_80
                    .map_or((String::new(), String::new()), |[l, h]| {
                        (l.to_string(), h.to_string())
                    });
                table.row([
                    s.source.clone(),
                    s.provider.clone(),
                    q.id.clone(),
                    "key question".into(),
                    String::new(),
                    String::new(),
                    String::new(),
                    String::new(),
                    q.percent.map_or(String::new(), |p| p.to_string()),
                    low,
                    high,
                ]);
            }
        }
    }
    table.finish()
}
