//! Compare stage: the same inspections rated under several rulesets, paired rating by rating.
//!
//! Each inspection is loaded and rated under each ruleset on its own, so an inspection one
//! ruleset cannot rate (its data lacks a column a variant needs) is kept, with the reason,
//! and never dropped. By default ratings come from the cases (panel decisions belong to the
//! scheme they were made under); with decisions, each ruleset applies the recorded decisions
//! it allows and lists those it refuses. Every later ruleset is compared with the first.

use std::path::Path;

use serde::Serialize;

use crate::Rules;
use crate::framework::Rating;
use crate::inspection::Inspection;
use crate::rate::{self, AggregationResult, InspectionResult, RatedFrom, StandardResult};
use crate::report::words;

/// Which ratings are compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Basis {
    /// From the cases, before professional discretion; judged standards as recorded.
    Cases,
    /// With the recorded panel decisions each ruleset allows.
    Decisions,
}

/// The same inspections rated under several rulesets, paired.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Comparison {
    /// Which ratings are compared.
    pub basis: Basis,
    /// Each inspection, in the order named.
    pub inspections: Vec<InspectionComparison>,
    /// Counts of what moved.
    pub summary: Summary,
}

/// One inspection under every ruleset.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct InspectionComparison {
    /// The provider the inspection file names.
    pub provider: String,
    /// The inspection file, as named.
    pub source: String,
    /// One per ruleset, in the order given.
    pub results: Vec<Outcome>,
    /// Every rating that differs from the first ruleset's.
    pub changes: Vec<Change>,
}

/// How one ruleset rated one inspection, or why it could not.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
#[serde(untagged)]
pub enum Outcome {
    /// Rated.
    Rated {
        /// The overall rating.
        overall: OverallBrief,
        /// Each standard's rating.
        standards: Vec<StandardBrief>,
        /// Recorded panel decisions this ruleset refuses (with decisions only).
        #[serde(skip_serializing_if = "Vec::is_empty")]
        refused: Vec<String>,
        /// Warnings from reading the inspection under this ruleset (such as a column it does
        /// not read), for the command line to show.
        #[serde(skip)]
        warnings: Vec<String>,
        /// The whole rating, for the reports.
        #[serde(skip)]
        result: Box<InspectionResult>,
    },
    /// Not rated under this ruleset.
    Failed {
        /// Every problem, in one line.
        error: String,
    },
}

/// An overall rating in brief.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct OverallBrief {
    /// The overall score.
    pub score: u32,
    /// The highest score possible.
    pub max: u32,
    /// The overall rating.
    pub rating: String,
}

/// A standard's rating in brief.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct StandardBrief {
    /// The standard's id.
    pub id: String,
    /// Its rating; null when it is not rated.
    pub rating: Option<String>,
    /// Its score; null when it is not rated.
    pub score: Option<u32>,
}

/// A rating that differs between the first ruleset and a later one.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Change {
    /// A standard id, or `overall`.
    pub item: String,
    /// The later ruleset, counted from 0 (the first, which every other is compared with).
    pub ruleset: usize,
    /// The first ruleset's rating; null where it does not rate the item.
    pub from: Option<String>,
    /// The later ruleset's rating; null where it does not rate the item.
    pub to: Option<String>,
    /// Why they differ, in one line.
    pub reason: String,
}

/// Counts of what moved between the first ruleset and the others.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Summary {
    /// Inspections compared.
    pub inspections: usize,
    /// Pairs of (inspection, later ruleset) whose overall rating differs from the first
    /// ruleset's; with two rulesets, inspections.
    pub overall_changed: usize,
    /// Of those, how many rose.
    pub overall_up: usize,
    /// Of those, how many fell.
    pub overall_down: usize,
    /// Standard ratings that differ, over every pair.
    pub standards_changed: usize,
    /// From the first ruleset's overall rating to each later one's, unchanged ones included.
    pub overall_transitions: Vec<Transition>,
    /// Pairs of (inspection, ruleset) that could not be rated.
    pub not_rated: usize,
}

/// How many inspections went from one overall rating to another.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Transition {
    /// The first ruleset's overall rating.
    pub from: String,
    /// The later ruleset's overall rating.
    pub to: String,
    /// How many inspections.
    pub count: usize,
    /// The later ruleset, counted from 0.
    pub ruleset: usize,
}

