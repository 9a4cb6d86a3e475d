//! Published figures: an inspection's `[published]` table checked against its rating. Each
//! figure the report printed (overall rating and score, standard ratings, key-question
//! percentages) is compared with what the rules give, and each that differs becomes a
//! [`Failure`] saying what was expected, what came out, and why it came out so.

use serde::Serialize;

use crate::framework::{Aggregation, Scale};
use crate::inspection::{Figure, Published};
use crate::rate::{InspectionResult, QuestionResult, RatedFrom, StandardResult};
use crate::suggest::did_you_mean;

/// One published figure the rules do not reproduce.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Failure {
    /// A standard id, a key question id, `overall` or `score`.
    pub item: String,
    pub expected: String,
    pub got: String,
    /// What the rules based the figure on, in one line.
    pub why: String,
    /// The line of the inspection file that records the figure.
    #[serde(skip)]
    pub line: usize,
}

/// How many published figures were checked, and the ones that failed.
#[derive(Debug, Clone, Default)]
pub struct Checked {
    pub figures: usize,
    pub failures: Vec<Failure>,
}

/// Check every figure in `published` against `result`, rated under a ruleset whose scale is
/// `scale` (to name a published label it does not have). Figures are checked in the ruleset's
/// order (overall, score, standards, key questions), then those naming items the ruleset lacks.
pub fn check(published: &Published, result: &InspectionResult, scale: &Scale) -> Checked {
    let mut checked = Checked::default();
    let mut fail = |item: &str, figure_line: usize, expected: String, got: String, why: String| {
        checked.failures.push(Failure {
            item: item.to_string(),
            expected,
            got,
            why,
            line: figure_line,
        })
    };
    let overall = &result.overall;
    if let Some(f) = &published.overall
        && f.value != overall.rating
    {
        fail(
            "overall",
            f.line,
            f.value.clone(),
            overall.rating.clone(),
            overall_why(result),
        );
    }
    if let Some(f) = &published.score
        && f.value != overall.score
    {
        fail(
            "score",
            f.line,
            f.value.to_string(),
            overall.score.to_string(),
            score_why(result),
        );
    }
    let scale = scale.names();
    for standard in &result.standards {
        let Some(f) = find(&published.standards, &standard.id) else {
            continue;
        };
        let got = standard.rating.clone().unwrap_or("not rated".into());
        if f.value != got {
            let why = if standard.rating.is_some() && !scale.contains(&f.value.as_str()) {
                format!(
                    "`{}` is not a rating of this ruleset: {}",
                    f.value,
                    did_you_mean(&f.value, "ratings", scale.iter().copied())
                )
            } else {
                standard_why(standard)
            };
            fail(&standard.id, f.line, f.value.clone(), got, why);
        }
    }
    for question in result.standards.iter().flat_map(|s| &s.key_questions) {
        let Some(f) = find(&published.key_questions, &question.id) else {
            continue;
        };
        let got = question
            .shown_percent
            .map_or("no percentage".into(), |p| format!("{p}%"));
        if question.shown_percent != Some(f.value) {
            fail(
                &question.id,
                f.line,
                format!("{}%", f.value),
                got,
                question_why(question),
            );
        }
    }
    let standard_ids: Vec<&str> = result.standards.iter().map(|s| s.id.as_str()).collect();
    for (id, f) in &published.standards {
        if !standard_ids.contains(&id.as_str()) {
            fail(
                id,
                f.line,
                f.value.clone(),
                "no such standard".into(),
                did_you_mean(id, "standards", standard_ids.iter().copied()),
            );
        }
    }
    let question_ids: Vec<&str> = result
        .standards
        .iter()
        .flat_map(|s| &s.key_questions)
        .map(|q| q.id.as_str())
        .collect();
    for (id, f) in &published.key_questions {
        if !question_ids.contains(&id.as_str()) {
            fail(
                id,
                f.line,
                format!("{}%", f.value),
                "no such key question".into(),
                did_you_mean(id, "key questions", question_ids.iter().copied()),
            );
        }
    }
    checked.figures = usize::from(published.overall.is_some())
        + usize::from(published.score.is_some())
        + published.standards.len()
        + published.key_questions.len();
    checked
}

fn find<'p, T>(figures: &'p [(String, Figure<T>)], id: &str) -> Option<&'p Figure<T>> {
    figures.iter().find(|(k, _)| k == id).map(|(_, f)| f)
}

fn overall_why(result: &InspectionResult) -> String {
    let overall = &result.overall;
    let mut why = format!(
        "score {} of {} falls in {}",
        overall.score, overall.max, overall.band_range
    );
    if let Some(banded) = &overall.banded_rating {
        why.push_str(&format!(", {banded}"));
    }
    for limiter in overall.limiters.iter().filter(|l| l.applied) {
        why.push_str(&format!("; {}", limiter.because));
    }
    why
}

fn score_why(result: &InspectionResult) -> String {
    let parts: Vec<String> = result
        .standards
        .iter()
        .filter(|s| s.scored)
        .map(|s| match s.score {
            Some(score) if s.weight == 1 => format!("{} {score}", s.id),
            Some(score) => format!("{} {score}×{}", s.id, s.weight),
            None => format!("{} unrated", s.id),
        })
        .collect();
    format!("standard scores: {}", parts.join(", "))
}

/// Why a standard has its rating: the judgement, or the deciding key question and its band,
/// and any panel decision.
pub fn standard_why(standard: &StandardResult) -> String {
    if let Some(because) = &standard.unrated_because {
        return because.clone();
    }
    let base = standard.base_rating.as_deref().unwrap_or("not rated");
    let mut why = match standard.rated_from {
        RatedFrom::Judged => match &standard.judged_in {
            Some(place) => format!("judged {base} ({place})"),
            None => format!("judged {base}"),
        },
        RatedFrom::Cases => {
            let value = standard
                .aggregation
                .as_ref()
                .map_or(String::new(), |a| a.summary.clone());
            // Under the lowest-question rule the deciding key question's band is the standard's.
            let band = standard
                .key_questions
                .iter()
                .filter(|_| {
                    standard
                        .aggregation
                        .as_ref()
                        .is_some_and(|a| a.rule == Aggregation::LowestQuestion.words())
                })
                .find(|q| standard.deciding.first() == Some(&q.id))
                .and_then(|q| q.band_range.clone())
                .map_or(String::new(), |r| format!(" (band {r})"));
            format!("{value}: {base}{band}")
        }
    };
    match &standard.discretion.applied {
        Some(applied) => why.push_str(&format!(
            "; a panel decision moved it {} to {}",
            applied.direction, applied.to
        )),
        None if standard.discretion.eligible => {
            why.push_str("; discretion was open but no decision is recorded")
        }
        None => {}
    }
    why
}

fn question_why(question: &QuestionResult) -> String {
    let mut why = format!(
        "{} yes of {} answered ({} no, {} not applicable)",
        question.yes, question.sample, question.no, question.not_applicable
    );
    if let Some(filter) = &question.sample_filter {
        why.push_str(&format!(
            "; sample {filter}: {} of {} cases",
            question.sample_cases, question.domain_cases
        ));
    }
    if question.left_out > 0 {
        why.push_str(&format!("; {} answers left out", question.left_out));
    }
    why
}
