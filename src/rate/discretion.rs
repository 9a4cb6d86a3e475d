//! Rate stage: professional discretion. Decides which directions a case-based standard may be
//! moved (near a boundary, one case, small sample, never off the scale), and applies or
//! refuses a ratings panel's decision.

use super::RatingError;
use super::aggregate::{self, Banded};
use super::percent::{Percent, boundary_down, boundary_up};
use crate::framework::{Aggregation, BandSet, Direction, DiscretionRules, Rating, Scale};
use crate::inspection::Decision;

/// Which ways a standard may be moved, and why, in sentences a panel reads.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Eligibility {
    pub up: bool,
    pub down: bool,
    pub reasons: Vec<String>,
    pub not_met: Vec<String>,
}

impl Eligibility {
    pub fn eligible(&self) -> bool {
        self.up || self.down
    }

    pub fn directions(&self) -> Vec<Direction> {
        [(self.up, Direction::Up), (self.down, Direction::Down)]
            .into_iter()
            .filter_map(|(allowed, direction)| allowed.then_some(direction))
            .collect()
    }
}

/// A key question's id and its percentage (only answered questions take part).
pub type Answered<'a> = (&'a str, Percent);

pub fn eligibility(
    rules: &DiscretionRules,
    scale: &Scale,
    set: &BandSet,
    rule: Aggregation,
    questions: &[Answered],
    base: Rating,
) -> Eligibility {
    let mut e = Eligibility::default();
    let percents: Vec<Percent> = questions.iter().map(|(_, p)| *p).collect();
    let Some(banded) = aggregate::banded(rule, set, &percents) else {
        return e;
    };
    let value = banded.value;
    // What was banded, as the sentences name it.
    let subject = match rule {
        Aggregation::LowestQuestion => {
            let ids = banded
                .from
                .iter()
                .map(|&i| questions[i].0)
                .collect::<Vec<_>>()
                .join(" and ");
            format!("the lowest percentage, {} ({ids})", value.text())
        }
        Aggregation::MeanOfQuestions => {
            format!("the mean of the key questions, {}", value.text())
        }
        Aggregation::PooledAnswers => format!("the pooled answers, {}", value.text()),
    };
    let label = |r: Rating| scale.label(r).to_string();
    let (mut up, mut down) = (false, false);

    if let Some(points) = rules.near_boundary {
        let band = banded.band;
        let near_up = boundary_up(set, band).filter(|(b, _)| value.within(*b, points));
        let near_down = boundary_down(set, band).filter(|(b, _)| value.within(*b, points));
        if let Some((b, above)) = near_up {
            up = true;
            e.reasons.push(format!(
                "near a boundary: {subject}, is {} under the {b}% boundary of {} (within {points})",
                value.distance_text(b),
                label(set.bands[above].rating)
            ));
        }
        if let Some((b, below)) = near_down {
            down = true;
            e.reasons.push(format!(
                "near a boundary: {subject}, is {} over the {b}% boundary, below which it is {} (within {points})",
                value.distance_text(b),
                label(set.bands[below].rating)
            ));
        }
        if near_up.is_none() && near_down.is_none() {
            let nearest = [boundary_up(set, band), boundary_down(set, band)]
                .into_iter()
                .flatten()
                .map(|(b, _)| b)
                .min_by_key(|b| value.distance(*b));
            if let Some(b) = nearest {
                e.not_met.push(format!(
                    "near a boundary: {subject}, is {} from the nearest boundary, {b}% (more than {points})",
                    value.distance_text(b)
                ));
            }
        }
    }

    if rules.one_case {
        let flip = |index: usize, more_yes: bool| -> Option<(Percent, Option<Banded>)> {
            let (_, p) = questions[index];
            let yes = if more_yes {
                p.yes.checked_add(1).filter(|y| *y <= p.answered)?
            } else {
                p.yes.checked_sub(1)?
            };
            let flipped = Percent {
                yes,
                answered: p.answered,
            };
            let all: Vec<Percent> = percents
                .iter()
                .enumerate()
                .map(|(i, q)| if i == index { flipped } else { *q })
                .collect();
            Some((flipped, aggregate::banded(rule, set, &all)))
        };
        let describe = |index: usize, more_yes: bool, p: Percent, after: &Banded, changes: bool| {
            let made = match rule {
                Aggregation::LowestQuestion => p.banded(set).text(),
                Aggregation::MeanOfQuestions => format!(
                    "{}, the mean of the key questions {}",
                    p.banded(set).text(),
                    after.value.text()
                ),
                Aggregation::PooledAnswers => format!(
                    "{}, the pooled answers {}",
                    p.banded(set).text(),
                    after.value.text()
                ),
            };
            format!(
                "one {} yes on {} makes {} of {} = {made}, {}{}",
                if more_yes { "more" } else { "fewer" },
                questions[index].0,
                p.yes,
                p.answered,
                if changes {
                    "and the standard "
                } else {
                    "and the standard still "
                },
                label(after.rating)
            )
        };
        let moved = |more_yes: bool| {
            (0..questions.len())
                .filter_map(|i| flip(i, more_yes).map(|(p, b)| (i, p, b)))
                .find_map(|(i, p, b)| {
                    b.filter(|b| {
                        if more_yes {
                            b.rating > base
                        } else {
                            b.rating < base
                        }
                    })
                    .map(|b| (i, p, b))
                })
        };
        let raise = moved(true);
        let lower = moved(false);
        if let Some((i, p, b)) = &raise {
            up = true;
            e.reasons
                .push(format!("one case: {}", describe(*i, true, *p, b, true)));
        }
        if let Some((i, p, b)) = &lower {
            down = true;
            e.reasons
                .push(format!("one case: {}", describe(*i, false, *p, b, true)));
        }
        if raise.is_none() && lower.is_none() {
            let example_on = match rule {
                Aggregation::LowestQuestion => banded.from.first().copied(),
                Aggregation::MeanOfQuestions => Some(banded.sample_from),
                Aggregation::PooledAnswers => banded.from.first().copied(),
            };
            let example = example_on
                .and_then(|i| flip(i, true).map(|(p, b)| (i, p, b)))
                .and_then(|(i, p, b)| b.map(|b| describe(i, true, p, &b, false)));
            e.not_met.push(match example {
                Some(text) => {
                    format!("one case: no single changed answer changes the rating; {text}")
                }
                None => "one case: no single changed answer changes the rating".to_string(),
            });
        }
    }

    if let Some(limit) = rules.small_sample {
        let id = questions[banded.sample_from].0;
        let n = banded.sample;
        let rests = match rule {
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
            up = true;
            down = true;
            e.reasons
                .push(format!("small sample: {rests} ({limit} or fewer)"));
        } else {
            e.not_met
                .push(format!("small sample: {rests} (more than {limit})"));
        }
    }

    // A direction that would leave the scale is never offered.
    e.up = up && scale.step(base, Direction::Up).is_some();
    e.down = down && scale.step(base, Direction::Down).is_some();
    e
}

