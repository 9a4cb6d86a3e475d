//! Rate stage: percentages, rounding and banding, in exact integer arithmetic.
//!
//! A key question's percentage is 100 × yes / (yes + no). It is rounded in exactly one place,
//! [`Percent::shown`], as its band set declares, and banded either on that shown whole number
//! or on the exact fraction.

use crate::framework::{Band, BandSet, Rounding};

/// yes out of `answered` (yes + no); `answered` is never zero.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Percent {
    pub yes: u32,
    pub answered: u32,
}

/// A percentage as an exact fraction `num / den`, for comparing with whole-number bounds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fraction {
    pub num: u64,
    pub den: u64,
}

impl Fraction {
    fn cmp_whole(self, whole: u32) -> std::cmp::Ordering {
        self.num.cmp(&(u64::from(whole) * self.den))
    }

    /// Points between this percentage and a whole-number boundary, in words ("1 point",
    /// "3 points", "3.1 points").
    pub fn distance_text(self, boundary: u32) -> String {
        let b = u64::from(boundary) * self.den;
        let diff = b.abs_diff(self.num);
        if diff == self.den {
            "1 point".to_string()
        } else if diff.is_multiple_of(self.den) {
            format!("{} points", diff / self.den)
        } else {
            format!("{:.1} points", diff as f64 / self.den as f64)
        }
    }

    /// Whether the percentage lies within `points` of `boundary`, either side.
    pub fn within(self, boundary: u32, points: u32) -> bool {
        let b = u64::from(boundary) * self.den;
        b.abs_diff(self.num) <= u64::from(points) * self.den
    }

    pub fn text(self) -> String {
        if self.num.is_multiple_of(self.den) {
            format!("{}%", self.num / self.den)
        } else {
            format!("{:.1}%", self.num as f64 / self.den as f64)
        }
    }
}

impl Percent {
    pub fn new(yes: u32, answered: u32) -> Option<Percent> {
        (answered > 0 && yes <= answered).then_some(Percent { yes, answered })
    }

    pub fn exact(self) -> f64 {
        (100 * u64::from(self.yes)) as f64 / f64::from(self.answered)
    }

    /// The whole-number percentage shown in reports, rounded as the band set declares.
    pub fn shown(self, rounding: Rounding) -> u32 {
        let num = 100 * u64::from(self.yes);
        let den = u64::from(self.answered);
        let (quotient, remainder) = (num / den, num % den);
        let up = match rounding {
            Rounding::Down => false,
            Rounding::HalfUp => 2 * remainder >= den,
            Rounding::HalfEven => {
                2 * remainder > den || (2 * remainder == den && quotient % 2 == 1)
            }
        };
        (quotient + u64::from(up)) as u32
    }

    /// The value the bands apply to: the shown whole number, or the exact fraction.
    pub fn banded(self, set: &BandSet) -> Fraction {
        if set.banded_on_exact {
            Fraction {
                num: 100 * u64::from(self.yes),
                den: u64::from(self.answered),
            }
        } else {
            Fraction {
                num: u64::from(self.shown(set.rounding)),
                den: 1,
            }
        }
    }
}

/// The band a percentage falls in. The check stage guarantees that exactly one does.
pub fn band_of(set: &BandSet, value: Fraction) -> usize {
    use std::cmp::Ordering::*;
    set.bands
        .iter()
        .position(|band| {
            let above_lower = value.cmp_whole(band.lower.at) != Less;
            let below_upper = match value.cmp_whole(band.upper.at) {
                Less => true,
                Equal => band.upper.inclusive,
                Greater => false,
            };
            above_lower && below_upper
        })
        .unwrap_or(set.bands.len().saturating_sub(1))
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
        let rating_at =
            |shown: u64| set.bands[band_of(&set, Fraction { num: shown, den: 1 })].rating;
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
        assert_eq!(f.distance_text(65), "3 points");
        assert_eq!(Fraction { num: 64, den: 1 }.distance_text(65), "1 point");
    }
}
