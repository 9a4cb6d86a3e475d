//! Stability: how much a rating rests on the particular cases drawn. Each sample's cases (a
//! domain's, or a standard's own sample within it) are resampled with replacement (same number
//! of cases, seeded and reproducible), each resample is re-rated from its counts by the
//! checked rules (`counts`), and the share of resamples in which each standard and the
//! overall rating keep their rating is counted. Alongside, a Wilson 80% interval for
//! each key question's percentage (inspection samples are set for 80% confidence).
//!
//! Ratings compared are those the cases give, before professional discretion: a panel's decision
//! belongs to the actual sample, not to a resample.

use rand::rngs::ChaCha8Rng;
use rand::{RngExt, SeedableRng};
use serde::Serialize;

mod counts;

use rayon::prelude::*;

use crate::diagnostic::Problems;
use crate::framework::{Framework, Rating};
use crate::inspection::{Case, Inspection};
use crate::rate::{InspectionResult, rate};
use crate::report::json::rating::RatedFrom;
use counts::{Contributions, Counts};

/// The two-sided 80% normal quantile: 80% of a normal distribution lies within ±z.
const Z_80: f64 = 1.281_551_565_544_600_4;

/// How many resamples to draw, and from which seed.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// How many resamples.
    pub resamples: u32,
    /// The random seed: the same seed gives the same result.
    pub seed: u64,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            resamples: 10_000,
            seed: 1,
        }
    }
}

/// One inspection resampled: how often each rating is kept.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct Stability {
    /// The provider the inspection file names.
    pub provider: String,
    /// The inspection file, as named.
    pub source: String,
    /// How many resamples were drawn.
    pub resamples: u32,
    /// The seed they were drawn from.
    pub seed: u64,
    /// Each standard, in ruleset order.
    pub standards: Vec<StandardStability>,
    /// The overall rating.
    pub overall: OverallStability,
    /// Resamples the interpreter could not rate (counted as not keeping any rating).
    pub unrated_resamples: u32,
}

/// One standard resampled.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct StandardStability {
    /// The standard's id.
    pub id: String,
    /// The standard's title.
    pub name: String,
    /// The rating the cases give, before discretion; `None` when not rated.
    pub rating: Option<String>,
    /// The share of resamples (0 to 1) giving the same rating; judged standards always keep theirs.
    pub kept: f64,
    /// `cases` or `judged`.
    pub rated_from: RatedFrom,
    /// The share of resamples (0 to 1) in each rating of the scale, lowest first, and not
    /// rated last when some resample leaves it unrated; empty for a judged standard.
    pub ratings: Vec<RatingShare>,
    /// Each key question's percentage and interval.
    pub key_questions: Vec<QuestionInterval>,
}

/// One key question's percentage and its 80% interval.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct QuestionInterval {
    /// The key question's id.
    pub id: String,
    /// Cases answering yes.
    pub yes: u32,
    /// Answered cases.
    pub sample: u32,
    /// The exact percentage.
    pub percent: Option<f64>,
    /// Wilson score interval at 80% confidence, in percent: [lower, upper].
    pub wilson_80: Option<[f64; 2]>,
}

/// The overall rating resampled.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct OverallStability {
    /// The overall rating from the cases.
    pub rating: String,
    /// Its score.
    pub score: u32,
    /// The share of resamples (0 to 1) giving the same rating.
    pub kept: f64,
    /// The share of resamples (0 to 1) in each rating of the scale, lowest first.
    pub ratings: Vec<RatingShare>,
}

/// How many of the resamples gave one rating.
#[derive(Debug, Clone, Serialize, schemars::JsonSchema)]
pub struct RatingShare {
    /// The rating, as the scale names it, or `not rated`.
    pub rating: String,
    /// The share of resamples (0 to 1).
    pub share: f64,
}

/// The Wilson score interval for `yes` of `n` at 80% confidence, in percent.
pub fn wilson_80(yes: u32, n: u32) -> Option<[f64; 2]> {
    crate::analysis::stats::wilson(yes, n, Z_80)
}

