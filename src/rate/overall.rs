//! Rate stage: the overall score (the weighted sum of scored standards' final scores), its
//! maximum, the overall band, and the limiters applied after banding in the order written.
//! What an unrated scored standard does is the ruleset's choice.

use super::{LimiterResult, OverallMargin, OverallResult, RatingError, StandardResult};
use crate::diagnostic::Problems;
use crate::framework::{
    Banding, Clause, Direction, Fraction, Framework, Limiter, LimiterKind, Rating, Relation, Scale,
    UnratedRule, band_index,
};

pub(crate) fn overall(
    framework: &Framework,
    standards: &[StandardResult],
    ratings: &[Option<Rating>],
    problems: &mut Problems,
) -> Option<OverallResult> {
    let scale = &framework.scale;
    let mut score = 0;
    let mut max = 0;
    let mut unrated = vec![];
    let mut complete = true;
    for (i, standard) in standards.iter().enumerate().filter(|(_, s)| s.scored) {
        let Some((adds, adds_max)) = counted(framework, standard.weight, ratings[i]) else {
            problems.push(RatingError::UnratedScored {
                standard: standard.id.clone(),
                because: standard.unrated_because.clone().unwrap_or_default(),
            });
            complete = false;
            continue;
        };
        score += adds;
        max += adds_max;
        match (ratings[i], framework.overall.unrated) {
            (None, Some(UnratedRule::ScoresZero)) => {
                unrated.push(format!("{} is not rated and scores 0", standard.id));
            }
            (None, Some(UnratedRule::LeftOutOfMaximum)) => {
                unrated.push(format!(
                    "{} is not rated and is left out of the maximum",
                    standard.id
                ));
            }
            _ => {}
        }
    }
    if !complete {
        return None;
    }
    let rated = Rated { framework, max };
    let (banded, band_range) = rated.band(score)?;
    let (rating, limiters) = rated.limit(banded, ratings);

    // Which single standard, moved one band on its own, would move the overall rating. A
    // standard that is not scored moves no score, but a limiter counts it.
    let mut changed_by_one_band = OverallMargin {
        up: vec![],
        down: vec![],
    };
    for (i, standard) in standards.iter().enumerate() {
        let Some(from) = ratings[i] else { continue };
        let weight = if standard.scored { standard.weight } else { 0 };
        for direction in [Direction::Up, Direction::Down] {
            let Some(to) = scale.step(from, direction) else {
                continue;
            };
            let moved = score - weight * scale.score(from) + weight * scale.score(to);
            let mut moved_ratings = ratings.to_vec();
            moved_ratings[i] = Some(to);
            let Some((moved_band, _)) = rated.band(moved) else {
                continue;
            };
            let (moved_rating, _) = rated.limit(moved_band, &moved_ratings);
            if moved_rating != rating {
                let text = format!(
                    "{} to {}: {moved}, {}",
                    standard.id,
                    scale.label(to),
                    scale.label(moved_rating)
                );
                match direction {
                    Direction::Up => changed_by_one_band.up.push(text),
                    Direction::Down => changed_by_one_band.down.push(text),
                }
            }
        }
    }
    Some(OverallResult {
        score,
        max,
        rating: scale.label(rating).to_string(),
        band_range,
        banded_rating: (!limiters.is_empty()).then(|| scale.label(banded).to_string()),
        limiters,
        changed_by_one_band,
        unrated,
    })
}

/// The overall rating alone, from each standard's final rating (in ruleset order), without
/// the explanation: what a resample needs. `None` where the rules give no rating (a scored
/// standard unrated, with no rule for it), as [`overall`] then refuses.
pub(crate) fn rating_only(framework: &Framework, ratings: &[Option<Rating>]) -> Option<Rating> {
    let scale = &framework.scale;
    let (mut score, mut max) = (0, 0);
    let scored = framework
        .standards()
        .zip(ratings)
        .filter(|((_, s), _)| s.scored);
    for ((_, standard), rating) in scored {
        let (adds, adds_max) = counted(framework, standard.weight, *rating)?;
        score += adds;
        max += adds_max;
    }
    let rated = Rated { framework, max };
    let banded = rated.banded(score)?;
    let mut rating = banded;
    for limiter in &framework.overall.limiters {
        let holds = limiter.clauses.iter().all(|c| rated.holds(c, ratings));
        rating = lowered(limiter, holds, rating, scale).unwrap_or(rating);
    }
    Some(rating)
}

/// What a scored standard of this weight adds to the overall score and to its maximum: its
/// weighted score when rated; when not, what the ruleset's rule for unrated standards says.
/// `None`: it is unrated and the rules say nothing.
fn counted(framework: &Framework, weight: u32, rating: Option<Rating>) -> Option<(u32, u32)> {
    let scale = &framework.scale;
    let top = weight * scale.top_score();
    match (rating, framework.overall.unrated) {
        (Some(rating), _) => Some((weight * scale.score(rating), top)),
        (None, Some(UnratedRule::ScoresZero)) => Some((0, top)),
        (None, Some(UnratedRule::LeftOutOfMaximum)) => Some((0, 0)),
        (None, None) => None,
    }
}

