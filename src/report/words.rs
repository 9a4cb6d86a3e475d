//! Report stage: the sentences a rating is explained in, written from the typed result
//! (`rate::result`) and the framework. Every output that says why (the explanation, the JSON
//! contract's reasons, compare's reasons, the rate stage's refusals) takes its words from
//! here, so one trigger or limiter reads the same wherever it is shown.
//!
//! Nothing here computes a rating: it only puts into words what the rate stage decided.

use crate::framework::{
    Aggregation, BandSet, Clause, Direction, Fraction, Framework, LimiterKind, Rating, Relation,
    Rounding, Scale, UnratedRule,
};
use crate::rate::result::{
    AggregationResult, InspectionResult, LimiterResult, OneBand, OneChange, OverallBand,
    StandardResult, Trigger, Unrated,
};

/// What a standard's discretion triggers are said with: the scale, how it was banded, and
/// its key questions' ids by position.
pub struct Triggers<'a> {
    /// The framework's scale, for rating labels.
    pub scale: &'a Scale,
    /// The standard's aggregation rule.
    pub rule: Aggregation,
    /// The value the bands applied to.
    pub value: Fraction,
    /// The key questions the value comes from, by position.
    pub from: &'a [usize],
    /// Every key question's id, by position.
    pub ids: Vec<&'a str>,
}

impl<'a> Triggers<'a> {
    /// The words for a rated standard's triggers.
    pub fn of(scale: &'a Scale, standard: &'a StandardResult) -> Option<Triggers<'a>> {
        let aggregation = standard.aggregation.as_ref()?;
        Some(Triggers {
            scale,
            rule: aggregation.rule,
            value: aggregation.value,
            from: &aggregation.from,
            ids: standard
                .key_questions
                .iter()
                .map(|q| q.id.as_str())
                .collect(),
        })
    }

    fn id(&self, position: usize) -> &str {
        self.ids.get(position).copied().unwrap_or("")
    }

    /// Each trigger as a sentence.
    pub fn all(&self, triggers: &[Trigger]) -> Vec<String> {
        triggers.iter().map(|t| self.sentence(t)).collect()
    }

    /// What was banded, as the near-boundary sentences name it.
    fn subject(&self) -> String {
        let value = percent(self.value);
        match self.rule {
            Aggregation::LowestQuestion => {
                let ids: Vec<&str> = self.from.iter().map(|&i| self.id(i)).collect();
                format!("the lowest percentage, {value} ({})", ids.join(" and "))
            }
            Aggregation::MeanOfQuestions => format!("the mean of the key questions, {value}"),
            Aggregation::PooledAnswers => format!("the pooled answers, {value}"),
        }
    }

    /// One trigger as a sentence: "near a boundary: the lowest percentage, 62% (2.1.3), is 3
    /// points under the 65% boundary of Good (within 5)".
    pub fn sentence(&self, trigger: &Trigger) -> String {
        let label = |r| self.scale.label(r);
        let value = self.value;
        match trigger {
            Trigger::NearBoundary {
                toward: Direction::Up,
                boundary,
                rating,
                points,
            } => format!(
                "near a boundary: {}, is {} under the {boundary}% boundary of {} (within {points})",
                self.subject(),
                points_from(value, *boundary),
                label(*rating)
            ),
            Trigger::NearBoundary {
                toward: Direction::Down,
                boundary,
                rating,
                points,
            } => format!(
                "near a boundary: {}, is {} over the {boundary}% boundary, below which it is {} (within {points})",
                self.subject(),
                points_from(value, *boundary),
                label(*rating)
            ),
            Trigger::FarFromBoundary { nearest, points } => format!(
                "near a boundary: {}, is {} from the nearest boundary, {nearest}% (more than {points})",
                self.subject(),
                points_from(value, *nearest)
            ),
            Trigger::OneCase(change) => format!("one case: {}", self.change(change, true)),
            Trigger::NoOneCase { example: Some(e) } => format!(
                "one case: no single changed answer changes the rating; {}",
                self.change(e, false)
            ),
            Trigger::NoOneCase { example: None } => {
                "one case: no single changed answer changes the rating".to_string()
            }
            Trigger::SmallSample {
                question,
                answered: n,
                limit,
            } => {
                let id = self.id(*question);
                let rests = match self.rule {
                    Aggregation::LowestQuestion => {
                        format!("the lowest percentage ({id}) rests on {n} answered cases")
                    }
                    Aggregation::MeanOfQuestions => {
                        format!("the smallest key-question sample ({id}) has {n} answered cases")
                    }
                    Aggregation::PooledAnswers => format!(
                        "the pooled answers rest on at least {n} cases, the largest key-question sample ({id})"
                    ),
                };
                if n <= limit {
                    format!("small sample: {rests} ({limit} or fewer)")
                } else {
                    format!("small sample: {rests} (more than {limit})")
                }
            }
        }
    }

    /// "one more yes on 3.3.2 makes 9 of 13 = 69%, and the standard Good".
    fn change(&self, c: &OneChange, changes: bool) -> String {
        let made = match self.rule {
            Aggregation::LowestQuestion => percent(c.question_value),
            Aggregation::MeanOfQuestions => format!(
                "{}, the mean of the key questions {}",
                percent(c.question_value),
                percent(c.value)
            ),
            Aggregation::PooledAnswers => format!(
                "{}, the pooled answers {}",
                percent(c.question_value),
                percent(c.value)
            ),
        };
        format!(
            "one {} yes on {} makes {} of {} = {made}, {}{}",
            if c.more_yes { "more" } else { "fewer" },
            self.id(c.question),
            c.yes,
            c.answered,
            if changes {
                "and the standard "
            } else {
                "and the standard still "
            },
            self.scale.label(c.rating)
        )
    }
}