/// Rate every inspection under every ruleset and pair the ratings.
pub fn compare(rulesets: &[Rules], inspections: &[&Path], basis: Basis) -> Comparison {
    let each: Vec<&Rules> = rulesets.iter().collect();
    let rated = crate::batch::run(&each, inspections, |rules, inspection| {
        rate_one(rules, inspection, basis)
    });
    let mut compared = vec![];
    for inspected in rated {
        let results: Vec<Outcome> = inspected
            .under
            .into_iter()
            .zip(rulesets)
            .map(|(outcome, rules)| match outcome.result {
                Ok((result, refused)) => {
                    rated_outcome(rules, result, refused, outcome.warnings.warning_messages())
                }
                Err(problems) => Outcome::Failed {
                    error: problems.messages().join("; "),
                },
            })
            .collect();
        let provider = results
            .iter()
            .find_map(|o| match o {
                Outcome::Rated { result, .. } => Some(result.provider.clone()),
                Outcome::Failed { .. } => None,
            })
            .unwrap_or_default();
        let changes = changes(rulesets, &results);
        compared.push(InspectionComparison {
            provider,
            source: inspected.path.display().to_string(),
            results,
            changes,
        });
    }
    let summary = summary(rulesets, &compared);
    Comparison {
        basis,
        inspections: compared,
        summary,
    }
}

/// Rate one inspection under one ruleset on the basis asked for: the rating, and the recorded
/// decisions this ruleset refuses.
fn rate_one(
    rules: &Rules,
    mut inspection: Inspection,
    basis: Basis,
) -> Result<(InspectionResult, Vec<String>), crate::diagnostic::Problems> {
    if basis == Basis::Cases {
        inspection.decisions.clear();
    }
    // With decisions, those this ruleset refuses are left unapplied and named.
    rate::rate_keeping_refusals(&rules.framework, &inspection).map(|(result, refused)| {
        let refused = refused.iter().map(|r| r.problem.to_string()).collect();
        (result, refused)
    })
}

fn rated_outcome(
    rules: &Rules,
    result: InspectionResult,
    refused: Vec<String>,
    warnings: Vec<String>,
) -> Outcome {
    let scale = &rules.framework.scale;
    Outcome::Rated {
        overall: OverallBrief {
            score: result.overall.score,
            max: result.overall.max,
            rating: scale.label(result.overall.rating).to_string(),
        },
        standards: result
            .standards
            .iter()
            .map(|s| StandardBrief {
                id: s.id.clone(),
                rating: label(rules, s.rating),
                score: s.score,
            })
            .collect(),
        refused,
        warnings,
        result: Box::new(result),
    }
}

/// A rating's label under its own ruleset: compare pairs ratings across rulesets by label,
/// since each ruleset has a scale of its own.
fn label(rules: &Rules, rating: Option<Rating>) -> Option<String> {
    rules.framework.scale.label_of(rating).map(str::to_string)
}

fn rated(outcome: &Outcome) -> Option<&InspectionResult> {
    match outcome {
        Outcome::Rated { result, .. } => Some(result),
        Outcome::Failed { .. } => None,
    }
}

fn changes(rulesets: &[Rules], results: &[Outcome]) -> Vec<Change> {
    let mut changes = vec![];
    let Some(first) = results.first().and_then(rated) else {
        return changes;
    };
    for (k, outcome) in results.iter().enumerate().skip(1) {
        let Some(later) = rated(outcome) else {
            continue;
        };
        let mut ids: Vec<&str> = first.standards.iter().map(|s| s.id.as_str()).collect();
        for s in &later.standards {
            if !ids.contains(&s.id.as_str()) {
                ids.push(&s.id);
            }
        }
        for id in ids {
            let a = first.standards.iter().find(|s| s.id == id);
            let b = later.standards.iter().find(|s| s.id == id);
            let (from, to) = (
                label(&rulesets[0], a.and_then(|s| s.rating)),
                label(&rulesets[k], b.and_then(|s| s.rating)),
            );
            if from != to || a.is_some() != b.is_some() {
                changes.push(Change {
                    item: id.to_string(),
                    ruleset: k,
                    from,
                    to,
                    reason: standard_reason(a, b, &rulesets[0], &rulesets[k]),
                });
            }
        }
        let (from, to) = (
            label(&rulesets[0], Some(first.overall.rating)),
            label(&rulesets[k], Some(later.overall.rating)),
        );
        if from != to {
            changes.push(Change {
                item: "overall".into(),
                ruleset: k,
                from,
                to,
                reason: format!(
                    "{}; {}",
                    overall_side(first, &rulesets[0]),
                    overall_side(later, &rulesets[k])
                ),
            });
        }
    }
    changes
}

/// One line on why a standard's rating differs: "2.2.3 62% banded Requires improvement by
/// sufficiency (2019), Good by trial (trial-1)".
fn standard_reason(
    a: Option<&StandardResult>,
    b: Option<&StandardResult>,
    first: &Rules,
    later: &Rules,
) -> String {
    let tag = |rules: &Rules| rules.framework.version.clone();
    let base = |rules: &Rules, s: &StandardResult| {
        words::rating_or_not_rated(&rules.framework.scale, s.base_rating).to_string()
    };
    match (a, b) {
        (Some(a), Some(b)) => match (&a.aggregation, &b.aggregation) {
            (Some(x), Some(y))
                if words::aggregation_summary(a, x) == words::aggregation_summary(b, y)
                    && a.discretion.applied.is_none()
                    && b.discretion.applied.is_none() =>
            {
                format!(
                    "{} banded {} by {} ({}), {} by {} ({})",
                    words::aggregation_summary(a, x),
                    base(first, a),
                    band_set(first, x),
                    tag(first),
                    base(later, b),
                    band_set(later, y),
                    tag(later)
                )
            }
            _ => format!(
                "{} ({}); {} ({})",
                side(first, a),
                tag(first),
                side(later, b),
                tag(later)
            ),
        },
        (None, Some(b)) => format!(
            "not in {} ({}); {} ({})",
            first.framework.name,
            tag(first),
            side(later, b),
            tag(later)
        ),
        (Some(a), None) => format!(
            "{} ({}); not in {} ({})",
            side(first, a),
            tag(first),
            later.framework.name,
            tag(later)
        ),
        (None, None) => String::new(),
    }
}

