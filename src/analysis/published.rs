//! Published figures: an inspection's `[published]` table checked against its rating. Each
//! figure the report printed (overall rating and score, standard ratings, key-question
//! percentages) is compared with what the rules give, and each that differs becomes a
//! [`Failure`] saying what was expected, what came out, and why it came out so.

use serde::Serialize;

use crate::framework::{Aggregation, Framework};
use crate::inspection::{Figure, Published};
use crate::rate::{InspectionResult, QuestionResult, RatedFrom, StandardResult};
use crate::report::words;
use crate::suggest::did_you_mean;

/// One published figure the rules do not reproduce.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Failure {
    /// A standard id, a key question id, `overall` or `score`.
    pub item: String,
    /// What the report published.
    pub expected: String,
    /// What the rules give.
    pub got: String,
    /// What the rules based the figure on, in one line.
    pub why: String,
    /// The line of the inspection file that records the figure.
    #[serde(skip)]
    pub line: usize,
}

/// How many published figures were checked, each as compared, and the ones that failed.
#[derive(Debug, Clone, Default)]
pub struct Checked {
    /// How many figures were compared.
    pub figures: usize,
    /// Each figure compared, in the order checked: what the report published beside what
    /// the rules give.
    pub compared: Vec<Compared>,
    /// Each figure that differs.
    pub failures: Vec<Failure>,
}

/// One published figure beside what the rules give.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Compared {
    /// A standard id, a key question id, `overall` or `score`.
    pub item: String,
    /// What the report published.
    pub published: String,
    /// What the rules give.
    pub rated: String,
    /// The line of the inspection file that records the figure.
    pub line: usize,
}

/// Check every figure in `published` against `result`, rated under `framework` (whose scale
/// names the ratings, and says when a published label is not one of them). Figures are
/// checked in the ruleset's order (overall, score, standards, key questions), then those
/// naming items the ruleset lacks.
pub fn check(published: &Published, result: &InspectionResult, framework: &Framework) -> Checked {
    let label = |r| framework.scale.label(r).to_string();
    let mut checked = Checked::default();
    // Each figure as compared; one that differs also fails, with why the rules give what
    // they give.
    let mut compare =
        |item: &str, line: usize, expected: String, got: String, why: &dyn Fn() -> String| {
            if expected != got {
                checked.failures.push(Failure {
                    item: item.to_string(),
                    expected: expected.clone(),
                    got: got.clone(),
                    why: why(),
                    line,
                });
            }
            checked.compared.push(Compared {
                item: item.to_string(),
                published: expected,
                rated: got,
                line,
            });
        };
    let overall = &result.overall;
    if let Some(f) = &published.overall {
        compare(
            "overall",
            f.line,
            f.value.clone(),
            label(overall.rating),
            &|| overall_why(framework, result),
        );
    }
    if let Some(f) = &published.score {
        compare(
            "score",
            f.line,
            f.value.to_string(),
            overall.score.to_string(),
            &|| score_why(result),
        );
    }
    let scale = framework.scale.names();
    for standard in &result.standards {
        let Some(f) = find(&published.standards, &standard.id) else {
            continue;
        };
        let got = words::rating_or_not_rated(&framework.scale, standard.rating).to_string();
        let why = || {
            if standard.rating.is_some() && !scale.contains(&f.value.as_str()) {
                format!(
                    "`{}` is not a rating of this ruleset: {}",
                    f.value,
                    did_you_mean(&f.value, "ratings", scale.iter().copied())
                )
            } else {
                standard_why(framework, result, standard)
            }
        };
        compare(&standard.id, f.line, f.value.clone(), got, &why);
    }
    for question in result.standards.iter().flat_map(|s| &s.key_questions) {
        let Some(f) = find(&published.key_questions, &question.id) else {
            continue;
        };
        let got = question
            .shown_percent
            .map_or("no percentage".into(), |p| format!("{p}%"));
        compare(&question.id, f.line, format!("{}%", f.value), got, &|| {
            question_why(question)
        });
    }
    let mut fail = |item: &str, line: usize, expected: String, got: String, why: String| {
        checked.compared.push(Compared {
            item: item.to_string(),
            published: expected.clone(),
            rated: got.clone(),
            line,
        });
        checked.failures.push(Failure {
            item: item.to_string(),
            expected,
            got,
            why,
            line,
        })
    };
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

/// Make each recorded decision the rules refuse a failing figure of `checked`: expected the
/// panel's rating, got the rating the rules give, and why it was refused. Where the report's
/// published rating of that standard already fails for the same reason, the refusal is its
/// why; otherwise it is a figure of its own, at the decision's line (`line_of` finds the line
/// of an offset in the inspection file).
pub fn refused(
    checked: &mut Checked,
    result: &InspectionResult,
    refused: &[crate::rate::Refusal],
    framework: &Framework,
    line_of: impl Fn(usize) -> usize,
) {
    let scale = &framework.scale;
    for refusal in refused {
        let expected = scale.label(refusal.to).to_string();
        let got = result
            .standards
            .iter()
            .find(|s| s.id == refusal.standard)
            .map_or("no such standard".to_string(), |s| {
                words::rating_or_not_rated(scale, s.rating).to_string()
            });
        let line = line_of(refusal.at.offset());
        let problem = words::with_help(&refusal.problem);
        let why = format!(
            "the panel decision recorded at line {line} is refused: {}",
            problem.strip_prefix("refused: ").unwrap_or(&problem)
        );
        let same = checked
            .failures
            .iter_mut()
            .find(|f| f.item == refusal.standard && f.expected == expected);
        match same {
            Some(failure) => failure.why = why,
            None => {
                checked.figures += 1;
                checked.compared.push(Compared {
                    item: refusal.standard.clone(),
                    published: expected.clone(),
                    rated: got.clone(),
                    line,
                });
                checked.failures.push(Failure {
                    item: refusal.standard.clone(),
                    expected,
                    got,
                    why,
                    line,
                });
            }
        }
    }
}

fn find<'p, T>(figures: &'p [(String, Figure<T>)], id: &str) -> Option<&'p Figure<T>> {
    figures.iter().find(|(k, _)| k == id).map(|(_, f)| f)
}