/// The banded value in words and numbers: "2.2.3 42%", "mean of 3 key questions 66%",
/// "pooled answers 45 of 60 = 75%".
pub fn aggregation_summary(standard: &StandardResult, a: &AggregationResult) -> String {
    let value = percent(a.value);
    match a.rule {
        Aggregation::LowestQuestion => {
            let ids: Vec<&str> = a
                .from
                .iter()
                .filter_map(|&i| standard.key_questions.get(i))
                .map(|q| q.id.as_str())
                .collect();
            format!("{} {value}", ids.join(" and "))
        }
        // Under these rules the value comes from every answered key question.
        Aggregation::MeanOfQuestions => format!("mean of {} key questions {value}", a.from.len()),
        Aggregation::PooledAnswers => {
            let from = || a.from.iter().filter_map(|&i| standard.key_questions.get(i));
            let yes: u32 = from().map(|q| q.yes).sum();
            let answered: u32 = from().map(|q| q.sample).sum();
            format!("pooled answers {yes} of {answered} = {value}")
        }
    }
}

/// The band set and how it rounds, in words: "case sufficiency (percent rounded half up to
/// whole)".
pub fn banded_by(set: &BandSet) -> String {
    let rounding = rounding(set.rounding);
    let on = if set.banded_on_exact {
        "; bands apply to the exact percentage"
    } else {
        ""
    };
    format!(
        "{} (percent rounded {rounding} to whole{on})",
        set.title.as_deref().unwrap_or(&set.name)
    )
}

/// A rounding as a rule file writes it after `rounded`: "half up", "half even", "down".
pub fn rounding(rounding: Rounding) -> &'static str {
    match rounding {
        Rounding::HalfUp => "half up",
        Rounding::HalfEven => "half even",
        Rounding::Down => "down",
    }
}

/// Where a judged standard's judgement is recorded: "inspection.toml line 7".
pub fn judged_in(result: &InspectionResult, line: usize) -> String {
    format!("{} line {line}", result.source)
}

/// Why a standard is not rated.
pub fn unrated_because(framework: &Framework, standard: &StandardResult) -> Option<String> {
    Some(match standard.unrated? {
        Unrated::NoJudgement => "the inspection gives no judgement for it".to_string(),
        Unrated::NoAnsweredCase { domain_cases } => {
            let title = framework
                .domains
                .iter()
                .find(|d| d.id == standard.domain)
                .map_or("", |d| d.title.as_str());
            format!("no key question has an answered case among {domain_cases} {title} cases")
        }
    })
}

/// The overall band's range: "7 to 18", or "75 and above percent of the maximum (83.3%)".
pub fn overall_band_range(framework: &Framework, band: OverallBand) -> String {
    match band {
        OverallBand::Scores { from, to } if from == to => from.to_string(),
        OverallBand::Scores { from, to } => format!("{from} to {to}"),
        OverallBand::PercentOfMaximum { band, value } => {
            let range = match &framework.overall.banding {
                crate::framework::Banding::PercentOfMaximum(bands) => {
                    bands.get(band).map(|b| b.range_text()).unwrap_or_default()
                }
                crate::framework::Banding::Scores(_) => String::new(),
            };
            format!("{range} percent of the maximum ({})", percent(value))
        }
    }
}

/// What the rules did with an unrated scored standard: "2.1 is not rated and scores 0".
pub fn overall_unrated(id: &str, rule: UnratedRule) -> String {
    match rule {
        UnratedRule::ScoresZero => format!("{id} is not rated and scores 0"),
        UnratedRule::LeftOutOfMaximum => {
            format!("{id} is not rated and is left out of the maximum")
        }
    }
}

/// One move that would change the overall rating: "2.2 to Requires improvement: 19, Good".
pub fn one_band(result: &InspectionResult, scale: &Scale, m: &OneBand) -> String {
    let id = result
        .standards
        .get(m.standard)
        .map_or("", |s| s.id.as_str());
    format!(
        "{id} to {}: {}, {}",
        scale.label(m.to),
        m.score,
        scale.label(m.rating)
    )
}

