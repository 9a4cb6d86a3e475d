//! `ratebook compare` as methodology staff use it: each example scheme against the 2019
//! ruleset on the two published inspections, the bundled revisions side by side, panel
//! decisions applied where each ruleset allows them, and an inspection a variant cannot rate
//! kept in the output with the reason.

use crate::common;

use std::process::Output;

use common::{ratebook, text};

const PUBLISHED: [&str; 2] = [
    "tests/published/hounslow-2019/inspection.toml",
    "tests/published/luton-2020/inspection.toml",
];

fn compare(rules: &[&str], extra: &[&str]) -> Output {
    let mut args = vec!["compare"];
    for r in rules {
        args.extend(["--rules", r]);
    }
    args.extend(extra);
    args.extend(PUBLISHED);
    ratebook(&args)
}

#[test]
fn each_example_scheme_against_the_2019_ruleset_on_the_published_inspections() {
    for scheme in common::SCHEMES {
        let path = format!("examples/schemes/{scheme}.rules");
        let out = compare(&["rules/hmip-youth-2019.rules", &path], &[]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{}",
            common::unwrapped(&text(&out.stderr))
        );
        assert_eq!(
            out.stdout,
            compare(&["rules/hmip-youth-2019.rules", &path], &[]).stdout
        );
        insta::assert_snapshot!(format!("scheme-{scheme}"), text(&out.stdout));
    }
}

#[test]
fn the_youth_revisions_2018_2019_and_2021_side_by_side() {
    let rules = [
        "rules/hmip-youth-2018.rules",
        "rules/hmip-youth-2019.rules",
        "rules/hmip-youth-2021.rules",
    ];
    let out = compare(&rules, &[]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        common::unwrapped(&text(&out.stderr))
    );
    insta::assert_snapshot!("revisions", text(&out.stdout));

    let json = compare(&rules, &["--format", "json"]);
    let doc: serde_json::Value = serde_json::from_slice(&json.stdout).expect("one JSON object");
    assert_eq!(doc["basis"], "cases");
    assert_eq!(doc["rulesets"].as_array().unwrap().len(), 3);
    let luton = &doc["inspections"][1];
    assert_eq!(luton["provider"], "Luton Youth Offending Service");
    assert_eq!(luton["results"].as_array().unwrap().len(), 3);
    assert_eq!(
        luton["results"][1]["overall"]["rating"],
        "Requires improvement"
    );
    // 2021: 3.4 is judged, and Luton's inspection file gives no judgement for it.
    assert!(
        luton["results"][2]["error"].is_string(),
        "{}",
        luton["results"][2]
    );
    for key in [
        "inspections",
        "overall_changed",
        "overall_up",
        "overall_down",
        "standards_changed",
    ] {
        assert!(doc["summary"][key].is_number(), "summary.{key}");
    }
    assert!(doc["summary"]["overall_transitions"].is_array());
}

