//! Rate stage: how far a rating sits from the next band, in answers.
//!
//! A standard's margin up is the fewest yes/no answers that would have to change (no → yes)
//! for it to rise at least one band; its margin down, the fewest (yes → no) for it to fall one.
//! Not-applicable answers and samples stay as they are. With the lowest-question rule, rising
//! needs every key question at or below the rating to rise; falling needs just one to fall.

use super::percent::{Percent, band_of};
use crate::framework::{BandSet, Direction, Rating, Scale};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Margin {
    /// Answers that must change for the standard to rise a band; `None` at the top of the scale
    /// or where no change of answers reaches a higher band.
    pub up: Option<u32>,
    pub down: Option<u32>,
}

fn rating_of(set: &BandSet, yes: u32, answered: u32) -> Rating {
    let p = Percent { yes, answered };
    set.bands[band_of(set, p.banded(set))].rating
}

/// The margins of a standard whose answered key questions have these percentages.
pub fn margin(set: &BandSet, scale: &Scale, questions: &[Percent], base: Rating) -> Margin {
    let up = if scale.step(base, Direction::Up).is_none() {
        None
    } else {
        questions
            .iter()
            .map(|p| {
                (0..=p.answered - p.yes).find(|k| rating_of(set, p.yes + k, p.answered) > base)
            })
            .sum::<Option<u32>>()
    };
    let down = if scale.step(base, Direction::Down).is_none() {
        None
    } else {
        questions
            .iter()
            .filter_map(|p| (1..=p.yes).find(|k| rating_of(set, p.yes - k, p.answered) < base))
            .min()
    };
    Margin { up, down }
}
