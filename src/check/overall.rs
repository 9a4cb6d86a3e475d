//! Check stage: the overall section → [`Overall`] and each standard's weight.
//!
//! Weights name known domains and standards, once each. The bands cover 0 to the highest
//! weighted score (or 0–100 percent of the maximum). Limiters name ratings on the scale and
//! domains of the file, and each must be able to act: a limiter that can never apply, or that
//! makes a rating the bands give impossible, is refused with the arithmetic that shows why.

use std::collections::HashMap;

use super::bands;
use super::error::CheckError;
use crate::framework::{
    Banding, Clause, Count, Fraction, Limiter, LimiterKind, Overall, Rating, RatingTest, Relation,
    Scale, UnratedRule, band_index,
};
use crate::suggest::did_you_mean;
use crate::syntax::print;
use crate::syntax::tree::{self, Quantity, WeightTarget};

/// The largest weight a standard may carry, for the same reason scores are limited.
const MAX_WEIGHT: u32 = 1000;

/// The largest overall score a framework may reach: far above any framework's, small enough
/// that scores stay exact and the limiter checks (which walk every score) stay quick.
const MAX_OVERALL: u32 = 100_000;

/// A standard as the overall section sees it: where it is and what it can add to the score.
pub struct Slot {
    pub domain: String,
    pub scored: bool,
    pub weight: u32,
}

/// The standards of the written domains, in order, with the weights the overall section gives
/// them (a standard's own weight over its domain's).
pub fn slots(
    domains: &[tree::Domain],
    written: &tree::Overall,
    problems: &mut Vec<CheckError>,
) -> Vec<Slot> {
    let mut by_domain: HashMap<&str, u32> = HashMap::new();
    let mut by_standard: HashMap<&str, u32> = HashMap::new();
    let mut seen: HashMap<String, tree::Span> = HashMap::new();
    let standards: Vec<(&tree::Domain, &tree::Standard)> = domains
        .iter()
        .flat_map(|d| d.standards.iter().map(move |s| (d, s)))
        .collect();
    for weight in &written.weights {
        let (kind, id) = match &weight.target {
            WeightTarget::Domain(id) => ("domain", id),
            WeightTarget::Standard(id) => ("standard", id),
        };
        if let Some(first) = seen.insert(format!("{kind} {}", id.node), weight.span) {
            problems.push(CheckError::RepeatedWeight {
                target: format!("{kind} {}", id.node),
                at: weight.span,
                first,
            });
            continue;
        }
        let factor = weight.factor.node;
        if factor == 0 || factor > MAX_WEIGHT {
            problems.push(CheckError::BadWeight {
                factor,
                limit: MAX_WEIGHT,
                at: weight.factor.span,
            });
            continue;
        }
        match &weight.target {
            WeightTarget::Domain(id) => {
                if domains.iter().any(|d| d.id.node == id.node) {
                    by_domain.insert(&id.node, factor);
                } else {
                    problems.push(CheckError::UnknownInOverall {
                        what: "domain",
                        name: id.node.clone(),
                        help: did_you_mean(
                            &id.node,
                            "domains",
                            domains.iter().map(|d| d.id.node.as_str()),
                        ),
                        at: id.span,
                    });
                }
            }
            WeightTarget::Standard(id) => {
                match standards.iter().find(|(_, s)| s.id.node == id.node) {
                    Some((_, s)) if s.not_scored => problems.push(CheckError::WeightOnUnscored {
                        id: id.node.clone(),
                        at: weight.span,
                    }),
                    Some(_) => {
                        by_standard.insert(&id.node, factor);
                    }
                    None => problems.push(CheckError::UnknownInOverall {
                        what: "standard",
                        name: id.node.clone(),
                        help: did_you_mean(
                            &id.node,
                            "standards",
                            standards.iter().map(|(_, s)| s.id.node.as_str()),
                        ),
                        at: id.span,
                    }),
                }
            }
        }
    }
    standards
        .iter()
        .map(|(d, s)| Slot {
            domain: d.id.node.clone(),
            scored: !s.not_scored,
            weight: by_standard
                .get(s.id.node.as_str())
                .or_else(|| by_domain.get(d.id.node.as_str()))
                .copied()
                .unwrap_or(1),
        })
        .collect()
}