/// Resample and re-rate. `progress` is told how many resamples are done, now and then, for a
/// progress bar.
///
/// The cases are drawn in one sequence from the seed, resample after resample, exactly as
/// one at a time; the drawn resamples are then counted and rated on every core, and the
/// counts of kept ratings added up. Sums of whole numbers do not depend on the order they are
/// added in, so the result is the same on any machine and any number of cores.
pub fn stability(
    framework: &Framework,
    inspection: &Inspection,
    options: Options,
    mut progress: impl FnMut(u32),
) -> Result<Stability, Problems> {
    // Rated as recorded first, so a decision the rules refuse is refused here as in `rate`.
    rate(framework, inspection)?;
    let unmoved = Inspection {
        decisions: vec![],
        ..inspection.clone()
    };
    let base = rate(framework, &unmoved)?;
    let standards = base.standards.len();

    let groups = samples(framework, inspection);
    let counts = Counts::new(framework, inspection);
    let contributions: Vec<Contributions> =
        groups.iter().map(|g| counts.contributions(g)).collect();
    let drawn: usize = groups.iter().map(Vec::len).sum();

    let mut rng = ChaCha8Rng::seed_from_u64(options.seed);
    let labels = framework.scale.labels.len();
    let mut kept = Kept::new(standards, labels);
    let per_block = (DRAWS_PER_BLOCK / drawn.max(1)).clamp(1, 4096);
    let mut done = 0u32;
    let mut draws: Vec<u32> = vec![];
    while done < options.resamples {
        let block = (options.resamples - done).min(u32::try_from(per_block).unwrap_or(1));
        draws.clear();
        for _ in 0..block {
            for group in &groups {
                draws.extend((0..group.len()).map(|_| rng.random_range(0..group.len()) as u32));
            }
        }
        let block_kept = draws
            .par_chunks(drawn.max(1))
            .fold(
                || (Kept::new(standards, labels), counts.tally(), vec![]),
                |(mut kept, mut tally, mut ratings), resample| {
                    tally.clear();
                    let mut at = 0;
                    for (group, contributions) in groups.iter().zip(&contributions) {
                        for &case in &resample[at..at + group.len()] {
                            tally.add(contributions, case as usize);
                        }
                        at += group.len();
                    }
                    let overall = counts.rate(&tally, &mut ratings);
                    kept.count(&ratings, overall);
                    (kept, tally, ratings)
                },
            )
            .map(|(kept, _, _)| kept)
            .reduce(|| Kept::new(standards, labels), Kept::add);
        kept = kept.add(block_kept);
        done += block;
        progress(done);
    }
    Ok(summarise(framework, &base, options, &kept))
}

/// About how many cases one block of resamples draws: enough to keep every core busy, few
/// enough that the draws of a block take little memory.
const DRAWS_PER_BLOCK: usize = 1 << 20;

/// How many resamples gave each rating, per standard and overall, and how many could not be
/// rated. How many kept a rating is read from these: the count of the rating the cases give.
struct Kept {
    /// Per standard, resamples in each rating (by scale position; the last, not rated).
    in_rating: Vec<Vec<u32>>,
    /// Resamples in each overall rating, by scale position.
    overall_in_rating: Vec<u32>,
    unrated: u32,
}

impl Kept {
    fn new(standards: usize, labels: usize) -> Kept {
        Kept {
            in_rating: vec![vec![0; labels + 1]; standards],
            overall_in_rating: vec![0; labels],
            unrated: 0,
        }
    }

    /// Count one resample: its standards' ratings and its overall rating (`None`: the rules
    /// give none, and it keeps no overall rating).
    fn count(&mut self, ratings: &[Option<Rating>], overall: Option<Rating>) {
        for (counts, now) in self.in_rating.iter_mut().zip(ratings) {
            let at = now.map_or(counts.len() - 1, |r| r.0);
            counts[at] += 1;
        }
        match overall {
            Some(rating) => self.overall_in_rating[rating.0] += 1,
            None => self.unrated += 1,
        }
    }

    /// How many resamples gave standard `i` the rating `base` (`None`: not rated).
    fn kept(&self, i: usize, base: Option<Rating>) -> u32 {
        let counts = &self.in_rating[i];
        counts[base.map_or(counts.len() - 1, |r| r.0)]
    }

    fn add(mut self, other: Kept) -> Kept {
        for (a, b) in self.in_rating.iter_mut().zip(other.in_rating) {
            for (x, y) in a.iter_mut().zip(b) {
                *x += y;
            }
        }
        for (a, b) in self
            .overall_in_rating
            .iter_mut()
            .zip(other.overall_in_rating)
        {
            *a += b;
        }
        self.unrated += other.unrated;
        self
    }
}

