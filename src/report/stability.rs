//! Report stage: `ratebook stability`, how often each rating survives resampling the cases,
//! and the 80% interval around each key question's percentage.

use std::fmt::Write;

use serde::Serialize;

use super::json::RulesetRef;
use super::{align, heading};
use crate::Rules;
use crate::analysis::stability::Stability;
use crate::report::json::rating::RatedFrom;

/// `stability`: how often each rating is kept, with each key question's interval.
pub fn stability_table(rules: &Rules, s: &Stability) -> String {
    let mut out = String::new();
    let title = format!("{}: how stable each rating is", s.provider);
    out.push_str(&heading(&title, rules, &s.source, None));
    let own_samples = rules
        .framework
        .standards()
        .any(|(_, standard)| standard.sample.is_some());
    if own_samples {
        let _ = writeln!(
            out,
            "  {} resamples of each sample's cases (a domain's, or a standard's own sample), with",
            s.resamples
        );
        let _ = writeln!(
            out,
            "  replacement (seed {}). Ratings are those the cases give, before professional discretion.",
            s.seed
        );
    } else {
        let _ = writeln!(
            out,
            "  {} resamples of each domain's cases, with replacement (seed {}). Ratings are those the",
            s.resamples, s.seed
        );
        let _ = writeln!(out, "  cases give, before professional discretion.");
    }
    let _ = writeln!(out);

    let mut rows = vec![
        ["Standard", "Rating from cases", "Kept in resamples"]
            .map(String::from)
            .to_vec(),
    ];
    for standard in &s.standards {
        let kept = if standard.rated_from == RatedFrom::Judged {
            "judged".to_string()
        } else {
            percent(standard.kept)
        };
        rows.push(vec![
            format!("{} {}", standard.id, standard.name),
            standard
                .rating
                .clone()
                .unwrap_or_else(|| "not rated".into()),
            kept,
        ]);
    }
    rows.push(vec![
        "Overall".into(),
        format!("{}, score {}", s.overall.rating, s.overall.score),
        percent(s.overall.kept),
    ]);
    for line in align(&rows) {
        let _ = writeln!(out, "  {line}");
    }
    if s.unrated_resamples > 0 {
        let _ = writeln!(
            out,
            "  {} resamples could not be rated and count as not keeping any rating.",
            s.unrated_resamples
        );
    }

    let _ = writeln!(out);
    out.push_str(&shares_table(s));

    let _ = writeln!(out);
    let mut rows = vec![
        ["Key question", "Percent", "80% interval (Wilson)"]
            .map(String::from)
            .to_vec(),
    ];
    for q in s.standards.iter().flat_map(|s| &s.key_questions) {
        let (shown, interval) = match (q.percent, q.wilson_80) {
            (Some(p), Some([lo, hi])) => (
                format!("{p:.1}% ({} of {})", q.yes, q.sample),
                format!("{lo:.1}% to {hi:.1}%"),
            ),
            _ => ("not rated".to_string(), String::new()),
        };
        rows.push(vec![q.id.clone(), shown, interval]);
    }
    for line in align(&rows) {
        let _ = writeln!(out, "  {line}");
    }
    out
}

/// The share of resamples in each rating: one row per standard rated from cases and the
/// overall rating, one column per rating of the scale (and not rated, when some resample
/// leaves a standard unrated).
fn shares_table(s: &Stability) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "  Share of resamples in each rating");
    let mut columns: Vec<&str> = vec![];
    let rated = s.standards.iter().filter(|st| !st.ratings.is_empty());
    for share in rated
        .clone()
        .flat_map(|st| &st.ratings)
        .chain(&s.overall.ratings)
    {
        if !columns.contains(&share.rating.as_str()) {
            columns.push(&share.rating);
        }
    }
    let mut rows = vec![
        std::iter::once("Standard".to_string())
            .chain(columns.iter().map(|c| c.to_string()))
            .collect::<Vec<_>>(),
    ];
    let row = |name: String, ratings: &[crate::analysis::stability::RatingShare]| {
        std::iter::once(name)
            .chain(columns.iter().map(|c| {
                ratings
                    .iter()
                    .find(|r| r.rating == *c)
                    .filter(|r| r.share > 0.0)
                    .map_or("–".to_string(), |r| percent(r.share))
            }))
            .collect::<Vec<_>>()
    };
    for standard in rated {
        rows.push(row(standard.id.clone(), &standard.ratings));
    }
    rows.push(row("Overall".into(), &s.overall.ratings));
    for line in align(&rows) {
        let _ = writeln!(out, "  {line}");
    }
    out
}

/// A share of resamples as a percentage to one decimal, never rounded to 100% or 0% when it is
/// not: `>99.9%` and `<0.1%`. The stability page writes shares so too.
pub(crate) fn percent(share: f64) -> String {
    let percent = 100.0 * share;
    if share < 1.0 && percent > 99.95 {
        ">99.9%".to_string()
    } else if share > 0.0 && percent < 0.05 {
        "<0.1%".to_string()
    } else {
        format!("{percent:.1}%")
    }
}

#[cfg(test)]
mod tests {
    use super::percent;

    #[test]
    fn a_share_is_never_rounded_to_all_or_none() {
        assert_eq!(percent(1.0), "100.0%");
        assert_eq!(percent(0.9996), ">99.9%");
        assert_eq!(percent(0.9994), "99.9%");
        assert_eq!(percent(0.0), "0.0%");
        assert_eq!(percent(0.0004), "<0.1%");
        assert_eq!(percent(0.5), "50.0%");
    }
}

/// `stability --format json`: the ruleset and each inspection's stability.
#[derive(Serialize, schemars::JsonSchema)]
pub struct Document<'a> {
    ruleset: RulesetRef<'a>,
    stability: &'a [Stability],
}

/// `stability --format json`.
pub fn stability_document(rules: &Rules, results: &[Stability]) -> String {
    let document = Document {
        ruleset: RulesetRef::of(rules),
        stability: results,
    };
    super::json::pretty(&document)
}
