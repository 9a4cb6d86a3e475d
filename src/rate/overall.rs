//! Rate stage: the overall score (the weighted sum of scored standards' final scores), its
//! maximum, the overall band, and the limiters applied after banding in the order written.
//! What an unrated scored standard does is the ruleset's choice. The result is typed (the
//! band, each limiter's passing standards); `report::words` says it.

use super::{
    LimiterResult, OneBand, OverallBand, OverallMargin, OverallResult, RatingError, StandardResult,
};
use crate::diagnostic::Problems;
use crate::framework::{
    Banding, Clause, Direction, Fraction, Framework, Limiter, LimiterKind, Rating, Scale,
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
                because: crate::report::words::unrated_because(framework, standard)
                    .unwrap_or_default(),
            });
            complete = false;
            continue;
        };
        score += adds;
        max += adds_max;
        if let (None, Some(rule)) = (ratings[i], framework.overall.unrated) {
            unrated.push((i, rule));
        }
    }
    if !complete {
        return None;
    }
    let rated = Rated { framework, max };
    let (banded, band) = rated.band(score)?;
    let (rating, limiters) = rated.limit(banded, ratings);

    // Which single standard, moved one band on its own, would move the overall rating. A
    // standard that is not scored moves no score, but a limiter counts it.
    let mut changed_by_one_band = OverallMargin::default();
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
                let one = OneBand {
                    standard: i,
                    to,
                    score: moved,
                    rating: moved_rating,
                };
                match direction {
                    Direction::Up => changed_by_one_band.up.push(one),
                    Direction::Down => changed_by_one_band.down.push(one),
                }
            }
        }
    }
    Some(OverallResult {
        score,
        max,
        rating,
        band,
        banded_rating: banded,
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
    /// The rating the bands give a score: [`Rated::band`]'s, without the band.
    fn banded(&self, score: u32) -> Option<Rating> {
        self.band(score).map(|(rating, _)| rating)
    }

    fn percent_of_maximum(&self, score: u32) -> Fraction {
        Fraction {
            num: 100 * u128::from(score),
            den: u128::from(self.max.max(1)),
        }
    }

    /// The rated standards in the clause's scope that pass its test, as positions in
    /// ruleset order.
    fn passing<'r>(
        &'r self,
        clause: &'r Clause,
        ratings: &'r [Option<Rating>],
    ) -> impl Iterator<Item = usize> + 'r {
        self.framework
            .standards()
            .zip(ratings)
            .enumerate()
            .filter(|(_, ((d, _), _))| clause.domain.as_ref().is_none_or(|id| *id == d.id))
            .filter(|(_, (_, r))| r.is_some_and(|r| clause.test.passes(r)))
            .map(|(i, _)| i)
    }

    fn holds(&self, clause: &Clause, ratings: &[Option<Rating>]) -> bool {
        let n = self.passing(clause, ratings).count();
        clause.count.holds(u32::try_from(n).unwrap_or(u32::MAX))
    }

    /// The rating the bands give a score, and the band.
    fn band(&self, score: u32) -> Option<(Rating, OverallBand)> {
        match &self.framework.overall.banding {
            Banding::Scores(bands) => {
                let band = bands.iter().find(|b| b.from <= score && score <= b.to)?;
                Some((
                    band.rating,
                    OverallBand::Scores {
                        from: band.from,
                        to: band.to,
                    },
                ))
            }
            Banding::PercentOfMaximum(bands) => {
                let value = self.percent_of_maximum(score);
                let index = band_index(bands, value);
                let band = bands.get(index)?;
                Some((
                    band.rating,
                    OverallBand::PercentOfMaximum { band: index, value },
                ))
            }
        }
    }

    /// Apply the limiters in the order written, each to the rating the one before it left.
    fn limit(&self, banded: Rating, ratings: &[Option<Rating>]) -> (Rating, Vec<LimiterResult>) {
        let scale = &self.framework.scale;
        let mut rating = banded;
        let mut results = vec![];
        for (n, limiter) in self.framework.overall.limiters.iter().enumerate() {
            let passing: Vec<Vec<usize>> = limiter
                .clauses
                .iter()
                .map(|c| self.passing(c, ratings).collect())
                .collect();
            let holds = limiter
                .clauses
                .iter()
                .zip(&passing)
                .all(|(c, p)| c.count.holds(u32::try_from(p.len()).unwrap_or(u32::MAX)));
            let before = rating;
            let lowered = lowered(limiter, holds, rating, scale);
            if let Some(to) = lowered {
                rating = to;
            }
            results.push(LimiterResult {
                limiter: n,
                holds,
                applied: lowered.is_some(),
                from: before,
                to: rating,
                passing,
            });
        }
        (rating, results)
    }
}
