//! The overall rating at its edges: weights (a standard's own over its domain's), a standard
//! that is not scored, and limiters applied in the order written — each just holding and just
//! failing. Ratings are given as judgements, so each case is one line.

use crate::common;

use std::collections::BTreeMap;
use std::path::PathBuf;

use ratebook::diagnostic::Source;
use ratebook::inspection::{Inspection, Judgement};
use ratebook::rate::rate;
use ratebook::report::json::rating::Overall;

/// The overall result when 1.1, 1.2, 1.3, 2.1 and 2.2 are judged these ratings.
fn overall(ratings: [&str; 5]) -> Overall {
    let rules = common::rules("tests/overall/judged.rules");
    let f = &rules.framework;
    let judged = ["1.1", "1.2", "1.3", "2.1", "2.2"]
        .iter()
        .zip(ratings)
        .map(|(id, label)| {
            let rating = f.scale.find(label).expect("a label on the scale");
            (id.to_string(), Judgement { rating, line: 1 })
        })
        .collect::<BTreeMap<_, _>>();
    let inspection = Inspection {
        provider: "Edges".into(),
        source: Source::new("edges.toml", ""),
        cases_path: PathBuf::from("edges.csv"),
        published: Default::default(),
        judged,
        decisions: vec![],
        cases: vec![],
    };
    let result = rate(f, &inspection).expect("rates");
    Overall::of(&rules, &result)
}

/// The limiters that lowered the rating, each as `from → to`.
fn lowered(o: &Overall) -> Vec<String> {
    o.limiters
        .iter()
        .filter(|l| l.applied)
        .map(|l| format!("{} → {}", l.from, l.to))
        .collect()
}

const O: &str = "Outstanding";
const G: &str = "Good";
const RI: &str = "Requires improvement";
const I: &str = "Inadequate";

#[test]
fn a_standards_own_weight_wins_over_its_domains_and_an_unscored_one_adds_nothing() {
    // 1 + 1 + 1 + 3 × 3 = 12 of 18; 2.2 counts for nothing.
    let o = overall([RI, RI, RI, O, O]);
    assert_eq!((o.score, o.max), (12, 18));
    let o = overall([RI, RI, RI, O, G]);
    assert_eq!((o.score, o.max), (12, 18));
}

#[test]
fn two_inadequate_standards_cap_the_rating_and_one_does_not() {
    // One Inadequate: 0 + 3 + 3 + 9 = 15, Outstanding banded; the cap needs two, but a
    // standard below Good fails `Outstanding only when`, which lowers it to Good.
    let one = overall([I, O, O, O, O]);
    assert_eq!((one.score, one.banded_rating.as_deref()), (15, Some(O)));
    assert_eq!(one.rating, G);
    assert_eq!(lowered(&one), ["Outstanding → Good"]);
    // Two Inadequate: 0 + 0 + 3 + 9 = 12, Good banded, capped at Requires improvement.
    let two = overall([I, I, O, O, O]);
    assert_eq!((two.score, two.rating.as_str()), (12, RI));
    assert_eq!(lowered(&two), ["Good → Requires improvement"]);
}

#[test]
fn a_standard_that_is_not_scored_still_counts_for_a_limiter() {
    // 18 of 18, Outstanding by the bands; 2.2 Requires improvement caps it at Good, and then
    // `Outstanding only when` has nothing to lower.
    let o = overall([O, O, O, O, RI]);
    assert_eq!((o.score, o.rating.as_str()), (18, G));
    assert_eq!(lowered(&o), ["Outstanding → Good"]);
    assert!(
        o.limiters[1]
            .because
            .contains("1 standard in domain 2 is Requires improvement or below (2.2)")
    );
    assert!(
        o.limiters[2]
            .because
            .starts_with("does not hold, but the rating is Good")
    );
}

#[test]
fn outstanding_needs_two_outstanding_standards_and_none_below_good() {
    // Two Outstanding, the rest Good: 3 + 3 + 2 + 2 × 3 = 14, Good by the bands already.
    assert_eq!(overall([O, O, G, G, G]).rating, G);
    // 2 + 2 + 2 + 9 = 15: Outstanding banded, but only 2.1 (and 2.2) are Outstanding.
    let just_one = overall([G, G, G, O, G]);
    assert_eq!(just_one.score, 15);
    assert_eq!(lowered(&just_one), ["Outstanding → Good"]);
    // 3 + 2 + 2 + 9 = 16, with 1.1 and 2.1 Outstanding and none below Good: kept.
    let kept = overall([O, G, G, O, G]);
    assert_eq!((kept.score, kept.rating.as_str()), (16, O));
    assert!(lowered(&kept).is_empty());
    assert!(kept.limiters[2].because.starts_with("holds"));
}
