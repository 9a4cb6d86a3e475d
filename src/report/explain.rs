//! Report stage: `ratebook explain`, the derivation of every rating in words a ratings panel
//! reads: each key question's sample (who was left out, and why), counts, exact and shown
//! percentage, band and range; the deciding key question; the margin in answers; the
//! discretion triggers that hold and those that do not, with their arithmetic; the panel's
//! decision; and the overall score. Everything comes from the result: nothing is recomputed.

use std::fmt::Write;

use super::words::{self, Triggers};
use super::{cases_text, heading};
use crate::Rules;
use crate::framework::{Aggregation, BandSet, Framework, Rating, Scale};
use crate::rate::RatedFrom;
use crate::rate::{InspectionResult, MarginResult, QuestionResult, StandardResult};

/// The whole derivation, or only the standards named in `only`.
pub fn explanation(rules: &Rules, result: &InspectionResult, only: Option<&str>) -> String {
    let mut out = String::new();
    let f = &rules.framework;
    let title = format!("{}: how each rating was reached", result.provider);
    out.push_str(&heading(&title, rules, &result.source, Some(&result.cases)));
    for standard in result
        .standards
        .iter()
        .filter(|s| only.is_none_or(|id| s.id == id))
    {
        let _ = writeln!(out);
        let domain = f
            .domains
            .iter()
            .find(|d| d.id == standard.domain)
            .map_or("", |d| d.title.as_str());
        out.push_str(&explain_standard(f, result, standard, domain));
    }
    if only.is_none() {
        let _ = writeln!(out);
        out.push_str(&explain_overall(f, result));
    }
    out
}

fn explain_standard(
    f: &Framework,
    result: &InspectionResult,
    s: &StandardResult,
    domain: &str,
) -> String {
    let mut out = String::new();
    let scale = &f.scale;
    let rating = words::rating_or_not_rated(scale, s.rating);
    let base_rating = scale.label_of(s.base_rating);
    let unrated_because = words::unrated_because(f, s);
    match (base_rating, &s.discretion.applied) {
        (Some(base), Some(_)) => {
            let _ = writeln!(
                out,
                "{} {}: {rating} ({base} before discretion)",
                s.id, s.name
            );
        }
        _ => {
            let _ = writeln!(out, "{} {}: {rating}", s.id, s.name);
        }
    }
    let counts = match (s.scored, s.score) {
        (false, _) => "It does not count towards the overall score.".to_string(),
        (true, Some(score)) => format!("It scores {score} towards the overall score."),
        (true, None) => "It is scored, but not rated.".to_string(),
    };
    if s.rated_from == RatedFrom::Judged {
        match s.judged_at {
            Some(line) => {
                let place = words::judged_in(result, line);
                let _ = writeln!(out, "  Judged by the lead inspector: {place}. {counts}");
            }
            None => {
                let why = unrated_because.as_deref().unwrap_or("");
                let _ = writeln!(out, "  Judged standard, not rated: {why}. {counts}");
            }
        }
        return out;
    }

    let set = s.band_set.and_then(|i| f.band_sets.get(i));
    let banded_by = set.map_or("its band set".to_string(), words::banded_by);
    let cases = s.key_questions.first().map_or(0, |q| q.domain_cases);
    let rule = s.aggregation.as_ref().map(|a| a.rule);
    let lowest = rule.is_none_or(|r| r == Aggregation::LowestQuestion);
    let rule = match rule {
        Some(Aggregation::MeanOfQuestions) => "the mean of its key questions' percentages",
        Some(Aggregation::PooledAnswers) => "its key questions' answers pooled",
        _ => "the lowest key question",
    };
    let _ = writeln!(out, "  Rated by {rule}, banded by {banded_by}.");
    match &s.own_sample {
        Some(filter) => {
            let _ = writeln!(
                out,
                "  {domain}, the standard's own sample (cases where {filter}): {cases} case{}. {counts}",
                plural(cases)
            );
        }
        None => {
            let _ = writeln!(out, "  {domain}: {cases} case{}. {counts}", plural(cases));
        }
    }
    for q in &s.key_questions {
        let _ = writeln!(out);
        out.push_str(&explain_question(scale, set, q, domain));
    }
    let _ = writeln!(out);
    let deciding: Vec<&QuestionResult> = s
        .deciding
        .iter()
        .filter_map(|&i| s.key_questions.get(i))
        .collect();
    match (deciding.first(), base_rating) {
        (Some(_), Some(base)) if !lowest => {
            let value = s
                .aggregation
                .as_ref()
                .map_or(String::new(), |a| words::aggregation_summary(s, a));
            let _ = writeln!(out, "  Banded on the {value}: the standard is {base}.");
        }
        (Some(q), Some(base)) => {
            let ids: Vec<&str> = deciding.iter().map(|q| q.id.as_str()).collect();
            let shown = q.shown_percent.map_or(String::new(), |p| format!("{p}%"));
            let _ = writeln!(
                out,
                "  Decided by {}, the lowest percentage ({shown}): the standard is {base}.",
                and_list(&ids)
            );
        }
        _ => {
            let why = unrated_because
                .as_deref()
                .unwrap_or("no key question is rated");
            let _ = writeln!(out, "  Not rated: {why}.");
        }
    }
    if let (Some(m), Some(base)) = (&s.margin, base_rating) {
        let _ = writeln!(out, "  Margin: from {base}, {}", margin_text(scale, m));
    }
    if s.base_rating.is_some() {
        let _ = writeln!(out);
        out.push_str(&explain_discretion(scale, s));
    }
    out
}