/// The limiter as the rule file writes it.
pub fn limiter_text(framework: &Framework, l: &LimiterResult) -> String {
    framework
        .overall
        .limiters
        .get(l.limiter)
        .map(|limiter| limiter.text.clone())
        .unwrap_or_default()
}

/// What a limiter found and did, in one line: "lowers Good to Requires improvement: 1
/// standard is Inadequate (2.1)".
pub fn limiter_because(
    framework: &Framework,
    result: &InspectionResult,
    l: &LimiterResult,
) -> String {
    let scale = &framework.scale;
    let Some(limiter) = framework.overall.limiters.get(l.limiter) else {
        return String::new();
    };
    let counts = limiter
        .clauses
        .iter()
        .zip(&l.passing)
        .map(|(clause, passing)| clause_count(scale, result, clause, passing))
        .collect::<Vec<_>>()
        .join("; ");
    let before = scale.label(l.from);
    match (limiter.kind, l.holds, l.applied) {
        (_, _, true) => format!("lowers {before} to {}: {counts}", scale.label(l.to)),
        (LimiterKind::AtMost, true, false) => {
            format!("holds, but the rating is already {before}: {counts}")
        }
        (LimiterKind::AtMost, false, false) => format!("does not hold: {counts}"),
        (LimiterKind::OnlyWhen, true, false) => format!("holds: {counts}"),
        (LimiterKind::OnlyWhen, false, false) => {
            format!("does not hold, but the rating is {before}: {counts}")
        }
    }
}

/// How many rated standards in a clause's scope pass its test: "2 standards in domain 2 are
/// Inadequate or below (2.1, 2.2)".
fn clause_count(
    scale: &Scale,
    result: &InspectionResult,
    clause: &Clause,
    passing: &[usize],
) -> String {
    let n = passing.len();
    let label = scale.label(clause.test.rating);
    let test = match clause.test.relation {
        Relation::Exactly => label.to_string(),
        Relation::OrBelow => format!("{label} or below"),
        Relation::OrAbove => format!("{label} or above"),
        Relation::Below => format!("below {label}"),
        Relation::Above => format!("above {label}"),
    };
    let scope = clause
        .domain
        .as_ref()
        .map_or(String::new(), |d| format!(" in domain {d}"));
    let verb = if n == 1 { "is" } else { "are" };
    let which = if passing.is_empty() {
        String::new()
    } else {
        let ids: Vec<&str> = passing
            .iter()
            .filter_map(|&i| result.standards.get(i))
            .map(|s| s.id.as_str())
            .collect();
        format!(" ({})", ids.join(", "))
    };
    format!(
        "{n} standard{}{scope} {verb} {test}{which}",
        if n == 1 { "" } else { "s" }
    )
}

/// A rating's label, or "not rated" where there is none: how every output names a standard
/// without a rating.
pub fn rating_or_not_rated(scale: &Scale, rating: Option<Rating>) -> &str {
    scale.label_of(rating).unwrap_or("not rated")
}

/// Directions as words: "up or down".
pub fn directions(directions: &[Direction], between: &str) -> String {
    directions
        .iter()
        .map(Direction::to_string)
        .collect::<Vec<_>>()
        .join(between)
}

/// A percentage as the explanations write it: "62%", or "62.5%" where it is not whole.
pub fn percent(value: Fraction) -> String {
    if value.num.is_multiple_of(value.den) {
        format!("{}%", value.num / value.den)
    } else {
        format!("{:.1}%", value.to_f64())
    }
}

/// Points between a percentage and a whole-number boundary, in words ("1 point", "3 points",
/// "3.1 points").
pub fn points_from(value: Fraction, boundary: u32) -> String {
    let b = u128::from(boundary) * value.den;
    let diff = b.abs_diff(value.num);
    if diff == value.den {
        "1 point".to_string()
    } else if diff.is_multiple_of(value.den) {
        format!("{} points", diff / value.den)
    } else {
        format!("{:.1} points", diff as f64 / value.den as f64)
    }
}

/// A problem's message and what to do, as one line.
pub fn with_help(problem: &dyn miette::Diagnostic) -> String {
    match problem.help() {
        Some(help) => format!("{problem}; {}", help.to_string().replace('\n', " ")),
        None => problem.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentages_and_distances_read_as_a_report_writes_them() {
        let whole = |n| Fraction { num: n, den: 1 };
        assert_eq!(percent(whole(62)), "62%");
        assert_eq!(percent(Fraction { num: 125, den: 2 }), "62.5%");
        assert_eq!(points_from(whole(62), 65), "3 points");
        assert_eq!(points_from(whole(64), 65), "1 point");
        assert_eq!(
            points_from(Fraction { num: 619, den: 10 }, 65),
            "3.1 points"
        );
    }
}