/// The highest overall score these standards reach.
pub fn max_score(slots: &[Slot], scale: &Scale) -> u32 {
    slots
        .iter()
        .filter(|s| s.scored)
        .map(|s| s.weight.saturating_mul(scale.top_score()))
        .fold(0, u32::saturating_add)
}

pub fn overall(
    written: &tree::Overall,
    slots: &[Slot],
    scale: &Scale,
    problems: &mut Vec<CheckError>,
) -> Option<Overall> {
    let max = max_score(slots, scale);
    if max > MAX_OVERALL {
        problems.push(CheckError::OverallTooLarge {
            max,
            limit: MAX_OVERALL,
            at: written.span,
        });
        return None;
    }
    let scored = slots.iter().filter(|s| s.scored).count();
    let weighted = slots.iter().any(|s| s.scored && s.weight != 1);
    let unrated = written.unrated.as_ref().map(|u| match u.node {
        tree::UnratedRule::ScoresZero => UnratedRule::ScoresZero,
        tree::UnratedRule::LeftOutOfMaximum => UnratedRule::LeftOutOfMaximum,
    });
    let reach = format!(
        "with {scored} scored standards{} each scoring at most {}, the score runs from 0 to {max}",
        if weighted {
            ", weighted as written,"
        } else {
            ""
        },
        scale.top_score()
    );
    let banding = match written.of_maximum {
        true => bands::percent_bands(&written.bands, scale, written.span, problems)
            .map(Banding::PercentOfMaximum),
        false => bands::overall_bands(&written.bands, scale, max, &reach, written.span, problems)
            .map(Banding::Scores),
    };
    let limiters: Vec<Option<Limiter>> = written
        .limiters
        .iter()
        .map(|l| limiter(l, slots, scale, problems))
        .collect();
    let before = problems.len();
    if let Some(banding) = &banding {
        let built = limiters.iter().zip(&written.limiters);
        for (limiter, written) in built.filter_map(|(l, w)| l.as_ref().map(|l| (l, w))) {
            if let Some(why) = never_acts(limiter, slots, scale, banding, max) {
                problems.push(why.into_error(limiter.text.clone(), written.span));
            }
        }
    }
    let banding = banding?;
    let limiters: Vec<Limiter> = limiters.into_iter().collect::<Option<_>>()?;
    (problems.len() == before).then_some(Overall {
        unrated,
        banding,
        limiters,
    })
}

fn limiter(
    written: &tree::Limiter,
    slots: &[Slot],
    scale: &Scale,
    problems: &mut Vec<CheckError>,
) -> Option<Limiter> {
    let rating = bands::label(&written.rating, scale, problems);
    let clauses: Vec<Option<Clause>> = written
        .clauses
        .iter()
        .map(|c| clause(c, slots, scale, problems))
        .collect();
    Some(Limiter {
        kind: match written.kind {
            tree::LimiterKind::AtMost => LimiterKind::AtMost,
            tree::LimiterKind::OnlyWhen => LimiterKind::OnlyWhen,
        },
        rating: rating?,
        clauses: clauses.into_iter().collect::<Option<_>>()?,
        text: print::limiter(written),
    })
}

