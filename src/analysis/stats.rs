//! Statistics for research tables and stability: the Wilson score interval for a proportion,
//! and the likelihood-ratio chi-square test of whether groups' proportions differ. Quantiles
//! and the chi-square distribution come from statrs.

use statrs::distribution::{ChiSquared, ContinuousCDF, Normal};

/// The two-sided normal quantile for a confidence level (0.95 → 1.96…).
pub fn z_for(confidence: f64) -> f64 {
    // The standard normal always exists.
    Normal::new(0.0, 1.0)
        .map(|n| n.inverse_cdf(0.5 + confidence / 2.0))
        .unwrap_or(f64::NAN)
}

/// The Wilson score interval for `yes` of `n` with normal quantile `z`, in percent:
/// [lower, upper]. `None` when nothing was answered.
pub fn wilson(yes: u32, n: u32, z: f64) -> Option<[f64; 2]> {
    if n == 0 {
        return None;
    }
    let (n, p, z2) = (f64::from(n), f64::from(yes) / f64::from(n), z * z);
    let centre = (p + z2 / (2.0 * n)) / (1.0 + z2 / n);
    let half = z * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt() / (1.0 + z2 / n);
    Some([
        100.0 * (centre - half).max(0.0),
        100.0 * (centre + half).min(1.0),
    ])
}

/// The likelihood-ratio chi-square test (G-test) on a groups × yes/no table, given each
/// group's (yes, answered): the same test as a logistic regression with the grouping as its
/// only predictor against none. Groups with no answers take no part. The p-value, or `None`
/// when fewer than two groups have answers.
pub fn likelihood_ratio_p(groups: &[(u32, u32)]) -> Option<f64> {
    let answered: Vec<(f64, f64)> = groups
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|&(yes, n)| (f64::from(yes), f64::from(n)))
        .collect();
    if answered.len() < 2 {
        return None;
    }
    let total: f64 = answered.iter().map(|(_, n)| n).sum();
    let total_yes: f64 = answered.iter().map(|(y, _)| y).sum();
    let rate = total_yes / total;
    // O ln(O / E), with 0 ln 0 = 0.
    let term = |observed: f64, expected: f64| {
        if observed > 0.0 {
            observed * (observed / expected).ln()
        } else {
            0.0
        }
    };
    let g: f64 = 2.0
        * answered
            .iter()
            .map(|&(y, n)| term(y, n * rate) + term(n - y, n * (1.0 - rate)))
            .sum::<f64>();
    let df = (answered.len() - 1) as f64;
    let chi = ChiSquared::new(df).ok()?;
    Some(chi.sf(g.max(0.0)).clamp(0.0, 1.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn the_95_quantile_is_the_textbook_one() {
        assert!(close(z_for(0.95), 1.959_963_984_540_054));
        assert!(close(z_for(0.80), 1.281_551_565_544_600_4));
    }

    #[test]
    fn a_two_by_two_table_gives_the_closed_form_p_value() {
        // 10 of 30 yes against 20 of 30: G = 6.795961…; with one degree of freedom the
        // p-value is erfc(sqrt(G / 2)) = 0.0091364….
        let g: f64 =
            2.0 * (2.0 * 10.0 * (10.0f64 / 15.0).ln() + 2.0 * 20.0 * (20.0f64 / 15.0).ln());
        let p = likelihood_ratio_p(&[(10, 30), (20, 30)]).unwrap();
        assert!((g - 6.795_961_471_815_89).abs() < 1e-9, "{g}");
        assert!((p - 0.009_136_430_620_696_662).abs() < 1e-9, "{p}");
    }

    #[test]
    fn three_groups_give_the_closed_form_p_value() {
        // With two degrees of freedom the p-value is exp(-G / 2).
        let groups = [(5, 20), (10, 20), (15, 20)];
        let expected_yes = 10.0f64;
        let g: f64 = 2.0
            * [(5.0f64, 15.0f64), (10.0, 10.0), (15.0, 5.0)]
                .iter()
                .map(|&(y, n)| y * (y / expected_yes).ln() + n * (n / expected_yes).ln())
                .sum::<f64>();
        let p = likelihood_ratio_p(&groups).unwrap();
        assert!(close(p, (-g / 2.0).exp()), "{p} vs {}", (-g / 2.0).exp());
    }

    #[test]
    fn identical_groups_do_not_differ_and_one_group_is_no_test() {
        assert!(close(
            likelihood_ratio_p(&[(5, 10), (10, 20)]).unwrap(),
            1.0
        ));
        assert_eq!(likelihood_ratio_p(&[(5, 10), (0, 0)]), None);
    }

    #[test]
    fn the_wilson_interval_in_closed_form() {
        // None of 10 at 95%: from 0 to z² / (n + z²) = 27.75%.
        let z = z_for(0.95);
        let [lo, hi] = wilson(0, 10, z).unwrap();
        assert!(
            close(lo, 0.0) && close(hi, 100.0 * z * z / (10.0 + z * z)),
            "{lo} {hi}"
        );
        assert!((hi - 27.753).abs() < 1e-3, "{hi}");
        // Half of n is centred on 50%.
        let [lo, hi] = wilson(20, 40, z).unwrap();
        assert!(close(lo + hi, 100.0));
    }
}