/// Apply a panel's decision if the rules allow it; otherwise say why not.
pub fn decide(
    decision: &Decision,
    eligibility: &Eligibility,
    base: Rating,
    rules: &DiscretionRules,
    scale: &Scale,
) -> Result<Rating, RatingError> {
    let standard = decision.standard.clone();
    let at = decision.at;
    if let Some(from) = decision.from.filter(|f| *f != base) {
        return Err(RatingError::FromMismatch {
            standard,
            recorded: scale.label(from).into(),
            base: scale.label(base).into(),
            at,
        });
    }
    if decision.rating == base {
        return Err(RatingError::KeepsRating {
            standard,
            rating: scale.label(base).into(),
            at,
        });
    }
    if !eligibility.eligible() {
        return Err(RatingError::NotEligible {
            standard,
            base: scale.label(base).into(),
            to: scale.label(decision.rating).into(),
            why: format!(
                "discretion needs at least one trigger to hold, and none does: {}",
                eligibility.not_met.join("; ")
            ),
            at,
        });
    }
    let moving_up = decision.rating > base;
    if (moving_up && !eligibility.up) || (!moving_up && !eligibility.down) {
        return Err(RatingError::WrongDirection {
            standard,
            allowed: join(&eligibility.directions(), " or "),
            direction: if moving_up {
                Direction::Up
            } else {
                Direction::Down
            },
            why: format!("what holds: {}", eligibility.reasons.join("; ")),
            at,
        });
    }
    let moves = decision.rating.0.abs_diff(base.0);
    if moves > rules.moves_at_most as usize {
        let reach = rules.moves_at_most as usize;
        let reachable = if moving_up {
            scale.label(Rating((base.0 + reach).min(scale.highest().0)))
        } else {
            scale.label(Rating(base.0.saturating_sub(reach)))
        };
        return Err(RatingError::MovesTooFar {
            standard,
            moves,
            allowed: rules.moves_at_most,
            base: scale.label(base).into(),
            reachable: reachable.into(),
            at,
        });
    }
    Ok(decision.rating)
}

/// Directions as words: "up or down".
pub fn join(directions: &[Direction], between: &str) -> String {
    directions
        .iter()
        .map(Direction::to_string)
        .collect::<Vec<_>>()
        .join(between)
}
