//! Stability: resampling is reproducible for a fixed seed, and a rating that no resample can
//! move (every answer yes) is kept in 100% of resamples.

use std::path::Path;

use ratebook::Rules;
use ratebook::analysis::stability::{Options, Stability, stability};
use ratebook::inspection::{Answer, Inspection};

fn luton() -> (Rules, Inspection) {
    let (rules, _) = ratebook::load_rules(Path::new("rules/hmip-youth-2019.rules")).unwrap();
    let (inspection, _) = ratebook::inspection::load(
        &rules.framework,
        Path::new("tests/published/luton-2020/inspection.toml"),
    )
    .unwrap();
    (rules, inspection)
}

fn resample(rules: &Rules, inspection: &Inspection, resamples: u32, seed: u64) -> Stability {
    stability(
        &rules.framework,
        inspection,
        Options { resamples, seed },
        |_| {},
    )
    .unwrap()
}

#[test]
fn the_same_seed_gives_the_same_result() {
    let (rules, inspection) = luton();
    let first = serde_json::to_string(&resample(&rules, &inspection, 200, 7)).unwrap();
    let again = serde_json::to_string(&resample(&rules, &inspection, 200, 7)).unwrap();
    assert_eq!(first, again);
    let other = serde_json::to_string(&resample(&rules, &inspection, 200, 8)).unwrap();
    assert_ne!(first, other, "another seed draws other resamples");
}

#[test]
fn every_answer_yes_keeps_every_rating_in_every_resample() {
    let (rules, mut inspection) = luton();
    // The panel's decisions belong to Luton's real answers, not to these.
    inspection.decisions.clear();
    for case in &mut inspection.cases {
        let no: Vec<String> = case
            .answers
            .iter()
            .filter(|(_, a)| *a == Answer::No)
            .map(|(column, _)| column.to_string())
            .collect();
        for column in no {
            case.answers.insert(&column, Answer::Yes);
        }
    }
    let result = resample(&rules, &inspection, 200, 1);
    for standard in result
        .standards
        .iter()
        .filter(|s| s.rated_from == ratebook::report::json::rating::RatedFrom::Cases)
    {
        assert_eq!(
            standard.rating.as_deref(),
            Some("Outstanding"),
            "{}",
            standard.id
        );
        assert_eq!(standard.kept, 1.0, "{}", standard.id);
    }
    assert_eq!(result.overall.kept, 1.0);
    assert_eq!(result.unrated_resamples, 0);
}

#[test]
fn ratings_are_compared_before_discretion() {
    let (rules, inspection) = luton();
    let result = resample(&rules, &inspection, 50, 1);
    let assessment = result.standards.iter().find(|s| s.id == "2.1").unwrap();
    // The panel raised 2.1 to Good; the cases give Requires improvement.
    assert_eq!(assessment.rating.as_deref(), Some("Requires improvement"));
    assert_eq!(result.overall.score, 14);
}

#[test]
fn luton_2020_stability_reads_as_a_table() {
    let (rules, inspection) = luton();
    let result = resample(&rules, &inspection, 500, 1);
    insta::assert_snapshot!(ratebook::report::stability::stability_table(
        &rules, &result
    ));
}

#[test]
fn a_decision_the_rules_refuse_is_refused_here_too() {
    // Stability compares ratings before discretion, but a bad decision is still bad input.
    let (rules, _) = ratebook::load_rules(Path::new("rules/hmip-youth-2019.rules")).unwrap();
    let (inspection, _) = ratebook::inspection::load(
        &rules.framework,
        Path::new("tests/inspection/refused/planning_is_not_eligible/inspection.toml"),
    )
    .unwrap();
    let options = Options {
        resamples: 10,
        seed: 1,
    };
    let problems = stability(&rules.framework, &inspection, options, |_| {}).expect_err("refused");
    assert!(
        problems
            .render(false, 100)
            .contains("refused: standard 2.2 (Inadequate) is not eligible")
    );
}

#[test]
fn each_standard_of_its_own_sample_is_resampled_on_its_own() {
    let (rules, _) = ratebook::load_rules(Path::new("rules/hmip-adult-2018-crc.rules")).unwrap();
    let (inspection, _) = ratebook::inspection::load(
        &rules.framework,
        Path::new("examples/adult/crc/inspection.toml"),
    )
    .unwrap();
    // Supervision cases for domain 2; domain 4's unpaid work and Through the Gate cases apart,
    // so that every resample keeps 10 unpaid work and 8 Through the Gate cases.
    let sizes: Vec<usize> = ratebook::analysis::stability::samples(&rules.framework, &inspection)
        .iter()
        .map(Vec::len)
        .collect();
    assert_eq!(sizes, [20, 10, 8]);
    let s = resample(&rules, &inspection, 200, 7);
    assert_eq!(s.unrated_resamples, 0);
}