fn explain_question(
    scale: &Scale,
    set: Option<&BandSet>,
    q: &QuestionResult,
    domain: &str,
) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "  {} {}", q.id, q.text);
    let sample = match &q.sample_filter {
        Some(filter) => format!(
            "{} of {} {domain} cases, those where {filter}",
            q.sample_cases, q.domain_cases
        ),
        None => format!("all {} {domain} cases", q.domain_cases),
    };
    let _ = writeln!(out, "    Sample: {sample}.");
    if !q.outside_sample.is_empty() {
        let cases = cases_text(&q.outside_sample);
        let _ = writeln!(out, "    Outside the sample: {}.", cases);
    }
    if q.left_out > 0 {
        let cases = cases_text(&q.left_out_cases);
        let _ = writeln!(
            out,
            "    Left out: {} answer{} from cases outside the sample: {}.",
            q.left_out,
            plural(q.left_out),
            cases
        );
    }
    let _ = writeln!(
        out,
        "    Answers: {} yes, {} no, {} not applicable (not applicable answers are not counted).",
        q.yes, q.no, q.not_applicable
    );
    match (q.percent, q.shown_percent, q.rating) {
        (Some(exact), Some(shown), Some(rating)) => {
            let rating = scale.label(rating);
            let band = match q.band.and_then(|b| set.and_then(|s| s.bands.get(b))) {
                Some(b) => match &b.name {
                    Some(name) => format!("{name} ({})", b.range_text()),
                    None => b.range_text(),
                },
                None => String::new(),
            };
            let _ = writeln!(
                out,
                "    {} of {} = {exact:.2}%, shown as {shown}%: {band}, {rating}.",
                q.yes, q.sample
            );
        }
        _ => {
            let _ = writeln!(
                out,
                "    Not rated: no answered case in its sample, so it takes no part."
            );
        }
    }
    out
}

fn explain_discretion(scale: &Scale, s: &StandardResult) -> String {
    let mut out = String::new();
    let d = &s.discretion;
    let sentences = |list| {
        Triggers::of(scale, s)
            .map(|t| t.all(list))
            .unwrap_or_default()
    };
    if d.eligible {
        let _ = writeln!(
            out,
            "  Professional discretion: eligible to move {}.",
            words::directions(&d.directions, " or ")
        );
    } else {
        let _ = writeln!(
            out,
            "  Professional discretion: not eligible; no trigger holds."
        );
    }
    for reason in sentences(&d.held) {
        let _ = writeln!(out, "    Holds: {reason}.");
    }
    for reason in sentences(&d.not_met) {
        let _ = writeln!(out, "    Does not hold: {reason}.");
    }
    match &d.applied {
        Some(applied) => {
            let _ = writeln!(
                out,
                "  Panel decision: moved {} from {} to {}.",
                applied.direction,
                scale.label(applied.from),
                scale.label(applied.to)
            );
            let _ = writeln!(out, "    Reason: {}", applied.reason);
        }
        None => {
            let _ = writeln!(out, "  Panel decision: none recorded.");
        }
    }
    out
}

fn explain_overall(f: &Framework, result: &InspectionResult) -> String {
    let mut out = String::new();
    let scale = &f.scale;
    let overall = &result.overall;
    let standards = &result.standards;
    let rating = scale.label(overall.rating);
    let band_range = words::overall_band_range(f, overall.band);
    if overall.limiters.is_empty() {
        let _ = writeln!(
            out,
            "Overall: {rating}, {} of {} (band {band_range}).",
            overall.score, overall.max
        );
    } else {
        let _ = writeln!(
            out,
            "Overall: {rating}, {} of {} (band {band_range}: {}, then the limiters).",
            overall.score,
            overall.max,
            scale.label(overall.banded_rating)
        );
    }
    let parts: Vec<String> = standards
        .iter()
        .filter(|s| s.scored)
        .map(|s| match (s.score, s.weight) {
            (Some(score), 1) => format!("{} {score}", s.id),
            (Some(score), weight) => format!("{} {score} × {weight}", s.id),
            (None, _) => format!("{} not rated", s.id),
        })
        .collect();
    let _ = writeln!(
        out,
        "  The sum of the scored standards: {}.",
        parts.join(", ")
    );
    for &(i, rule) in &overall.unrated {
        let id = standards.get(i).map_or("", |s| s.id.as_str());
        let _ = writeln!(out, "  {}.", words::overall_unrated(id, rule));
    }
    for l in &overall.limiters {
        let _ = writeln!(
            out,
            "  Limiter `{}`: {}.",
            words::limiter_text(f, l),
            words::limiter_because(f, result, l)
        );
    }
    let changed = &overall.changed_by_one_band;
    if changed.up.is_empty() && changed.down.is_empty() {
        let _ = writeln!(
            out,
            "  No single standard moving one band would change the overall rating."
        );
    }
    for (way, list) in [("up", &changed.up), ("down", &changed.down)] {
        if !list.is_empty() {
            let moves: Vec<String> = list
                .iter()
                .map(|m| words::one_band(result, scale, m))
                .collect();
            let _ = writeln!(
                out,
                "  One standard moving one band {way} would change it: {}.",
                moves.join("; ")
            );
        }
    }
    out
}

fn margin_text(scale: &Scale, m: &MarginResult) -> String {
    let side = |n: Option<u32>, to: Option<Rating>, way: &str| match (n, scale.label_of(to)) {
        (Some(n), Some(to)) => format!(
            "{n} answer{} changed would move it {way} to {to}",
            plural(n)
        ),
        (None, Some(to)) => format!("no change of answers would move it {way} to {to}"),
        (_, None) => format!("it cannot move {way}: the scale ends"),
    };
    format!(
        "{}; {}.",
        side(m.up, m.up_to, "up"),
        side(m.down, m.down_to, "down")
    )
}

fn plural(n: u32) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn and_list(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}
