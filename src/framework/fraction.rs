//! Exact arithmetic: a percentage, a mean of percentages or a score as a share of its maximum
//! as a fraction of whole numbers, compared with whole-number bounds without rounding error,
//! and rounded in one place as a band set declares.

use super::Rounding;

/// A non-negative number as an exact fraction `num / den` (`den` is never zero): a percentage,
/// a mean of percentages, or a score as a percentage of its maximum, compared with whole-number
/// bounds without rounding error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fraction {
    /// The numerator.
    pub num: u128,
    /// The denominator, never zero.
    pub den: u128,
}

impl Fraction {
    /// A whole number as a fraction.
    pub fn whole(n: u32) -> Fraction {
        Fraction {
            num: u128::from(n),
            den: 1,
        }
    }

    /// How the value compares with a whole number, exactly.
    pub fn cmp_whole(self, whole: u32) -> std::cmp::Ordering {
        self.num.cmp(&(u128::from(whole) * self.den))
    }

    /// The value as a float, for JSON and for display.
    pub fn to_f64(self) -> f64 {
        self.num as f64 / self.den as f64
    }

    /// Rounded to a whole number as a band set declares: the one place rounding happens.
    pub fn rounded(self, rounding: Rounding) -> u32 {
        let (quotient, remainder) = (self.num / self.den, self.num % self.den);
        let up = match rounding {
            Rounding::Down => false,
            Rounding::HalfUp => 2 * remainder >= self.den,
            Rounding::HalfEven => {
                2 * remainder > self.den || (2 * remainder == self.den && quotient % 2 == 1)
            }
        };
        u32::try_from(quotient + u128::from(up)).unwrap_or(u32::MAX)
    }

    /// How far the value lies from a whole-number boundary, as a fraction's numerator over
    /// `den` (for finding the nearest of several boundaries).
    pub fn distance(self, boundary: u32) -> u128 {
        (u128::from(boundary) * self.den).abs_diff(self.num)
    }

    /// Whether the percentage lies within `points` of `boundary`, either side.
    pub fn within(self, boundary: u32, points: u32) -> bool {
        self.distance(boundary) <= u128::from(points) * self.den
    }

    /// Whether this value is less than `other` (cross-multiplied; the values compared here are
    /// percentages of whole counts, far from overflowing).
    pub fn less_than(self, other: Fraction) -> bool {
        self.num.saturating_mul(other.den) < other.num.saturating_mul(self.den)
    }
}