/// The samples resampled on their own: each case-rated domain's cases, split by which of its
/// standards' own samples take them (the unpaid work cases apart from the through-the-gate
/// cases), so that every sample keeps its size.
pub fn samples<'i>(framework: &Framework, inspection: &'i Inspection) -> Vec<Vec<&'i Case>> {
    let mut groups: Vec<Vec<&Case>> = vec![];
    for domain in &framework.domains {
        let rated: Vec<_> = domain.standards.iter().filter(|s| !s.is_judged()).collect();
        if rated.is_empty() {
            continue;
        }
        let mut by_membership: Vec<(Vec<bool>, Vec<&Case>)> = vec![];
        for case in inspection.cases.iter().filter(|c| domain.takes(&c.values)) {
            let membership: Vec<bool> = rated.iter().map(|s| s.takes(&case.values)).collect();
            match by_membership.iter_mut().find(|(m, _)| *m == membership) {
                Some((_, cases)) => cases.push(case),
                None => by_membership.push((membership, vec![case])),
            }
        }
        groups.extend(by_membership.into_iter().map(|(_, cases)| cases));
    }
    groups
}

fn summarise(
    framework: &Framework,
    base: &InspectionResult,
    options: Options,
    kept: &Kept,
) -> Stability {
    let share = |count: u32| f64::from(count) / f64::from(options.resamples.max(1));
    let labels = &framework.scale.labels;
    let shares = |counts: &[u32]| -> Vec<RatingShare> {
        counts
            .iter()
            .enumerate()
            .filter(|&(i, &n)| i < labels.len() || n > 0)
            .map(|(i, &n)| RatingShare {
                rating: labels
                    .get(i)
                    .map_or("not rated".to_string(), |l| l.label.clone()),
                share: share(n),
            })
            .collect()
    };
    Stability {
        provider: base.provider.clone(),
        source: base.source.clone(),
        resamples: options.resamples,
        seed: options.seed,
        standards: base
            .standards
            .iter()
            .zip(&kept.in_rating)
            .enumerate()
            .map(|(i, (s, in_rating))| StandardStability {
                id: s.id.clone(),
                name: s.name.clone(),
                rating: framework.scale.label_of(s.rating).map(str::to_string),
                kept: share(kept.kept(i, s.rating)),
                rated_from: s.rated_from.into(),
                ratings: if s.rated_from == crate::rate::RatedFrom::Judged {
                    vec![]
                } else {
                    shares(in_rating)
                },
                key_questions: s
                    .key_questions
                    .iter()
                    .map(|q| QuestionInterval {
                        id: q.id.clone(),
                        yes: q.yes,
                        sample: q.sample,
                        percent: q.percent,
                        wilson_80: wilson_80(q.yes, q.sample),
                    })
                    .collect(),
            })
            .collect(),
        overall: OverallStability {
            rating: framework.scale.label(base.overall.rating).to_string(),
            score: base.overall.score,
            kept: share(kept.overall_in_rating[base.overall.rating.0]),
            ratings: shares(&kept.overall_in_rating),
        },
        unrated_resamples: kept.unrated,
    }
}

#[cfg(test)]
mod tests {
    use super::wilson_80;

    #[test]
    fn wilson_interval_matches_the_textbook_formula() {
        // Expected values computed independently (Python, statistics.NormalDist().inv_cdf(0.9)).
        let close = |a: f64, b: f64| (a - b).abs() < 1e-9;
        let [lo, hi] = wilson_80(13, 21).unwrap();
        assert!(
            close(lo, 47.933831783405765) && close(hi, 74.1486579251583),
            "{lo} {hi}"
        );
        let [lo, hi] = wilson_80(8, 19).unwrap();
        assert!(
            close(lo, 28.792671458645025) && close(hi, 56.67411671375512),
            "{lo} {hi}"
        );
        // All yes: the interval reaches 100% and stays inside it.
        let [lo, hi] = wilson_80(10, 10).unwrap();
        assert!(
            hi <= 100.0 && close(hi, 100.0) && close(lo, 85.89313179094592),
            "{lo} {hi}"
        );
        assert_eq!(wilson_80(0, 0), None);
    }
}
