//! Rate stage: how far a rating sits from the next band, in answers.
//!
//! A standard's margin up is the fewest yes/no answers that would have to change (no → yes)
//! for it to rise at least one band; its margin down, the fewest (yes → no) for it to fall one.
//! Not-applicable answers and samples stay as they are. By rule:
//! - lowest question: rising needs every key question at or below the rating to rise; falling
//!   needs just one to fall;
//! - mean of questions: a changed answer moves the mean by 100 / (n × sample) points, so the
//!   fewest changes take the smallest samples first;
//! - pooled answers: every changed answer moves the pooled count by one.

use super::aggregate;
use super::percent::{Percent, band_of};
use crate::framework::{Aggregation, BandSet, Direction, Rating, Scale};

/// How many answers must change to move a standard a band.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Margin {
    /// Answers that must change for the standard to rise a band; `None` at the top of the scale
    /// or where no change of answers reaches a higher band.
    pub up: Option<u32>,
    /// Answers that must change for the standard to fall a band; `None` at the bottom of the
    /// scale or where no change reaches a lower band.
    pub down: Option<u32>,
}

fn rating_of(set: &BandSet, yes: u32, answered: u32) -> Rating {
    let p = Percent { yes, answered };
    set.bands[band_of(set, p.banded(set))].rating
}

/// The margins of a standard whose answered key questions have these percentages.
pub fn margin(
    rule: Aggregation,
    set: &BandSet,
    scale: &Scale,
    questions: &[Percent],
    base: Rating,
) -> Margin {
    let moves = |direction| scale.step(base, direction).is_some();
    let up = moves(Direction::Up).then(|| fewest(rule, set, questions, base, Direction::Up));
    let down = moves(Direction::Down).then(|| fewest(rule, set, questions, base, Direction::Down));
    Margin {
        up: up.flatten(),
        down: down.flatten(),
    }
}

fn fewest(
    rule: Aggregation,
    set: &BandSet,
    questions: &[Percent],
    base: Rating,
    direction: Direction,
) -> Option<u32> {
    let moved = |r: Rating| match direction {
        Direction::Up => r > base,
        Direction::Down => r < base,
    };
    match (rule, direction) {
        (Aggregation::LowestQuestion, Direction::Up) => questions
            .iter()
            .map(|p| {
                (0..=p.answered - p.yes).find(|k| rating_of(set, p.yes + k, p.answered) > base)
            })
            .sum::<Option<u32>>(),
        (Aggregation::LowestQuestion, Direction::Down) => questions
            .iter()
            .filter_map(|p| (1..=p.yes).find(|k| rating_of(set, p.yes - k, p.answered) < base))
            .min(),
        _ => {
            // Change one answer at a time, each where it moves the value most: the smallest
            // samples first for a mean; anywhere for pooled answers (every change counts one).
            let mut order: Vec<usize> = (0..questions.len()).collect();
            order.sort_by_key(|&i| (questions[i].answered, i));
            let mut changed = questions.to_vec();
            let mut count = 0;
            for i in order {
                loop {
                    let p = &mut changed[i];
                    match direction {
                        Direction::Up if p.yes < p.answered => p.yes += 1,
                        Direction::Down if p.yes > 0 => p.yes -= 1,
                        _ => break,
                    }
                    count += 1;
                    if aggregate::rating(rule, set, &changed).is_some_and(moved) {
                        return Some(count);
                    }
                }
            }
            None
        }
    }
}
