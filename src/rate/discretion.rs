//! Rate stage: professional discretion. Decides which directions a case-based standard may be
//! moved (near a boundary, one case, small sample, never off the scale), and applies or
//! refuses a ratings panel's decision. Triggers are typed ([`Trigger`]); a refusal quotes them
//! in `report::words`' sentences, as every output does.

use super::RatingError;
use super::aggregate::{self, Banded};
use super::percent::{Percent, boundary_down, boundary_up};
use crate::framework::{Aggregation, BandSet, Direction, DiscretionRules, Rating, Scale};
use crate::inspection::Decision;
use crate::rate::result::{OneChange, Trigger};
use crate::report::words::Triggers;

/// Which ways a standard may be moved, and the triggers it was decided on.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Eligibility {
    /// Whether the panel may raise it.
    pub up: bool,
    /// Whether the panel may lower it.
    pub down: bool,
    /// Each trigger that holds.
    pub held: Vec<Trigger>,
    /// Each trigger that does not hold.
    pub not_met: Vec<Trigger>,
}

impl Eligibility {
    /// Whether it may be moved at all.
    pub fn eligible(&self) -> bool {
        self.up || self.down
    }

    /// The directions it may be moved, up first.
    pub fn directions(&self) -> Vec<Direction> {
        [(self.up, Direction::Up), (self.down, Direction::Down)]
            .into_iter()
            .filter_map(|(allowed, direction)| allowed.then_some(direction))
            .collect()
    }
}

/// An answered key question: its position in the standard's key questions and its
/// percentage (only answered questions take part).
pub type Answered = (usize, Percent);

/// Which triggers hold for a standard whose answered key questions are `questions`, rated
/// `base` by `rule` on `set`, and so which ways the panel may move it.
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
    let (mut up, mut down) = (false, false);

    if let Some(points) = rules.near_boundary {
        let band = banded.band;
        let near_up = boundary_up(set, band).filter(|(b, _)| value.within(*b, points));
        let near_down = boundary_down(set, band).filter(|(b, _)| value.within(*b, points));
        if let Some((b, above)) = near_up {
            up = true;
            e.held.push(Trigger::NearBoundary {
                toward: Direction::Up,
                boundary: b,
                rating: set.bands[above].rating,
                points,
            });
        }
        if let Some((b, below)) = near_down {
            down = true;
            e.held.push(Trigger::NearBoundary {
                toward: Direction::Down,
                boundary: b,
                rating: set.bands[below].rating,
                points,
            });
        }
        if near_up.is_none() && near_down.is_none() {
            let nearest = [boundary_up(set, band), boundary_down(set, band)]
                .into_iter()
                .flatten()
                .map(|(b, _)| b)
                .min_by_key(|b| value.distance(*b));
            if let Some(b) = nearest {
                e.not_met
                    .push(Trigger::FarFromBoundary { nearest: b, points });
            }
        }
    }

    if rules.one_case {
        // One answer changed on the answered key question at `index`, and what the
        // standard becomes.
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
        let change = |index: usize, more_yes: bool, p: Percent, after: &Banded| OneChange {
            question: questions[index].0,
            more_yes,
            yes: p.yes,
            answered: p.answered,
            question_value: p.banded(set),
            value: after.value,
            rating: after.rating,
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
            e.held.push(Trigger::OneCase(change(*i, true, *p, b)));
        }
        if let Some((i, p, b)) = &lower {
            down = true;
            e.held.push(Trigger::OneCase(change(*i, false, *p, b)));
        }
        if raise.is_none() && lower.is_none() {
            let example_on = match rule {
                Aggregation::LowestQuestion => banded.from.first().copied(),
                Aggregation::MeanOfQuestions => Some(banded.sample_from),
                Aggregation::PooledAnswers => banded.from.first().copied(),
            };
            let example = example_on
                .and_then(|i| flip(i, true).map(|(p, b)| (i, p, b)))
                .and_then(|(i, p, b)| b.map(|b| change(i, true, p, &b)));
            e.not_met.push(Trigger::NoOneCase { example });
        }
    }

    if let Some(limit) = rules.small_sample {
        let n = banded.sample;
        let trigger = Trigger::SmallSample {
            question: questions[banded.sample_from].0,
            answered: n,
            limit,
        };
        if n <= limit {
            up = true;
            down = true;
            e.held.push(trigger);
        } else {
            e.not_met.push(trigger);
        }
    }

    // A direction that would leave the scale is never offered.
    e.up = up && scale.step(base, Direction::Up).is_some();
    e.down = down && scale.step(base, Direction::Down).is_some();
    e
}

/// Apply a panel's decision if the rules allow it; otherwise say why not. `words` are the
/// standard's triggers as the refusal quotes them.
pub fn decide(
    decision: &Decision,
    eligibility: &Eligibility,
    base: Rating,
    rules: &DiscretionRules,
    words: &Triggers,
) -> Result<Rating, RatingError> {
    let scale = words.scale;
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
                words.all(&eligibility.not_met).join("; ")
            ),
            at,
        });
    }
    let moving_up = decision.rating > base;
    if (moving_up && !eligibility.up) || (!moving_up && !eligibility.down) {
        return Err(RatingError::WrongDirection {
            standard,
            allowed: crate::report::words::directions(&eligibility.directions(), " or "),
            direction: if moving_up {
                Direction::Up
            } else {
                Direction::Down
            },
            why: format!("what holds: {}", words.all(&eligibility.held).join("; ")),
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
