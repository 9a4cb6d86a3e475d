//! Report stage: the human rating table, in the style of a report's ratings page: each
//! standard with its rating, the deciding key question and its percentage, its margin in
//! answers, discretion marks, and the overall score out of its maximum; then notes on anything
//! left out or not rated.

use std::fmt::Write;

use super::{cases_text, heading, words};
use crate::Rules;
use crate::framework::{Direction, Framework, Scale};
use crate::rate::RatedFrom;
use crate::rate::{InspectionResult, StandardResult};

/// `rate`: the ratings page of one inspection.
pub fn rating_table(rules: &Rules, result: &InspectionResult) -> String {
    let mut out = String::new();
    let f = &rules.framework;
    out.push_str(&heading(
        &result.provider,
        rules,
        &result.source,
        Some(&result.cases),
    ));
    let _ = writeln!(out);

    let header = [
        "Standard",
        "Rating",
        "Lowest key question",
        "Margin",
        "Discretion",
    ]
    .map(String::from)
    .to_vec();
    let mut rows = vec![header];
    let mut domain = None;
    for standard in &result.standards {
        if domain != Some(&standard.domain) {
            domain = Some(&standard.domain);
            if let Some(d) = f.domains.iter().find(|d| d.id == standard.domain) {
                rows.push(vec![format!("{} {}", d.id, d.title)]);
            }
        }
        rows.push(row(&f.scale, standard));
    }
    for line in crate::columns::fit(&rows, crate::columns::WIDTH - 2) {
        let _ = writeln!(out, "  {line}");
    }
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "  Overall: {}, score {} of {}",
        f.scale.label(result.overall.rating),
        result.overall.score,
        result.overall.max
    );

    let _ = writeln!(
        out,
        "  Margin: answers that must change to move a standard's rating from the cases (before\n  discretion) a band up / down; – where the scale ends."
    );
    let notes = notes(f, result);
    if !notes.is_empty() {
        let _ = writeln!(out);
        let _ = writeln!(out, "  Notes");
        for note in notes {
            let _ = writeln!(out, "  - {note}");
        }
    }
    out
}

fn row(scale: &Scale, s: &StandardResult) -> Vec<String> {
    let title = format!("  {} {}", s.id, s.name);
    let mut rating = words::rating_or_not_rated(scale, s.rating).to_string();
    if !s.scored {
        rating.push_str(" (not scored)");
    }
    let lowest = if s.rated_from == RatedFrom::Judged {
        "judged".to_string()
    } else {
        s.deciding
            .iter()
            .filter_map(|&i| s.key_questions.get(i))
            .map(|q| {
                format!(
                    "{} {}% ({} of {})",
                    q.id,
                    q.shown_percent.unwrap_or(0),
                    q.yes,
                    q.sample
                )
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let margin = s.margin.as_ref().map_or(String::new(), |m| {
        let n = |n: Option<u32>| n.map_or("–".to_string(), |n| n.to_string());
        format!("{} / {}", n(m.up), n(m.down))
    });
    let discretion = match (&s.discretion.applied, s.discretion.eligible) {
        (Some(applied), _) => {
            let way = if applied.direction == Direction::Up {
                "raised"
            } else {
                "lowered"
            };
            format!("{way} from {}", scale.label(applied.from))
        }
        (None, true) => format!(
            "eligible ({})",
            words::directions(&s.discretion.directions, ", ")
        ),
        (None, false) => String::new(),
    };
    vec![title, rating, lowest, margin, discretion]
}

fn notes(f: &Framework, result: &InspectionResult) -> Vec<String> {
    let scale = &f.scale;
    let mut notes = vec![];
    for s in &result.standards {
        if let Some(why) = words::unrated_because(f, s) {
            notes.push(format!("{} {} is not rated: {why}.", s.id, s.name));
        }
        for q in &s.key_questions {
            if q.rating.is_none() && s.rating.is_some() {
                let sample = q
                    .sample_filter
                    .as_ref()
                    .map_or(String::new(), |f| format!(" (sample: {f})"));
                notes.push(format!("{} is not rated: no answered case in its sample{sample}; it takes no part in {}.", q.id, s.id));
            }
            if q.left_out > 0 {
                let cases = cases_text(&q.left_out_cases);
                notes.push(format!(
                    "{}: {} answer{} left out, from cases outside its sample ({}): {}.",
                    q.id,
                    q.left_out,
                    if q.left_out == 1 { "" } else { "s" },
                    q.sample_filter.as_deref().unwrap_or(""),
                    cases
                ));
            }
        }
        if let Some(applied) = &s.discretion.applied {
            notes.push(format!(
                "{}: the ratings panel moved {} to {}: {}",
                s.id,
                scale.label(applied.from),
                scale.label(applied.to),
                applied.reason
            ));
        }
    }
    for &(i, rule) in &result.overall.unrated {
        let id = result.standards.get(i).map_or("", |s| s.id.as_str());
        notes.push(format!("Overall: {}.", words::overall_unrated(id, rule)));
    }
    for l in &result.overall.limiters {
        notes.push(format!(
            "Overall: `{}` {}.",
            words::limiter_text(f, l),
            words::limiter_because(f, result, l)
        ));
    }
    notes
}