/// The rating a limiter lowers `rating` to, if it lowers it.
fn lowered(limiter: &Limiter, holds: bool, rating: Rating, scale: &Scale) -> Option<Rating> {
    match limiter.kind {
        LimiterKind::AtMost if holds && rating > limiter.rating => Some(limiter.rating),
        LimiterKind::OnlyWhen if !holds && rating == limiter.rating => {
            scale.step(rating, Direction::Down)
        }
        _ => None,
    }
}

/// The standards of one inspection as the overall rating sees them: the framework's, in
/// order, and the maximum score.
struct Rated<'a> {
    framework: &'a Framework,
    max: u32,
}

impl Rated<'_> {
    /// The rating the bands give a score.
    fn banded(&self, score: u32) -> Option<Rating> {
        match &self.framework.overall.banding {
            Banding::Scores(bands) => bands
                .iter()
                .find(|b| b.from <= score && score <= b.to)
                .map(|b| b.rating),
            Banding::PercentOfMaximum(bands) => bands
                .get(band_index(bands, self.percent_of_maximum(score)))
                .map(|b| b.rating),
        }
    }

    fn percent_of_maximum(&self, score: u32) -> Fraction {
        Fraction {
            num: 100 * u128::from(score),
            den: u128::from(self.max.max(1)),
        }
    }

    /// The ids of the rated standards in the clause's scope that pass its test.
    fn passing<'r>(
        &'r self,
        clause: &'r Clause,
        ratings: &'r [Option<Rating>],
    ) -> impl Iterator<Item = &'r str> + 'r {
        self.framework
            .standards()
            .zip(ratings)
            .filter(|((d, _), _)| clause.domain.as_ref().is_none_or(|id| *id == d.id))
            .filter(|(_, r)| r.is_some_and(|r| clause.test.passes(r)))
            .map(|((_, s), _)| s.id.as_str())
    }

    fn holds(&self, clause: &Clause, ratings: &[Option<Rating>]) -> bool {
        let n = self.passing(clause, ratings).count();
        clause.count.holds(u32::try_from(n).unwrap_or(u32::MAX))
    }

    /// The rating the bands give a score, and the band's range in words ("7 to 18").
    fn band(&self, score: u32) -> Option<(Rating, String)> {
        match &self.framework.overall.banding {
            Banding::Scores(bands) => {
                let band = bands.iter().find(|b| b.from <= score && score <= b.to)?;
                let range = if band.from == band.to {
                    band.from.to_string()
                } else {
                    format!("{} to {}", band.from, band.to)
                };
                Some((band.rating, range))
            }
            Banding::PercentOfMaximum(bands) => {
                let value = self.percent_of_maximum(score);
                let band = bands.get(band_index(bands, value))?;
                Some((
                    band.rating,
                    format!(
                        "{} percent of the maximum ({})",
                        band.range_text(),
                        value.text()
                    ),
                ))
            }
        }
    }

    /// Apply the limiters in the order written, each to the rating the one before it left.
    fn limit(&self, banded: Rating, ratings: &[Option<Rating>]) -> (Rating, Vec<LimiterResult>) {
        let scale = &self.framework.scale;
        let mut rating = banded;
        let mut results = vec![];
        for limiter in &self.framework.overall.limiters {
            let met: Vec<Met> = limiter
                .clauses
                .iter()
                .map(|c| self.count(c, ratings, scale))
                .collect();
            let holds = met.iter().all(|m| m.holds);
            let before = rating;
            let lowered = lowered(limiter, holds, rating, scale);
            if let Some(to) = lowered {
                rating = to;
            }
            let counts = met
                .iter()
                .map(|m| m.text.as_str())
                .collect::<Vec<_>>()
                .join("; ");
            let because = match (limiter.kind, holds, lowered) {
                (_, _, Some(to)) => format!(
                    "lowers {} to {}: {counts}",
                    scale.label(before),
                    scale.label(to)
                ),
                (LimiterKind::AtMost, true, None) => {
                    format!(
                        "holds, but the rating is already {}: {counts}",
                        scale.label(before)
                    )
                }
                (LimiterKind::AtMost, false, None) => format!("does not hold: {counts}"),
                (LimiterKind::OnlyWhen, true, None) => format!("holds: {counts}"),
                (LimiterKind::OnlyWhen, false, None) => format!(
                    "does not hold, but the rating is {}: {counts}",
                    scale.label(before)
                ),
            };
            results.push(LimiterResult {
                limiter: limiter.text.clone(),
                holds,
                applied: lowered.is_some(),
                from: scale.label(before).to_string(),
                to: scale.label(rating).to_string(),
                because,
            });
        }
        (rating, results)
    }

    /// How many rated standards in the clause's scope pass its test, in words.
    fn count(&self, clause: &Clause, ratings: &[Option<Rating>], scale: &Scale) -> Met {
        let passing: Vec<&str> = self.passing(clause, ratings).collect();
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
            format!(" ({})", passing.join(", "))
        };
        Met {
            holds: clause.count.holds(u32::try_from(n).unwrap_or(u32::MAX)),
            text: format!(
                "{n} standard{}{scope} {verb} {test}{which}",
                if n == 1 { "" } else { "s" }
            ),
        }
    }
}

/// Whether a clause holds, and the count behind it in words.
struct Met {
    holds: bool,
    text: String,
}
