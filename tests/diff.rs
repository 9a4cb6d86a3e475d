//! `ratebook diff`: what differs between two rulesets, structurally, matched by id — across
//! the youth revisions, between the 2019 ruleset and each example scheme, and across
//! programmes — as text and JSON.

use crate::common;

use common::{ratebook, text};

fn diff(from: &str, to: &str, extra: &[&str]) -> String {
    let mut args = vec!["diff", from, to];
    args.extend(extra);
    let out = ratebook(&args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        common::unwrapped(&text(&out.stderr))
    );
    text(&out.stdout)
}

#[test]
fn the_youth_revisions_2018_to_2019_and_2019_to_2021() {
    let wording = diff(
        "rules/hmip-youth-2018.rules",
        "rules/hmip-youth-2019.rules",
        &[],
    );
    // The rating rules are identical; the wording, the prompts and the measures that pool
    // prompts (94 prompts and 5 measures) are not.
    assert!(
        wording.contains("99 added, 0 removed, 1 changed, 37 reworded"),
        "{wording}"
    );
    assert!(common::unwrapped(&wording).contains(
        "from: Does the implementation and delivery of services effectively support the child or young person's desistance? to:   Does service delivery support the child's desistance?"
    ));
    insta::assert_snapshot!("2018-to-2019", wording);

    let refresh = diff(
        "rules/hmip-youth-2019.rules",
        "rules/hmip-youth-2021.rules",
        &[],
    );
    assert!(refresh.contains("  3.4 rated: by lowest question using sufficiency → judged"));
    assert!(refresh.contains(
        "  4.1 added: \"Resettlement policy and provision\" (in domain 4), judged, not scored, may be unrated"
    ));
    insta::assert_snapshot!("2019-to-2021", refresh);
}

#[test]
fn each_example_scheme_against_the_2019_ruleset() {
    for scheme in common::SCHEMES {
        let path = format!("examples/schemes/{scheme}.rules");
        insta::assert_snapshot!(
            format!("scheme-{scheme}"),
            diff("rules/hmip-youth-2019.rules", &path, &[])
        );
    }
}

#[test]
fn across_frameworks_scale_fields_discretion_samples_and_weights() {
    let edited = diff(
        "tests/inspection/tiny.rules",
        "tests/variant/ok/every_kind_of_edit.rules",
        &[],
    );
    for expected in [
        "  Outstanding score: 3 → 4",
        "  removed: professional discretion",
        "  2.1.2 sample: rosh != low → rosh in [medium, high]",
        "  2.1 score: scored → scored, weight 2",
        "  maximum score: 6 → 16",
    ] {
        assert!(edited.contains(expected), "{expected}\n{edited}");
    }
    let programmes = diff(
        "tests/inspection/tiny.rules",
        "rules/hmip-youth-2019.rules",
        &[],
    );
    assert!(programmes.contains("  disposal type"), "{programmes}");
    assert!(
        programmes.contains("  rosh type: low | medium | high → low | medium | high | very_high")
    );
}

#[test]
fn a_ruleset_and_a_variant_that_changes_nothing_do_not_differ() {
    let same = diff(
        "rules/hmip-youth-2019.rules",
        "tests/variant/ok/unchanged.rules",
        &[],
    );
    assert!(same.ends_with("\nNo differences.\n"), "{same}");
}

#[test]
fn json_lists_each_change_with_both_sides() {
    let json = diff(
        "rules/hmip-youth-2019.rules",
        "rules/hmip-youth-2021.rules",
        &["--format", "json"],
    );
    let doc: serde_json::Value = serde_json::from_str(&json).expect("one JSON object");
    assert_eq!(doc["from"]["version"], "2019");
    assert_eq!(doc["to"]["path"], "rules/hmip-youth-2021.rules");
    let changes = doc["changes"].as_array().unwrap();
    let title = changes
        .iter()
        .find(|c| c["item"] == "3.4" && c["what"] == "title")
        .expect("3.4's title changes");
    assert_eq!(title["kind"], "changed");
    assert_eq!(title["from"], "Joint working");
    assert_eq!(title["to"], "Out-of-court disposal policy and provision");
    assert_eq!(doc["summary"]["removed"], 10);
}

#[test]
fn bad_rules_are_reported_and_nothing_is_written() {
    let out = ratebook(&[
        "diff",
        "rules/hmip-youth-2019.rules",
        "tests/check/err/band_gap.rules",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert!(
        common::unwrapped(&text(&out.stderr)).contains("leaves 61 to 64 percent without a band")
    );
}
