//! The cross-programme snapshot suite: every bundled ruleset (youth revisions and the adult
//! programmes) as `show` and `doc` print it, what differs between the programmes, and every
//! bundled inspection's ratings under every ruleset that can rate it. A change of the language
//! or of a ruleset shows here as a snapshot diff to review. Beside them, properties every
//! bundled ruleset must have: its overall bands cover exactly 0 to the maximum score, and
//! every band set covers 0–100 once.

use crate::common;

use std::path::Path;

use common::{BUNDLED, INSPECTIONS, ratebook, rules, text};
use proptest::prelude::*;
use ratebook::framework::{Banding, Fraction, band_index};

fn path(name: &str) -> String {
    format!("rules/{name}.rules")
}

#[test]
fn every_bundled_ruleset_as_show_and_doc_print_it() {
    for name in BUNDLED {
        let shown = ratebook(&["show", &path(name)]);
        assert!(
            shown.status.success(),
            "{name}: {}",
            common::unwrapped(&text(&shown.stderr))
        );
        insta::assert_snapshot!(format!("show-{name}"), text(&shown.stdout));
        let doc = ratebook(&["doc", &path(name)]);
        assert!(
            doc.status.success(),
            "{name}: {}",
            common::unwrapped(&text(&doc.stderr))
        );
        insta::assert_snapshot!(format!("doc-{name}"), text(&doc.stdout));
    }
}

#[test]
fn what_differs_between_the_youth_and_adult_programmes() {
    for (from, to) in [
        ("hmip-youth-2019", "hmip-adult-2018-nps"),
        ("hmip-adult-2018-nps", "hmip-adult-2018-crc"),
        ("hmip-adult-2018-nps", "hmip-pdu-2021"),
    ] {
        let out = ratebook(&["diff", &path(from), &path(to)]);
        assert!(
            out.status.success(),
            "{from} → {to}: {}",
            common::unwrapped(&text(&out.stderr))
        );
        insta::assert_snapshot!(format!("diff-{from}-to-{to}"), text(&out.stdout));
    }
}

/// Every inspection file under examples/ and tests/, in name order, but for those kept to be
/// refused (tests/inspection/err and refused, whose snapshots are their diagnostics).
fn every_inspection() -> Vec<String> {
    fn walk(dir: &Path, found: &mut Vec<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let shown = path.display().to_string();
            if path.is_dir()
                && !shown.ends_with("inspection/err")
                && !shown.ends_with("inspection/refused")
            {
                walk(&path, found);
            } else if path.file_name().is_some_and(|n| n == "inspection.toml") {
                found.push(shown);
            }
        }
    }
    let mut found = vec![];
    walk(Path::new("examples"), &mut found);
    walk(Path::new("tests"), &mut found);
    found.sort();
    for bundled in INSPECTIONS {
        assert!(found.iter().any(|f| f == bundled), "{bundled}");
    }
    found
}

/// Each ruleset's ratings of every example and test inspection it can rate, in the snapshot
/// file's form, and a line for each it cannot rate saying why.
#[test]
fn every_bundled_inspection_under_every_ruleset_that_can_rate_it() {
    let inspections = every_inspection();
    for name in BUNDLED {
        let rules = rules(&path(name));
        let mut rated = vec![];
        let mut cannot = String::new();
        for inspection in &inspections {
            let outcome = ratebook::inspection::load(&rules.framework, Path::new(inspection))
                .and_then(|(loaded, _)| ratebook::rate::rate(&rules.framework, &loaded));
            match outcome {
                Ok(result) => rated.push(result),
                Err(problems) => cannot.push_str(&format!(
                    "# cannot rate {inspection}: {} problem(s), the first: {}\n",
                    problems.errors(),
                    problems.messages()[0]
                )),
            }
        }
        assert!(
            !rated.is_empty(),
            "{name} rates none of the bundled inspections"
        );
        let rated: Vec<_> = rated.iter().map(|r| (r, &[][..])).collect();
        let entries = ratebook::analysis::snapshot::entries(&rules.framework.scale, &rated);
        let snapshot = ratebook::analysis::snapshot::render(&path(name), &entries);
        insta::assert_snapshot!(format!("ratings-{name}"), format!("{snapshot}\n{cannot}"));
    }
}

/// Every bundled ruleset, checked once for all the cases a property test tries.
fn frameworks() -> &'static [ratebook::framework::Framework] {
    static CHECKED: std::sync::OnceLock<Vec<ratebook::framework::Framework>> =
        std::sync::OnceLock::new();
    CHECKED.get_or_init(|| BUNDLED.iter().map(|n| rules(&path(n)).framework).collect())
}

proptest! {
    #[test]
    fn every_percentage_falls_in_exactly_one_band_of_every_band_set(
        num in 0u128..=1_000_000, den in 1u128..=10_000
    ) {
        // Any exact percentage from 0 to 100, rounded or not.
        let value = Fraction { num: num.min(100 * den), den };
        for framework in frameworks() {
            for set in &framework.band_sets {
                let banded = set.banded(value);
                let containing = set.bands.iter().filter(|b| {
                    let above = banded.cmp_whole(b.lower.at).is_ge();
                    let below = match banded.cmp_whole(b.upper.at) {
                        std::cmp::Ordering::Less => true,
                        std::cmp::Ordering::Equal => b.upper.inclusive,
                        std::cmp::Ordering::Greater => false,
                    };
                    above && below
                }).count();
                prop_assert_eq!(containing, 1, "{} {}: {}/{}", framework.name, set.name, num, den);
                // The interpreter's lookup finds that band.
                let found = &set.bands[band_index(&set.bands, banded)];
                prop_assert!(banded.cmp_whole(found.lower.at).is_ge());
            }
        }
    }
}

#[test]
fn the_overall_bands_cover_exactly_0_to_the_maximum_score() {
    for framework in frameworks() {
        let Banding::Scores(bands) = &framework.overall.banding else {
            continue;
        };
        let max = framework.max_score();
        for score in 0..=max {
            let covering = bands
                .iter()
                .filter(|b| b.from <= score && score <= b.to)
                .count();
            assert_eq!(covering, 1, "{} score {score}", framework.name);
        }
        assert_eq!(bands.first().map(|b| b.from), Some(0), "{}", framework.name);
        assert_eq!(bands.last().map(|b| b.to), Some(max), "{}", framework.name);
    }
}
