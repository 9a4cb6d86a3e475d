//! Rate stage: percentages, rounding and banding, in exact integer arithmetic.
//!
//! A key question's percentage is 100 × yes / (yes + no). It is rounded in exactly one place,
//! [`Percent::shown`], as its band set declares, and banded either on that shown whole number
//! or on the exact fraction.

pub use crate::framework::Fraction;
use crate::framework::{Band, BandSet, Rounding, band_index};

/// yes out of `answered` (yes + no); `answered` is never zero.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Percent {
    /// Answers yes.
    pub yes: u32,
    /// Answers yes or no.
    pub answered: u32,
}

impl Percent {
    /// The percentage of `yes` in `answered`; `None` when nothing is answered or yes exceeds
    /// it.
    pub fn new(yes: u32, answered: u32) -> Option<Percent> {
        (answered > 0 && yes <= answered).then_some(Percent { yes, answered })
    }

    /// The exact percentage as a float.
    pub fn exact(self) -> f64 {
        (100 * u64::from(self.yes)) as f64 / f64::from(self.answered)
    }

    /// The whole-number percentage shown in reports, rounded as the band set declares.
    pub fn shown(self, rounding: Rounding) -> u32 {
        self.fraction().rounded(rounding)
    }

    /// The exact percentage as a fraction.
    pub fn fraction(self) -> Fraction {
        Fraction {
            num: 100 * u128::from(self.yes),
            den: u128::from(self.answered),
        }
    }

    /// The value the bands apply to: the shown whole number, or the exact fraction.
    pub fn banded(self, set: &BandSet) -> Fraction {
        set.banded(self.fraction())
    }
}

/// The band a percentage falls in. The check stage guarantees that exactly one does.
pub fn band_of(set: &BandSet, value: Fraction) -> usize {
    band_index(&set.bands, value)
}

/// The boundary above band `index` where the rating rises, if any: (percentage, band index).
pub fn boundary_up(set: &BandSet, index: usize) -> Option<(u32, usize)> {
    let rating = set.bands[index].rating;
    set.bands
        .iter()
        .enumerate()
        .skip(index + 1)
        .find(|(_, b)| b.rating > rating)
        .map(|(i, b)| (b.lower.at, i))
}

/// The boundary at the bottom of band `index`'s rating, where the rating falls, if any.
pub fn boundary_down(set: &BandSet, index: usize) -> Option<(u32, usize)> {
    let rating = set.bands[index].rating;
    let first_same = set.bands[..=index]
        .iter()
        .rposition(|b: &Band| b.rating != rating)
        .map(|below| below + 1)?;
    Some((set.bands[first_same].lower.at, first_same - 1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::framework::{Bound, Rating};

    fn sufficiency() -> BandSet {
        let band = |lo: u32, hi: u32, r: usize| Band {
            lower: Bound {
                at: lo,
                inclusive: true,
            },
            upper: Bound {
                at: hi,
                inclusive: true,
            },
            rating: Rating(r),
            name: None,
        };
        BandSet {
            name: "sufficiency".into(),
            title: None,
            rounding: Rounding::HalfUp,
            banded_on_exact: false,
            bands: vec![
                band(0, 49, 0),
                band(50, 64, 1),
                band(65, 79, 2),
                band(80, 100, 3),
            ],
        }
    }

    fn shown(yes: u32, answered: u32, rounding: Rounding) -> u32 {
        Percent::new(yes, answered).unwrap().shown(rounding)
    }

    #[test]
    fn halves_round_up_as_the_reports_do() {
        assert_eq!(shown(1, 8, Rounding::HalfUp), 13); // 12.5
        assert_eq!(shown(21, 24, Rounding::HalfUp), 88); // 87.5
        assert_eq!(shown(123, 200, Rounding::HalfUp), 62); // 61.5
    }

    #[test]
    fn half_up_agrees_with_rounding_the_exact_percentage_for_every_sample_up_to_200() {
        // f64::round rounds halves away from zero; for n <= 200 every true half is exact in
        // f64 and every other value is at least 1/400 from a half, so it is a fair oracle.
        for answered in 1..=200u32 {
            for yes in 0..=answered {
                let oracle = (100.0 * f64::from(yes) / f64::from(answered)).round() as u32;
                assert_eq!(
                    shown(yes, answered, Rounding::HalfUp),
                    oracle,
                    "{yes} of {answered}"
                );
            }
        }
    }

    #[test]
    fn halves_round_to_even_when_declared() {
        assert_eq!(shown(1, 8, Rounding::HalfEven), 12);
        assert_eq!(shown(21, 24, Rounding::HalfEven), 88);
        assert_eq!(shown(123, 200, Rounding::HalfEven), 62);
        assert_eq!(shown(125, 200, Rounding::HalfEven), 62); // 62.5
    }

    #[test]
    fn rounding_down_truncates() {
        assert_eq!(shown(13, 21, Rounding::Down), 61); // 61.9
    }

    #[test]
    fn just_under_a_half_rounds_down() {
        assert_eq!(shown(13, 21, Rounding::HalfUp), 62); // 61.90
        assert_eq!(shown(8, 19, Rounding::HalfUp), 42); // 42.1
        assert_eq!(shown(2, 3, Rounding::HalfUp), 67); // 66.7
    }

    #[test]
    fn band_edges_fall_where_the_framework_says() {
        let set = sufficiency();
        let rating_at = |shown: u64| {
            set.bands[band_of(
                &set,
                Fraction {
                    num: u128::from(shown),
                    den: 1,
                },
            )]
            .rating
        };
        assert_eq!(rating_at(49), Rating(0));
        assert_eq!(rating_at(50), Rating(1));
        assert_eq!(rating_at(64), Rating(1));
        assert_eq!(rating_at(65), Rating(2));
        assert_eq!(rating_at(79), Rating(2));
        assert_eq!(rating_at(80), Rating(3));
        assert_eq!(rating_at(100), Rating(3));
        assert_eq!(rating_at(0), Rating(0));
    }

    #[test]
    fn a_rounded_percentage_is_banded_on_its_shown_value() {
        // 64.5% shows as 65% and is Good, as published reports band the shown figure.
        let set = sufficiency();
        let p = Percent::new(129, 200).unwrap();
        assert_eq!(p.shown(Rounding::HalfUp), 65);
        assert_eq!(set.bands[band_of(&set, p.banded(&set))].rating, Rating(2));
    }

    #[test]
    fn exact_banding_keeps_64_5_below_65() {
        let mut set = sufficiency();
        set.banded_on_exact = true;
        set.bands[1].upper = Bound {
            at: 65,
            inclusive: false,
        };
        let p = Percent::new(129, 200).unwrap();
        assert_eq!(set.bands[band_of(&set, p.banded(&set))].rating, Rating(1));
    }

    #[test]
    fn boundaries_around_a_band() {
        let set = sufficiency();
        assert_eq!(boundary_up(&set, 1), Some((65, 2)));
        assert_eq!(boundary_down(&set, 1), Some((50, 0)));
        assert_eq!(boundary_down(&set, 0), None);
        assert_eq!(boundary_up(&set, 3), None);
    }

    #[test]
    fn distances_are_exact() {
        let f = Fraction { num: 62, den: 1 };
        assert!(f.within(65, 3));
        assert!(!f.within(65, 2));
    }
}
