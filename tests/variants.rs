//! Variant stage: a rule file `based on` another holds only what changes. Merged frameworks
//! are snapshotted as `show` prints them; diagnostics point into the file that holds the
//! problem, base or variant; a variant that changes nothing rates exactly as its base; and
//! every bundled ruleset and example scheme prints as a rule file that checks clean, prints
//! the same again, and rates the same.

use crate::common;

use std::path::{Path, PathBuf};

use common::{relative, rules};

use ratebook::diagnostic::Source;
use ratebook::syntax::print;
use ratebook::{Rules, check_rules};

/// Every inspection the tests rate: the examples and the published reproductions.
fn inspections() -> Vec<PathBuf> {
    common::INSPECTIONS.iter().map(PathBuf::from).collect()
}

/// The `inspections` part of the rating JSON (the ruleset's path differs between files).
fn ratings(rules: &Rules, inspection: &Path) -> Option<String> {
    let (loaded, _) = ratebook::inspection::load(&rules.framework, inspection).ok()?;
    let result = ratebook::rate::rate(&rules.framework, &loaded).ok()?;
    let doc: serde_json::Value =
        serde_json::from_str(&ratebook::report::json::rating_document(rules, &[result])).ok()?;
    Some(doc["inspections"].to_string())
}

#[test]
fn a_variant_that_changes_nothing_rates_exactly_as_its_base() {
    let base = rules("rules/hmip-youth-2019.rules");
    let variant = rules("tests/variant/ok/unchanged.rules");
    let mut rated = 0;
    for inspection in inspections() {
        let expected = ratings(&base, &inspection);
        rated += usize::from(expected.is_some());
        assert_eq!(ratings(&variant, &inspection), expected, "{inspection:?}");
    }
    assert!(rated >= 3, "the base rates the youth inspections");
}

#[test]
fn the_2021_variant_rates_exactly_as_the_2021_ruleset_written_in_full() {
    let variant = rules("rules/hmip-youth-2021.rules");
    let full = rules("tests/variant/ok/hmip-youth-2021-full.rules");
    let mut inspections = inspections();
    inspections.extend([
        PathBuf::from("tests/inspection/revisions/resettlement-inadequate/inspection.toml"),
        PathBuf::from("tests/inspection/revisions/resettlement-not-rated/inspection.toml"),
    ]);
    let mut rated = 0;
    for inspection in inspections {
        assert_eq!(
            ratings(&variant, &inspection),
            ratings(&full, &inspection),
            "{inspection:?}"
        );
        rated += usize::from(ratings(&full, &inspection).is_some());
    }
    assert!(
        rated >= 2,
        "the 2021 ruleset rates the revision inspections"
    );
    assert_eq!(
        print::rule_file(&variant.tree),
        print::rule_file(&full.tree),
        "show prints the same framework"
    );
}

#[test]
fn show_prints_a_rule_file_that_checks_clean_prints_the_same_and_rates_the_same() {
    let mut files: Vec<PathBuf> = ["rules", "examples/schemes"]
        .iter()
        .flat_map(|dir| std::fs::read_dir(dir).unwrap())
        .map(|entry| entry.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "rules"))
        .collect();
    files.push(PathBuf::from("tests/variant/ok/every_kind_of_edit.rules"));
    files.sort();
    assert!(files.len() >= 8, "{files:?}");
    for path in files {
        let original = rules(path.to_str().unwrap());
        let shown = print::rule_file(&original.tree);
        let reread = check_rules(Source::new(
            format!("shown {}", path.display()),
            shown.clone(),
        ))
        .unwrap_or_else(|p| panic!("{path:?} shown:\n{shown}\n{}", p.render(false, 100)))
        .0;
        assert_eq!(print::rule_file(&reread.tree), shown, "{path:?}");
        for inspection in inspections() {
            assert_eq!(
                ratings(&reread, &inspection),
                ratings(&original, &inspection),
                "{path:?} on {inspection:?}"
            );
        }
    }
}

#[test]
fn show_merges_every_kind_of_edit() {
    let edited = rules("tests/variant/ok/every_kind_of_edit.rules");
    insta::assert_snapshot!(print::rule_file(&edited.tree));
}

#[test]
fn problems_in_variants_and_their_bases_name_the_file_that_holds_them() {
    insta::glob!("variant/err/*.rules", |path| {
        let text = std::fs::read_to_string(path).unwrap();
        let problems = check_rules(Source::new(relative(path), text))
            .expect_err("a file in variant/err must not check clean");
        insta::assert_snapshot!(problems.render(false, 100));
    });
}

/// The variant the interface contract gives as its example, word for word.
const CONTRACT_EXAMPLE: &str = r#"framework "Youth 2019: higher thresholds" version "trial-1"
based on "hmip-youth-2019.rules"          # path relative to this file

replace bands sufficiency "case sufficiency" {
  percent rounded half up to whole
  below 55       Inadequate
  55 to 69       "Requires improvement"
  70 to 84       Good
  85 and above   Outstanding
}

replace overall {
  score is sum of standard scores
  0 to 6     Inadequate
  7 to 18    "Requires improvement"
  19 to 30   Good
  31 to 36   Outstanding
  at most "Requires improvement" when any standard is Inadequate
  at most Good when 2 or more standards are "Requires improvement" or below
  at most "Requires improvement" when any standard in domain 2 is Inadequate
  Outstanding only when 2 or more standards are Outstanding and none is below Good
}