fn clause(
    written: &tree::Clause,
    slots: &[Slot],
    scale: &Scale,
    problems: &mut Vec<CheckError>,
) -> Option<Clause> {
    let rating = bands::label(&written.test.label, scale, problems);
    let mut ok = true;
    if let Some(domain) = &written.domain
        && !slots.iter().any(|s| s.domain == domain.node)
    {
        let mut domains: Vec<&str> = slots.iter().map(|s| s.domain.as_str()).collect();
        domains.dedup();
        problems.push(CheckError::UnknownInOverall {
            what: "domain",
            name: domain.node.clone(),
            help: did_you_mean(&domain.node, "domains with standards", domains),
            at: domain.span,
        });
        ok = false;
    }
    let in_scope = slots
        .iter()
        .filter(|s| written.domain.as_ref().is_none_or(|d| d.node == s.domain))
        .count();
    let count = match written.quantity.node {
        Quantity::Any => Count::AtLeast(1),
        Quantity::No => Count::None,
        Quantity::AtLeast(n) => Count::AtLeast(n),
    };
    match count {
        Count::AtLeast(0) => {
            problems.push(CheckError::CountAlwaysHolds {
                at: written.quantity.span,
            });
            ok = false;
        }
        Count::AtLeast(n) if ok && n as usize > in_scope => {
            let scope = written
                .domain
                .as_ref()
                .map_or("the framework".to_string(), |d| {
                    format!("domain {}", d.node)
                });
            problems.push(CheckError::CountTooLarge {
                count: n,
                scope,
                standards: in_scope,
                at: written.quantity.span,
            });
            ok = false;
        }
        _ => {}
    }
    let relation = match written.test.relation {
        tree::Relation::Exactly => Relation::Exactly,
        tree::Relation::OrBelow => Relation::OrBelow,
        tree::Relation::OrAbove => Relation::OrAbove,
        tree::Relation::Below => Relation::Below,
        tree::Relation::Above => Relation::Above,
    };
    let test = RatingTest {
        rating: rating?,
        relation,
    };
    let passable = (0..scale.labels.len()).any(|i| test.passes(Rating(i)));
    let failable = (0..scale.labels.len()).any(|i| !test.passes(Rating(i)));
    if !passable || !failable {
        problems.push(CheckError::RatingTestFixed {
            test: print::rating_test(&written.test),
            always: if failable {
                "no rating"
            } else {
                "every rating"
            },
            at: written.test.label.span,
        });
        ok = false;
    }
    ok.then(|| Clause {
        count,
        domain: written.domain.as_ref().map(|d| d.node.clone()),
        test,
    })
}

/// Why a limiter can never act, found from the scores the standards can reach.
enum Never {
    /// It can never lower the rating.
    Applies(String),
    /// It makes a rating the bands give impossible.
    Contradicts(String),
}

impl Never {
    fn into_error(self, limiter: String, at: tree::Span) -> CheckError {
        match self {
            Never::Applies(why) => CheckError::LimiterNeverApplies { limiter, why, at },
            Never::Contradicts(why) => CheckError::LimiterContradictsBands { limiter, why, at },
        }
    }
}

fn never_acts(
    limiter: &Limiter,
    slots: &[Slot],
    scale: &Scale,
    banding: &Banding,
    max: u32,
) -> Option<Never> {
    let label = |r: Rating| scale.label(r).to_string();
    let rating_of = |score: u32| rating_at(banding, score, max);
    // The highest rating the bands give to any score from 0 to `score`.
    let best_up_to = |score: u32| (0..=score).filter_map(rating_of).max();
    let condition = condition_text(&limiter.text);
    match limiter.kind {
        LimiterKind::AtMost => {
            if limiter.rating == scale.highest() {
                return Some(Never::Applies(format!(
                    "{} is the top of the scale, so no rating is above it to lower",
                    label(limiter.rating)
                )));
            }
            let highest = best_up_to(max)?;
            if highest <= limiter.rating {
                return Some(Never::Applies(format!(
                    "the bands give at most {}, never a rating above {}",
                    label(highest),
                    label(limiter.rating)
                )));
            }
            let reach = best_score(&limiter.clauses, slots, scale)?;
            let best = best_up_to(reach)?;
            (best <= limiter.rating).then(|| {
                Never::Applies(format!(
                    "when {condition}, the score is at most {reach} of {max}, which the bands rate {} at best, not above {}",
                    label(best),
                    label(limiter.rating)
                ))
            })
        }
        LimiterKind::OnlyWhen => {
            let given: Vec<u32> = (0..=max)
                .filter(|s| rating_of(*s) == Some(limiter.rating))
                .collect();
            let Some(&lowest_given) = given.first() else {
                return Some(Never::Applies(format!(
                    "no overall band gives {}",
                    label(limiter.rating)
                )));
            };
            if scale
                .step(limiter.rating, crate::framework::Direction::Down)
                .is_none()
            {
                return Some(Never::Applies(format!(
                    "{} is the bottom of the scale, so there is no band below it to lower to",
                    label(limiter.rating)
                )));
            }
            match best_score(&limiter.clauses, slots, scale) {
                Some(reach) if reach >= lowest_given => {}
                reach => {
                    let why = match reach {
                        Some(reach) => format!(
                            "when {condition}, the score is at most {reach} of {max}, but the bands give {} only from {lowest_given}: {} could never be given",
                            label(limiter.rating),
                            label(limiter.rating)
                        ),
                        None => format!(
                            "{condition} can never hold, so {} could never be given",
                            label(limiter.rating)
                        ),
                    };
                    return Some(Never::Contradicts(why));
                }
            }
            match best_score_failing(&limiter.clauses, slots, scale) {
                Some(reach) if reach >= lowest_given => None,
                _ => Some(Never::Applies(format!(
                    "whenever the score reaches {lowest_given}, where the bands give {}, {condition} already holds",
                    label(limiter.rating)
                ))),
            }
        }
    }
}