fn overall_why(framework: &Framework, result: &InspectionResult) -> String {
    let overall = &result.overall;
    let mut why = format!(
        "score {} of {} falls in {}",
        overall.score,
        overall.max,
        words::overall_band_range(framework, overall.band)
    );
    if !overall.limiters.is_empty() {
        why.push_str(&format!(
            ", {}",
            framework.scale.label(overall.banded_rating)
        ));
    }
    for limiter in overall.limiters.iter().filter(|l| l.applied) {
        why.push_str(&format!(
            "; {}",
            words::limiter_because(framework, result, limiter)
        ));
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
pub fn standard_why(
    framework: &Framework,
    result: &InspectionResult,
    standard: &StandardResult,
) -> String {
    if let Some(because) = words::unrated_because(framework, standard) {
        return because;
    }
    let scale = &framework.scale;
    let base = words::rating_or_not_rated(scale, standard.base_rating);
    let mut why = match standard.rated_from {
        RatedFrom::Judged => match standard.judged_at {
            Some(line) => format!("judged {base} ({})", words::judged_in(result, line)),
            None => format!("judged {base}"),
        },
        RatedFrom::Cases => {
            let value = standard
                .aggregation
                .as_ref()
                .map_or(String::new(), |a| words::aggregation_summary(standard, a));
            // Under the lowest-question rule the deciding key question's band is the standard's.
            let set = standard.band_set.and_then(|i| framework.band_sets.get(i));
            let band = standard
                .aggregation
                .as_ref()
                .filter(|a| a.rule == Aggregation::LowestQuestion)
                .and_then(|_| standard.deciding.first())
                .and_then(|&i| standard.key_questions.get(i))
                .and_then(|q| q.band)
                .and_then(|b| set.and_then(|s| s.bands.get(b)))
                .map_or(String::new(), |b| format!(" (band {})", b.range_text()));
            format!("{value}: {base}{band}")
        }
    };
    match &standard.discretion.applied {
        Some(applied) => why.push_str(&format!(
            "; a panel decision moved it {} to {}",
            applied.direction,
            scale.label(applied.to)
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