/// The name of the band set an aggregation used.
fn band_set<'r>(rules: &'r Rules, a: &AggregationResult) -> &'r str {
    rules
        .framework
        .band_sets
        .get(a.band_set)
        .map_or("", |b| b.name.as_str())
}

/// How one ruleset came to a standard's rating, in a few words.
fn side(rules: &Rules, s: &StandardResult) -> String {
    let scale = &rules.framework.scale;
    let rating = words::rating_or_not_rated(scale, s.rating);
    if s.rated_from == RatedFrom::Judged {
        return format!("judged {rating}");
    }
    let Some(agg) = &s.aggregation else {
        return "not rated: no answered key question".to_string();
    };
    let base = words::rating_or_not_rated(scale, s.base_rating);
    let summary = words::aggregation_summary(s, agg);
    let value = if agg.rule == crate::framework::Aggregation::LowestQuestion {
        format!("lowest question {summary}")
    } else {
        summary
    };
    let mut text = format!("{value} banded {base} by {}", band_set(rules, agg));
    if let Some(applied) = &s.discretion.applied {
        text.push_str(&format!(
            ", moved to {} by the panel",
            scale.label(applied.to)
        ));
    }
    text
}

fn overall_side(result: &InspectionResult, rules: &Rules) -> String {
    let framework = &rules.framework;
    let scale = &framework.scale;
    let o = &result.overall;
    let mut text = format!(
        "score {} of {} banded {}",
        o.score,
        o.max,
        scale.label(o.banded_rating)
    );
    for l in o.limiters.iter().filter(|l| l.applied) {
        text.push_str(&format!(
            ", lowered to {} by `{}`",
            scale.label(l.to),
            words::limiter_text(framework, l)
        ));
    }
    format!("{text} ({})", framework.version)
}

/// The overall rating's label, where the ruleset rated the inspection.
fn overall_label(outcome: &Outcome) -> Option<&String> {
    match outcome {
        Outcome::Rated { overall, .. } => Some(&overall.rating),
        Outcome::Failed { .. } => None,
    }
}

fn summary(rulesets: &[Rules], compared: &[InspectionComparison]) -> Summary {
    // Ratings of different rulesets are ranked on the first ruleset's scale where it has the
    // label, so that a later scheme with a scale of its own is still ranked: the one place a
    // label is looked up on a scale.
    let scale = rulesets.first().map(|r| &r.framework.scale);
    let rank = |label: &str, k: usize| {
        scale
            .and_then(|s| s.find(label))
            .or_else(|| rulesets.get(k).and_then(|r| r.framework.scale.find(label)))
            .map(|r| r.0)
    };
    let mut summary = Summary {
        inspections: compared.len(),
        overall_changed: 0,
        overall_up: 0,
        overall_down: 0,
        standards_changed: 0,
        overall_transitions: vec![],
        not_rated: 0,
    };
    for c in compared {
        summary.not_rated += c
            .results
            .iter()
            .filter(|o| matches!(o, Outcome::Failed { .. }))
            .count();
        summary.standards_changed += c.changes.iter().filter(|x| x.item != "overall").count();
        let Some(from) = c.results.first().and_then(overall_label) else {
            continue;
        };
        for (k, later) in c.results.iter().enumerate().skip(1) {
            let Some(to) = overall_label(later) else {
                continue;
            };
            if from != to {
                summary.overall_changed += 1;
                match (rank(from, 0), rank(to, k)) {
                    (Some(a), Some(b)) if b > a => summary.overall_up += 1,
                    (Some(a), Some(b)) if b < a => summary.overall_down += 1,
                    _ => {}
                }
            }
            match summary
                .overall_transitions
                .iter_mut()
                .find(|t| t.ruleset == k && &t.from == from && &t.to == to)
            {
                Some(t) => t.count += 1,
                None => summary.overall_transitions.push(Transition {
                    from: from.clone(),
                    to: to.clone(),
                    count: 1,
                    ruleset: k,
                }),
            }
        }
    }
    summary.overall_transitions.sort_by_key(|t| {
        (
            t.ruleset,
            rank(&t.from, 0).unwrap_or(usize::MAX),
            rank(&t.to, t.ruleset).unwrap_or(usize::MAX),
        )
    });
    summary
}