/// The condition of a limiter's text: what follows `when`.
fn condition_text(text: &str) -> &str {
    text.split_once(" when ").map_or(text, |(_, c)| c)
}

/// The rating the overall bands give a score out of `max`.
pub fn rating_at(banding: &Banding, score: u32, max: u32) -> Option<Rating> {
    match banding {
        Banding::Scores(bands) => bands
            .iter()
            .find(|b| b.from <= score && score <= b.to)
            .map(|b| b.rating),
        Banding::PercentOfMaximum(bands) => {
            let value = Fraction {
                num: 100 * u128::from(score),
                den: u128::from(max.max(1)),
            };
            bands.get(band_index(bands, value)).map(|b| b.rating)
        }
    }
}

/// The highest score the standards can reach while every clause holds: the least of each
/// clause's own highest (an upper bound, exact for one clause). `None` when a clause can never
/// hold.
fn best_score(clauses: &[Clause], slots: &[Slot], scale: &Scale) -> Option<u32> {
    clauses
        .iter()
        .map(|c| {
            let (lo, hi) = match c.count {
                Count::AtLeast(n) => (n, u32::MAX),
                Count::None => (0, 0),
            };
            best_with_count(c, lo, hi, slots, scale)
        })
        .try_fold(u32::MAX, |least, best| best.map(|b| least.min(b)))
}

/// The highest score the standards can reach while some clause fails (exact).
fn best_score_failing(clauses: &[Clause], slots: &[Slot], scale: &Scale) -> Option<u32> {
    clauses
        .iter()
        .filter_map(|c| {
            let (lo, hi) = match c.count {
                Count::AtLeast(n) => (0, n.checked_sub(1)?),
                Count::None => (1, u32::MAX),
            };
            best_with_count(c, lo, hi, slots, scale)
        })
        .max()
}

/// The highest score with between `lo` and `hi` standards in the clause's scope passing its
/// test; every other standard at the top of the scale.
fn best_with_count(
    clause: &Clause,
    lo: u32,
    hi: u32,
    slots: &[Slot],
    scale: &Scale,
) -> Option<u32> {
    let points = |slot: &Slot, r: Rating| {
        if slot.scored {
            slot.weight * scale.score(r)
        } else {
            0
        }
    };
    let ratings: Vec<Rating> = (0..scale.labels.len()).map(Rating).collect();
    let best = |slot: &Slot, pass: bool| {
        ratings
            .iter()
            .filter(|r| clause.test.passes(**r) == pass)
            .map(|r| points(slot, *r))
            .max()
    };
    let mut outside = 0u32;
    // most[k]: the highest score of the standards in scope so far with k of them passing.
    let mut most: Vec<Option<u32>> = vec![Some(0)];
    for slot in slots {
        let in_scope = clause.domain.as_ref().is_none_or(|d| *d == slot.domain);
        if !in_scope {
            outside += points(slot, scale.highest());
            continue;
        }
        let (pass, fail) = (best(slot, true), best(slot, false));
        let mut next = vec![None; most.len() + 1];
        for (k, score) in most.iter().enumerate() {
            let Some(score) = score else { continue };
            if let Some(f) = fail {
                next[k] = next[k].max(Some(score + f));
            }
            if let Some(p) = pass {
                next[k + 1] = next[k + 1].max(Some(score + p));
            }
        }
        most = next;
    }
    most.iter()
        .enumerate()
        .filter(|(k, _)| (lo..=hi).contains(&(*k as u32)))
        .filter_map(|(_, s)| *s)
        .max()
        .map(|s| s + outside)
}
