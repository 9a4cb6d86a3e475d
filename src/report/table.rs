//! Report stage: the human rating table, in the style of a report's ratings page: each
//! standard with its rating, the deciding key question and its percentage, discretion marks,
//! and the overall score out of its maximum; then notes on anything left out or not rated.

use std::fmt::Write;

use crate::Rules;
use crate::rate::{InspectionResult, StandardResult};

pub fn rating_table(rules: &Rules, result: &InspectionResult) -> String {
    let mut out = String::new();
    let f = &rules.framework;
    let _ = writeln!(out, "{}", result.provider);
    let _ = writeln!(
        out,
        "  inspection: {} (cases: {})",
        result.source, result.cases
    );
    let _ = writeln!(
        out,
        "  ruleset:    {} version {} ({})",
        f.name, f.version, rules.source.name
    );
    let _ = writeln!(out);

    let rows: Vec<[String; 4]> = result.standards.iter().map(row).collect();
    let header = [
        "Standard".to_string(),
        "Rating".into(),
        "Lowest key question".into(),
        "Discretion".into(),
    ];
    let mut widths = [0usize; 4];
    for r in std::iter::once(&header).chain(&rows) {
        for (w, cell) in widths.iter_mut().zip(r) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: &[String; 4]| {
        let mut text = String::from("  ");
        for (i, (cell, w)) in cells.iter().zip(widths).enumerate() {
            text.push_str(cell);
            if i < 3 {
                text.push_str(&" ".repeat(w - cell.chars().count() + 2));
            }
        }
        text.trim_end().to_string()
    };
    let _ = writeln!(out, "{}", line(&header));
    let mut domain = None;
    for (standard, r) in result.standards.iter().zip(&rows) {
        if domain != Some(&standard.domain) {
            domain = Some(&standard.domain);
            if let Some(d) = f.domains.iter().find(|d| d.id == standard.domain) {
                let _ = writeln!(out, "  {} {}", d.id, d.title);
            }
        }
        let _ = writeln!(out, "{}", line(r));
    }
    let _ = writeln!(out);
    let _ = writeln!(
        out,
        "  Overall: {}, score {} of {}",
        result.overall.rating, result.overall.score, result.overall.max
    );

    let notes = notes(result);
    if !notes.is_empty() {
        let _ = writeln!(out);
        let _ = writeln!(out, "  Notes");
        for note in notes {
            let _ = writeln!(out, "  - {note}");
        }
    }
    out
}

fn row(s: &StandardResult) -> [String; 4] {
    let title = format!("  {} {}", s.id, s.name);
    let mut rating = s.rating.clone().unwrap_or_else(|| "not rated".into());
    if !s.scored {
        rating.push_str(" (not scored)");
    }
    let lowest = if s.rated_from == "judged" {
        "judged".to_string()
    } else {
        s.deciding
            .iter()
            .filter_map(|id| s.key_questions.iter().find(|q| &q.id == id))
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
    let discretion = match (&s.discretion.applied, s.discretion.eligible) {
        (Some(applied), _) => {
            let way = if applied.direction == "up" {
                "raised"
            } else {
                "lowered"
            };
            format!("{way} from {}", applied.from)
        }
        (None, true) => format!("eligible ({})", s.discretion.directions.join(", ")),
        (None, false) => String::new(),
    };
    [title, rating, lowest, discretion]
}

fn notes(result: &InspectionResult) -> Vec<String> {
    let mut notes = vec![];
    for s in &result.standards {
        if let Some(why) = &s.unrated_because {
            notes.push(format!("{} {} is not rated: {why}.", s.id, s.name));
        }
        for q in &s.key_questions {
            if q.rating.is_none() && s.rating.is_some() {
                let sample = q
                    .sample_filter
                    .as_ref()
                    .map_or(String::new(), |f| format!(" (sample: {f})"));
                notes.push(format!(
                    "{} is not rated: no answered case in its sample{sample}; it takes no part in {}.",
                    q.id, s.id
                ));
            }
            if q.left_out > 0 {
                let sample = q.sample_filter.as_deref().unwrap_or("");
                notes.push(format!(
                    "{}: {} answer{} left out, from cases outside its sample ({sample}): {}.",
                    q.id,
                    q.left_out,
                    if q.left_out == 1 { "" } else { "s" },
                    q.left_out_cases.join(", ")
                ));
            }
        }
        if let Some(applied) = &s.discretion.applied {
            notes.push(format!(
                "{}: the ratings panel moved {} to {}: {}",
                s.id, applied.from, applied.to, applied.reason
            ));
        }
    }
    for u in &result.overall.unrated {
        notes.push(format!("Overall: {u}."));
    }
    notes
}
