//! Rate stage: a case-based standard's aggregation rule — how its key questions' percentages
//! make the one value that is banded: the lowest key question, the mean of their exact
//! percentages, or the pooled answers. Discretion ("near a boundary", "one case") and margins
//! act on this value, whatever the rule.

use super::percent::{Fraction, Percent, band_of};
use crate::framework::{Aggregation, BandSet, Rating};

/// The value a standard was banded on, and what it rests on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Banded {
    /// The exact value: the lowest percentage, the mean, or the pooled percentage.
    pub exact: Fraction,
    /// The value the bands apply to (the shown whole number, or the exact value).
    pub value: Fraction,
    /// The band the value falls in, a position in the band set.
    pub band: usize,
    /// The rating the band gives.
    pub rating: Rating,
    /// The key questions the value comes from, by position: the lowest (several may tie) for
    /// the lowest-question rule, every answered one otherwise.
    pub from: Vec<usize>,
    /// The answered cases the small-sample trigger looks at: those of the lowest key question
    /// (the fewest, when several tie); the smallest key-question sample for a mean, since each
    /// key question weighs the same; the largest for pooled answers, the fewest cases the
    /// pooled answers can come from.
    pub sample: u32,
    /// The key question `sample` is taken from.
    pub sample_from: usize,
}

/// Band the answered key questions' percentages by the rule; `None` when none is answered.
pub fn banded(rule: Aggregation, set: &BandSet, percents: &[Percent]) -> Option<Banded> {
    if percents.is_empty() {
        return None;
    }
    let every: Vec<usize> = (0..percents.len()).collect();
    let smallest = || {
        every
            .iter()
            .copied()
            .min_by_key(|&i| percents[i].answered)
            .unwrap_or(0)
    };
    let (exact, value) = value(rule, set, percents)?;
    let (from, sample_from) = match rule {
        Aggregation::LowestQuestion => {
            let from = lowest(set, percents);
            let first = *from.first()?;
            let fewest = from
                .iter()
                .copied()
                .min_by_key(|&i| percents[i].answered)
                .unwrap_or(first);
            (from, fewest)
        }
        Aggregation::MeanOfQuestions => (every.clone(), smallest()),
        Aggregation::PooledAnswers => {
            let largest = every
                .iter()
                .copied()
                .max_by_key(|&i| (percents[i].answered, std::cmp::Reverse(i)))
                .unwrap_or(0);
            (every.clone(), largest)
        }
    };
    let band = band_of(set, value);
    Some(Banded {
        exact,
        value,
        band,
        rating: set.bands[band].rating,
        from,
        sample: percents[sample_from].answered,
        sample_from,
    })
}

/// The rating the rule gives these percentages; `None` when none is answered. The rating
/// [`banded`] gives, without what it rests on: for re-rating many resamples. Both take the
/// value they band from [`value`], so the one rule gives the one rating.
pub fn rating(rule: Aggregation, set: &BandSet, percents: &[Percent]) -> Option<Rating> {
    let (_, value) = value(rule, set, percents)?;
    Some(set.bands[band_of(set, value)].rating)
}

/// The value the rule makes of the answered key questions' percentages: exact (the lowest
/// percentage as banded, the first where several tie; the mean of the exact percentages; or
/// the pooled answers), and as the bands read it (rounded as the band set declares, unless it
/// bands the exact value). `None` when none is answered.
pub fn value(
    rule: Aggregation,
    set: &BandSet,
    percents: &[Percent],
) -> Option<(Fraction, Fraction)> {
    let exact = match rule {
        Aggregation::LowestQuestion => {
            // The lowest as banded is already the value the bands read.
            let mut lowest: Option<(Fraction, usize)> = None;
            for (i, p) in percents.iter().enumerate() {
                let value = p.banded(set);
                if lowest.is_none_or(|(low, _)| value.less_than(low)) {
                    lowest = Some((value, i));
                }
            }
            let (value, i) = lowest?;
            return Some((percents[i].fraction(), value));
        }
        Aggregation::MeanOfQuestions if percents.is_empty() => return None,
        Aggregation::MeanOfQuestions => mean(percents),
        Aggregation::PooledAnswers => {
            let yes = percents.iter().map(|p| u128::from(p.yes)).sum::<u128>();
            let answered = percents
                .iter()
                .map(|p| u128::from(p.answered))
                .sum::<u128>();
            if answered == 0 {
                return None;
            }
            Fraction {
                num: 100 * yes,
                den: answered,
            }
        }
    };
    Some((exact, set.banded(exact)))
}

/// The positions of the percentages that are lowest as banded (several may tie): the key
/// questions that decide a standard rated by its lowest question.
pub fn lowest(set: &BandSet, percents: &[Percent]) -> Vec<usize> {
    let value = |p: &Percent| p.banded(set);
    let Some(min) = percents
        .iter()
        .map(value)
        .reduce(|a, b| if b.less_than(a) { b } else { a })
    else {
        return vec![];
    };
    (0..percents.len())
        .filter(|&i| !min.less_than(value(&percents[i])))
        .collect()
}

/// The mean of the exact percentages, as an exact fraction: Σ (100 × yes / answered) / n,
/// over the least common denominator. Should the exact sum not fit (only with many key
/// questions of huge, coprime samples), it is taken to nine decimal places instead.
pub fn mean(percents: &[Percent]) -> Fraction {
    exact_mean(percents).unwrap_or_else(|| {
        let sum: f64 = percents.iter().map(|p| p.exact()).sum();
        let scale = 1_000_000_000u128;
        Fraction {
            num: (sum / percents.len() as f64 * scale as f64).round() as u128,
            den: scale,
        }
    })
}

fn exact_mean(percents: &[Percent]) -> Option<Fraction> {
    let mut num: u128 = 0;
    let mut den: u128 = 1;
    for p in percents {
        let (n, d) = (100 * u128::from(p.yes), u128::from(p.answered));
        let common = den / gcd(den, d);
        let lcm = common.checked_mul(d)?;
        num = num
            .checked_mul(lcm / den)?
            .checked_add(n.checked_mul(lcm / d)?)?;
        den = lcm;
        let g = gcd(num, den).max(1);
        num /= g;
        den /= g;
    }
    let n = percents.len() as u128;
    let g = gcd(num, n).max(1);
    let den = den.checked_mul(n / g)?;
    // Keep room to compare with whole-number bounds (bound × den) without overflow.
    den.checked_mul(1000)?;
    Some(Fraction { num: num / g, den })
}

fn gcd(mut a: u128, mut b: u128) -> u128 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(yes: u32, answered: u32) -> Percent {
        Percent { yes, answered }
    }

    #[test]
    fn the_mean_is_exact() {
        // 50%, 75% and 62.5%: a mean of exactly 62.5.
        let m = mean(&[p(1, 2), p(3, 4), p(5, 8)]);
        assert_eq!(m.num * 2, m.den * 125);
        // 1/3 and 2/3 of 100: a mean of exactly 50.
        let m = mean(&[p(1, 3), p(2, 3)]);
        assert_eq!(m.num, 50 * m.den);
    }

    #[test]
    fn a_mean_too_large_to_hold_exactly_is_close() {
        let primes = [
            999_999_937,
            999_999_929,
            999_999_893,
            999_999_883,
            999_999_797,
            999_999_761,
        ];
        let percents: Vec<Percent> = primes.iter().map(|&a| p(a / 2, a)).collect();
        assert!(exact_mean(&percents).is_none());
        assert!((mean(&percents).to_f64() - 50.0).abs() < 1e-6);
    }
}
