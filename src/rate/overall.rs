//! Rate stage: the overall score (sum of scored standards' final scores), its maximum, and
//! the overall band. What an unrated scored standard does is the ruleset's choice.

use super::{OverallMargin, OverallResult, RatingError, StandardResult};
use crate::diagnostic::Problems;
use crate::framework::{Direction, Framework, Rating, UnratedRule};

pub(crate) fn overall(
    framework: &Framework,
    standards: &[StandardResult],
    ratings: &[Option<Rating>],
    problems: &mut Problems,
) -> Option<OverallResult> {
    let scale = &framework.scale;
    let top = scale.top_score();
    let mut score = 0;
    let mut max = 0;
    let mut unrated = vec![];
    let mut complete = true;
    let scored = || standards.iter().zip(ratings).filter(|(s, _)| s.scored);
    for (standard, rating) in scored() {
        match (*rating, framework.overall.unrated) {
            (Some(rating), _) => {
                score += scale.score(rating);
                max += top;
            }
            (None, Some(UnratedRule::ScoresZero)) => {
                max += top;
                unrated.push(format!("{} is not rated and scores 0", standard.id));
            }
            (None, Some(UnratedRule::LeftOutOfMaximum)) => {
                unrated.push(format!(
                    "{} is not rated and is left out of the maximum",
                    standard.id
                ));
            }
            (None, None) => {
                problems.push(RatingError::UnratedScored {
                    standard: standard.id.clone(),
                    because: standard.unrated_because.clone().unwrap_or_default(),
                });
                complete = false;
            }
        }
    }
    if !complete {
        return None;
    }
    let band_of = |score: u32| {
        framework
            .overall
            .bands
            .iter()
            .find(|b| b.from <= score && score <= b.to)
    };
    let band = band_of(score)?;
    // Which single standard, moved one band, would move the overall rating.
    let mut changed_by_one_band = OverallMargin {
        up: vec![],
        down: vec![],
    };
    for (standard, rating) in scored() {
        let Some(rating) = *rating else { continue };
        for direction in [Direction::Up, Direction::Down] {
            let Some(to) = scale.step(rating, direction) else {
                continue;
            };
            let moved = score - scale.score(rating) + scale.score(to);
            if let Some(b) = band_of(moved).filter(|b| b.rating != band.rating) {
                let text = format!(
                    "{} to {}: {moved}, {}",
                    standard.id,
                    scale.label(to),
                    scale.label(b.rating)
                );
                match direction {
                    Direction::Up => changed_by_one_band.up.push(text),
                    Direction::Down => changed_by_one_band.down.push(text),
                }
            }
        }
    }
    let band_range = if band.from == band.to {
        band.from.to_string()
    } else {
        format!("{} to {}", band.from, band.to)
    };
    Some(OverallResult {
        score,
        max,
        rating: scale.label(band.rating).to_string(),
        band_range,
        changed_by_one_band,
        unrated,
    })
}
