//! Rate stage: the overall score (sum of scored standards' final scores), its maximum, and
//! the overall band. What an unrated scored standard does is the ruleset's choice.

use super::{OverallResult, Rated, RatingError, StandardResult};
use crate::diagnostic::Problems;
use crate::framework::{Framework, UnratedRule};

pub(crate) fn overall(
    framework: &Framework,
    standards: &[StandardResult],
    rated: &[Rated],
    problems: &mut Problems,
) -> Option<OverallResult> {
    let scale = &framework.scale;
    let top = scale.top_score();
    let mut score = 0;
    let mut max = 0;
    let mut unrated = vec![];
    let mut complete = true;
    for (standard, r) in standards.iter().zip(rated).filter(|(_, r)| r.scored) {
        match (r.rating, framework.overall.unrated) {
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
    let band = framework
        .overall
        .bands
        .iter()
        .find(|b| b.from <= score && score <= b.to)?;
    Some(OverallResult {
        score,
        max,
        rating: scale.label(band.rating).to_string(),
        unrated,
    })
}
