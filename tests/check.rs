//! Check stage: every bundled ruleset checks clean, and every bad rule file in
//! tests/check/err gets the diagnostics snapshotted beside it (all problems, in one run).

use crate::common;

use std::path::Path;

use common::relative;

use ratebook::check_rules;
use ratebook::diagnostic::Source;

fn check_file(path: &Path) -> Result<String, String> {
    let text = std::fs::read_to_string(path).expect("test file is readable");
    match check_rules(Source::new(relative(path), text)) {
        Ok((rules, warnings)) => Ok(format!(
            "{}\n{}",
            warnings.render(false, 100),
            ratebook::report::check_summary(&rules.source.name, &rules.framework)
        )),
        Err(problems) => Err(problems.render(false, 100)),
    }
}

#[test]
fn every_bundled_ruleset_checks_clean() {
    for name in common::BUNDLED {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("rules/{name}.rules"));
        let summary = check_file(&path).unwrap_or_else(|e| panic!("{name} has problems:\n{e}"));
        assert!(
            summary
                .trim_start()
                .starts_with(&format!("rules/{name}.rules: ok")),
            "{summary}"
        );
        insta::assert_snapshot!(name, summary.trim());
    }
}

#[test]
fn bad_rule_files_are_refused_with_every_problem_shown() {
    insta::glob!("check/err/*.rules", |path| {
        let rendered = check_file(path).expect_err("a file in check/err must not check clean");
        insta::assert_snapshot!(rendered);
    });
}

#[test]
fn warnings_do_not_stop_a_rule_file() {
    insta::glob!("check/warn/*.rules", |path| {
        let rendered = check_file(path).expect("a file in check/warn checks, with warnings");
        assert!(rendered.contains('⚠'), "expected a warning:\n{rendered}");
        insta::assert_snapshot!(rendered);
    });
}

#[test]
fn the_2021_ruleset_keeps_resettlement_out_of_the_score() {
    let (rules, _) = ratebook::load_rules(Path::new("rules/hmip-youth-2021.rules")).unwrap();
    let resettlement = rules.framework.standard("4.1").unwrap();
    assert!(!resettlement.scored);
    assert!(resettlement.may_be_unrated);
    assert_eq!(rules.framework.scored_count(), 12);
    assert!(rules.framework.standard("3.4").unwrap().is_judged());
}

#[test]
fn the_2018_and_2019_rulesets_differ_only_in_wording() {
    let (old, _) = ratebook::load_rules(Path::new("rules/hmip-youth-2018.rules")).unwrap();
    let (new, _) = ratebook::load_rules(Path::new("rules/hmip-youth-2019.rules")).unwrap();
    let shape = |f: &ratebook::framework::Framework| {
        f.standards()
            .map(|(_, s)| {
                let questions: Vec<_> = s
                    .questions()
                    .iter()
                    .map(|q| (q.id.clone(), q.sample_text.clone()))
                    .collect();
                (s.id.clone(), s.is_judged(), s.scored, questions)
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(shape(&old.framework), shape(&new.framework));
    let planning =
        |f: &ratebook::framework::Framework| f.standard("3.3").unwrap().questions()[0].text.clone();
    assert_eq!(
        planning(&old.framework),
        "Does the implementation and delivery of services effectively support the child or young person's desistance?"
    );
    assert_eq!(
        planning(&new.framework),
        "Does service delivery support the child's desistance?"
    );
}

#[test]
fn a_byte_order_mark_before_the_header_is_not_part_of_the_rules() {
    let text = std::fs::read_to_string("tests/check/ok_minimal.rules").unwrap();
    let with_mark = format!("\u{feff}{text}");
    let checked = check_rules(Source::new("with a byte-order mark", with_mark));
    assert!(
        checked.is_ok(),
        "{}",
        checked.err().unwrap().render(false, 100)
    );
}

#[test]
fn a_filter_at_the_nesting_limit_checks_and_rates() {
    let text = std::fs::read_to_string("tests/check/ok_minimal.rules").unwrap();
    let deepest = text.replace(
        "where disposal in [referral_order, custody]",
        &format!(
            "where {}disposal = custody{}",
            "(".repeat(100),
            ")".repeat(100)
        ),
    );
    let (rules, _) = check_rules(Source::new("deepest", deepest))
        .unwrap_or_else(|p| panic!("{}", p.render(false, 100)));
    assert_eq!(
        rules.framework.domains[0].population_text.as_deref(),
        Some("disposal = custody")
    );
}

/// An empty optional field passes no comparison: `!=` and `not in` alike; only an explicit
/// `not (…)` turns the failed comparison into a pass.
#[test]
fn an_empty_optional_field_fails_not_equal_and_not_in_alike() {
    let text = std::fs::read_to_string("tests/check/ok_minimal.rules").unwrap();
    let population = |filter: &str| {
        let rules = text.replace(
            "where disposal in [referral_order, custody]",
            &format!("where {filter}"),
        );
        let (checked, _) = check_rules(Source::new("filter", rules))
            .unwrap_or_else(|p| panic!("{}", p.render(false, 100)));
        checked.framework.domains[0].population.clone().unwrap()
    };
    // disposal, rosh, age, looked_after: looked_after left empty.
    let empty = [
        Some(ratebook::framework::Value::Choice(0)),
        Some(ratebook::framework::Value::Choice(0)),
        None,
        None,
    ];
    assert!(!population("looked_after != yes").matches(&empty));
    assert!(!population("looked_after not in [yes]").matches(&empty));
    assert!(!population("looked_after in [yes, no]").matches(&empty));
    assert!(population("not (looked_after = yes)").matches(&empty));
    assert!(population("not (looked_after in [yes])").matches(&empty));
}

/// A rule file of many copies of the 2019 ruleset's domains checks clean when each copy takes
/// its own cases; when every copy takes the same cases, each domain that overlaps earlier ones
/// is one problem naming how many, not one problem a pair.
#[test]
fn copied_domains_check_and_their_overlaps_are_one_problem_a_domain() {
    let base = std::fs::read_to_string("rules/hmip-youth-2019.rules").unwrap();
    let clean = ratebook::generate::large_rules(&base, 10, false);
    let (rules, _) = ratebook::check_rules(ratebook::diagnostic::Source::new("ten.rules", clean))
        .unwrap_or_else(|p| panic!("{}", p.render(false, 100)));
    assert_eq!(rules.framework.domains.len(), 30);

    let overlapping = ratebook::generate::large_rules(&base, 10, true);
    let problems =
        ratebook::check_rules(ratebook::diagnostic::Source::new("same.rules", overlapping))
            .unwrap_err();
    // 20 rated domains: each after the first of its kind overlaps those before it.
    assert_eq!(problems.errors(), 18);
    let rendered = common::unwrapped(&problems.render(false, 100));
    assert!(
        rendered.contains(
            "a case can belong to both domain 102 and domain 1002; domain 1002 shares cases with domains 202, 302, 402, 502, 602, 702, 802, 902 too"
        ),
        "{rendered}"
    );
}