#[test]
fn recorded_decisions_apply_where_each_ruleset_allows_them_and_are_listed_where_refused() {
    let rules = [
        "rules/hmip-youth-2019.rules",
        "examples/schemes/higher-thresholds.rules",
    ];
    let out = compare(&rules, &["--with-decisions", "--format", "json"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        common::unwrapped(&text(&out.stderr))
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["basis"], "decisions");
    let luton = &doc["inspections"][1]["results"];
    // Under 2019 the panel raised 2.1 and 3.3 to Good, as published: 16 of 36.
    assert_eq!(luton[0]["overall"]["score"], 16);
    assert!(luton[0].get("refused").is_none());
    // Under the higher thresholds, 2.1's lowest percentage (62%) is 7 points under Good's new
    // boundary (70%), so raising it to Good is refused and listed.
    let refused = luton[1]["refused"]
        .as_array()
        .expect("refused decisions are listed");
    assert!(
        refused.iter().any(|r| r.as_str().unwrap().contains("2.1")),
        "{refused:?}"
    );
}

#[test]
fn an_inspection_a_variant_cannot_rate_is_reported_not_dropped() {
    let rules = [
        "rules/hmip-youth-2019.rules",
        "tests/variant/ok/needs_a_new_column.rules",
    ];
    let out = compare(&rules, &[]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        common::unwrapped(&text(&out.stderr))
    );
    let stdout = common::unwrapped(&text(&out.stdout));
    assert_eq!(stdout.matches("not rated: ").count(), 2, "{stdout}");
    assert!(stdout.contains("2.1.4"), "{stdout}");
    assert!(stdout.contains("2 not rated"), "{stdout}");
    assert!(common::unwrapped(&text(&out.stderr)).contains("could not be rated"));
}

#[test]
fn csv_has_one_row_per_inspection_standard_and_ruleset() {
    let rules = [
        "rules/hmip-youth-2019.rules",
        "examples/schemes/mean-of-questions.rules",
    ];
    let out = compare(&rules, &["--format", "csv"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        common::unwrapped(&text(&out.stderr))
    );
    let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
    let headers = reader.headers().unwrap().clone();
    let columns: Vec<&str> = headers.iter().collect();
    assert_eq!(columns, ratebook::report::compare::COMPARE_CSV_COLUMNS);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    // 2 inspections × 2 rulesets × (12 standards + overall).
    assert_eq!(rows.len(), 2 * 2 * 13);
    let luton_overall = rows
        .iter()
        .find(|r| r[0].contains("luton") && &r[2] == "1" && &r[6] == "overall")
        .unwrap();
    assert_eq!(&luton_overall[7], "Good");
    assert_eq!(&luton_overall[11], "yes", "changed from the first ruleset");
    // The first ruleset is the one the others are compared with: it changes from nothing.
    let first = rows.iter().find(|r| &r[2] == "0").unwrap();
    assert_eq!(&first[11], "");
}

#[test]
fn compare_needs_two_rulesets() {
    let out = compare(&["rules/hmip-youth-2019.rules"], &[]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
}

#[test]
fn warnings_from_reading_an_inspection_under_a_ruleset_are_shown() {
    // The 2021 ruleset has no 3.4 key questions, so Luton's 3.4.1 and 3.4.2 columns are
    // not read under it; 2019 cannot rate the 2021-style inspection at all.
    let out = ratebook(&[
        "compare",
        "--rules",
        "rules/hmip-youth-2019.rules",
        "--rules",
        "rules/hmip-youth-2021.rules",
        "tests/inspection/revisions/resettlement-inadequate/inspection.toml",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        common::unwrapped(&text(&out.stderr))
    );
    let stderr = common::unwrapped(&text(&out.stderr));
    assert!(
        stderr.contains("could not be rated under rules/hmip-youth-2019.rules"),
        "{stderr}"
    );
    assert!(
        stderr.contains("under rules/hmip-youth-2021.rules"),
        "{stderr}"
    );
    assert!(stderr.contains("unknown column `3.4.1`"), "{stderr}");
}

#[test]
fn a_folder_stands_for_every_inspection_file_in_it() {
    let rules = [
        "rules/hmip-youth-2019.rules",
        "examples/schemes/higher-thresholds.rules",
    ];
    let mut args = vec!["compare"];
    for r in rules {
        args.extend(["--rules", r]);
    }
    // The inspections are one folder down, beside TOML files of published figures.
    let folder = ratebook(&[args.as_slice(), &["tests/published"]].concat());
    assert_eq!(
        folder.status.code(),
        Some(0),
        "{}",
        common::unwrapped(&text(&folder.stderr))
    );
    let files = [
        "tests/published/hounslow-2019/inspection.toml",
        "tests/published/luton-2020/inspection.toml",
    ];
    let file = ratebook(&[args.as_slice(), &files].concat());
    assert_eq!(folder.stdout, file.stdout);
    assert!(
        common::unwrapped(&text(&folder.stderr)).contains("warning: skipped 2 files, each a TOML file that names no cases file (`cases = …`), so not an inspection: tests/published/hounslow-2019/published.toml, tests/published/luton-2020/published.toml"),
        "{}",
        text(&folder.stderr)
    );
    // A folder with no inspection files in it is a usage error, not an empty comparison.
    let empty = ratebook(&[args.as_slice(), &["examples/schemes"]].concat());
    assert_eq!(empty.status.code(), Some(2));
    assert!(empty.stdout.is_empty());
    assert!(common::unwrapped(&text(&empty.stderr)).contains("holds no inspection files"));
}