remove standard 3.4
"#;

#[test]
fn the_contract_example_reads_and_its_arithmetic_is_checked() {
    let check = |text: &str| check_rules(Source::new("rules/contract-example.rules", text));
    // Every form reads. With 3.4 removed, eleven standards reach 33: the top band runs past it
    // (a warning), and with two standards Requires improvement or below the score is at most
    // 29, Good at best, so `at most Good when 2 or more …` could never lower a rating.
    let refused = check(CONTRACT_EXAMPLE).expect_err("the limiter can never apply");
    insta::assert_snapshot!(refused.render(false, 100));
    // With all twelve standards, two of them Requires improvement still leave 32, Outstanding.
    let twelve = CONTRACT_EXAMPLE.replace("remove standard 3.4\n", "");
    let (rules, warnings) = check(&twelve).unwrap_or_else(|p| panic!("{}", p.render(false, 100)));
    assert!(warnings.is_empty(), "{}", warnings.render(false, 100));
    assert_eq!(rules.framework.overall.limiters.len(), 4);
    assert_eq!(rules.framework.band_sets[0].bands[0].upper.at, 55);
}

#[test]
fn a_variant_held_in_memory_reads_its_bases_only_through_the_reader_it_is_given() {
    use std::cell::RefCell;
    let base = std::fs::read_to_string("rules/hmip-youth-2019.rules").unwrap();
    let asked = RefCell::new(vec![]);
    // An editor's open files: the base is in memory under a name that exists nowhere on disk.
    let files = |path: &Path| -> Result<String, String> {
        asked.borrow_mut().push(path.to_path_buf());
        match path.to_str() {
            Some("unsaved/base.rules") => Ok(base.clone()),
            _ => Err("not open in the editor".to_string()),
        }
    };
    let variant = "framework \"Trial\" version \"t1\"\nbased on \"base.rules\"\n";
    let (rules, _) =
        ratebook::check_rules_with(Source::new("unsaved/trial.rules", variant), &files).unwrap();
    assert_eq!(rules.framework.version, "t1");
    assert_eq!(*asked.borrow(), [PathBuf::from("unsaved/base.rules")]);

    // A base the reader does not have is a problem at the `based on` line, with its reason.
    let missing = "framework \"Trial\" version \"t1\"\nbased on \"gone.rules\"\n";
    let problems = ratebook::check_rules_with(Source::new("unsaved/trial.rules", missing), &files)
        .unwrap_err();
    let text = problems.render(false, 100);
    assert!(text.contains("unsaved/gone.rules"), "{text}");
    assert!(text.contains("not open in the editor"), "{text}");

    // A chain that comes back to itself is found by path alone.
    let looping = |_: &Path| -> Result<String, String> {
        Ok("framework \"Loop\" version \"1\"\nbased on \"./a.rules\"\n".to_string())
    };
    let problems = ratebook::check_rules_with(
        Source::new(
            "mem/a.rules",
            "framework \"A\" version \"1\"\nbased on \"a.rules\"\n",
        ),
        &looping,
    )
    .unwrap_err();
    assert!(
        problems
            .render(false, 100)
            .contains("mem/a.rules → mem/a.rules")
    );
}

/// The small edits change only the text or the prompt they name: standard 3.4 keeps its key
/// questions and prompts when its title and statement are given anew.
#[test]
fn small_edits_change_only_what_they_name() {
    let base = rules("rules/hmip-youth-2019.rules");
    let edited = rules("tests/variant/ok/small_edits.rules");
    let standard = |rules: &Rules, id: &str| {
        rules
            .framework
            .standards()
            .map(|(_, s)| s.clone())
            .find(|s| s.id == id)
            .unwrap()
    };
    let (before, after) = (standard(&base, "3.4"), standard(&edited, "3.4"));
    assert_eq!(after.title, "Out-of-court disposal policy and provision");
    assert_eq!(
        after.statement.as_deref(),
        Some("The policy is well-informed and personalised.")
    );
    let prompts = |s: &ratebook::framework::Standard| -> Vec<String> {
        s.questions()
            .iter()
            .flat_map(|q| q.prompts.iter().map(|p| p.id.clone()))
            .collect()
    };
    assert_eq!(prompts(&after), prompts(&before));
    assert_eq!(prompts(&after).len(), 8);

    let question = |rules: &Rules| standard(rules, "2.1").questions()[0].clone();
    let (before, after) = (question(&base), question(&edited));
    assert_eq!(
        after.text,
        "Does assessment sufficiently analyse how to support desistance?"
    );
    let ids = |q: &ratebook::framework::KeyQuestion| -> Vec<String> {
        q.prompts.iter().map(|p| p.id.clone()).collect()
    };
    let mut want = ids(&before);
    want.retain(|id| id != "2.1.1g");
    want.push("2.1.1h".into());
    assert_eq!(ids(&after), want);
    assert_eq!(
        after.prompts[0].text,
        "Is the assessment informed by the child's history?"
    );
    insta::assert_snapshot!(print::rule_file(&edited.tree));
}
